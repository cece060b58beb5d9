"""How the Catalogi API describes itself: operationIds, scopes and operations as its OAS.

The standard's OAS names operations ``zaaktype_retrieve``/``zaaktype_destroy`` (not
``_read``/``_delete`` as the other ZGW APIs), writes alternative scopes as one string
(``(catalogi.schrijven | catalogi.geforceerd-schrijven)``) and documents ``HEAD`` on every
detail path (``zaaktype_headers``), which drf-spectacular leaves out; the hook below adds
those operations, which the views answer (HEAD is GET without a body, with its ETag).
"""

from __future__ import annotations

import copy

from drf_spectacular.contrib.djangorestframework_camel_case import camelize_serializer_fields
from drf_spectacular.utils import OpenApiParameter

from raadhuis.zgw.catalogi import scopes
from raadhuis.zgw.common.schema import API_VERSION_HEADER, SCHEME, ZGWAutoSchema

ETAG_HEADER = {
    "schema": {"type": "string"},
    "description": "De ETag berekend op de response body JSON. Indien twee resources exact dezelfde "
                   "ETag hebben, dan zijn deze resources identiek aan elkaar. Je kan de ETag gebruiken "
                   "om caching te implementeren.",
}
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match", str, OpenApiParameter.HEADER, required=False,
    description="Voer een voorwaardelijk verzoek uit. Deze header moet één of meerdere ETag-waardes "
                "bevatten van resources die de consumer gecached heeft. Indien de waarde van de ETag "
                "van de huidige resource voorkomt in deze set, dan antwoordt de provider met een lege "
                "HTTP 304 request.")
CONTENT_TYPE = OpenApiParameter(
    "Content-Type", str, OpenApiParameter.HEADER, required=True, enum=["application/json"],
    description="Content type van de verzoekinhoud.")
EXPAND = OpenApiParameter(
    "expand", str, OpenApiParameter.QUERY, required=False,
    description="Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt "
                "ophalen kun je deze scheiden met een komma. Voor het ophalen van resources die een laag "
                "dieper genest zijn wordt de punt-notatie gebruikt.")
DATUM_GELDIGHEID = OpenApiParameter(
    "datumGeldigheid", str, OpenApiParameter.QUERY, required=False,
    description="filter objecten op hun geldigheids datum.")


class CatalogiAutoSchema(ZGWAutoSchema):
    def get_operation_id(self) -> str:
        action = getattr(self.view, "action", None)
        resource = getattr(self.view, "schema_resource", "")
        return f"{resource}_{action}" if resource and action else super().get_operation_id()

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        # A blank-allowed URI/e-mail is written by drf-spectacular as oneOf [format, maxLength 0];
        # the standard writes the format alone.
        branches = schema.get("oneOf")
        if branches and len(branches) == 2 and branches[1].get("maxLength") == 0:
            schema.update(schema.pop("oneOf")[0])

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if getattr(self.view, "action", None) == "retrieve" and "200" in responses:
            responses["200"]["headers"] = {"ETag": dict(ETAG_HEADER), **responses["200"].get("headers", {})}
        return responses

    def get_auth(self):
        auths = super().get_auth()
        label = self.view.scope_label(getattr(self.view, "action", None))
        return [{SCHEME: [label]} if SCHEME in auth else auth for auth in auths] if label else auths


def postprocess(result, generator, request, public):
    """camelCase the fields, keep ``_expand`` as the standard spells it, add the HEAD operations."""
    result = camelize_serializer_fields(result, generator, request, public)
    for schema in result.get("components", {}).get("schemas", {}).values():
        properties = schema.get("properties", {})
        if "Expand" in properties:
            schema["properties"] = {("_expand" if k == "Expand" else k): v for k, v in properties.items()}
    for item in result.get("paths", {}).values():
        get = item.get("get")
        if get and get.get("operationId", "").endswith("_retrieve"):
            item["head"] = _head(get)
    return result


def _head(get: dict) -> dict:
    resource = get["operationId"].rsplit("_", 1)[0]
    parameters = [copy.deepcopy(p) for p in get.get("parameters", [])
                  if p.get("in") == "path" or p.get("name") == "If-None-Match"]
    return {
        "operationId": f"{resource}_headers",
        "description": "Vraag de headers op die je bij een GET request zou krijgen.",
        "summary": f"De headers voor een specifiek(e) {resource.upper()} opvragen ",
        "parameters": parameters,
        "tags": get.get("tags", []),
        "responses": {"200": {"headers": {"ETag": dict(ETAG_HEADER), "API-version": dict(API_VERSION_HEADER)},
                              "description": "OK"}},
    }


def scope_label(scope, *, zaaktype_read: bool = False) -> str:
    if scope == scopes.READ and zaaktype_read:
        return scopes.ZAAKTYPE_READ_LABEL
    return scopes.LABELS.get(scope) or " | ".join(sorted(scope.labels))
