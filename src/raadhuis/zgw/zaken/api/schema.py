"""How the Zaken API describes itself in OpenAPI, the way the Zaken API 1.7 OAS does.

``ZakenAutoSchema`` (the schema class of every Zaken API view) adds to ``ZGWAutoSchema``:

- operationIds after DRF's actions (``zaak_retrieve``, ``zaak_destroy``);
- scopes as the OAS writes them: alternatives as one label in the standard's order
  (``(zaken.bijwerken | zaken.geforceerd-bijwerken)``), aliases left out;
- path identifiers typed ``uuid``; a blank-allowed URL as ``format: uri`` alone;
- the CRS headers of a resource with geometry (``geo`` on the view): ``Accept-Crs`` and
  ``Content-Crs`` as request headers, ``Content-Crs`` on its 200 and 201 responses, 412;
- ``ETag`` on the reads named in ``etag_actions`` on the view;
- no ``readOnly`` on response fields that the standard does not mark so, although they are
  never written (``not_read_only_in_schema`` on the field).

``postprocess`` (a schema hook after the camelCase one) keeps ``_expand`` as the standard
spells it, restores the exact names of ``POST /zaken/_zoek``'s body and adds the ``HEAD``
operation (``<resource>_headers``) beside every read that documents an ``ETag``.
"""

from __future__ import annotations

import copy

from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from raadhuis.zgw.common.schema import API_VERSION_HEADER, SCHEME, ZGWAutoSchema

CRS = "EPSG:4326"
# The standard's order of alternative scopes within one label.
SCOPE_ORDER = (
    "zaken.lezen", "zaken.aanmaken", "zaken.bijwerken", "zaken.geforceerd-bijwerken",
    "zaken.verwijderen", "zaken.statussen.toevoegen", "zaken.heropenen", "audittrails.lezen",
)
# Accepted, never documented: the older spelling of zaken.statussen.toevoegen.
SCOPE_ALIASES = frozenset({"zaken.statussen-toevoegen"})

