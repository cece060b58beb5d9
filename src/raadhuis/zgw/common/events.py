"""Audit trail and notification of a ZGW change, written with the change itself."""

from __future__ import annotations

from django.utils import timezone

from raadhuis.platform import services as platform


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
    platform.record_change(
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
