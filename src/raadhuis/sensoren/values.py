"""Converting JSON values of a request to column values, with a clear 400 when they do not fit."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime

from raadhuis.sensoren import entities as e
from raadhuis.sensoren.errors import BadRequest
from raadhuis.sensoren.query import to_shape

MAX_TEXT = {"name": 255, "encoding_type": 100, "observation_type": 255, "definition": 1000}
MAX_COORDINATES = 100_000


def parse_time(value, name: str) -> datetime:
    if not isinstance(value, str):
        raise BadRequest(f"{name} moet een ISO 8601-tijd zijn (tekst), niet {type(value).__name__}.")
    try:
        parsed = datetime.fromisoformat(value)  # the fast path (C), ISO 8601 with Z since 3.11
    except ValueError:
        parsed = parse_datetime(value.strip())
    if parsed is None:
        raise BadRequest(f"{name} '{value}' is geen geldige ISO 8601-tijd.")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_interval(value, name: str) -> tuple[datetime, datetime | None]:
    """'start/end' → (start, end); a single instant → (instant, None)."""
    if isinstance(value, str) and "/" in value:
        start, _, end = value.partition("/")
        first, last = parse_time(start, name), parse_time(end, name)
        if last < first:
            raise BadRequest(f"{name}: het einde ligt voor het begin.")
        return first, last
    return parse_time(value, name), None


def split_result(value) -> tuple[float | None, str | None, object]:
    """(result_number, result_string, result_json) of a result value."""
    if isinstance(value, bool) or value is None:
        return None, None, value
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise BadRequest("result moet een eindig getal zijn.")
        return float(value), None, None
    if isinstance(value, str):
        return None, value, None
    return None, None, value


def geometry_bbox(value, name: str) -> tuple:
    if not isinstance(value, dict):
        raise BadRequest(f"{name} moet een GeoJSON-object zijn.")
    geometry = to_shape(value)
    if geometry is None or geometry.is_empty:
        raise BadRequest(f"{name} is geen geldige GeoJSON-geometrie.")
    bounds = geometry.bounds
    if not all(math.isfinite(v) for v in bounds):
        raise BadRequest(f"{name} bevat ongeldige coördinaten.")
    return bounds


def assign(obj, prop: e.Prop, value) -> None:
    """Set a property on a model instance from its JSON value."""
    name = prop.name
    if prop.kind == e.TEXT:
        if not isinstance(value, str):
            raise BadRequest(f"{name} moet tekst zijn, niet {type(value).__name__}.")
        limit = MAX_TEXT.get(prop.column)
        if limit and len(value) > limit:
            raise BadRequest(f"{name} is langer dan {limit} tekens.")
        setattr(obj, prop.column, value)
    elif prop.kind == e.JSON:
        if prop.column in ("properties", "parameters") and value is not None and not isinstance(value, dict):
            raise BadRequest(f"{name} moet een JSON-object zijn.")
        if prop.column == "unit_of_measurement" and not isinstance(value, dict):
            raise BadRequest("unitOfMeasurement moet een object zijn (name, symbol, definition).")
        setattr(obj, prop.column, value)
    elif prop.kind == e.GEO:
        obj.min_x, obj.min_y, obj.max_x, obj.max_y = geometry_bbox(value, name)
        setattr(obj, prop.column, value)
    elif prop.kind == e.INSTANT:
        setattr(obj, prop.column, None if value is None else parse_time(value, name))
    elif prop.kind in (e.INTERVAL, e.PHENOMENON):
        start, end = (None, None) if value is None else parse_interval(value, name)
        end_column = "phenomenon_time_end" if prop.kind == e.PHENOMENON else e.interval_end(prop.column)
        setattr(obj, prop.column, start)
        setattr(obj, end_column, end)
    elif prop.kind == e.RESULT:
        obj.result_number, obj.result_string, obj.result_json = split_result(value)
