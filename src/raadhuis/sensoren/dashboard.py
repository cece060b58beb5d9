"""The sensor dashboard in the werkplek: the employee's organisations' things on a map with their
latest values, the alert cases (open, and closed in the last week) with a link to their zaak,
and a chart per datastream. A constant number of queries, whatever the number of things."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncHour
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.sensoren.models import AlertCase, Datastream, Location, Observation
from raadhuis.sensoren.query import to_shape
from raadhuis.sensoren.reading import result_of

CHART_HOURS = 48
CHART_WIDTH, CHART_HEIGHT = 600, 160


def _scope(request) -> tenancy.Scope:
    scope = tenancy.scope_of_user(request.user)
    if not scope.all_organisations and not scope.organisation_ids:
        raise PermissionDenied  # not an employee of any organisation
    return scope


@login_required
def dashboard(request):
    with tenancy.activate(_scope(request)):
        streams = _streams_with_latest()
        places = _places({s.thing_id for s in streams})
        cases = list(AlertCase.objects.filter(Q(closed_at__isnull=True) | Q(
            closed_at__gte=timezone.now() - timedelta(days=7))).select_related("rule", "thing")
            .order_by("closed_at", "-opened_at")[:200])
    alarmed = {case.thing_id for case in cases if case.closed_at is None}
    things: dict[int, dict] = {}
    for stream in streams:
        thing = things.setdefault(stream.thing_id, {
            "naam": stream.thing.name, "streams": [], "alarm": stream.thing_id in alarmed,
            "persoonsgegevens": bool((stream.thing.properties or {}).get("persoonsgegevens")),
        })
        thing["streams"].append(stream)
    points = []
    for thing_id, thing in things.items():
        if thing_id in places:
            thing["lengtegraad"], thing["breedtegraad"] = places[thing_id]
            point = {key: thing[key] for key in ("naam", "lengtegraad", "breedtegraad", "persoonsgegevens")}
            points.append(point | {"meet": "; ".join(_latest_text(s) for s in thing["streams"])})
    return render(request, "sensoren/dashboard.html", {
        "things": sorted(things.values(), key=lambda t: (not t["alarm"], t["naam"])),
        "open_cases": [c for c in cases if c.closed_at is None],
        "closed_cases": [c for c in cases if c.closed_at is not None],
        "points": points, "leaflet": finders.find("vendor/leaflet/leaflet.js") is not None,
    })


def _streams_with_latest() -> list[Datastream]:
    """Every visible datastream with its latest observation: one query, one index probe each."""
    latest = Observation.all_tenants.filter(datastream=OuterRef("pk")).order_by("-phenomenon_time", "-pk")
    return list(Datastream.objects.select_related("thing", "observed_property").annotate(
        latest_time=Subquery(latest.values("phenomenon_time")[:1]),
        latest_number=Subquery(latest.values("result_number")[:1]),
        latest_string=Subquery(latest.values("result_string")[:1]),
    ).order_by("thing__name", "name")[:2000])


def _latest_text(stream) -> str:
    if stream.latest_time is None:
        return f"{stream.observed_property.name}: —"
    value = stream.latest_number if stream.latest_number is not None else stream.latest_string
    unit = (stream.unit_of_measurement or {}).get("symbol", "")
    return f"{stream.observed_property.name}: {value:g} {unit}".strip() if isinstance(
        value, float) else f"{stream.observed_property.name}: {value}"


def _places(thing_ids: set[int]) -> dict[int, tuple[float, float]]:
    places = {}
    for thing_id, geojson in Location.objects.filter(things__in=thing_ids).values_list("things", "location"):
        shape = to_shape(geojson)
        if shape is not None and not shape.is_empty:
            places[thing_id] = (round(shape.centroid.x, 6), round(shape.centroid.y, 6))
    return places


@login_required
def datastream(request, pk: int):
    """One datastream: hourly mean, minimum and maximum of the last two days, as a chart and a table."""
    with tenancy.activate(_scope(request)):
        stream = Datastream.objects.select_related("thing", "observed_property").filter(pk=pk).first()
        if stream is None:
            raise Http404
        since = timezone.now() - timedelta(hours=CHART_HOURS)
        hours = list(Observation.all_tenants.filter(
            datastream=stream, phenomenon_time__gte=since, result_number__isnull=False,
        ).annotate(hour=TruncHour("phenomenon_time")).values("hour").annotate(
            mean=Avg("result_number"), low=Min("result_number"), high=Max("result_number"),
        ).order_by("hour"))
        latest = Observation.all_tenants.filter(datastream=stream).order_by("-phenomenon_time", "-pk").first()
        cases = list(AlertCase.objects.filter(thing_id=stream.thing_id).select_related("rule")
                     .order_by("-opened_at")[:20])
    return render(request, "sensoren/datastream.html", {
        "stream": stream, "hours": hours, "chart": _chart(hours), "cases": cases,
        "latest": result_of(latest) if latest else None,
        "latest_time": latest.phenomenon_time if latest else None,
        "unit": (stream.unit_of_measurement or {}).get("symbol", ""), "chart_hours": CHART_HOURS,
        "width": CHART_WIDTH, "height": CHART_HEIGHT,
    })


def _chart(hours: list[dict]) -> dict | None:
    """SVG coordinates of the hourly means (a line) and their min–max band, scaled to the box."""
    if len(hours) < 2:
        return None
    low, high = min(h["low"] for h in hours), max(h["high"] for h in hours)
    span = (high - low) or 1.0
    first, last = hours[0]["hour"], hours[-1]["hour"]
    seconds = (last - first).total_seconds() or 1.0

    def point(moment, value) -> str:
        x = (moment - first).total_seconds() / seconds * CHART_WIDTH
        y = CHART_HEIGHT - (value - low) / span * CHART_HEIGHT
        return f"{x:.1f},{y:.1f}"

    band = [point(h["hour"], h["high"]) for h in hours]
    band += [point(h["hour"], h["low"]) for h in reversed(hours)]
    return {"line": " ".join(point(h["hour"], h["mean"]) for h in hours), "band": " ".join(band),
            "low": low, "high": high, "first": first, "last": last}
