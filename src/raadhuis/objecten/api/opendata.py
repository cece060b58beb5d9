"""Open data: the current objects of object types published as open data, without login.

``/objects/open/`` lists the published types; ``/objects/open/<uuid>.geojson`` and ``.csv``
stream their objects. Only types marked ``is_public`` by the municipality are served; the
scope of each download is the type's own organisation.
"""

from __future__ import annotations

import csv
import json

from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from raadhuis.objecten import services, transfer
from raadhuis.objecten.models import ObjectType
from raadhuis.platform import tenancy


def _public_type(objecttype_uuid) -> ObjectType:
    with tenancy.system_scope():
        objecttype = (
            ObjectType.objects.filter(uuid=objecttype_uuid, is_public=True)
            .select_related("organisation")
            .first()
        )
    if objecttype is None:
        raise Http404("Geen open-dataset met dit objecttype.")
    return objecttype


@require_GET
def index_view(request):
    with tenancy.system_scope():
        types = list(
            ObjectType.objects.filter(is_public=True).select_related("organisation").order_by("name")
        )
        listing = [
            {
                "uuid": str(t.uuid),
                "name": t.name,
                "namePlural": t.name_plural,
                "description": t.description,
                "organisation": t.organisation.name,
                "updateFrequency": t.update_frequency,
                "geojson": request.build_absolute_uri(f"{t.uuid}.geojson"),
                "csv": request.build_absolute_uri(f"{t.uuid}.csv"),
            }
            for t in types
        ]
    return JsonResponse({"results": listing})


class _Echo:
    def write(self, value):
        return value


@require_GET
def export_view(request, objecttype_uuid, fmt):
    if fmt not in ("geojson", "csv"):
        raise Http404("Kies .geojson of .csv.")
    objecttype = _public_type(objecttype_uuid)

    def rows():
        with tenancy.scope_for([objecttype.organisation_id]):
            if fmt == "geojson":
                yield '{"type": "FeatureCollection", "features": ['
                for number, feature in enumerate(transfer.geojson_features(objecttype)):
                    yield ("," if number else "") + "\n" + json.dumps(feature, ensure_ascii=False)
                yield "\n]}\n"
                return
            writer = csv.writer(_Echo())
            keys = list(transfer._properties(services.published_schema(objecttype)))
            yield writer.writerow(["uuid", "startAt", "geometry", *keys])
            for feature in transfer.geojson_features(objecttype):
                data = feature["properties"]
                yield writer.writerow(
                    [
                        feature["id"],
                        data["_startAt"],
                        json.dumps(feature["geometry"]) if feature["geometry"] else "",
                        *[transfer._cell(data.get(k)) for k in keys],
                    ]
                )

    content_type = "application/geo+json" if fmt == "geojson" else "text/csv; charset=utf-8"
    response = StreamingHttpResponse(rows(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{objecttype.name_plural}.{fmt}"'
    return response
