"""Audit trail and notification of a ZGW change, written with the change itself.

The audit trail is filed by the canonical spelling of its hoofdObject (``urls.canonical_url``):
a zaak's dossier is one, whether its changes came in under the public host name, an internal
one or from a job, and :func:`trail` and :func:`purge` find all of it."""

from __future__ import annotations

from django.utils import timezone

from raadhuis.platform import audit as platform_audit
from raadhuis.platform import services as platform
from raadhuis.zgw.common.urls import canonical_url


def record(
    *,
    organisation,
    bron: str,
    kanaal: str,
    actie: str,
    resource: str,
    resource_url: str,
    hoofd_object: str,
    kenmerken: dict,
    oud: dict | None = None,
    nieuw: dict | None = None,
    resource_weergave: str = "",
    toelichting: str = "",
    resultaat: int = 200,
) -> None:
    """Write the audit row and the outbox notification (the NRC payload of the standard).

    Call inside the transaction of the change: both are stored or neither is.
    """
    audit(
        organisation=organisation, bron=bron, actie=actie, resource=resource,
        resource_url=resource_url, hoofd_object=hoofd_object, oud=oud, nieuw=nieuw,
        resource_weergave=resource_weergave, toelichting=toelichting, resultaat=resultaat,
    )
    platform.publish_event(
        organisation=organisation,
        kanaal=kanaal,
        payload={
            "kanaal": kanaal,
            "hoofdObject": hoofd_object,
            "resource": resource,
            "resourceUrl": resource_url,
            "actie": actie,
            "aanmaakdatum": timezone.now().isoformat(),
            "kenmerken": kenmerken,
        },
    )


def audit(*, hoofd_object: str, **change) -> None:
    """The audit row alone (a change the standard does not notify), filed canonically."""
    platform.record_change(hoofd_object=canonical_url(hoofd_object), **change)


def trail(hoofd_object: str):
    """The audit trail of a zaak, besluit or document by its URL in any spelling, oldest first."""
    return platform.audit_trail_of(canonical_url(hoofd_object))


def purge(hoofd_object: str) -> int:
    """zrc-023, brc-009: the legal destruction of the audit trail of a destroyed dossier."""
    return platform_audit.purge_dossier(canonical_url(hoofd_object))
