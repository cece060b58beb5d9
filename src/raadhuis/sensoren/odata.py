"""Parsing the OData query options of the SensorThings API ($filter, $orderby, $expand, …).

$filter and $orderby expressions are parsed by a real grammar (lark, LALR) into a small tree
of tuples that :mod:`raadhuis.sensoren.query` compiles to Django ORM expressions: the query
text never becomes SQL text. $expand/$select lists are split at top-level commas and
semicolons (respecting quotes and parentheses) and their nested options parsed recursively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils.dateparse import parse_date, parse_datetime
from lark import Lark, Transformer, v_args
from lark.exceptions import LarkError, VisitError

from raadhuis.sensoren.errors import BadRequest, NotImplementedYet

GRAMMAR = r"""
?start: expr
?expr: or_expr
?or_expr: and_expr (_OR and_expr)*     -> or_
?and_expr: not_expr (_AND not_expr)*   -> and_
?not_expr: _NOT not_expr               -> not_
         | comparison
?comparison: additive (COMPOP additive)?
?additive: multiplicative (ADDOP multiplicative)*
?multiplicative: unary (MULOP unary)*
?unary: "-" unary                      -> neg
      | primary
?primary: literal
        | call
        | path
        | "(" expr ")"
call: FUNC "(" [expr ("," expr)*] ")"
path: SEGMENT ("/" SEGMENT)*
?literal: STRING -> string
        | DATETIME -> datetime
        | DATE -> date
        | NUMBER -> number
        | TRUE -> true
        | FALSE -> false
        | NULL -> null
        | GEOGRAPHY -> geography

_OR.2: /or(?![\w.])/i
_AND.2: /and(?![\w.])/i
_NOT.2: /not(?=[\s(])/i
COMPOP.2: /(eq|ne|gt|ge|lt|le)(?![\w.])/
ADDOP.2: /(add|sub)(?![\w.])/
MULOP.2: /(mul|div|mod)(?![\w.])/
TRUE.2: /true(?![\w.])/
FALSE.2: /false(?![\w.])/
NULL.2: /null(?![\w.])/
GEOGRAPHY.4: /geography'[^']*'/i
FUNC.3: /(?!(not|and|or)\b)[A-Za-z_][\w.]*(?=\s*\()/
DATETIME.5: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/
DATE.4: /\d{4}-\d{2}-\d{2}(?![\dT:])/
NUMBER.3: /\d+(\.\d+)?([eE][+-]?\d+)?/
STRING: /'([^']|'')*'/
SEGMENT: /[A-Za-z_@$][\w@.]*/

