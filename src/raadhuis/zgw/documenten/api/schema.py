"""How the Documenten API describes itself the way the 1.7 OAS does.

- operationIds after DRF's actions (``gebruiksrechten_retrieve``, ``_destroy``), as the 1.7 OAS;
- a choice of scopes written as the standard writes it: ``(documenten.lock | documenten.geforceerd-unlock)``;
- the ``HEAD`` operations (``*_headers``) that drf-spectacular leaves out, and the names
  ``_expand`` and ``uuid__in`` that camelCase would change (postprocessing hook);
- the error statuses the OAS gives per operation (no 409 on download and locking; a plain
  ``Fout`` for a 400 of lock and unlock);
- verzendingen without scopes in the OAS (the standard lists none there; the API still
  requires the documenten scopes).
"""

from __future__ import annotations

from raadhuis.platform.api.errors import PROBLEM_JSON
from raadhuis.zgw.common.schema import SCHEME, FoutSerializer, ZGWAutoSchema

# The standard's order of alternatives (a frozenset would lose it).
SCOPE_TEXT = {
    "documenten.bijwerken|documenten.geforceerd-bijwerken":
        "(documenten.bijwerken | documenten.geforceerd-bijwerken)",
    "documenten.geforceerd-unlock|documenten.lock": "(documenten.lock | documenten.geforceerd-unlock)",
}
WITHOUT_409 = {"download", "lock", "unlock"}
FOUT_400 = {"lock", "unlock"}
UNSCOPED = {"verzending"}
HEADERS = ("enkelvoudiginformatieobject", "gebruiksrechten", "objectinformatieobject", "verzending")


class DocumentenAutoSchema(ZGWAutoSchema):
    def get_operation_id(self) -> str:
        resource = getattr(self.view, "schema_resource", "") or "enkelvoudiginformatieobject"
        action = getattr(self.view, "action", None)
        return f"{resource}_{action}" if action else super().get_operation_id()

    def get_auth(self):
        auth = super().get_auth()
        if getattr(self.view, "schema_resource", "") in UNSCOPED:
            return []
        for requirement in auth:
            labels = requirement.get(SCHEME)
            if labels and len(labels) > 1:
                requirement[SCHEME] = [SCOPE_TEXT.get("|".join(sorted(labels)), " | ".join(labels))]
        return auth

    def error_statuses(self) -> set[int]:
        statuses = super().error_statuses()
        action = getattr(self.view, "action", None)
        return statuses - {409} if action in WITHOUT_409 else statuses

    def _error_response(self, status: int) -> dict:
        if status == 400 and getattr(self.view, "action", None) in FOUT_400:
            response = self._get_response_for_code(FoutSerializer, "400", media_types=[PROBLEM_JSON])
            response["description"] = "Bad Request"
            return response
        return super()._error_response(status)

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        # A blank-allowed URI/e-mail is written as oneOf [format, maxLength 0]; the standard
        # writes the format alone.
        branches = schema.get("oneOf")
        if branches and len(branches) == 2 and branches[1].get("maxLength") == 0:
            schema.update(schema.pop("oneOf")[0])


RENAMES = {"Expand": "_expand", "uuid_In": "uuid__in"}


def postprocess(result, generator, request, public):
    """Restore names camelCase changed and add the HEAD operations of the standard."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        _rename(schema)
    for item in result.get("paths", {}).values():
        _uuid_format(item)
        get = item.get("get")
        if (
            get
            and get.get("operationId", "").endswith("_retrieve")
            and get["operationId"].rsplit("_", 1)[0] in HEADERS
        ):
            item["head"] = _head(get)
    return result


def _uuid_format(item: dict) -> None:
    """Every ``{uuid}`` of the paths is a UUID (the routes only match one)."""
    for operation in item.values():
        for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
            if parameter.get("in") == "path" and parameter.get("name") == "uuid":
                parameter["schema"] = {"type": "string", "format": "uuid"}


def _rename(schema: dict) -> None:
    properties = schema.get("properties") or {}
    for old, new in RENAMES.items():
        if old in properties:
            properties[new] = properties.pop(old)
            schema["required"] = [new if name == old else name for name in schema.get("required", [])]
    for value in properties.values():
        if isinstance(value, dict):
            _rename(value)


def _head(get: dict) -> dict:
    resource = get["operationId"].rsplit("_", 1)[0]
    parameters = [
        p for p in get.get("parameters", []) if p.get("in") == "path" or p.get("name") == "If-None-Match"
    ]
    headers = get["responses"]["200"].get("headers", {})
    return {
        "operationId": f"{resource}_headers",
        "description": "Vraag de headers op die je bij een GET request zou krijgen.",
        "summary": f"De headers voor een specifiek(e) {resource.upper()} opvragen ",
        "parameters": parameters,
        "tags": get.get("tags", []),
        "security": [],
        "responses": {"200": {"description": "OK", "headers": headers}},
    }
