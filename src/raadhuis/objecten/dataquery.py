"""Filters on object data: ``data_attrs`` / ``data_attr`` expressions of the Objects API.

``key__operator__value`` with operators exact, gt, gte, lt, lte, icontains (and ``in``,
values separated by ``|``); nested keys as ``dimensions__height``. Values are compared as
numbers when they look like numbers, otherwise as text (ISO dates sort as text).

On PostgreSQL ``exact`` becomes ``data @> {...}``, which the GIN index (jsonb_path_ops) on
``data`` answers; ranges compare JSON values of the same JSON type only, so a number never
matches a text and the other way round, on both databases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, F, Func, Q, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import Exact, IContains

OPERATORS = ("exact", "gt", "gte", "lt", "lte", "icontains", "in")
KEY_PART = re.compile(r"^[A-Za-z0-9_\-.]{1,100}$")
MAX_DEPTH = 5
MAX_EXPRESSIONS = 20


class InvalidDataFilter(ValueError):
    pass


@dataclass(frozen=True)
class Condition:
    path: tuple[str, ...]
    operator: str
    value: str


def parse_expression(expression: str) -> Condition:
    parts = expression.split("__")
    if len(parts) < 3:
        raise InvalidDataFilter(f"'{expression}' heeft niet de vorm sleutel__operator__waarde.")
    *path, operator, value = parts
    if operator not in OPERATORS:
        raise InvalidDataFilter(f"Onbekende operator '{operator}'; kies uit {', '.join(OPERATORS)}.")
    if len(path) > MAX_DEPTH or not all(KEY_PART.match(p) for p in path):
        raise InvalidDataFilter(f"Ongeldige sleutel '{'__'.join(path)}'.")
    return Condition(tuple(path), operator, value)


def parse(data_attrs: str | None = None, data_attr: list[str] | None = None) -> list[Condition]:
    """``data_attrs`` (comma separated) and repeated ``data_attr`` (commas allowed in values)."""
    expressions = [e for e in (data_attrs or "").split(",") if e.strip()] + list(data_attr or [])
    if len(expressions) > MAX_EXPRESSIONS:
        raise InvalidDataFilter(f"Te veel data-filters (maximaal {MAX_EXPRESSIONS}).")
    return [parse_expression(e.strip()) for e in expressions]


def from_dict(attrs: dict) -> list[Condition]:
    """The service layer's form: ``{"status": "actief", "hoogte__gt": 5}``."""
    conditions = []
    for key, value in attrs.items():
        *path, operator = key.split("__")
        if operator not in OPERATORS:
            path, operator = [*path, operator], "exact"
        text = "|".join(str(v) for v in value) if isinstance(value, list | tuple) else _text(value)
        conditions.append(parse_expression("__".join([*path, operator, text])))
    return conditions


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _number(value: str) -> int | float | None:
    try:
        return int(value)
    except ValueError:
        pass
    try:
        number = float(value)
    except ValueError:
        return None
    return number if number == number and abs(number) != float("inf") else None


class JSONTypeOf(Func):
    """The JSON type of a value inside ``data``, normalised: 'number', 'string', ...."""

    output_field = CharField()

    def __init__(self, path: tuple[str, ...]):
        super().__init__(F("data"))
        self.path = path

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return f"jsonb_typeof({column} #> %s)", [*params, list(self.path)]
        json_path = "$" + "".join(f'."{p}"' for p in self.path)
        return (
            f"(CASE json_type({column}, %s) WHEN 'integer' THEN 'number' WHEN 'real' THEN 'number' "
            f"WHEN 'text' THEN 'string' ELSE json_type({column}, %s) END)",
            [*params, json_path, *params, json_path],
        )


def _lookup(path: tuple[str, ...], operator: str) -> str:
    """``data__a__b__gt``: key names are checked against KEY_PART, so they cannot smuggle in
    lookups of their own."""
    return "__".join(["data", *path, operator])


def _nested(path: tuple[str, ...], value) -> dict:
    for part in reversed(path):
        value = {part: value}
    return value


def _exact(path: tuple[str, ...], value: str) -> Q:
    number = _number(value)
    candidates = [value] + ([number] if number is not None else [])
    if value in ("true", "false"):
        candidates.append(value == "true")
    if connection.vendor == "postgresql":
        condition = Q()
        for candidate in candidates:
            condition |= Q(data__contains=_nested(path, candidate))
        return condition
    condition = Q()
    for candidate in candidates:
        condition |= Q(**{_lookup(path, "exact"): candidate})
    return condition


def to_q(condition: Condition) -> Q:
    path, operator, value = condition.path, condition.operator, condition.value
    if operator == "exact":
        return _exact(path, value)
    if operator == "in":
        result = Q()
        for option in value.split("|"):
            result |= _exact(path, option)
        return result
    if operator == "icontains":
        return Q(**{_lookup(path, "icontains"): value})
    number = _number(value)
    compared = Q(**{_lookup(path, operator): number if number is not None else value})
    kind = "number" if number is not None else "string"
    return compared & Q(Exact(JSONTypeOf(path), kind))


def q_for(conditions: list[Condition]) -> Q:
    """All conditions. On PostgreSQL the plain text ``exact`` ones become one containment
    document: one GIN lookup and one recheck per row instead of one per condition, and a
    row estimate the planner can use (it multiplies the guesses of separate ones)."""
    result, document = Q(), {}
    for condition in conditions:
        text = _plain_text(condition)
        if text is not None and connection.vendor == "postgresql" and _free(document, condition.path):
            _put(document, condition.path, text)
        else:
            result &= to_q(condition)
    return result & Q(data__contains=document) if document else result


def _plain_text(condition: Condition) -> str | None:
    """The value of an ``exact`` condition that can only match as text (not a number or boolean)."""
    value = condition.value
    if condition.operator != "exact" or _number(value) is not None or value in ("true", "false"):
        return None
    return value


def _free(document: dict, path: tuple[str, ...]) -> bool:
    """Whether ``path`` can be added without meeting a value already there (``a`` twice, or
    ``a`` and ``a__b``): such conditions stay separate, so that both must hold."""
    node = document
    for part in path[:-1]:
        node = node.get(part, {})
        if not isinstance(node, dict):
            return False
    return path[-1] not in node


def _put(document: dict, path: tuple[str, ...], value: str) -> None:
    node = document
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def icontains_anywhere(value: str) -> Q:
    """``data_icontains``: the text anywhere in data (keys included, as the reference does)."""
    return Q(IContains(Cast("data", TextField()), value))