%import common.WS
%ignore WS
"""

_PARSER = Lark(GRAMMAR, parser="lalr", maybe_placeholders=False)
MAX_EXPRESSION_LENGTH = 10_000


@v_args(inline=True)
class _ToTree(Transformer):
    """The parse tree as plain tuples: ("lit", value, type), ("path", [...]), ("call", name, args),
    ("cmp", op, l, r), ("arith", op, l, r), ("and", [..]), ("or", [..]), ("not", x), ("neg", x)."""

    def or_(self, *items):
        return items[0] if len(items) == 1 else ("or", list(items))

    def and_(self, *items):
        return items[0] if len(items) == 1 else ("and", list(items))

    def not_(self, item):
        return ("not", item)

    def neg(self, item):
        if item[0] == "lit" and item[2] == "number":
            return ("lit", -item[1], "number")
        return ("neg", item)

    def comparison(self, left, op, right):
        return ("cmp", str(op), left, right)

    def additive(self, *items):
        return _fold(items)

    def multiplicative(self, *items):
        return _fold(items)

    def call(self, name, *args):
        return ("call", str(name).lower(), [a for a in args if a is not None])

    def path(self, *segments):
        return ("path", [str(s) for s in segments])

    def string(self, token):
        return ("lit", str(token)[1:-1].replace("''", "'"), "string")

    def number(self, token):
        text = str(token)
        value = float(text) if any(c in text for c in ".eE") else int(text)
        return ("lit", value, "number")

    def datetime(self, token):
        value = parse_datetime(str(token))
        if value is None:
            raise BadRequest(f"Ongeldige datum-tijd in $filter: {token}")
        return ("lit", value, "datetime")

    def date(self, token):
        value = parse_date(str(token))
        if value is None:
            raise BadRequest(f"Ongeldige datum in $filter: {token}")
        return ("lit", value, "date")

    def true(self, _token):
        return ("lit", True, "bool")

    def false(self, _token):
        return ("lit", False, "bool")

    def null(self, _token):
        return ("lit", None, "null")

    def geography(self, token):
        text = str(token)
        return ("lit", text[text.index("'") + 1:-1], "geography")


def _fold(items):
    tree = items[0]
    for op, operand in zip(items[1::2], items[2::2], strict=True):
        tree = ("arith", str(op), tree, operand)
    return tree


def parse_expression(text: str, option: str = "$filter"):
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise BadRequest(f"{option} is te lang (maximaal {MAX_EXPRESSION_LENGTH} tekens).")
    try:
        return _ToTree().transform(_PARSER.parse(text))
    except VisitError as error:
        if isinstance(error.orig_exc, BadRequest):
            raise error.orig_exc from None
        raise BadRequest(f"Ongeldige {option}: {error.orig_exc}") from None
    except LarkError as error:
        raise BadRequest(f"Ongeldige {option} '{text}': {_short(error)}") from None


def _short(error: LarkError) -> str:
    first = str(error).strip().splitlines()
    return first[0] if first else error.__class__.__name__


# --- Query options --------------------------------------------------------------------------

OPTIONS = ("$filter", "$expand", "$select", "$orderby", "$top", "$skip", "$count", "$resultFormat")


@dataclass
class Expand:
    path: list[str]  # navigation names, e.g. ["Datastreams", "Observations"]
    options: QueryOptions


@dataclass
class QueryOptions:
    filter: tuple | None = None
    orderby: list[tuple[tuple, bool]] = field(default_factory=list)  # (expression, descending)
    select: list[str] | None = None
    expand: list[Expand] = field(default_factory=list)
    top: int | None = None
    skip: int = 0
    count: bool = False
    result_format: str = ""
    raw: dict[str, str] = field(default_factory=dict)


def parse_options(params: dict[str, str], *, nested: bool = False) -> QueryOptions:
    options = QueryOptions(raw=dict(params))
    for name in params:
        if name not in OPTIONS:
            raise BadRequest(f"Onbekende query-optie '{name}'. Toegestaan: {', '.join(OPTIONS)}.")
        if name == "$resultFormat" and nested:
            raise BadRequest("$resultFormat mag alleen op het hoogste niveau.")
    if "$filter" in params:
        options.filter = parse_expression(params["$filter"])
    if "$orderby" in params:
        options.orderby = [_orderby_item(item) for item in split_top_level(params["$orderby"], ",")]
    if "$select" in params:
        options.select = [s.strip() for s in split_top_level(params["$select"], ",")]
        if not all(options.select):
            raise BadRequest("Lege naam in $select.")
        if any(s.lower().startswith("distinct:") for s in options.select):
            raise NotImplementedYet("$select=distinct: wordt niet ondersteund.")
    if "$expand" in params:
        options.expand = [_expand_item(item) for item in split_top_level(params["$expand"], ",")]
    options.top = _integer(params, "$top")
    if options.top is not None and options.top > settings.SENSORTHINGS_MAX_TOP:
        raise BadRequest(f"$top is maximaal {settings.SENSORTHINGS_MAX_TOP}.")
    options.skip = _integer(params, "$skip") or 0
    if "$count" in params:
        if params["$count"] not in ("true", "false"):
            raise BadRequest("$count moet true of false zijn.")
        options.count = params["$count"] == "true"
    if "$resultFormat" in params:
        if params["$resultFormat"] not in ("dataArray", "default"):
            raise BadRequest("$resultFormat kent alleen dataArray.")
        options.result_format = params["$resultFormat"]
    return options


def _integer(params: dict, name: str) -> int | None:
    if name not in params:
        return None
    value = params[name]
    if not re.fullmatch(r"\d{1,9}", value):
        raise BadRequest(f"{name} moet een niet-negatief geheel getal zijn, niet '{value}'.")
    return int(value)


def _orderby_item(text: str) -> tuple[tuple, bool]:
    text = text.strip()
    descending = False
    match = re.fullmatch(r"(.*?)\s+(asc|desc)", text, flags=re.IGNORECASE | re.DOTALL)
    if match:
        text, descending = match.group(1), match.group(2).lower() == "desc"
    if not text:
        raise BadRequest("Lege $orderby.")
    return parse_expression(text, "$orderby"), descending


def _expand_item(text: str) -> Expand:
    text = text.strip()
    nested: dict[str, str] = {}
    if "(" in text:
        if not text.endswith(")"):
            raise BadRequest(f"Ongeldige $expand: '{text}'.")
        head, inner = text[: text.index("(")], text[text.index("(") + 1: -1]
        for part in split_top_level(inner, ";"):
            name, sep, value = part.partition("=")
            if not sep:
                raise BadRequest(f"Ongeldige optie in $expand: '{part}'.")
            nested[name.strip()] = value.strip()
        text = head
    path = [p.strip() for p in text.split("/")]
    if not all(path):
        raise BadRequest(f"Ongeldige $expand: '{text}'.")
    return Expand(path, parse_options(nested, nested=True))


def split_top_level(text: str, separator: str) -> list[str]:
    """Split at ``separator`` outside quotes and parentheses."""
    parts, depth, quoted, current = [], 0, False, []
    for char in text:
        if char == "'":
            quoted = not quoted
        elif not quoted and char == "(":
            depth += 1
        elif not quoted and char == ")":
            depth -= 1
            if depth < 0:
                raise BadRequest(f"Haakjes kloppen niet in '{text}'.")
        if char == separator and depth == 0 and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    if depth != 0 or quoted:
        raise BadRequest(f"Haakjes of aanhalingstekens kloppen niet in '{text}'.")
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()] if text.strip() else []


def is_datetime(value) -> bool:
    return isinstance(value, datetime)
