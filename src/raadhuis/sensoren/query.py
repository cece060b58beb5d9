"""Compiling a parsed $filter/$orderby tree to Django ORM expressions for one entity type.

Comparisons become lookup expressions (``GreaterThan(F(...), value)``), functions become
database functions, values are always parameters: no query text ever reaches SQL. Spatial
functions run in Python with shapely over the (few) geometry-owning rows — Locations,
FeaturesOfInterest, Datastreams — and become an ``id IN (...)`` condition or a ``CASE`` of
values (ADR 0016), so the same query works on SQLite and PostgreSQL without PostGIS.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

import shapely
from django.db.models import (
    Case,
    F,
    FloatField,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import (
    Cast,
    Ceil,
    Coalesce,
    Concat,
    ExtractDay,
    ExtractHour,
    ExtractMinute,
    ExtractMonth,
    ExtractSecond,
    ExtractYear,
    Floor,
    Length,
    Lower,
    Mod,
    NullIf,
    StrIndex,
    Substr,
    Trim,
    TruncDate,
    Upper,
)
from django.db.models.lookups import (
    Contains,
    EndsWith,
    Exact,
    GreaterThan,
    GreaterThanOrEqual,
    IsNull,
    LessThan,
    LessThanOrEqual,
    StartsWith,
)
from django.utils import timezone
from shapely import wkt
from shapely.geometry import shape

from raadhuis.sensoren import entities as e
from raadhuis.sensoren.errors import BadRequest, NotImplementedYet

LOOKUPS = {
    "eq": Exact,
    "gt": GreaterThan,
    "ge": GreaterThanOrEqual,
    "lt": LessThan,
    "le": LessThanOrEqual,
}
JSON_LOOKUPS = {"eq": "exact", "gt": "gt", "ge": "gte", "lt": "lt", "le": "lte"}
PY_OPERATORS = {
    "eq": operator.eq, "ne": operator.ne, "gt": operator.gt,
    "ge": operator.ge, "lt": operator.lt, "le": operator.le,
}
FLIPPED = {"eq": "eq", "ne": "ne", "gt": "lt", "ge": "le", "lt": "gt", "le": "ge"}
MAX_GEOMETRIES = 50_000  # rows a spatial function may evaluate in Python

SPATIAL_PREDICATES = {
    "geo.intersects": "intersects",
    "st_equals": "equals",
    "st_disjoint": "disjoint",
    "st_touches": "touches",
    "st_within": "within",
    "st_overlaps": "overlaps",
    "st_crosses": "crosses",
    "st_intersects": "intersects",
    "st_contains": "contains",
}


@dataclass
class Operand:
    """A compiled value: a literal, or an ORM expression of a known type."""

    type: str  # string, number, datetime, date, bool, null, json, geo, geography, result
    expr: object = None
    literal: object = None
    is_literal: bool = False
    end: object = None  # the end column of an interval
    json_path: str = ""  # ORM lookup path of a JSON sub-property (properties__owner)
    result_prefix: str = ""  # ORM prefix of an Observation's result columns
    geo: tuple | None = None  # (prefix to the owner, owner model, column) of a geometry property
    geo_values: dict | None = None  # pk of the owner → number (geo.distance, geo.length)
    geo_prefix: str = ""
    name: str = ""


@dataclass
class Compiler:
    entity: e.EntityType
    crosses_many: bool = False
    _geometry_cache: dict = field(default_factory=dict)

    # --- Conditions ----------------------------------------------------------------------

    def condition(self, tree) -> Q:
        kind = tree[0]
        if kind == "and":
            result = Q()
            for item in tree[1]:
                result &= self.condition(item)
            return result
        if kind == "or":
            result = self.condition(tree[1][0])
            for item in tree[1][1:]:
                result |= self.condition(item)
            return result
        if kind == "not":
            return ~self.condition(tree[1])
        if kind == "cmp":
            return self.compare(tree[1], self.value(tree[2]), self.value(tree[3]))
        if kind == "call":
            return self.boolean_call(tree[1], tree[2])
        if kind == "lit" and tree[2] == "bool":
            return Q(pk__isnull=False) if tree[1] else Q(pk__isnull=True)
        if kind == "path":
            operand = self.value(tree)
            if operand.json_path:
                return Q(**{operand.json_path: True})
        raise BadRequest("$filter moet een voorwaarde zijn (bijvoorbeeld name eq 'x').")

    def compare(self, op: str, left: Operand, right: Operand) -> Q:
        if left.is_literal and not right.is_literal:
            left, right, op = right, left, FLIPPED[op]
        if left.is_literal and right.is_literal:
            return Q(pk__isnull=False) if PY_OPERATORS[op](left.literal, right.literal) else Q(pk__in=[])
        if right.is_literal and right.type == "null":
            return self._compare_null(op, left)
        if left.geo_values is not None and right.is_literal and right.type == "number":
            ids = [pk for pk, v in left.geo_values.items() if v is not None
                   and PY_OPERATORS[op](v, right.literal)]
            return Q(**{f"{left.geo_prefix}pk__in": ids})
        if left.json_path:
            return self._compare_json(op, left, right)
        lhs = self._side(left, right, op)
        rhs = self._side(right, left, FLIPPED[op])
        self._check_types(left, right)
        if op == "ne":
            return ~Q(Exact(lhs, rhs))
        return Q(LOOKUPS[op](lhs, rhs))

    def _side(self, operand: Operand, other: Operand, op: str):
        if operand.is_literal:
            value = operand.literal
            if operand.type == "date":
                value = datetime.combine(value, time.min, tzinfo=UTC)
            return Value(value)
        if operand.type == "result":
            return self._result_column(operand, other)
        if operand.end is not None and op in ("lt", "le"):
            return operand.end  # an interval lies before a moment when its end does
        return operand.expr

    def _result_column(self, operand: Operand, other: Operand):
        prefix = operand.result_prefix
        if other.type == "string":
            return F(f"{prefix}result_string")
        if other.type == "bool":
            return F(f"{prefix}result_json")
        return F(f"{prefix}result_number")

    def _check_types(self, left: Operand, right: Operand) -> None:
        families = {"string": "string", "number": "number", "datetime": "time", "date": "time",
                    "bool": "bool", "result": None, "json": None}
        a, b = families.get(left.type, left.type), families.get(right.type, right.type)
        if a and b and a != b:
            raise BadRequest(
                f"Kan {left.name or left.type} ({left.type}) niet vergelijken met "
                f"{right.name or right.type} ({right.type})."
            )

    def _compare_null(self, op: str, operand: Operand) -> Q:
        if op not in ("eq", "ne"):
            raise BadRequest("Met null kan alleen eq of ne vergeleken worden.")
        if operand.type == "result":
            p = operand.result_prefix
            q = Q(**{f"{p}result_number__isnull": True, f"{p}result_string__isnull": True,
                     f"{p}result_json__isnull": True})
        elif operand.json_path:
            q = Q(**{f"{operand.json_path}__isnull": True})
        else:
            q = Q(IsNull(operand.expr, True))
        return q if op == "eq" else ~q

    def _compare_json(self, op: str, left: Operand, right: Operand) -> Q:
        if not right.is_literal:
            expr = KeyTextTransform(*_key_and_source(left.json_path))
            return self.compare(op, Operand("string", expr=expr, name=left.name), right)
        value = right.literal
        if isinstance(value, datetime | date):
            value = value.isoformat().replace("+00:00", "Z")
        if op == "ne":
            return ~Q(**{f"{left.json_path}__exact": value})
        return Q(**{f"{left.json_path}__{JSON_LOOKUPS[op]}": value})

    # --- Values --------------------------------------------------------------------------

    def value(self, tree) -> Operand:
        kind = tree[0]
        if kind == "lit":
            return self._literal(tree[1], tree[2])
        if kind == "path":
            return self.path(tree[1])
        if kind == "call":
            return self.call(tree[1], tree[2])
        if kind == "arith":
            return self.arithmetic(tree[1], self.value(tree[2]), self.value(tree[3]))
        if kind == "neg":
            operand = self.value(tree[1])
            return Operand("number", expr=CombinedExpression(
                Value(0), "-", self._number(operand), output_field=FloatField()))
        raise BadRequest("Een voorwaarde kan hier niet als waarde gebruikt worden.")

    def _literal(self, value, type_: str) -> Operand:
        if type_ == "geography":
            try:
                geometry = wkt.loads(value)
            except (shapely.errors.ShapelyError, ValueError, TypeError) as error:
                raise BadRequest(f"Ongeldige geography-WKT '{value}': {error}") from None
            return Operand("geography", literal=geometry, is_literal=True)
        return Operand(type_, literal=value, is_literal=True)

    def path(self, segments: list[str]) -> Operand:
        entity, prefix = self.entity, ""
        segments = list(segments)
        while segments:
            name = segments.pop(0)
            nav = entity.navs.get(name)
            if nav is not None:
                self.crosses_many = self.crosses_many or nav.many
                prefix += nav.lookup + "__"
                entity = e.ENTITIES[nav.target]
                continue
            if name in e.ID_NAMES:
                if segments:
                    raise BadRequest("Na id kan geen verdere eigenschap volgen.")
                return Operand("number", expr=F(f"{prefix}pk"), name=name)
            prop = entity.prop(name)
            if prop is None:
                raise BadRequest(f"Onbekende eigenschap '{name}' van {entity.name}.")
            return self._property(entity, prop, prefix, segments)
        raise BadRequest(f"'{'/'.join(segments)}' verwijst naar een entiteit, niet naar een eigenschap.")

    def _property(self, entity: e.EntityType, prop: e.Prop, prefix: str, rest: list[str]) -> Operand:
        column = prefix + prop.column
        if rest and prop.kind not in (e.JSON, e.RESULT):
            raise BadRequest(f"'{prop.name}' heeft geen deeleigenschappen.")
        if prop.kind == e.TEXT:
            return Operand("string", expr=F(column), name=prop.name)
        if prop.kind == e.INSTANT:
            return Operand("datetime", expr=F(column), name=prop.name)
        if prop.kind == e.INTERVAL:
            end = F(prefix + e.interval_end(prop.column))
            return Operand("datetime", expr=F(column), end=Coalesce(end, F(column)), name=prop.name)
        if prop.kind == e.PHENOMENON:
            end = F(prefix + "phenomenon_time_end")
            return Operand("datetime", expr=F(column), end=Coalesce(end, F(column)), name=prop.name)
        if prop.kind == e.GEO:
            return Operand("geo", geo=(prefix, entity.model, prop.column), name=prop.name)
        if prop.kind == e.RESULT:
            if rest:
                return self._json_path(prefix + "result_json", rest, prop.name)
            return Operand("result", result_prefix=prefix, name=prop.name)
        if rest:
            return self._json_path(column, rest, prop.name)
        return Operand("json", expr=F(column), json_path="", name=prop.name)

    def _json_path(self, column: str, keys: list[str], name: str) -> Operand:
        for key in keys:
            if "__" in key or not key:
                raise BadRequest(f"Ongeldige sleutel '{key}' in {name}.")
        json_path = "__".join([column, *keys])
        return Operand("json", json_path=json_path, name="/".join([name, *keys]),
                       expr=KeyTextTransform(*_key_and_source(json_path)))

    def arithmetic(self, op: str, left: Operand, right: Operand) -> Operand:
        lhs, rhs = self._number(left), self._number(right)
        if op in ("div", "mod"):
            if right.is_literal and right.literal == 0:
                raise BadRequest("Delen door nul in $filter.")
            rhs = NullIf(rhs, Value(0.0))
        if op == "mod":
            return Operand("number", expr=Mod(lhs, rhs, output_field=FloatField()))
        symbol = {"add": "+", "sub": "-", "mul": "*", "div": "/"}[op]
        return Operand("number", expr=CombinedExpression(lhs, symbol, rhs, output_field=FloatField()))

    def _number(self, operand: Operand):
        if operand.is_literal:
            if operand.type != "number":
                raise BadRequest(f"Rekenen vraagt getallen, niet {operand.type}.")
            return Value(float(operand.literal), output_field=FloatField())
        if operand.type == "result":
            return F(f"{operand.result_prefix}result_number")
        if operand.geo_values is not None:
            return self._geo_case(operand)
        if operand.type != "number":
            raise BadRequest(f"Rekenen vraagt getallen; {operand.name or operand.type} is {operand.type}.")
        return operand.expr

    def _text(self, operand: Operand):
        if operand.is_literal:
            if operand.type != "string":
                raise BadRequest(f"Deze functie vraagt tekst, niet {operand.type}.")
            return Value(operand.literal, output_field=TextField())
        if operand.type == "result":
            return F(f"{operand.result_prefix}result_string")
        if operand.json_path:
            return KeyTextTransform(*_key_and_source(operand.json_path))
        if operand.type != "string":
            raise BadRequest(f"Deze functie vraagt tekst; {operand.name} is {operand.type}.")
        return operand.expr

    def _time(self, operand: Operand):
        if operand.is_literal or operand.type != "datetime":
            raise BadRequest("Deze functie vraagt een tijdeigenschap.")
        return operand.expr

    # --- Functions -----------------------------------------------------------------------

    def call(self, name: str, args: list) -> Operand:
        values = [self.value(a) for a in args]
        arity = {
            "length": 1, "tolower": 1, "toupper": 1, "trim": 1, "concat": 2, "indexof": 2,
            "year": 1, "month": 1, "day": 1, "hour": 1, "minute": 1, "second": 1, "date": 1,
            "round": 1, "floor": 1, "ceiling": 1, "now": 0, "mindatetime": 1, "maxdatetime": 1,
            "totaloffsetminutes": 1, "geo.distance": 2, "geo.length": 1,
        }
        if name == "substring":
            return self._substring(values)
        if name in ("fractionalseconds", "time"):
            raise NotImplementedYet(f"De functie {name}() wordt niet ondersteund.")
        if name not in arity:
            if name in SPATIAL_PREDICATES or name in ("substringof", "startswith", "endswith",
                                                       "contains", "st_relate"):
                raise BadRequest(f"{name}() geeft waar/onwaar en is geen waarde.")
            raise BadRequest(f"Onbekende functie '{name}'.")
        if len(values) != arity[name]:
            raise BadRequest(f"{name}() vraagt {arity[name]} argument(en).")
        return self._value_function(name, values)

    def _value_function(self, name: str, v: list[Operand]) -> Operand:
        text = {"tolower": Lower, "toupper": Upper, "trim": Trim}
        if name in text:
            return Operand("string", expr=text[name](self._text(v[0])))
        if name == "length":
            return Operand("number", expr=Length(self._text(v[0])))
        if name == "concat":
            return Operand("string", expr=Concat(self._text(v[0]), self._text(v[1]),
                                                 output_field=TextField()))
        if name == "indexof":
            return Operand("number", expr=CombinedExpression(
                StrIndex(self._text(v[0]), self._text(v[1])), "-", Value(1), output_field=IntegerField()))

        parts = {"year": ExtractYear, "month": ExtractMonth, "day": ExtractDay, "hour": ExtractHour,
                 "minute": ExtractMinute, "second": ExtractSecond}
        if name in parts:
            return Operand("number", expr=parts[name](self._time(v[0]), tzinfo=UTC))
        if name == "date":
            return Operand("date", expr=TruncDate(self._time(v[0]), tzinfo=UTC))
        if name == "round":  # half away from zero, the same on every database
            x = self._number(v[0])
            half = Value(0.5, output_field=FloatField())
            return Operand("number", expr=Case(
                When(GreaterThanOrEqual(x, Value(0.0)), then=Floor(CombinedExpression(
                    x, "+", half, output_field=FloatField()))),
                default=Ceil(CombinedExpression(x, "-", half, output_field=FloatField())),
                output_field=FloatField()))
        if name in ("floor", "ceiling"):
            function = {"floor": Floor, "ceiling": Ceil}[name]
            return Operand("number", expr=function(self._number(v[0])))
        if name == "now":
            return Operand("datetime", literal=timezone.now(), is_literal=True)
        if name in ("mindatetime", "maxdatetime"):
            self._time(v[0])
            return Operand("datetime", expr=v[0].expr if name == "mindatetime" or v[0].end is None
                           else v[0].end)
        if name == "totaloffsetminutes":
            self._time(v[0])
            return Operand("number", literal=0, is_literal=True)  # every time is stored in UTC
        if name == "geo.distance":
            return self._geo_number(v[0], v[1], lambda a, b: a.distance(b))
        return self._geo_number(v[0], None, lambda a, _b: a.length)

    def _substring(self, v_trees: list[Operand]) -> Operand:
        if len(v_trees) not in (2, 3):
            raise BadRequest("substring() vraagt 2 of 3 argumenten.")
        start = CombinedExpression(Cast(self._number(v_trees[1]), IntegerField()), "+", Value(1),
                                   output_field=IntegerField())
        args = [self._text(v_trees[0]), start]
        if len(v_trees) == 3:
            args.append(Cast(self._number(v_trees[2]), IntegerField()))
        return Operand("string", expr=Substr(*args, output_field=TextField()))

    def boolean_call(self, name: str, args: list) -> Q:
        v = [self.value(a) for a in args]
        like = {"substringof": (Contains, 1, 0), "contains": (Contains, 0, 1),
                "startswith": (StartsWith, 0, 1), "endswith": (EndsWith, 0, 1)}
        if name in like:
            lookup, subject, part = like[name]
            if len(v) != 2:
                raise BadRequest(f"{name}() vraagt 2 argumenten.")
            return Q(lookup(self._text(v[subject]), self._text(v[part])))
        if name in SPATIAL_PREDICATES:
            if len(v) != 2:
                raise BadRequest(f"{name}() vraagt 2 argumenten.")
            method = SPATIAL_PREDICATES[name]
            return self._geo_predicate(v[0], v[1], lambda a, b: getattr(a, method)(b))
        if name == "st_relate":
            if len(v) != 3 or v[2].type != "string" or not v[2].is_literal:
                raise BadRequest("st_relate() vraagt een geometrie, een geography en een patroon.")
            pattern = v[2].literal
            return self._geo_predicate(v[0], v[1], lambda a, b: a.relate_pattern(b, pattern))
        if name in ("length", "tolower", "toupper", "year", "geo.distance", "geo.length"):
            raise BadRequest(f"{name}() geeft een waarde; vergelijk die (bijvoorbeeld met eq).")
        if name in ("fractionalseconds", "time"):
            raise NotImplementedYet(f"De functie {name}() wordt niet ondersteund.")
        raise BadRequest(f"Onbekende functie '{name}'.")

    # --- Spatial functions (Python, shapely) ---------------------------------------------

    def _geo_operands(self, a: Operand, b: Operand | None):
        if b is not None and a.type == "geography" and b.type == "geo":
            a, b = b, a
        if a.type != "geo" or (b is not None and b.type != "geography"):
            raise BadRequest("Een ruimtelijke functie vraagt een geometrie-eigenschap en een "
                             "geography'...'-waarde.")
        return a, b

    def _geometries(self, operand: Operand) -> dict:
        prefix, model, column = operand.geo
        key = (model, column)
        if key not in self._geometry_cache:
            rows = list(model.objects.exclude(**{f"{column}__isnull": True})
                        .values_list("pk", column)[: MAX_GEOMETRIES + 1])
            if len(rows) > MAX_GEOMETRIES:
                raise BadRequest(f"Te veel geometrieën voor een ruimtelijke functie (> {MAX_GEOMETRIES}).")
            self._geometry_cache[key] = {pk: to_shape(value) for pk, value in rows}
        return self._geometry_cache[key]

    def _geo_predicate(self, a: Operand, b: Operand, test) -> Q:
        a, b = self._geo_operands(a, b)
        literal = b.literal
        ids = [pk for pk, geometry in self._geometries(a).items()
               if geometry is not None and test(geometry, literal)]
        return Q(**{f"{a.geo[0]}pk__in": ids})

    def _geo_number(self, a: Operand, b: Operand | None, measure) -> Operand:
        a, b = self._geo_operands(a, b)
        literal = b.literal if b is not None else None
        values = {pk: (measure(geometry, literal) if geometry is not None else None)
                  for pk, geometry in self._geometries(a).items()}
        return Operand("number", geo_values=values, geo_prefix=a.geo[0], name="geo")

    def _geo_case(self, operand: Operand):
        whens = [When(**{f"{operand.geo_prefix}pk": pk}, then=Value(v)) for pk, v in
                 operand.geo_values.items() if v is not None]
        return Case(*whens, default=Value(None), output_field=FloatField()) if whens else \
            Value(None, output_field=FloatField())

    # --- Ordering ------------------------------------------------------------------------

    def ordering(self, items: list[tuple[tuple, bool]]) -> list:
        result = []
        for tree, descending in items:
            operand = self.value(tree)
            if operand.is_literal:
                raise BadRequest("$orderby vraagt een eigenschap, geen vaste waarde.")
            if operand.type == "result":
                exprs = [F(f"{operand.result_prefix}result_number"),
                         F(f"{operand.result_prefix}result_string")]
            elif operand.geo_values is not None:
                exprs = [self._geo_case(operand)]
            elif operand.json_path:
                exprs = [KeyTransform(*_key_and_source(operand.json_path))]
            elif operand.type == "geo" or operand.expr is None:
                raise BadRequest(f"Op {operand.name} kan niet gesorteerd worden.")
            else:
                exprs = [operand.expr]
            for expr in exprs:
                # The database's default null placement, so that an index serves the order.
                result.append(expr.desc() if descending else expr.asc())
        return result


def _key_and_source(json_path: str):
    """KeyTransform arguments for a path ``properties__a__b``."""
    parts = json_path.split("__")
    source = parts[0]
    for index, key in enumerate(parts[1:-1], start=1):
        source = KeyTransform(key, source if index > 1 else parts[0])
    return parts[-1], source


def to_shape(value):
    """A shapely geometry of stored GeoJSON (a geometry or a Feature); None if unusable."""
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    try:
        return shape(value) if isinstance(value, dict) else None
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, shapely.errors.ShapelyError):
        return None


def apply_filter(queryset, entity: e.EntityType, tree):
    """The queryset restricted by a parsed $filter."""
    compiler = Compiler(entity)
    condition = compiler.condition(tree)
    if compiler.crosses_many:
        # A condition over a to-many path matches a row once, however many related rows match.
        return queryset.filter(pk__in=entity.model.objects.filter(condition).values("pk"))
    return queryset.filter(condition)


def apply_ordering(queryset, entity: e.EntityType, items):
    compiler = Compiler(entity)
    ordering = compiler.ordering(items)
    if compiler.crosses_many:
        raise BadRequest("$orderby kan niet over een lijst van entiteiten (bijvoorbeeld Datastreams/name).")
    # The tie-breaker follows the last key's direction: "latest first" stays one index scan.
    return queryset.order_by(*ordering, "-pk" if items and items[-1][1] else "pk")
