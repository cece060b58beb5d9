"""Append-only records: the audit trail of changes and the processing log of reads.

Neither can be changed or removed through the ORM, the admin or any API; database
triggers (see migration 0002) refuse UPDATE and DELETE even to raw SQL.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantManager, TenantModel, TenantQuerySet


class AppendOnlyError(PermissionError):
    """Audit and processing-log rows are never changed or deleted."""


class AppendOnlyQuerySet(TenantQuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted.")

    _raw_delete = delete


class AppendOnlyModel(TenantModel):
    objects = TenantManager.from_queryset(AppendOnlyQuerySet)()
    all_tenants = models.Manager.from_queryset(AppendOnlyQuerySet)()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted.")


class AuditEntry(AppendOnlyModel):
    """One change of one record: who, what, when, old and new values, which request.

    The fields follow the ZGW ``AuditTrail`` resource so the ZGW components can serve
    ``/audittrail`` straight from this table.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    aanmaakdatum = models.DateTimeField(auto_now_add=True, db_index=True)
    bron = models.CharField(max_length=50, help_text=_("Component, e.g. ZRC, ZTC, platform."))
    applicatie_id = models.CharField(max_length=100, blank=True)
    applicatie_weergave = models.CharField(max_length=200, blank=True)
    gebruikers_id = models.CharField(max_length=255, blank=True)
    gebruikers_weergave = models.CharField(max_length=255, blank=True)
    actie = models.CharField(max_length=50)
    actie_weergave = models.CharField(max_length=200, blank=True)
    resultaat = models.PositiveSmallIntegerField(default=200)
    hoofd_object = models.CharField(max_length=1000, db_index=True)
    resource = models.CharField(max_length=50)
    resource_url = models.CharField(max_length=1000)
    resource_weergave = models.CharField(max_length=200, blank=True)
    toelichting = models.TextField(blank=True)
    oud = models.JSONField(null=True, blank=True)
    nieuw = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        ordering = ["aanmaakdatum", "id"]

    def __str__(self) -> str:
        return f"{self.aanmaakdatum:%Y-%m-%d %H:%M:%S} {self.actie} {self.resource_url}"


class ProcessingLogEntry(AppendOnlyModel):
    """One read (or other processing) of personal data, with its purpose and legal basis.

    After the VNG "verwerkingenlogging" model: what activity, for which purpose, by whom,
    which data subject and which kinds of data.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    verwerkingsactiviteit = models.CharField(max_length=200)
    doelbinding = models.CharField(max_length=500, help_text=_("Purpose of the processing."))
    grondslag = models.CharField(max_length=500, help_text=_("Legal basis."))
    soort_verwerking = models.CharField(max_length=50, default="raadplegen")
    uitvoerder_id = models.CharField(max_length=255)
    uitvoerder_weergave = models.CharField(max_length=255, blank=True)
    systeem = models.CharField(max_length=200, blank=True)
    betrokkene_type = models.CharField(max_length=50, default="natuurlijk_persoon")
    betrokkene_id = models.CharField(max_length=100, db_index=True)
    soorten_gegevens = models.JSONField(default=list)
    object_url = models.CharField(max_length=1000, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("verwerking")
        verbose_name_plural = _("verwerkingenlog")
        ordering = ["tijdstip", "id"]

    def __str__(self) -> str:
        return f"{self.tijdstip:%Y-%m-%d %H:%M:%S} {self.verwerkingsactiviteit} ({self.betrokkene_id})"
