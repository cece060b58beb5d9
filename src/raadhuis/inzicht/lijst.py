"""The zaken behind a number (drill-down): the fact rows that make up a measure of a filter,
limited to what the user may see (organisation and confidentiality), one page at a time."""

from __future__ import annotations

from django.db.models import F, Q

from raadhuis.inzicht.kpi import Filter
from raadhuis.inzicht.models import ZaakFeit

PAGE_SIZE = 50


def _closed(spec: Filter) -> Q:
    return Q(einddatum__gte=spec.van, einddatum__lte=spec.einde)


MATEN = {
    "geopend": lambda s: Q(registratiedatum__gte=s.van, registratiedatum__lte=s.einde),
    "gesloten": _closed,
    "open": lambda s: Q(einddatum__isnull=True, registratiedatum__lte=s.einde),
    "te_laat": lambda s: _closed(s) & Q(uiterste_datum__isnull=False, einddatum__gt=F("uiterste_datum")),
    "binnen_termijn": lambda s: _closed(s) & Q(einddatum__lte=F("uiterste_datum")),
    "opgeschort": lambda s: _closed(s) & Q(opgeschort=True),
    "verlengd": lambda s: _closed(s) & Q(verlengd=True),
    "heropend": lambda s: _closed(s) & Q(heropend__gt=0),
    "geautomatiseerd": lambda s: _closed(s) & Q(geautomatiseerd=True),
}
ORDER = {"open": ("registratiedatum", "id"), "geopend": ("-registratiedatum", "-id")}


def zaken(spec: Filter, maat: str, page: int = 1) -> tuple[list[ZaakFeit], bool]:
    """One page of the zaken behind ``maat`` and whether there is a next page."""
    if maat not in MATEN:
        raise ValueError(maat)
    query = ZaakFeit.objects.filter(spec.visible(), MATEN[maat](spec), **spec.dimensions())
    page = max(1, min(page, 10_000))
    ordered = query.order_by(*ORDER.get(maat, ("-einddatum", "-id")))
    rows = list(ordered[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1])
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE
