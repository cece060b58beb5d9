"""``expand`` of the Documenten API (drc-011 … drc-014).

``expand=informatieobject.informatieobjecttype`` embeds related resources under ``_expand``:
the informatieobject of a gebruiksrecht, relation or verzending (this API) and the
informatieobjecttype (the Catalogi API, which embeds further itself). Records of a page are
loaded together, so a page costs the same number of queries whatever its size.

- drc-011: an attribute that points outside this API and the Catalogi API → 406;
- drc-012: paths deeper than three levels are cut at three;
- drc-013/014: an attribute the resource does not have, or cannot embed → 404.
"""

from __future__ import annotations

from djangorestframework_camel_case.util import camel_to_underscore
from rest_framework import exceptions

MAX_DEPTH = 3
MAX_LENGTH = 1000
DOCUMENT = "enkelvoudiginformatieobject"
RELATIONS = {
    DOCUMENT: {"informatieobjecttype"},
    "gebruiksrechten": {"informatieobject"},
    "objectinformatieobject": {"informatieobject"},
    "verzending": {"informatieobject"},
}
# URL attributes whose resources live in other APIs (drc-011).
EXTERNAL = {
    DOCUMENT: {"link"},
    "objectinformatieobject": {"object"},
    "verzending": {"betrokkene", "contact_persoon"},
}


def parse(value: str, resource: str) -> dict:
    """``a.b,c`` → {"a": {"b": {}}, "c": {}}, checked against the resource."""
    if not value:
        return {}
    if len(value) > MAX_LENGTH:
        raise exceptions.NotFound("De expand-parameter is te lang.")
    tree: dict = {}
    for path in filter(None, (part.strip() for part in value.split(","))):
        level = tree
        for name in path.split(".")[:MAX_DEPTH]:  # drc-012
            level = level.setdefault(camel_to_underscore(name), {})
    _validate(tree, resource)
    return tree


def _validate(tree: dict, resource: str, where: str = "") -> None:
    for name, subtree in tree.items():
        path = f"{where}.{name}" if where else name
        if name in EXTERNAL.get(resource, ()):
            raise exceptions.NotAcceptable(
                f"{path} verwijst naar een andere API en kan niet worden uitgebreid (drc-011)."
            )
        if name not in RELATIONS.get(resource, ()):
            raise exceptions.NotFound(f"{path} is geen attribuut dat uitgebreid kan worden (drc-013).")
        if name == "informatieobjecttype":
            _validate_catalogi(subtree, path)
        else:
            _validate(subtree, DOCUMENT, path)


def _validate_catalogi(tree: dict, where: str) -> None:
    from raadhuis.zgw.catalogi.api.serializers import InformatieobjecttypeSerializer

    unknown = sorted(set(tree) - set(InformatieobjecttypeSerializer.expansions))
    if unknown:
        raise exceptions.NotFound(
            f"{where}.{unknown[0]} is geen attribuut dat uitgebreid kan worden (drc-013)."
        )


def apply(datas: list[dict], versions_or_records: list, tree: dict, resource: str, context: dict) -> None:
    """Add ``_expand`` to each serialised record (in place)."""
    if not tree:
        return
    for name, subtree in tree.items():
        values = _load(name, versions_or_records, resource)
        for data, value in zip(datas, values, strict=True):
            data.setdefault("_expand", {})[name] = _render(name, value, subtree, context)


def _load(name: str, records: list, resource: str) -> list:
    if name == "informatieobjecttype":
        return [record.informatieobjecttype for record in records]
    from raadhuis.zgw.documenten import services

    latest = services.latest_versions_of([record.document_id for record in records])
    return [latest.get(record.document_id) for record in records]


def _render(name: str, value, subtree: dict, context: dict):
    if value is None:
        return {}
    if name == "informatieobjecttype":
        from raadhuis.zgw.catalogi.api.serializers import InformatieobjecttypeSerializer

        return InformatieobjecttypeSerializer(value, context={**context, "expand": subtree}).data
    from raadhuis.zgw.documenten.api.serializers import EnkelvoudigInformatieObjectSerializer

    data = dict(EnkelvoudigInformatieObjectSerializer(value, context=context).data)
    apply([data], [value], subtree, DOCUMENT, context)
    return data
