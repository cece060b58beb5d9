"""The public sensor register: every Thing with owner, purpose, what it measures, whether it
collects personal data and where it is — an accessible page (table, and a map when Leaflet
is installed) and JSON/CSV exports. Public by law, so read across all organisations."""

from __future__ import annotations

import csv
import io

from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.sensoren.models import Datastream, Location, Thing
from raadhuis.sensoren.query import to_shape

FIELDS = ("id", "naam", "organisatie", "eigenaar", "doel", "meet", "persoonsgegevens", "lengtegraad",
          "breedtegraad")


def entries(organisation_slug: str = "") -> list[dict]:
    """One row per Thing, in three queries whatever the number of things."""
    with tenancy.system_scope():
        things = Thing.objects.order_by("organisation_id", "name")
        if organisation_slug:
            things = things.filter(organisation__slug=organisation_slug)
        things = list(things)
        ids = [t.pk for t in things]
        measures: dict[int, set] = {}
        for thing_id, name in Datastream.objects.filter(thing_id__in=ids).values_list(
                "thing_id", "observed_property__name"):
            measures.setdefault(thing_id, set()).add(name)
        places: dict[int, tuple] = {}
        for thing_id, geojson in Location.objects.filter(things__in=ids).values_list("things", "location"):
            point = to_shape(geojson)
            if point is not None:
                centre = point.centroid
                places[thing_id] = (round(centre.x, 6), round(centre.y, 6))
        names = dict(Organisation.objects.values_list("pk", "name"))
    rows = []
    for thing in things:
        props = thing.properties or {}
        x, y = places.get(thing.pk, (None, None))
        rows.append({
            "id": thing.pk, "naam": thing.name, "organisatie": names.get(thing.organisation_id, ""),
            "eigenaar": props.get("eigenaar", ""), "doel": props.get("doel", thing.description),
            "meet": ", ".join(sorted(measures.get(thing.pk, ()))),
            "persoonsgegevens": bool(props.get("persoonsgegevens", False)),
            "lengtegraad": x, "breedtegraad": y,
        })
    return rows


def register_page(request):
    rows = entries(request.GET.get("organisatie", ""))
    leaflet = finders.find("vendor/leaflet/leaflet.js") is not None
    return render(request, "sensoren/register.html", {
        "rows": rows, "leaflet": leaflet, "title": _("Sensorregister"),
        "points": [r for r in rows if r["lengtegraad"] is not None],
    })


def register_json(request):
    return JsonResponse({"sensoren": entries(request.GET.get("organisatie", ""))},
                        json_dumps_params={"ensure_ascii": False})


def register_csv(request):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS)
    writer.writeheader()
    for row in entries(request.GET.get("organisatie", "")):
        writer.writerow({**row, "persoonsgegevens": "ja" if row["persoonsgegevens"] else "nee"})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sensorregister.csv"'
    return response
