"""``expand`` (zrc-025 … zrc-028) and the ``fields`` of ``_zoek`` (zrc-029).

``expand=status.statustype,hoofdzaak`` embeds related resources under ``_expand`` of each
record, to any depth. Loading goes level by level and relation by relation for ALL records
of the page at once, so the number of queries depends on the expand paths, not on the page
size. Related zaken are read through the client's visibility filter (zrc-006): a zaak the
client may not see is not embedded (``{}`` for a single relation, left out of a list).

Only resources of this API and of the Catalogi API can be embedded (zrc-025); asking for one
from elsewhere, or for an attribute the resource does not have (zrc-027), is an error.
Sub-resources add their relations with :func:`register`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch
from djangorestframework_camel_case.util import camel_to_underscore
from rest_framework import exceptions, serializers

# zrc-027/028: an expand that is no attribute of the resource, or cannot be answered, is a 404.
# (zrc-025, information from another API, stays a 400 naming the parameter.)
ERROR_STATUS = 404
MAX_DEPTH = 5
MAX_LENGTH = 1000


@dataclass
class Relation:
    target: str  # a resource of this API ("zaak") or of the Catalogi API ("zaaktype")
    many: bool
    load: Callable  # (records, Expander) -> {record.pk: target | [targets]}


@dataclass
class Node:
    """One level of an expansion: which attributes to embed, and which fields to keep."""

    fields: set[str] | None = None  # None: all fields
    children: dict[str, Node] = field(default_factory=dict)


RELATIONS: dict[str, dict[str, Relation]] = defaultdict(dict)
# Attributes that point outside the Zaken and Catalogi APIs (zrc-025).
EXTERNAL: dict[str, set[str]] = {
    "zaak": {"communicatiekanaal", "productenOfDiensten", "selectielijstklasse"},
    "zaakinformatieobject": {"informatieobject"},
}
CATALOGI = ("zaaktype", "statustype", "resultaattype", "roltype", "eigenschap", "zaakobjecttype")


def register(resource: str, attribute: str, relation: Relation) -> None:
    RELATIONS[resource][attribute] = relation


# --- Parsing -------------------------------------------------------------------------------

def parse_expand(value: str) -> Node:
    """``a.b,c`` → Node(children={a: Node(children={b}), c: Node()})."""
    if len(value) > MAX_LENGTH:
        _fail("expand", "De expand-parameter is te lang.")
    root = Node()
    for path in filter(None, (part.strip() for part in value.split(","))):
        node = root
        names = path.split(".")
        if len(names) > MAX_DEPTH or not all(names):
            _fail("expand", f"Ongeldig expand-pad: {path}.")
        for name in names:
            node = node.children.setdefault(name, Node())
    return root


def parse_fields(items: list) -> Node:
    """zrc-029: ``["url", {"status": ["datumStatusGezet"]}]``: fields to keep, attributes to embed."""
    node = Node(fields=set())
    for item in items:
        if isinstance(item, str):
            if item == "*":
                node.fields = None
            elif node.fields is not None:
                node.fields.add(_normal(item))
        elif isinstance(item, dict):
            for name, sub in item.items():
                if not isinstance(sub, list):
                    _fail("fields", f"fields.{name} moet een lijst zijn.")
                node.children[name] = parse_fields(sub)
        else:
            _fail("fields", "fields bevat alleen namen en objecten.")
    if node.fields is not None and not node.fields:
        node.fields = None  # only expansions named: all fields of the record itself
    return node


def validate(node: Node, resource: str, path: str = "") -> None:
    for name, child in node.children.items():
        where = f"{path}.{name}" if path else name
        if name in EXTERNAL.get(resource, ()):
            _fail("expand", f"{where} komt uit een andere API en kan niet worden uitgebreid (zrc-025).",
                  status=400)
        if resource in CATALOGI:
            continue  # the Catalogi serializers check their own expansions
        if name not in RELATIONS.get(resource, {}):
            _fail("expand", f"{where} is geen attribuut van {resource} dat uitgebreid kan worden.")
        validate(child, RELATIONS[resource][name].target, where)


def _fail(name: str, message: str, status: int | None = None) -> None:
    error = serializers.ErrorDetail(message, code="invalid-expand" if name == "expand" else "invalid")
    if (status or ERROR_STATUS) == 404:
        raise exceptions.NotFound(message)
    raise exceptions.ValidationError({name: [error]})


def _normal(name: str) -> str:
    return name.replace("_", "").lower()


# --- Expanding ---------------------------------------------------------------------------

class Expander:
    """Expands for one request: ``visible_zaken`` is the client's zrc-006 filter."""

    def __init__(self, request, visible_zaken, context: dict):
        self.request = request
        self.visible_zaken = visible_zaken
        self.context = context

    def apply(self, records: list, datas: list[dict], resource: str, node: Node) -> None:
        for name, child in node.children.items():
            relation = RELATIONS[resource][name]
            loaded = relation.load(records, self) if records else {}
            targets = _unique(v for value in loaded.values() for v in (value if relation.many else [value]))
            rendered = self.render(relation.target, targets, child)
            for record, data in zip(records, datas, strict=True):
                value = loaded.get(record.pk)
                embedded = data.setdefault("_expand", {})
                if relation.many:
                    embedded[name] = [rendered[_key(t)] for t in value or [] if _key(t) in rendered]
                else:
                    embedded[name] = rendered.get(_key(value), {}) if value is not None else {}
        _select(datas, node)

    def render(self, resource: str, targets: list, node: Node) -> dict[int, dict]:
        if not targets:
            return {}
        if resource in CATALOGI:
            datas = [_catalogi(resource, t, node, self.context) for t in targets]
            _select(datas, node)
        else:
            from raadhuis.zgw.zaken.api.serializers import SERIALIZERS

            serializer = SERIALIZERS[type(targets[0])]
            datas = list(serializer(targets, many=True, context=self.context).data)
            self.apply(targets, datas, resource, node)
        return {_key(t): d for t, d in zip(targets, datas, strict=True)}


