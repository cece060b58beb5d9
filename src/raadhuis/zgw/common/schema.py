"""How the ZGW APIs describe themselves in OpenAPI, the way the VNG standards do.

``ZGWAutoSchema`` (the schema class of every ZGW view) gives each operation the standard's
operationId (``applicatie_read``), its scopes as JWT-Claims security, the ``API-version`` and
``Location`` response headers, and the error responses (``Fout``/``ValidatieFout`` as
``application/problem+json``) that the standards list per operation.
"""

from __future__ import annotations

from http import HTTPStatus

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from raadhuis.platform.api.errors import PROBLEM_JSON, camelize

SCHEME = "JWT-Claims"
# Every ZGW operation can answer these; 400 and 404 depend on the operation (see below).
COMMON_ERRORS = frozenset({401, 403, 406, 409, 410, 415, 429, 500})
VERBS = {"retrieve": "read", "destroy": "delete"}  # DRF action → the standard's operationId verb
API_VERSION_HEADER = {
    "schema": {"type": "string"},
    "description": "Geeft een specifieke API-versie aan in de context van een specifieke aanroep. "
                   "Voorbeeld: 1.2.1.",
}
LOCATION_HEADER = {
    "schema": {"type": "string", "format": "uri"},
    "description": "URL waar de resource leeft.",
}


def experimental(field: serializers.Field) -> serializers.Field:
    """Mark a serializer field that the standard does not have: ``x-experimental: true``.

    The contract test allows such extras and refuses unmarked ones."""
    field.zgw_experimental = True
    return field


class FoutSerializer(serializers.Serializer):
    """Formaat van HTTP 4xx en 5xx fouten."""

    type = serializers.CharField(required=False, help_text="URI referentie naar het type fout")
    code = serializers.CharField(help_text="Systeemcode die het type fout aangeeft")
    title = serializers.CharField(help_text="Generieke titel voor het type fout")
    status = serializers.IntegerField(help_text="De HTTP status code")
    detail = serializers.CharField(help_text="Extra informatie bij de fout, indien beschikbaar")
    instance = serializers.CharField(help_text="URI met referentie naar dit specifiek voorkomen van de fout")


class FieldValidationErrorSerializer(serializers.Serializer):
    """Formaat van validatiefouten."""

    name = serializers.CharField(help_text="Naam van het veld met ongeldige gegevens")
    code = serializers.CharField(help_text="Systeemcode die het type fout aangeeft")
    reason = serializers.CharField(help_text="Uitleg wat er precies fout is met de gegevens")


class ValidatieFoutSerializer(FoutSerializer):
    """Formaat van HTTP 400 fouten, met de ongeldige velden."""

    invalid_params = FieldValidationErrorSerializer(many=True)


class ZGWAutoSchema(AutoSchema):
    """Views tune it with ``schema_resource`` (the operationId prefix, default the model
    name) and ``extra_error_statuses = {"action": {404}}``."""

    def get_operation_id(self) -> str:
        resource = getattr(self.view, "schema_resource", "") or self._model_name()
        action = getattr(self.view, "action", None)
        if not resource or not action:
            return super().get_operation_id()
        return f"{resource}_{VERBS.get(action, action)}"

    def _model_name(self) -> str:
        queryset = getattr(self.view, "queryset", None)
        return queryset.model._meta.model_name if queryset is not None else ""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if schema is not None and getattr(field, "zgw_experimental", False):
            schema["x-experimental"] = True
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status in sorted(self.error_statuses()):
            if str(status) not in responses:
                responses[str(status)] = self._error_response(status)
        for code, response in responses.items():
            response["headers"] = {**self._standard_headers(code), **response.get("headers", {})}
            response["description"] = response.get("description") or _phrase(code)
        return responses

    def error_statuses(self) -> set[int]:
        """The standards' rule: 400 where input is validated (a body, or a list with query
        parameters), 404 where the path names a resource; the rest always."""
        statuses = set(COMMON_ERRORS)
        if self.method in ("POST", "PUT", "PATCH") or self._list_with_query():
            statuses.add(400)
        if "{" in self.path:
            statuses.add(404)
        action = getattr(self.view, "action", None)
        statuses |= set(getattr(self.view, "extra_error_statuses", {}).get(action, ()))
        return statuses

    def _list_with_query(self) -> bool:
        query = self._get_filter_parameters() or self._get_pagination_parameters()
        return self._is_list_view() and bool(query)

    def _error_response(self, status: int) -> dict:
        serializer = ValidatieFoutSerializer if status == 400 else FoutSerializer
        response = self._get_response_for_code(serializer, str(status), media_types=[PROBLEM_JSON])
        response["description"] = _phrase(str(status))
        return response

    def _standard_headers(self, code: str) -> dict:
        headers = {}
        if getattr(self.view, "api_version", ""):
            headers["API-version"] = dict(API_VERSION_HEADER)
        if code == "201":
            headers["Location"] = dict(LOCATION_HEADER)
        return headers


def _phrase(code: str) -> str:
    return HTTPStatus(int(code)).phrase if code.isdigit() else code


class ZGWJWTAuthenticationScheme(OpenApiAuthenticationExtension):
    """The JWT-Claims scheme, with the operation's scopes as the standards list them."""

    target_class = "raadhuis.zgw.common.auth.ZGWJWTAuthentication"
    name = SCHEME

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}

    def get_security_requirement(self, auto_schema):
        view = auto_schema.view
        action = getattr(view, "action", None) or auto_schema.method.lower()
        scope = getattr(view, "required_scopes", {}).get(action)
        return {SCHEME: sorted(scope.labels) if scope is not None else []}


class DiscriminatedSerializerScheme(OpenApiSerializerExtension):
    """``oneOf`` the variants with a discriminator mapping. Each variant's discriminator
    allows only its own value, so that plain JSON Schema validators (which ignore the
    discriminator) see exactly one matching variant."""

    target_class = "raadhuis.zgw.common.polymorphism.DiscriminatedSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        mapping = {
            value: auto_schema.resolve_serializer(variant, direction).ref["$ref"]
            for value, variant in self.target.variants.items()
        }
        return {
            "oneOf": [{"$ref": ref} for ref in dict.fromkeys(mapping.values())],
            "discriminator": {"propertyName": camelize(self.target.discriminator), "mapping": mapping},
        }
