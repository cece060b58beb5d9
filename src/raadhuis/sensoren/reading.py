"""Reading: collections with their query options, $expand in one query per level, and the
JSON representation of entities (``@iot.id``, ``@iot.selfLink``, navigation links)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from types import SimpleNamespace
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, F, IntegerField, Value, Window
from django.db.models.functions import RowNumber

from raadhuis.sensoren import entities as e
from raadhuis.sensoren.errors import BadRequest
from raadhuis.sensoren.odata import Expand, QueryOptions
from raadhuis.sensoren.query import Compiler, apply_filter, apply_ordering

MAX_UNION_PARENTS = 100  # parents whose expanded pages are read as one UNION ALL of LIMITs


class Row(SimpleNamespace):
    """An entity read as plain values: building model instances costs more than the query
    for a page of 1,000 Observations, and the representation needs only the columns."""


def fetch(queryset, model, *extra: str, columns: list[str] | None = None) -> list[Row]:
    """Rows of plain values: every column, or only ``columns`` (with the id)."""
    names = columns or [f.attname for f in model._meta.concrete_fields]
    if "id" not in names:
        names = ["id", *names]
    return [Row(pk=values["id"], **values) for values in queryset.values(*names, *extra)]


def columns_for(entity: e.EntityType, select: list[str] | None, tree: dict) -> list[str] | None:
    """The columns a representation needs (None: all); fewer columns, less to read and convert."""
    if not select:
        return None
    columns = ["id"]
    for name in select:
        prop = entity.props.get(name)
        if prop is None:
            continue
        if prop.kind == e.RESULT:
            columns += ["result_number", "result_string", "result_json"]
        elif prop.kind == e.INTERVAL:
            columns += [prop.column, e.interval_end(prop.column)]
        elif prop.kind == e.PHENOMENON:
            columns += ["phenomenon_time", "phenomenon_time_end"]
        else:
            columns.append(prop.column)
    for name in tree:  # an expanded single entity is found by its key
        nav = entity.navs[name]
        if not nav.many:
            columns.append(f"{nav.lookup}_id")
    return columns


def getter(prop: e.Prop):
    """A function from a row to the property's JSON value (chosen once, used for every row)."""
    column = prop.column
    if prop.kind == e.RESULT:
        return result_of
    if prop.kind == e.INSTANT:
        return lambda obj: format_time(getattr(obj, column))
    if prop.kind == e.INTERVAL:
        end = e.interval_end(column)
        return lambda obj: format_interval(getattr(obj, column), getattr(obj, end))
    if prop.kind == e.PHENOMENON:
        return lambda obj: format_interval(obj.phenomenon_time, obj.phenomenon_time_end)
    return attrgetter(column)


