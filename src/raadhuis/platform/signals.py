"""Audit of platform records changed outside the services (admin edits of organisations,
users and memberships)."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from raadhuis.platform import audit, tenancy
from raadhuis.platform.models import Membership, Organisation


def _organisation_of(instance):
    return instance if isinstance(instance, Organisation) else instance.organisation


def _url(instance) -> str:
    return f"urn:raadhuis:{instance._meta.label_lower}:{instance.pk}"


# Receivers name their senders: a post_delete receiver for any model would make Django load
# every row of every cascading delete in Raadhuis instead of deleting it in one statement.


@receiver(pre_save, sender=Organisation)
@receiver(pre_save, sender=Membership)
def remember_old_values(sender, instance, **kwargs):
    if instance.pk:
        old = sender._base_manager.filter(pk=instance.pk).first()
        instance._audit_old = audit.snapshot(old) if old else None


@receiver(post_save, sender=Organisation)
@receiver(post_save, sender=Membership)
def audit_save(sender, instance, created, **kwargs):
    if kwargs.get("raw"):
        return
    with tenancy.system_scope():
        audit.record_change(
            organisation=_organisation_of(instance),
            bron="platform",
            actie="create" if created else "update",
            resource=sender._meta.model_name,
            resource_url=_url(instance),
            resource_weergave=str(instance),
            oud=None if created else getattr(instance, "_audit_old", None),
            nieuw=audit.snapshot(instance),
        )


@receiver(post_delete, sender=Membership)  # organisations are PROTECTed by their records
def audit_delete(sender, instance, **kwargs):
    with tenancy.system_scope():
        audit.record_change(
            organisation=instance.organisation,
            bron="platform",
            actie="destroy",
            resource=sender._meta.model_name,
            resource_url=_url(instance),
            resource_weergave=str(instance),
            oud=audit.snapshot(instance),
        )
