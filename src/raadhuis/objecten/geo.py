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


def within_many(keys, boxes: np.ndarray, geometries: dict, area: BaseGeometry) -> list:
    """The keys (in their order) whose geometry lies within the area; ``boxes`` holds their
    bounding boxes (n x 4: min_x, min_y, max_x, max_y), ``geometries`` the GeoJSON of those
    whose box has a size.

    Points (a box of zero size: most objects in public space) are tested in one vectorised
    call on their coordinates, without building an object per candidate; other geometries
    are parsed and tested one by one.
    """
    keys = np.asarray(keys)
    point = (boxes[:, 0] == boxes[:, 2]) & (boxes[:, 1] == boxes[:, 3])
    inside = np.zeros(len(keys), dtype=bool)
    # within: inside and not on the boundary, as shapely's within for a point.
    inside[point] = shapely.contains_xy(area, boxes[point, 0], boxes[point, 1])
    inside[~point] = [_within(geometries.get(key), area) for key in keys[~point].tolist()]
    return keys[inside].tolist()


def _within(geojson, area: BaseGeometry) -> bool:
    try:
        return geojson is not None and parse(geojson).within(area)
    except InvalidGeometry:
        return False
