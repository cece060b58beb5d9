"""The URLs of a zaak's related records (deelzaken, status, rollen, …), for a whole page at once.

A zaak shows the URLs of records in several tables. Loading them per zaak would cost a query
per zaak per table; instead :func:`load` reads all of them for all zaken of a page in ONE
``UNION ALL`` query. Each part yields (zaak id, kind, uuid, text a, text b).

Sub-resources join by calling :func:`register` with their part (see ``Child``) at import of
their serializers module; the zaak then shows them under ``Child.kind`` (the API field name).
"""

from __future__ import annotations

import uuid as uuidlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast

COLUMNS = ("_key", "_kind", "_uuid", "_a", "_b", "_order")


@dataclass(frozen=True)
class Child:
    kind: str  # the field of the Zaak resource: "rollen"
    rows: Callable[[list[int]], QuerySet]  # zaak ids → queryset with COLUMNS (see part())
    url_name: str = ""  # "zaken:rol-detail"; "" for values (kenmerken)
    nested: bool = False  # URL under the zaak: /zaken/{zaak_uuid}/<…>/{uuid}


CHILDREN: dict[str, Child] = {}


def register(child: Child) -> None:
    CHILDREN[child.kind] = child


def part(queryset: QuerySet, kind: str, key: str = "zaak_id", a=None, b=None) -> QuerySet:
    """A queryset in the union's shape: every column an annotation, in COLUMNS order."""
    text = CharField()
    return queryset.annotate(
        _key=F(key), _kind=Value(kind, output_field=text), _uuid=Cast("uuid", output_field=text),
        _a=Cast(a, output_field=text) if a else Value(None, output_field=text),
        _b=Cast(b, output_field=text) if b else Value(None, output_field=text),
        _order=F("pk"),
    ).order_by().values_list(*COLUMNS)


@dataclass(frozen=True)
class Row:
    uuid: uuidlib.UUID | None
    a: str | None
    b: str | None


def load(zaken: list) -> None:
    """Sets ``zaak._children = {kind: [Row, …]}`` on every zaak (one query)."""
    found = by_zaak([zaak.pk for zaak in zaken if zaak.pk is not None])
    for zaak in zaken:
        zaak._children = found[zaak.pk]


def by_zaak(ids: list[int]) -> defaultdict[int, defaultdict[str, list[Row]]]:
    """{zaak id: {kind: [Row, …]}} for the given zaken (one query)."""
    found = defaultdict(lambda: defaultdict(list))
    if not ids or not CHILDREN:
        return found
    parts = [child.rows(ids) for child in CHILDREN.values()]
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    for key, kind, uuid, a, b, _order in sorted(union, key=lambda row: (row[1], row[5])):
        found[key][kind].append(Row(uuidlib.UUID(str(uuid)) if uuid else None, a, b))
    return found


def rows(zaak, kind: str) -> list[Row]:
    if not hasattr(zaak, "_children"):
        load([zaak])
    return zaak._children.get(kind, [])


def _register_own() -> None:
    from raadhuis.zgw.zaken.models import RelevanteAndereZaak, Resultaat, Status, Zaak, Zaakkenmerk

    register(Child("deelzaken", lambda ids: part(Zaak.objects.filter(hoofdzaak_id__in=ids), "deelzaken",
                                                 key="hoofdzaak_id"), "zaken:zaak-detail"))
    register(Child("status", lambda ids: part(
        Status.objects.filter(zaak_id__in=ids, indicatie_laatst_gezette_status=True), "status"),
        "zaken:status-detail"))
    register(Child("resultaat", lambda ids: part(Resultaat.objects.filter(zaak_id__in=ids), "resultaat"),
                   "zaken:resultaat-detail"))
    register(Child("kenmerken", lambda ids: _values(Zaakkenmerk, ids, "kenmerken", "kenmerk", "bron")))
    register(Child("relevante_andere_zaken", lambda ids: _values(
        RelevanteAndereZaak, ids, "relevante_andere_zaken", "url", "aard_relatie")))


def _values(model, ids, kind, a, b) -> QuerySet:
    """A value table without uuid: its uuid column is empty."""
    text = CharField()
    return model.objects.filter(zaak_id__in=ids).annotate(
        _key=F("zaak_id"), _kind=Value(kind, output_field=text), _uuid=Value(None, output_field=text),
        _a=Cast(a, output_field=text), _b=Cast(b, output_field=text), _order=F("pk"),
    ).order_by().values_list(*COLUMNS)


_register_own()
