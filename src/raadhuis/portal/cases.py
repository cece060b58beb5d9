"""What a resident may see of their own cases, read through the ZGW services.

Confidentiality decides: the portal lists the resident's zaken up to ``vertrouwelijk`` (their
own file) and shows documents only at the levels meant for the parties of a case
(openbaar, beperkt openbaar, zaakvertrouwelijk); ``intern`` and higher documents stay with
the municipality.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from raadhuis.zgw.besluiten import services as besluiten
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.documenten import services as documenten
from raadhuis.zgw.zaken import services as zaken

ZAAK_LEVELS = ("openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk", "vertrouwelijk")
DOCUMENT_LEVELS = ("openbaar", "beperkt_openbaar", "zaakvertrouwelijk")


def cases_of(resident):
    return zaken.zaken_of_betrokkene(
        bsn=resident.bsn, ann_identificatie="" if resident.bsn else resident.kvk
    ).filter(vertrouwelijkheidaanduiding__in=ZAAK_LEVELS)


def case_of(resident, uuid):
    """The resident's own zaak, or None: someone else's case is indistinguishable from none."""
    return cases_of(resident).filter(uuid=uuid).first()


@dataclass(frozen=True)
class TimelineStep:
    omschrijving: str
    text: str
    reached_at: datetime | None
    toelichting: str
    current: bool


def timeline(zaak) -> list[TimelineStep]:
    """Every statustype of the zaaktype, in order; the reached ones with date and the text meant
    for residents (statustekst), the future ones by name."""
    reached = {}
    for status in zaken.statussen_of(zaak):
        reached[status.statustype_id] = status
    latest = max(reached.values(), key=lambda s: (s.datum_status_gezet, s.pk)) if reached else None
    steps = []
    for statustype in catalogi.statustypen_for(zaak.zaaktype):
        status = reached.get(statustype.pk)
        steps.append(
            TimelineStep(
                omschrijving=statustype.omschrijving,
                text=(statustype.statustekst or "") if status else "",
                reached_at=status.datum_status_gezet if status else None,
                toelichting=status.statustoelichting if status else "",
                current=latest is not None and status is latest,
            )
        )
    return steps


def visible_documents(zaak):
    versions = documenten.latest_versions_for_urls(zaken.informatieobject_urls_of(zaak))
    return [v for v in versions if v.vertrouwelijkheidaanduiding in DOCUMENT_LEVELS]


def visible_document(zaak, document_uuid):
    return next((v for v in visible_documents(zaak) if v.document.uuid == document_uuid), None)


def decisions(zaak):
    return besluiten.besluiten_of_zaak(zaak)