ETAG_HEADER = {
    "schema": {"type": "string"},
    "description": "De ETag berekend op de response body JSON. Indien twee resources exact dezelfde "
                   "ETag hebben, dan zijn deze resources identiek aan elkaar. Je kan de ETag gebruiken "
                   "om caching te implementeren.",
}
CONTENT_CRS_HEADER = {
    "schema": {"type": "string", "enum": [CRS]},
    "description": "Het EPSG/CRS van de geometrie in de response body.",
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
LOGRECORD = OpenApiParameter(
    "X-NLX-Logrecord-ID", str, OpenApiParameter.HEADER,
    description="Identifier of the request, traceable throughout the network")
TOELICHTING = OpenApiParameter(
    "X-Audit-Toelichting", str, OpenApiParameter.HEADER,
    description="Toelichting waarom een bepaald verzoek wordt gedaan")
EXPAND = OpenApiParameter("expand", str, description=(
    "Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen "
    "kun je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest "
    "zijn wordt de punt-notatie gebruikt."))
WRITE_HEADERS = [CONTENT_TYPE, LOGRECORD, TOELICHTING]
DELETE_HEADERS = [LOGRECORD, TOELICHTING]


def crs_parameters(method: str) -> list[OpenApiParameter]:
    """Accept-Crs and Content-Crs as the views check them (``base.negotiate_crs``): the CRS of
    a body is required with the body, the wanted CRS on every method but DELETE."""
    method = method.upper()
    return [
        OpenApiParameter("Accept-Crs", str, OpenApiParameter.HEADER, required=method != "DELETE",
                         enum=[CRS], description="Het gewenste 'Coordinate Reference System' (CRS) "
                                                 "van de geometrie in het antwoord (response body)."),
        OpenApiParameter("Content-Crs", str, OpenApiParameter.HEADER,
                         required=method in ("POST", "PUT", "PATCH"), enum=[CRS],
                         description="Het 'Coordinate Reference System' (CRS) van de geometrie in de "
                                     "vraag (request body)."),
    ]


def scope_label(scope) -> str:
    labels = [label for label in scope.labels if label not in SCOPE_ALIASES]
    ordered = sorted(labels, key=lambda label: (SCOPE_ORDER.index(label) if label in SCOPE_ORDER
                                                else len(SCOPE_ORDER), label))
    return ordered[0] if len(ordered) == 1 else "(" + " | ".join(ordered) + ")"


class ZakenAutoSchema(ZGWAutoSchema):
    """Views tune it with ``geo`` (CRS headers), ``etag_actions`` (whose 200 has an ETag) and
    ``without_error_statuses = {"list": {404}}`` beside ZGWAutoSchema's settings."""

    def get_operation_id(self) -> str:
        resource = getattr(self.view, "schema_resource", "") or self._model_name()
        action = getattr(self.view, "action", None)
        return f"{resource}_{action}" if resource and action else super().get_operation_id()

    def get_auth(self):
        auths = super().get_auth()
        action = getattr(self.view, "action", None) or self.method.lower()
        scope = getattr(self.view, "required_scopes", {}).get(action)
        if scope is None:
            return auths
        return [{SCHEME: [scope_label(scope)]} if SCHEME in auth else auth for auth in auths]

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if getattr(self.view, "geo", False):
            named = {p.name for p in parameters if isinstance(p, OpenApiParameter)}
            parameters += [p for p in crs_parameters(self.method) if p.name not in named]
        return parameters

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            if parameter["name"] == "uuid" or parameter["name"].endswith("_uuid"):
                parameter["schema"] = {"type": "string", "format": "uuid"}
        return parameters

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if direction == "response" and getattr(field, "not_read_only_in_schema", False):
            meta.pop("readOnly", None)
        return meta

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        # A blank-allowed URL is written by drf-spectacular as oneOf [format, maxLength 0];
        # the standard writes the format alone.
        branches = schema.get("oneOf")
        if branches and len(branches) == 2 and branches[1].get("maxLength") == 0:
            schema.update(schema.pop("oneOf")[0])

    def error_statuses(self) -> set[int]:
        statuses = super().error_statuses()
        action = getattr(self.view, "action", None)
        if getattr(self.view, "geo", False):
            statuses.add(412)
        return statuses - set(getattr(self.view, "without_error_statuses", {}).get(action, ()))

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        action = getattr(self.view, "action", None)
        if action in getattr(self.view, "etag_actions", ()) and "200" in responses:
            responses["200"]["headers"] = {"ETag": dict(ETAG_HEADER), **responses["200"]["headers"]}
        if getattr(self.view, "geo", False):
            for code in ("200", "201"):
                if code in responses:
                    responses[code]["headers"] = {"Content-Crs": dict(CONTENT_CRS_HEADER),
                                                  **responses[code]["headers"]}
        return responses


# --- The schema hook -------------------------------------------------------------------------

def postprocess(result, generator, request, public):
    """After camelCase: ``_expand`` as the standard spells it, the exact names of the _zoek
    body, and a HEAD operation beside every read with an ETag."""
    from raadhuis.zgw.zaken.api.serializers.zoek import ZaakZoekSerializer

    exact = {_camel(name): name for name in ZaakZoekSerializer().fields}
    for name, schema in result.get("components", {}).get("schemas", {}).items():
        properties = schema.get("properties")
        if not properties:
            continue
        renames = {"Expand": "_expand"}
        if name.startswith("ZaakZoek"):
            renames.update(exact)
        if renames.keys() & properties.keys():
            schema["properties"] = {renames.get(k, k): v for k, v in properties.items()}
            if "required" in schema:
                schema["required"] = [renames.get(k, k) for k in schema["required"]]
    _nullable_components(result)
    for item in result.get("paths", {}).values():
        get = item.get("get")
        headers = (get or {}).get("responses", {}).get("200", {}).get("headers", {})
        if get and "head" not in item and "ETag" in headers:
            item["head"] = _head(get)
    return result


def _nullable_components(result: dict) -> None:
    """A nullable gegevensgroep is ``allOf: [$ref], nullable: true``; validators (openapi-core)
    check null against the referred schema too, so that one says nullable itself, as in the
    standard's OAS. Only components that are referred to nowhere else."""
    schemas = result.get("components", {}).get("schemas", {})
    nullable, plain = set(), set()

    def walk(node):
        if isinstance(node, dict):
            parts = node.get("allOf")
            if parts and len(parts) == 1 and "$ref" in parts[0]:
                (nullable if node.get("nullable") else plain).add(parts[0]["$ref"])
                walk({k: v for k, v in node.items() if k != "allOf"})
                return
            if "$ref" in node:
                plain.add(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    for ref in nullable - plain:
        name = ref.rsplit("/", 1)[-1]
        if ref.startswith("#/components/schemas/") and name in schemas:
            schemas[name]["nullable"] = True


def _camel(name: str) -> str:
    return camelize_re.sub(underscore_to_camel, name) if "_" in name else name


def _head(get: dict) -> dict:
    """HEAD answers as the GET without a body (zrc HTTP-caching): same parameters but expand.
    Like the standard's HEAD operations it names no scopes (those of the GET apply)."""
    resource = get["operationId"].rsplit("_", 1)[0]
    ok = get["responses"]["200"]
    parameters = [copy.deepcopy(p) for p in get.get("parameters", []) if p.get("in") in ("path", "header")]
    headers = {name: copy.deepcopy(header) for name, header in ok.get("headers", {}).items()}
    headers.setdefault("API-version", dict(API_VERSION_HEADER))
    return {
        "operationId": f"{resource}_headers",
        "description": "Vraag de headers op die je bij een GET request zou krijgen.",
        "summary": f"De headers voor een specifiek(e) {resource.upper()} opvragen ",
        "parameters": parameters,
        "tags": get.get("tags", []),
        "responses": {"200": {"headers": headers, "description": "OK"}},
    }


def uuid_parameter(name: str, description: str = "Unieke resource identifier (UUID4)") -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.UUID, OpenApiParameter.PATH, description=description)
