"""Every read of zaak data the werkplek makes, in one place.

The werkplek gets zaken from ``raadhuis.zgw.*.services`` and reads what hangs under them
here. Should the werkplek one day run against an external ZGW provider, this module (and
the writes in ``services``) is what changes.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist

from raadhuis.zgw.besluiten import services as besluiten
from raadhuis.zgw.catalogi import services as catalogi
from raadhuis.zgw.zaken import services as zaken
from raadhuis.zgw.zaken import services_subresources as zaak_children


def statussen(zaak) -> list:
    return list(zaak.statussen.select_related("statustype").order_by("datum_status_gezet", "pk"))


def statustypen(zaak) -> list:
    return catalogi.statustypen_for(zaak.zaaktype)


def resultaattypen(zaak) -> list:
    return list(zaak.zaaktype.resultaattypen.order_by("omschrijving"))


def roltype(zaak, generiek: str):
    return zaak.zaaktype.roltypen.filter(omschrijving_generiek=generiek).order_by("pk").first()


def resultaat(zaak):
    try:
        return zaak.resultaat
    except ObjectDoesNotExist:
        return None


def rollen(zaak) -> list:
    return zaak_children.rollen_of(zaak)


def notities(zaak) -> list:
    return list(zaak.notities.order_by("-aanmaakdatum", "-pk"))


def documenten(zaak) -> list:
    """(relation, latest version or None) for each document of the zaak."""
    from raadhuis.zgw.documenten import services as documenten

    result = []
    for relation in zaak.zaakinformatieobjecten.order_by("pk"):
        document = documenten.document_for_url(relation.informatieobject)
        result.append((relation, documenten.latest_version(document) if document is not None else None))
    return result


def besluiten_of(zaak) -> list:
    return besluiten.besluiten_of_zaak(zaak)


def current_status(zaak):
    return zaken.current_status(zaak)


def besluittypen(zaak) -> list:
    return catalogi.besluittypen_for(zaak.zaaktype)


def informatieobjecttypen(zaak) -> list:
    return catalogi.informatieobjecttypen_for(zaak.zaaktype)


def initiator(zaak):
    return next((r for r in rollen(zaak) if r.omschrijving_generiek == "initiator"), None)


def behandelaar_rollen(zaak) -> list:
    return [r for r in rollen(zaak) if r.omschrijving_generiek == "behandelaar"]


def gerelateerde_zaken(zaak) -> list:
    return list(zaak.relevante_andere_zaken.select_related("andere_zaak"))
