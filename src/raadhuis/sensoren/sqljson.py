"""Pages of Observations as JSON text built by PostgreSQL (ADR 0039).

A page of 1,000 Observations cost ~2–7 ms in PostgreSQL and ~50 ms in Python (reading 1,000
rows, converting their timestamps twice, building and serialising 1,000 dicts). For the common
shape — a collection of Observations with any ``$filter``/``$orderby``/``$top``/``$skip``/
``$count``/``$select`` but no ``$expand`` — PostgreSQL writes each entity's JSON text instead,
in exactly the bytes ``JsonResponse`` writes for :class:`raadhuis.sensoren.reading.Reader`'s
dicts (same key order, separators, number and time formats, ``\\uXXXX`` for non-ASCII); a test
compares both paths field by field. Everything else keeps the general path.

Two value shapes are formatted differently by PostgreSQL and Python, and a page holding one
falls back to the general path (checked in the same query): a non-integer ``result`` with
1e15 ≤ |x| < 1e16 (Python writes it fixed-point, PostgreSQL with an exponent), and a JSON
number 0 < |x| < 0.0001 in a JSON column (PostgreSQL's ``numeric`` writes ``0.00001``, Python
``1e-05``). The float output relies on PostgreSQL's default ``extra_float_digits`` (1, the
shortest exact form, as Python's ``repr``).
"""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, TextField
from django.db.models.expressions import RawSQL

from raadhuis.sensoren import entities as e
from raadhuis.sensoren.models import Observation
from raadhuis.sensoren.odata import QueryOptions
from raadhuis.sensoren.reading import Reader, check_select, next_link

TABLE = Observation._meta.db_table
TIME_FORMAT = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'"
MAX_SAFE_INTEGER = 2**53  # reading.result_of writes whole numbers below it as integers
# JSON numbers that PostgreSQL's numeric writes as 0.00001 where Python writes 1e-05.
TINY_NUMBER = "'strict $.** ? (@.type() == \"number\") ? (@ != 0 && @.abs() < 0.0001)'"
_NON_ASCII = re.compile(r"[^\x00-\x7e]")


def _column(name: str) -> str:
    return f'"{TABLE}"."{name}"'


def _time(column: str) -> str:
    return f"to_char({_column(column)} AT TIME ZONE 'UTC', {TIME_FORMAT})"


def _instant(column: str) -> str:
    return f"""CASE WHEN {_column(column)} IS NULL THEN 'null' ELSE '"' || {_time(column)} || '"' END"""


def _interval(start: str, end: str) -> str:
    """reading.format_interval: the instant alone when the end is missing or equal."""
    s, t = _column(start), _column(end)
    return (f"""CASE WHEN {s} IS NULL THEN 'null' WHEN {t} IS NULL OR {t} = {s} """
            f"""THEN '"' || {_time(start)} || '"' """
            f"""ELSE '"' || {_time(start)} || '/' || {_time(end)} || '"' END""")


def _whole(number: str) -> str:
    return f"({number} = trunc({number}) AND abs({number}) < {MAX_SAFE_INTEGER})"


def _result() -> str:
    """reading.result_of: the number (whole ones as integers), else the string, else the JSON."""
    number = _column("result_number")
    return (f"CASE WHEN {number} IS NOT NULL THEN CASE WHEN {_whole(number)} THEN {number}::bigint::text "
            f"ELSE {number}::text END "
            f"WHEN {_column('result_string')} IS NOT NULL THEN to_json({_column('result_string')})::text "
            f"ELSE coalesce({_column('result_json')}::text, 'null') END")


def _json(column: str) -> str:
    return f"coalesce({_column(column)}::text, 'null')"


def _value(prop: e.Prop) -> tuple[str, list[str]]:
    """(SQL for the property's JSON text, the JSON columns whose numbers must be checked)."""
    if prop.kind == e.RESULT:
        return _result(), ["result_json"]
    if prop.kind == e.PHENOMENON:
        return _interval("phenomenon_time", "phenomenon_time_end"), []
    if prop.kind == e.INTERVAL:
        return _interval(prop.column, e.interval_end(prop.column)), []
    if prop.kind == e.INSTANT:
        return _instant(prop.column), []
    if prop.kind == e.JSON:
        return _json(prop.column), [prop.column]
    return f"coalesce(to_json({_column(prop.column)})::text, 'null')", []


