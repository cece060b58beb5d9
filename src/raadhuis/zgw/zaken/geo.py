"""Zaakgeometrie: GeoJSON validated and tested with shapely; no GIS database (ADR 0004)."""

from __future__ import annotations

import math

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
         "GeometryCollection")
MAX_COORDINATES = 100_000  # a municipal geometry; more is an error or an attack


class InvalidGeometry(ValueError):
    pass


def parse(data) -> BaseGeometry:
    """A shapely geometry from GeoJSON; :class:`InvalidGeometry` with a reason otherwise."""
    if not isinstance(data, dict) or data.get("type") not in TYPES:
        raise InvalidGeometry(f"Geen geldige GeoJSON-geometrie; type moet een van {', '.join(TYPES)} zijn.")
    key = "geometries" if data["type"] == "GeometryCollection" else "coordinates"
    if key not in data:
        raise InvalidGeometry(f"GeoJSON {data['type']} zonder {key}.")
    try:
        geometry = shape(data)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError,
            shapely.errors.GEOSException) as error:
        raise InvalidGeometry(f"Ongeldige GeoJSON: {error}") from error
    _check_coordinates(geometry)
    return geometry


def _check_coordinates(geometry: BaseGeometry) -> None:
    coordinates = shapely.get_coordinates(geometry)
    if len(coordinates) > MAX_COORDINATES:
        raise InvalidGeometry(f"Te veel coördinaten (maximaal {MAX_COORDINATES}).")
    if geometry.is_empty or not all(math.isfinite(v) for v in coordinates.ravel()):
        raise InvalidGeometry("De geometrie is leeg of bevat ongeldige coördinaten.")
    for x, y in coordinates:
        if not (-180 <= x <= 180 and -90 <= y <= 90):
            raise InvalidGeometry("Coördinaten moeten WGS84 (EPSG:4326) zijn: lengte, breedte.")


def bbox(data) -> tuple[float, float, float, float] | tuple[None, None, None, None]:
    """(min_x, min_y, max_x, max_y) of stored GeoJSON; Nones when there is none."""
    if not data:
        return None, None, None, None
    return tuple(float(v) for v in parse(data).bounds)


def within(candidate: dict, area: BaseGeometry) -> bool:
    """Whether the stored GeoJSON lies within the search area (the exact test)."""
    try:
        return parse(candidate).within(area)
    except InvalidGeometry:
        return False
