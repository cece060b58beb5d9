"""Archiving parameters of a zaak that closes (zrc-021) and the documents check of zrc-022.

The brondatum of the archiefprocedure depends on the resultaattype's afleidingswijze. Some
derivations read records of sub-resources or other components. They reach those through ORM
relations on :class:`Zaak`, by these names (the interface the other modules provide):

==========================  ================================================================
afleidingswijze             relation read
==========================  ================================================================
``eigenschap``              ``zaak.zaakeigenschappen``: ``eigenschap.naam``, ``waarde`` (text,
                            an ISO date or date-time)
``zaakobject``              ``zaak.zaakobjecten``: ``object_type``; the date is
                            ``archief_datum(datumkenmerk)`` when the model offers it, else the
                            key ``datumkenmerk`` in its ``object_identificatie`` (JSON)
``ingangsdatum_besluit``    the zaak's besluiten in the Besluiten API (its
``vervaldatum_besluit``     ``services.besluiten_of_zaak``): ``ingangsdatum`` / ``vervaldatum``
``gerelateerde_zaak``       ``relevante_andere_zaken.andere_zaak`` and ``deelzaken``: einddatum
==========================  ================================================================

A relation that does not exist (yet) yields no brondatum, and then, as the standard says, no
archiefactiedatum is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.dateparse import parse_date, parse_datetime

from raadhuis.zgw.catalogi.durations import parse as parse_duration


@dataclass
class ArchiveParameters:
    archiefnominatie: str
    archiefactiedatum: date | None
    brondatum: date | None


def on_close(zaak, resultaattype, einddatum: date) -> ArchiveParameters:
    """zrc-021: the zaak's nominatie (kept when set) and actiedatum (kept when set)."""
    nominatie = zaak.archiefnominatie or resultaattype.archiefnominatie
    brondatum = brondatum_of(zaak, resultaattype, einddatum)
    actiedatum = zaak.archiefactiedatum
    if actiedatum is None and brondatum is not None and resultaattype.archiefactietermijn:
        actiedatum = _plus(brondatum, resultaattype.archiefactietermijn)
    return ArchiveParameters(nominatie, actiedatum, brondatum)


def brondatum_of(zaak, resultaattype, einddatum: date) -> date | None:
    derive = _DERIVATIONS.get(resultaattype.brondatum_archiefprocedure_afleidingswijze)
    return derive(zaak, resultaattype, einddatum) if derive else None


def _afgehandeld(zaak, rt, einddatum):
    return einddatum


def _termijn(zaak, rt, einddatum):
    return _plus(einddatum, rt.brondatum_archiefprocedure_procestermijn)


def _hoofdzaak(zaak, rt, einddatum):
    return zaak.hoofdzaak.einddatum if zaak.hoofdzaak_id else None


def _ander_datumkenmerk(zaak, rt, einddatum):
    return None  # the client derives and sets archiefactiedatum by hand


def _eigenschap(zaak, rt, einddatum):
    relation = _relation(zaak, "zaakeigenschappen")
    if relation is None:
        return None
    values = relation.filter(eigenschap__naam=rt.brondatum_archiefprocedure_datumkenmerk).values_list(
        "waarde", flat=True)
    return _max(_as_date(value) for value in values)


def _zaakobject(zaak, rt, einddatum):
    relation = _relation(zaak, "zaakobjecten")
    if relation is None:
        return None
    kenmerk = rt.brondatum_archiefprocedure_datumkenmerk
    objects = relation.filter(object_type=rt.brondatum_archiefprocedure_objecttype)
    return _max(_zaakobject_date(obj, kenmerk) for obj in objects)


def _zaakobject_date(obj, kenmerk: str) -> date | None:
    if hasattr(obj, "archief_datum"):
        return _as_date(obj.archief_datum(kenmerk))
    data = getattr(obj, "object_identificatie", None) or {}
    return _as_date(data.get(kenmerk)) if isinstance(data, dict) else None


def _besluit_dates(zaak, field: str) -> list:
    """The dates of the zaak's besluiten in this installation's Besluiten API, read through its
    services (the one way in). A zaakbesluit names its besluit by URL; a besluit in another
    Besluiten API is not fetched (no hidden dependency on the network) and gives no date."""
    return [getattr(besluit, field) for besluit in _besluiten_of(zaak)]


def _besluiten_of(zaak) -> list:
    if not apps.is_installed("raadhuis.zgw.besluiten"):
        return []
    from raadhuis.zgw.besluiten import services as besluiten

    return besluiten.besluiten_of_zaak(zaak)


def _ingangsdatum_besluit(zaak, rt, einddatum):
    return _max(_as_date(d) for d in _besluit_dates(zaak, "ingangsdatum"))


def _vervaldatum_besluit(zaak, rt, einddatum):
    return _max(_as_date(d) for d in _besluit_dates(zaak, "vervaldatum"))


def _gerelateerde_zaak(zaak, rt, einddatum):
    related = list(zaak.relevante_andere_zaken.filter(andere_zaak__isnull=False)
                   .values_list("andere_zaak__einddatum", flat=True))
    related += list(zaak.deelzaken.values_list("einddatum", flat=True))
    return _max(related)


_DERIVATIONS = {
    "afgehandeld": _afgehandeld,
    "ander_datumkenmerk": _ander_datumkenmerk,
    "eigenschap": _eigenschap,
    "gerelateerde_zaak": _gerelateerde_zaak,
    "hoofdzaak": _hoofdzaak,
    "ingangsdatum_besluit": _ingangsdatum_besluit,
    "termijn": _termijn,
    "vervaldatum_besluit": _vervaldatum_besluit,
    "zaakobject": _zaakobject,
}


def documents_archived(zaak) -> bool:
    """zrc-022: every related informatieobject has status ``gearchiveerd``.

    Reads ``zaak.zaakinformatieobjecten`` and, per relation, ``informatieobject.status`` when
    the Documenten component links its model (a local FK). Documents in another Documenten
    API cannot be fetched here; they are not checked (docs/modules/zaken.md).
    """
    relation = _relation(zaak, "zaakinformatieobjecten")
    if relation is None:
        return True
    try:
        field = relation.model._meta.get_field("informatieobject")
    except FieldDoesNotExist:
        return True
    if not field.is_relation or not hasattr(field.related_model, "status"):
        return True
    return not relation.exclude(informatieobject__status="gearchiveerd").exists()


def _relation(zaak, name: str):
    """The related manager ``zaak.<name>``, or None when no model provides it (yet)."""
    return getattr(zaak, name, None) if hasattr(type(zaak), name) else None


def _plus(day: date | None, duration: str) -> date | None:
    if day is None or not duration:
        return None
    try:
        return day + parse_duration(duration)
    except ValueError:
        return None


def _as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        return parse_date(text) or (parse_datetime(text).date() if parse_datetime(text) else None)
    except ValueError:
        return None


def _max(values) -> date | None:
    dates = [v for v in values if v is not None]
    return max(dates) if dates else None