def _literal(text: str) -> str:
    """A constant piece of JSON as an SQL string literal (our own ASCII names, never input)."""
    return "'" + text.replace("'", "''") + "'"


def entity_sql(select: list[str] | None) -> tuple[str, str]:
    """(SQL for one Observation's JSON text, SQL that is true when Python must write the page).
    Each ``%s`` stands for the JSON-escaped prefix of the selfLink (``…/Observations(``)."""
    wanted = set(select) if select else None
    parts: list[str] = []  # SQL expressions whose concatenation is the object's members
    checks: list[str] = []
    pk = _column("id")
    if wanted is None or wanted & set(e.ID_NAMES):
        parts.append(f"'\"@iot.id\": ' || {pk}")
    if wanted is None or "@iot.selfLink" in wanted:
        parts.append(f"""'"@iot.selfLink": "' || %s || {pk} || ')"'""")
    for prop in e.OBSERVATION.props.values():
        if wanted is None or prop.name in wanted:
            value, json_columns = _value(prop)
            parts.append(f"{_literal(json.dumps(prop.name) + ': ')} || {value}")
            checks += [f"jsonb_path_exists({_column(c)}, {TINY_NUMBER})" for c in json_columns]
            if prop.kind == e.RESULT:
                number = _column("result_number")
                checks.append(f"(abs({number}) >= 1e15 AND abs({number}) < 1e16 AND NOT {_whole(number)})")
    for nav in e.OBSERVATION.navs.values():
        if wanted is None or nav.name in wanted:
            parts.append(f"""'"{nav.name}@iot.navigationLink": "' || %s || {pk} || ')/{nav.name}"'""")
    members = " || ', ' || ".join(f"({part})" for part in parts)
    body = f"'{{' || {members} || '}}'" if parts else "'{}'"
    fallback = " OR ".join(f"coalesce({check}, false)" for check in checks) or "false"
    return body, fallback


def applies(options: QueryOptions) -> bool:
    return (settings.SENSORTHINGS_SQL_JSON and connection.vendor == "postgresql" and not options.expand
            and options.result_format != "dataArray")


def observations_page(reader: Reader, queryset, options: QueryOptions, url: str) -> str | None:
    """The collection's JSON text, or None when the general path must answer (see module doc)."""
    if not applies(options):
        return None
    check_select(e.OBSERVATION, options.select)
    queryset = reader.filtered(e.OBSERVATION, queryset, options)
    head = []
    if options.count:
        head.append(f'"@iot.count": {queryset.count()}')
    top = settings.SENSORTHINGS_PAGE_SIZE if options.top is None else options.top
    rows: list = []
    if top:
        body, fallback = entity_sql(options.select)
        link = json.dumps(f"{reader.base}/{e.OBSERVATION.set_name}(")[1:-1]
        page = queryset[options.skip: options.skip + top + 1]
        # The SQL is made of our own column names and constants; the request's base URL is a parameter.
        as_json = RawSQL(body, [link] * body.count("%s"), output_field=TextField())  # noqa: S611
        exotic = RawSQL(fallback, (), output_field=BooleanField())  # noqa: S611
        rows = list(page.values_list(as_json, exotic))
    if any(row[1] for row in rows):
        return None
    if len(rows) > top:
        head.append(f'"@iot.nextLink": {json.dumps(next_link(url, options, top))}')
        rows = rows[:top]
    text = "{" + "".join(part + ", " for part in head) + '"value": [' + ", ".join(r[0] for r in rows) + "]}"
    return text if text.isascii() else _NON_ASCII.sub(_escape, text)


def _escape(match: re.Match) -> str:
    """What json.dumps(ensure_ascii=True) writes for a character (a surrogate pair above U+FFFF)."""
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"