def _select(datas: list[dict], node: Node) -> None:
    if node.fields is None:
        return
    for data in datas:
        for key in list(data):
            if key != "_expand" and _normal(key) not in node.fields:
                del data[key]


def _key(record) -> tuple:
    return type(record), record.pk


def _unique(values) -> list:
    """Each record once, however many parents point to it (one zaaktype for a whole page)."""
    seen, result = set(), []
    for value in values:
        if value is not None and _key(value) not in seen:
            seen.add(_key(value))
            result.append(value)
    return result


def _catalogi(resource: str, record, node: Node, context: dict) -> dict:
    """A catalogue record as the Catalogi API shows it (its own expand for deeper paths)."""
    try:
        from raadhuis.zgw.catalogi.api import serializers as catalogi
        from raadhuis.zgw.catalogi.resolve import Resolver

        serializer = {"zaaktype": "ZaaktypeSerializer", "statustype": "StatustypeSerializer",
                      "resultaattype": "ResultaattypeSerializer", "roltype": "RoltypeSerializer",
                      "eigenschap": "EigenschapSerializer",
                      "zaakobjecttype": "ZaakobjecttypeSerializer"}[resource]
        context = {**context, "resolver": context.get("resolver") or Resolver(), "expand": _snake(node)}
        return dict(getattr(catalogi, serializer)(record, context=context).data)
    except (ImportError, AttributeError, NoReverseMatch):
        return _catalogi_minimal(resource, record, context)


