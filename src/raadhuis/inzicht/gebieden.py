"""Wijken and buurten: load them from a GeoJSON file (the CBS wijk- en buurtkaart, converted
to WGS84) and find the area of a zaak's location. Exact tests with shapely on the candidates
of a bounding-box match, as the Zaken API does (ADR 0004)."""

from __future__ import annotations

import json
from functools import cached_property

import shapely
from django.db import transaction

from raadhuis.inzicht.models import Gebied

# Property names in the CBS file (and simpler ones for a municipality's own file).
CODE_KEYS = ("buurtcode", "wijkcode", "code", "statcode")
NAAM_KEYS = ("buurtnaam", "wijknaam", "naam", "statnaam", "name")


class GebiedError(ValueError):
    """The file cannot be read as areas (Dutch message)."""


def load_geojson(organisation, content: bytes | str) -> int:
    """Replace the organisation's wijken and buurten by those in a GeoJSON FeatureCollection.
    A feature is a buurt when it has a ``buurtcode`` (and then its ``wijkcode`` is its wijk),
    else a wijk. Returns the number of areas."""
    try:
        features = json.loads(content)["features"]
    except (ValueError, KeyError, TypeError) as error:
        raise GebiedError("Het bestand is geen GeoJSON FeatureCollection.") from error
    gebieden = [_gebied(organisation, feature, n) for n, feature in enumerate(features, 1)]
    with transaction.atomic():
        Gebied.objects.filter(organisation=organisation).delete()
        Gebied.objects.bulk_create(gebieden)
    return len(gebieden)


def _gebied(organisation, feature: dict, number: int) -> Gebied:
    props = feature.get("properties") or {}
    code = next((str(props[k]) for k in CODE_KEYS if props.get(k)), "")
    naam = next((str(props[k]) for k in NAAM_KEYS if props.get(k)), code)
    try:
        shape = shapely.geometry.shape(feature["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise GebiedError(f"Gebied {number}: de geometrie is onleesbaar.") from error
    if not code or shape.geom_type not in ("Polygon", "MultiPolygon") or not shape.is_valid:
        raise GebiedError(f"Gebied {number}: een code en een geldige (multi)polygoon zijn nodig.")
    buurt = bool(props.get("buurtcode"))
    min_x, min_y, max_x, max_y = shape.bounds
    return Gebied(
        organisation=organisation,
        code=code[:20],
        naam=naam[:100],
        soort=Gebied.Soort.BUURT if buurt else Gebied.Soort.WIJK,
        wijk_code=str(props.get("wijkcode", ""))[:20] if buurt else "",
        geometrie=feature["geometry"],
        min_x=min_x,
        min_y=min_y,
        max_x=max_x,
        max_y=max_y,
    )


class Locator:
    """Finds (wijk code, buurt code) of a zaakgeometrie, for one or more organisations."""

    def __init__(self, organisation_ids) -> None:
        self.organisation_ids = set(organisation_ids)

    @cached_property
    def _areas(self) -> dict[int, list[tuple[Gebied, shapely.Geometry]]]:
        areas: dict[int, list] = {}
        for gebied in Gebied.objects.filter(organisation_id__in=self.organisation_ids):
            shape = shapely.geometry.shape(gebied.geometrie)
            shapely.prepare(shape)
            areas.setdefault(gebied.organisation_id, []).append((gebied, shape))
        return areas

    def locate(self, organisation_id: int, geometrie: dict | None) -> tuple[str, str]:
        point = _point(geometrie)
        if point is None:
            return "", ""
        wijk = buurt = ""
        for gebied, shape in self._areas.get(organisation_id, []):
            if not (gebied.min_x <= point.x <= gebied.max_x and gebied.min_y <= point.y <= gebied.max_y):
                continue
            if shape.covers(point):
                if gebied.soort == Gebied.Soort.BUURT:
                    buurt, wijk = gebied.code, gebied.wijk_code or wijk
                else:
                    wijk = gebied.code
        return wijk, buurt


def _point(geometrie: dict | None):
    """The zaak's point: the point itself, or the centre of a line or area."""
    if not geometrie:
        return None
    try:
        shape = shapely.geometry.shape(geometrie)
    except (TypeError, ValueError, AttributeError, KeyError):
        return None
    if shape.is_empty:
        return None
    return shape if shape.geom_type == "Point" else shape.representative_point()


def gebieden_of(organisation, soort: str = Gebied.Soort.WIJK) -> list[Gebied]:
    return list(Gebied.objects.filter(organisation=organisation, soort=soort).order_by("code"))


def namen(organisation_ids) -> dict[str, str]:
    """{code: naam} of the areas of these organisations."""
    return dict(Gebied.objects.filter(organisation_id__in=list(organisation_ids)).values_list("code", "naam"))
