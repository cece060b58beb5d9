"""The SQL of hot queries of a fixed shape, compiled once per process (ADR 0042).

Building a queryset and compiling it costs the ORM more CPU than PostgreSQL needs to answer
it (a list page of zaken: ~2 ms to filter and compile its page and count, ~0.5 ms in the
database). Where a query's SQL depends only on a few values, the caller names them as the
key and this module keeps the compiled SQL and parameters under that key plus the tenant
scope (ADR 0001 compiles the scope into the SQL). The caller's key must determine the
queryset completely: a key that leaves something out would serve another query's SQL.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Model, QuerySet

from raadhuis.platform import tenancy

SIZE = 512  # keys kept; the least recently used goes first

_kept: OrderedDict = OrderedDict()
_lock = threading.Lock()


class _Compiled:
    def __init__(self, queryset: QuerySet):
        self.model = queryset.model
        query = queryset.query
        compiler = query.get_compiler(queryset.db)
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:
            self.sql, params = None, ()
        self.params = tuple(params)
        self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        if self.sql is None:
            self.converters = []
        else:  # the fields' own conversions (JSON text to values, …), as the ORM applies them
            columns = [column[0] for column in compiler.select[:compiler.col_count]]
            self.converters = [(position, functions, expression) for position, (functions, expression)
                               in compiler.get_converters(columns).items()]


def _compiled(key: Hashable, build: Callable[[], QuerySet]) -> _Compiled:
    full = (connection.vendor, tenancy.require_scope(), key)
    with _lock:
        found = _kept.get(full)
        if found is not None:
            _kept.move_to_end(full)
            return found
    found = _Compiled(build())
    with _lock:
        _kept[full] = found
        while len(_kept) > SIZE:
            _kept.popitem(last=False)
    return found


def sql(key: Hashable, build: Callable[[], QuerySet]) -> tuple[str, tuple] | None:
    """The SQL and parameters of ``build()``'s queryset; None when it can match nothing."""
    compiled = _compiled(key, build)
    return None if compiled.sql is None else (compiled.sql, compiled.params)


def values(key: Hashable, build: Callable[[], QuerySet]) -> list[dict]:
    """The rows of ``build()``, a ``.values()`` queryset, as it would return them."""
    return _rows(_compiled(key, build))


def first(key: Hashable, build: Callable[[], QuerySet]) -> Model | None:
    """The first record of ``build()`` (a queryset of model instances, no ``select_related``
    or deferred fields) as the ORM would load it, or None."""
    def first_as_values() -> QuerySet:
        queryset = build()
        return queryset.values(*(f.attname for f in queryset.model._meta.concrete_fields))[:1]

    compiled = _compiled(key, first_as_values)
    rows = _rows(compiled)
    if not rows:
        return None
    return compiled.model.from_db(connection.alias, compiled.names, list(rows[0].values()))


def _rows(compiled: _Compiled) -> list[dict]:
    if compiled.sql is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, compiled.params)
        rows = cursor.fetchall()
    names = compiled.names
    if not compiled.converters:
        return [dict(zip(names, row, strict=True)) for row in rows]
    return [dict(zip(names, _converted(row, compiled.converters), strict=True)) for row in rows]


def _converted(row: tuple, converters: list) -> list:
    row = list(row)
    for position, functions, expression in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return row


def clear() -> None:
    with _lock:
        _kept.clear()