def _catalogi_minimal(resource: str, record, context: dict) -> dict:
    """While the Catalogi API is not served: the identifying fields of the record."""
    from raadhuis.zgw.zaken.refs import builder_for

    collection = {"zaaktype": "zaaktypen", "statustype": "statustypen", "resultaattype": "resultaattypen",
                  "roltype": "roltypen", "eigenschap": "eigenschappen",
                  "zaakobjecttype": "zaakobjecttypen"}[resource]
    data = {"url": builder_for(context).catalogi(collection, record.uuid)}
    for name in ("identificatie", "omschrijving", "volgnummer", "vertrouwelijkheidaanduiding",
                 "archiefnominatie", "archiefactietermijn", "naam"):
        if hasattr(record, name):
            data[name] = getattr(record, name)
    return data


def _snake(node: Node) -> dict:
    return {camel_to_underscore(name): _snake(child) for name, child in node.children.items()}


# --- The relations of this module's resources ---------------------------------------------

def _by_pk(records, attribute):
    return {r.pk: getattr(r, attribute) for r in records}


def _zaken_by_id(expander: Expander, ids) -> dict:
    zaken = expander.visible_zaken.filter(pk__in=set(ids)).select_related("zaaktype", "hoofdzaak")
    return {z.pk: z for z in zaken}


def _hoofdzaak(records, expander):
    zaken = _zaken_by_id(expander, [r.hoofdzaak_id for r in records if r.hoofdzaak_id])
    return {r.pk: zaken.get(r.hoofdzaak_id) for r in records}


def _deelzaken(records, expander):
    grouped = defaultdict(list)
    queryset = expander.visible_zaken.filter(hoofdzaak_id__in=[r.pk for r in records])
    for zaak in queryset.select_related("zaaktype", "hoofdzaak").order_by("pk"):
        grouped[zaak.hoofdzaak_id].append(zaak)
    return grouped


def _relevante(records, expander):
    from raadhuis.zgw.zaken.models import RelevanteAndereZaak

    relations = RelevanteAndereZaak.objects.filter(zaak_id__in=[r.pk for r in records],
                                                   andere_zaak__isnull=False)
    pairs = list(relations.order_by("pk").values_list("zaak_id", "andere_zaak_id"))
    zaken = _zaken_by_id(expander, [other for _, other in pairs])
    grouped = defaultdict(list)
    for zaak_id, other in pairs:
        if other in zaken:
            grouped[zaak_id].append(zaken[other])
    return grouped


def _status(records, expander):
    from raadhuis.zgw.zaken.models import Status

    found = Status.objects.filter(zaak_id__in=[r.pk for r in records], indicatie_laatst_gezette_status=True)
    return {s.zaak_id: s for s in found.select_related("zaak", "statustype")}


def _resultaat(records, expander):
    from raadhuis.zgw.zaken.models import Resultaat

    found = Resultaat.objects.filter(zaak_id__in=[r.pk for r in records])
    return {r.zaak_id: r for r in found.select_related("zaak", "resultaattype")}


def _zaak_of(records, expander):
    zaken = _zaken_by_id(expander, [r.zaak_id for r in records])
    return {r.pk: zaken.get(r.zaak_id) for r in records}


register("zaak", "zaaktype", Relation("zaaktype", False, lambda records, _: _by_pk(records, "zaaktype")))
register("zaak", "hoofdzaak", Relation("zaak", False, _hoofdzaak))
register("zaak", "deelzaken", Relation("zaak", True, _deelzaken))
register("zaak", "relevanteAndereZaken", Relation("zaak", True, _relevante))
register("zaak", "status", Relation("status", False, _status))
register("zaak", "resultaat", Relation("resultaat", False, _resultaat))
register("status", "zaak", Relation("zaak", False, _zaak_of))
register("status", "statustype", Relation("statustype", False,
                                          lambda records, _: _by_pk(records, "statustype")))
register("resultaat", "zaak", Relation("zaak", False, _zaak_of))
register("resultaat", "resultaattype", Relation("resultaattype", False,
                                                lambda records, _: _by_pk(records, "resultaattype")))
