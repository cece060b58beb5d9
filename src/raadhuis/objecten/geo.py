"""Object geometry: GeoJSON validated and tested with shapely, no GIS database (ADR 0004, 0012)."""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)
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
    except (
        ValueError,
        TypeError,
        AttributeError,
        IndexError,
        KeyError,
        shapely.errors.GEOSException,
    ) as error:
        raise InvalidGeometry(f"Ongeldige GeoJSON: {error}") from error
    _check_coordinates(geometry)
    return geometry


def _check_coordinates(geometry: BaseGeometry) -> None:
    coordinates = shapely.get_coordinates(geometry)
    if len(coordinates) > MAX_COORDINATES:
        raise InvalidGeometry(f"Te veel coördinaten (maximaal {MAX_COORDINATES}).")
    if geometry.is_empty or not all(math.isfinite(v) for v in coordinates.ravel()):
        raise InvalidGeometry("De geometrie is leeg of bevat ongeldige coördinaten.")
    if not (np.all(np.abs(coordinates[:, 0]) <= 180) and np.all(np.abs(coordinates[:, 1]) <= 90)):
        raise InvalidGeometry("Coördinaten moeten WGS84 (EPSG:4326) zijn: lengte, breedte.")


def parse_area(data) -> BaseGeometry:
    """A search area: a valid (multi)polygon, prepared for many tests."""
    area = parse(data)
    if area.geom_type not in ("Polygon", "MultiPolygon"):
        raise InvalidGeometry("Zoeken met 'within' vraagt een Polygon of MultiPolygon.")
    if not area.is_valid:
        raise InvalidGeometry("De zoekpolygoon is ongeldig (bijvoorbeeld zelfdoorsnijdend).")
    shapely.prepare(area)
    return area


def bbox(data) -> tuple:
    """(min_x, min_y, max_x, max_y) of GeoJSON; Nones when there is none."""
    if not data:
        return None, None, None, None
    return tuple(float(v) for v in parse(data).bounds)


def within_many(candidates: list[tuple[int, dict, tuple]], area: BaseGeometry) -> set[int]:
    """The keys of the candidates (key, geojson, bbox) that lie within the area.

    Points (bbox of zero size: most objects in public space) are tested in one vectorised
    call on their coordinates; other geometries are parsed and tested one by one.
    """
    inside: set[int] = set()
    point_keys, xs, ys = [], [], []
    for key, geojson, (min_x, min_y, max_x, max_y) in candidates:
        if min_x == max_x and min_y == max_y and geojson.get("type") == "Point":
            point_keys.append(key)
            xs.append(min_x)
            ys.append(min_y)
            continue
        try:
            if parse(geojson).within(area):
                inside.add(key)
        except InvalidGeometry:
            continue
    if point_keys:
        # within: inside and not on the boundary, as shapely's within for a point.
        hits = shapely.contains_xy(area, np.asarray(xs), np.asarray(ys))
        inside.update(key for key, hit in zip(point_keys, hits, strict=True) if hit)
    return inside
