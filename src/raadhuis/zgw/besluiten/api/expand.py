"""``expand`` of the Besluiten API 1.1 (BesluitEmbedded, BesluitInformatieObjectEmbedded).

``expand=besluittype.zaaktypen,zaak.status`` embeds related resources under ``_expand``:
- of a besluit its ``besluittype`` (as the Catalogi API shows it, which embeds further) and
  its ``zaak`` (as the Zaken API shows it to this client, with the zaak's own expansions);
- of a besluitinformatieobject its ``besluit`` (embedding further as above) and its
  ``informatieobject`` (as the Documenten API shows it, with its own expansions).
A zaak or document the client may not see under its zrc or drc autorisaties is ``{}``, as an
empty relation is: invisible as if it did not exist. The records of a page are loaded
together, so the number of queries depends on the paths, not on the page size. An attribute
the resource cannot embed is a 404, as in the Zaken API (zrc-027).
"""

from __future__ import annotations

from djangorestframework_camel_case.util import camel_to_underscore
from rest_framework import exceptions

MAX_LENGTH = 1000
RELATIONS = {
    "besluit": {"besluittype", "zaak"},
    "besluitinformatieobject": {"besluit", "informatieobject"},
}
# Relations whose deeper levels the other API checks and embeds (by its own expand rules).
DELEGATED = {"zaak", "informatieobject", "besluittype"}


def parse(value: str, resource: str) -> dict:
    """``zaak.status.statustype,besluittype`` → {"zaak": "status.statustype", "besluittype": ""}
    for delegated relations, and nested dicts for this API's own (``besluit``)."""
    if len(value) > MAX_LENGTH:
        raise exceptions.NotFound("De expand-parameter is te lang.")
    tree: dict = {}
    for path in filter(None, (part.strip() for part in value.split(","))):
        _add(tree, resource, [camel_to_underscore(name) for name in path.split(".")], path)
    return tree


def _add(tree: dict, resource: str, names: list[str], path: str) -> None:
    name, rest = names[0], names[1:]
    if not name or name not in RELATIONS.get(resource, ()):
        raise exceptions.NotFound(f"{path}: {name or '(leeg)'} is geen attribuut van {resource} dat "
                                  "uitgebreid kan worden.")
    if name in DELEGATED:
        paths = tree.setdefault(name, [])
        if rest:
            paths.append(".".join(rest))
    elif rest:
        _add(tree.setdefault(name, {}), name, rest, path)
    else:
        tree.setdefault(name, {})


def apply(records: list, datas: list[dict], tree: dict, resource: str, request) -> None:
    """Add ``_expand`` to each serialised record (in place)."""
    for name, subtree in tree.items():
        embedded = LOADERS[name](records, subtree, request)
        for record, data in zip(records, datas, strict=True):
            data.setdefault("_expand", {})[name] = embedded.get(record.pk, {})


def _besluittype(records, paths: list[str], request) -> dict:
    from raadhuis.zgw.catalogi.api.serializers import BesluittypeSerializer, parse_expand

    context = {"request": request, "expand": parse_expand(",".join(paths))}
    shown = {}
    for record in records:
        besluittype = record.besluittype
        if besluittype.pk not in shown:
            shown[besluittype.pk] = dict(BesluittypeSerializer(besluittype, context=context).data)
    return {record.pk: shown[record.besluittype_id] for record in records}


def _zaak(records, paths: list[str], request) -> dict:
    from raadhuis.zgw.zaken import services as zaken

    shown = zaken.zaken_as_shown([r.zaak_id for r in records if r.zaak_id], request=request,
                                 expand=",".join(paths))
    return {record.pk: shown[record.zaak_id] for record in records if record.zaak_id in shown}


def _informatieobject(records, paths: list[str], request) -> dict:
    from raadhuis.zgw.documenten import services as documenten

    shown = documenten.documents_as_shown([r.informatieobject for r in records], request=request,
                                          expand=",".join(paths))
    return {record.pk: shown[record.informatieobject] for record in records
            if record.informatieobject in shown}


def _besluit(records, subtree: dict, request) -> dict:
    from raadhuis.zgw.besluiten.api.serializers import BesluitSerializer

    besluiten = list({record.besluit_id: record.besluit for record in records}.values())
    context = {"request": request}
    datas = [dict(data) for data in BesluitSerializer(besluiten, many=True, context=context).data]
    apply(besluiten, datas, subtree, "besluit", request)
    shown = {besluit.pk: data for besluit, data in zip(besluiten, datas, strict=True)}
    return {record.pk: shown[record.besluit_id] for record in records}


LOADERS = {"besluittype": _besluittype, "zaak": _zaak, "informatieobject": _informatieobject,
           "besluit": _besluit}
