"""The one door of the platform component: organisations, members, audit, events, tasks.

Other components call these functions, never the platform's models directly.
"""

from __future__ import annotations

from django.db import transaction

from raadhuis.platform import audit, outbox, tenancy
from raadhuis.platform.models import AuditEntry, Membership, Organisation, User
from raadhuis.platform.tasks import enqueue

__all__ = [
    "add_membership",
    "audit_trail_of",
    "create_organisation",
    "enqueue",
    "get_organisation",
    "log_processing",
    "publish_event",
    "record_change",
    "register_event_handler",
]

record_change = audit.record_change
log_processing = audit.log_processing
publish_event = outbox.publish
register_event_handler = outbox.register_handler


def audit_trail_of(hoofd_object: str):
    """The audit trail of one main resource (a zaak, a besluit), oldest first, in the scope."""
    return AuditEntry.objects.filter(hoofd_object=hoofd_object).order_by("aanmaakdatum", "id")


def create_organisation(*, name: str, slug: str, rsin: str, gemeentecode: str = "") -> Organisation:
    organisation = Organisation(name=name, slug=slug, rsin=rsin, gemeentecode=gemeentecode)
    organisation.full_clean()
    organisation.save()
    return organisation


def get_organisation(*, rsin: str | None = None, slug: str | None = None) -> Organisation:
    lookup = {"rsin": rsin} if rsin else {"slug": slug}
    return Organisation.objects.get(**lookup)


@transaction.atomic
def add_membership(user: User, organisation: Organisation, role: str) -> Membership:
    membership, _ = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return membership


def organisations_in_scope() -> list[Organisation]:
    """The organisations the current scope may see."""
    scope = tenancy.require_scope()
    organisations = Organisation.objects.filter(is_active=True)
    if not scope.all_organisations:
        organisations = organisations.filter(pk__in=scope.organisation_ids)
    return list(organisations)
