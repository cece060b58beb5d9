"""The facts of zaken, read in bulk through the doors of the modules that hold them.

One call handles a batch of zaken with a fixed number of queries (zaken, reopenings, who
registered them, teams, processes, besluiten), whatever the batch size: the incremental
refresh and the full rebuild both use it.
"""

from __future__ import annotations

from django.conf import settings

from raadhuis.inzicht.gebieden import Locator
from raadhuis.inzicht.models import Kanaal, ZaakFeit
from raadhuis.processen import services as processen
from raadhuis.werkplek import services as werkplek
from raadhuis.zgw.besluiten import services as besluiten
from raadhuis.zgw.common.vertrouwelijkheid import rank
from raadhuis.zgw.zaken import services as zaken

# Who registered the zaak (applicatie_id of its creation in the audit trail) → kanaal.
APPLICATIES = {
    "raadhuis-portaal": Kanaal.PORTAAL,
    "raadhuis-chatbot": Kanaal.CHAT,
    "raadhuis-werkplek": Kanaal.BALIE,
}


def kanaal_of(applicatie_id: str, gebruikers_id: str) -> str:
    if applicatie_id in APPLICATIES:
        return APPLICATIES[applicatie_id]
    if applicatie_id.startswith("raadhuis") or (not applicatie_id and not gebruikers_id):
        return Kanaal.SYSTEEM if applicatie_id else Kanaal.ONBEKEND
    return Kanaal.API if applicatie_id else Kanaal.BALIE


def facts_for(zaken_batch: list) -> list[ZaakFeit]:
    """A fact row (unsaved) for each zaak of the batch."""
    if not zaken_batch:
        return []
    ids = [z.pk for z in zaken_batch]
    uuids = [z.uuid for z in zaken_batch]
    context = _Context(
        heropend=zaken.heropeningen(ids),
        door=zaken.aangemaakt_door(zaken_batch),
        teams=werkplek.teams_of(uuids),
        automatisch=processen.automatisch_afgehandeld(uuids),
        besluiten=besluiten.aantal_per_zaak(ids),
        locator=Locator({z.organisation_id for z in zaken_batch}),
        deadlines=werkplek.deadlines_for(
            [z for z in zaken_batch if z.uiterlijke_einddatum_afdoening is None]
        ),
    )
    return [_fact(zaak, context) for zaak in zaken_batch]


class _Context:
    def __init__(self, **parts) -> None:
        self.__dict__.update(parts)


def _fact(zaak, context: _Context) -> ZaakFeit:
    zaaktype = zaak.zaaktype
    wijk, buurt = context.locator.locate(zaak.organisation_id, zaak.zaakgeometrie)
    meldingen = settings.INZICHT_MELDING_ZAAKTYPEN
    return ZaakFeit(
        organisation_id=zaak.organisation_id,
        zaak_uuid=zaak.uuid,
        identificatie=zaak.identificatie,
        omschrijving=zaak.omschrijving,
        zaaktype=zaaktype.identificatie,
        team=context.teams.get(zaak.uuid, ""),
        kanaal=kanaal_of(*context.door.get(zaak.uuid, ("", ""))),
        wijk=wijk,
        buurt=buurt,
        categorie=zaak.omschrijving[:80] if zaaktype.identificatie in meldingen else "",
        vertrouwelijkheid=rank(zaak.vertrouwelijkheidaanduiding),
        registratiedatum=zaak.registratiedatum,
        startdatum=zaak.startdatum,
        einddatum=zaak.einddatum,
        uiterste_datum=_uiterste_datum(zaak, context),
        opgeschort=zaak.opschorting_indicatie or bool(zaak.opschorting_reden),
        verlengd=bool(zaak.verlenging_duur),
        heropend=context.heropend.get(zaak.pk, 0),
        geautomatiseerd=zaak.uuid in context.automatisch,
        besluiten=context.besluiten.get(zaak.pk, 0),
    )


def _uiterste_datum(zaak, context: _Context):
    """The legal deadline as the werkplek keeps it on the zaak (suspensions, extension and
    working days included), or as the werkplek computes it when the zaak has none stored."""
    if zaak.uiterlijke_einddatum_afdoening is not None:
        return zaak.uiterlijke_einddatum_afdoening
    return context.deadlines.get(zaak.uuid) or zaak.einddatum_gepland