def format_time(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def format_interval(start, end) -> str | None:
    if start is None:
        return None
    if end is None or end == start:
        return format_time(start)
    return f"{format_time(start)}/{format_time(end)}"


def result_of(obj):
    if obj.result_number is not None:
        number = obj.result_number
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if obj.result_string is not None:
        return obj.result_string
    return obj.result_json


def property_value(obj, prop: e.Prop):
    if prop.kind == e.RESULT:
        return result_of(obj)
    if prop.kind == e.INSTANT:
        return format_time(getattr(obj, prop.column))
    if prop.kind == e.INTERVAL:
        return format_interval(getattr(obj, prop.column), getattr(obj, e.interval_end(prop.column)))
    if prop.kind == e.PHENOMENON:
        return format_interval(obj.phenomenon_time, obj.phenomenon_time_end)
    return getattr(obj, prop.column)


def self_link(base: str, entity: e.EntityType, pk) -> str:
    return f"{base}/{entity.set_name}({pk})"


@dataclass
class ExpandNode:
    options: QueryOptions = field(default_factory=QueryOptions)
    children: dict[str, ExpandNode] = field(default_factory=dict)


def expand_tree(entity: e.EntityType, expands: list[Expand]) -> dict[str, ExpandNode]:
    """Merge $expand items (``Datastreams/Observations``, ``Datastreams($top=1)``) into a tree,
    checking every navigation name."""
    tree: dict[str, ExpandNode] = {}
    for item in expands:
        current_entity, level = entity, tree
        for index, name in enumerate(item.path):
            nav = current_entity.navs.get(name)
            if nav is None:
                raise BadRequest(f"{current_entity.name} heeft geen navigatie-eigenschap '{name}' ($expand).")
            node = level.setdefault(name, ExpandNode())
            current_entity = e.ENTITIES[nav.target]
            if index == len(item.path) - 1:
                node.options = item.options
                node.children.update(expand_tree(current_entity, item.options.expand))
            level = node.children
    return tree


class Reader:
    def __init__(self, base: str):
        self.base = base

    # --- Collections ---------------------------------------------------------------------

    def collection(self, entity: e.EntityType, queryset, options: QueryOptions, url: str) -> dict:
        queryset = self.filtered(entity, queryset, options)
        body: dict = {}
        if options.count:
            body["@iot.count"] = queryset.count()
        top = settings.SENSORTHINGS_PAGE_SIZE if options.top is None else options.top
        check_select(entity, options.select)
        columns = columns_for(entity, options.select, expand_tree(entity, options.expand))
        page = queryset[options.skip: options.skip + top + 1]
        rows = fetch(page, entity.model, columns=columns) if top else []
        has_more = len(rows) > top
        rows = rows[:top]
        if has_more:
            body["@iot.nextLink"] = next_link(url, options, top)
        body["value"] = self.represent_many(entity, rows, options)
        return body

    def filtered(self, entity: e.EntityType, queryset, options: QueryOptions):
        if options.filter is not None:
            queryset = apply_filter(queryset, entity, options.filter)
        return apply_ordering(queryset, entity, options.orderby)

    def represent_many(self, entity: e.EntityType, rows: list, options: QueryOptions,
                       tree: dict | None = None) -> list[dict]:
        check_select(entity, options.select)
        tree = expand_tree(entity, options.expand) if tree is None else tree
        expanded = self._expand(entity, rows, tree)
        represent = self._representer(entity, options.select, tree, expanded)
        return [represent(row) for row in rows]

    def entity(self, entity: e.EntityType, obj, options: QueryOptions) -> dict:
        return self.represent_many(entity, [obj], options)[0]

    # --- Representation ------------------------------------------------------------------

    def _representer(self, entity, select, tree, expanded):
        """A function from a row to its JSON object, with every choice made once per page."""
        wanted = set(select) if select else None
        show_id = wanted is None or bool(wanted & set(e.ID_NAMES))
        show_link = wanted is None or "@iot.selfLink" in wanted
        props = [(prop.name, getter(prop)) for prop in entity.props.values()
                 if wanted is None or prop.name in wanted]
        navs = [nav for nav in entity.navs.values()
                if nav.name in tree or wanted is None or nav.name in wanted]
        prefix = f"{self.base}/{entity.set_name}"

        def represent(obj) -> dict:
            link = f"{prefix}({obj.pk})"
            body: dict = {}
            if show_id:
                body["@iot.id"] = obj.pk
            if show_link:
                body["@iot.selfLink"] = link
            for name, get in props:
                body[name] = get(obj)
            for nav in navs:
                if nav.name not in tree:
                    body[f"{nav.name}@iot.navigationLink"] = f"{link}/{nav.name}"
                    continue
                value, more = expanded[nav.name].get(obj.pk, ([] if nav.many else None, None))
                body[nav.name] = value
                if more:
                    body[f"{nav.name}@iot.nextLink"] = more
                if tree[nav.name].options.count and nav.many:
                    body[f"{nav.name}@iot.count"] = expanded[f"{nav.name}@count"].get(obj.pk, 0)
            return body

        return represent

    def _expand(self, entity, rows: list, tree: dict[str, ExpandNode]) -> dict:
        """nav name → {parent pk: (value, nextLink)}: one query per navigation and level."""
        result: dict = {}
        ids = [row.pk for row in rows]
        for name, node in tree.items():
            nav = entity.navs[name]
            target = e.ENTITIES[nav.target]
            if nav.many:
                result[name], counts = self._expand_many(entity, nav, target, ids, node)
                result[f"{name}@count"] = counts
            else:
                result[name] = self._expand_one(nav, target, rows, node)
        return result

    def _expand_one(self, nav: e.Nav, target: e.EntityType, rows: list, node: ExpandNode) -> dict:
        column = f"{nav.lookup}_id"
        wanted = {getattr(row, column) for row in rows} - {None}
        queryset = target.model.objects.filter(pk__in=wanted)
        if node.options.filter is not None:
            queryset = apply_filter(queryset, target, node.options.filter)
        children = {child.pk: child for child in fetch(queryset, target.model)}
        values = self.represent_many(target, list(children.values()), node.options, node.children)
        represented = dict(zip(children, values, strict=True))
        return {row.pk: (represented.get(getattr(row, column)), None) for row in rows}

    def _expand_many(self, entity, nav: e.Nav, target: e.EntityType, ids: list, node: ExpandNode):
        options = node.options
        top = settings.SENSORTHINGS_PAGE_SIZE if options.top is None else options.top
        queryset = target.model.objects.filter(**{f"{nav.reverse}__in": ids})
        if options.filter is not None:
            queryset = apply_filter(queryset, target, options.filter)
        ordering = Compiler(target).ordering(options.orderby) + [F("pk").asc()]
        counts = {}
        if options.count:
            counts = dict(queryset.values(nav.reverse).annotate(n=Count("pk", distinct=True))
                          .values_list(nav.reverse, "n"))
        grouped: dict = defaultdict(list)
        for child in self._pages(queryset, nav, target, ids, ordering, options.skip, top + 1):
            grouped[child._parent].append(child)
        flat = [child for children in grouped.values() for child in children[:top]]
        represented = iter(self.represent_many(target, flat, options, node.children))
        result = {}
        for parent, children in grouped.items():
            value = [next(represented) for _ in children[:top]]
            more = None
            if len(children) > top:
                url = f"{self_link(self.base, entity, parent)}/{nav.name}"
                more = next_link(url, options, top)
            result[parent] = (value, more)
        return result, counts


    def _pages(self, queryset, nav: e.Nav, target: e.EntityType, ids: list, ordering, skip: int, size: int):
        """Each parent's page of children (``_parent``, ``_rank``), in one query. Observations of
        a page of parents: one index-ordered ``LIMIT`` per parent (UNION ALL), which stops after
        ``size`` rows however many a stream has. Otherwise (few children per parent, or many
        parents) one window over all children, which is cheaper to compile."""
        names = [f.attname for f in target.model._meta.concrete_fields]
        if target is e.OBSERVATION and 0 < len(ids) <= MAX_UNION_PARENTS:
            parts = [queryset.filter(**{nav.reverse: parent}).annotate(
                _parent=Value(parent, output_field=IntegerField()),
                _rank=Window(RowNumber(), order_by=ordering),
            ).order_by(*ordering).values(*names, "_parent", "_rank")[skip: skip + size] for parent in ids]
            combined = parts[0] if len(parts) == 1 else parts[0].union(*parts[1:], all=True).order_by(
                "_parent", "_rank")
            return [Row(pk=values["id"], **values) for values in combined]
        queryset = queryset.annotate(
            _parent=F(nav.reverse),
            _rank=Window(RowNumber(), partition_by=[F(nav.reverse)], order_by=ordering),
        ).filter(_rank__gt=skip, _rank__lte=skip + size).order_by("_parent", "_rank")
        return fetch(queryset, target.model, "_parent", "_rank")


def check_select(entity: e.EntityType, select: list[str] | None) -> None:
    for name in select or ():
        known = name in entity.props or name in entity.navs or name in (*e.ID_NAMES, "@iot.selfLink")
        if not known:
            raise BadRequest(f"Onbekende eigenschap '{name}' in $select van {entity.name}.")


SAFE = "$,()/'"


def next_link(url: str, options: QueryOptions, top: int) -> str:
    params = {k: v for k, v in options.raw.items() if k not in ("$top", "$skip")}
    params["$top"] = str(top)
    params["$skip"] = str(options.skip + top)
    return f"{url}?{urlencode(params, safe=SAFE)}"
