"""Our ZGW APIs keep the official contracts: the committed OAS is current, it is what we serve,
and it matches the official specification (see docs/modules/zgw-contract.md)."""

import copy

import pytest
from django.core.management import CommandError, call_command

from raadhuis.zgw.common import oas
from raadhuis.zgw.common.oas_compare import ALLOWED_DEVIATIONS, compare, unexplained, unused

COMPONENTS = oas.available()


def test_autorisaties_is_registered_and_available():
    assert "autorisaties" in [c.name for c in COMPONENTS]
    assert {a.component for a in ALLOWED_DEVIATIONS} <= set(oas.COMPONENTS)


def test_official_specifications_are_present():
    missing = [c.official for c in COMPONENTS if not c.official_path.exists()]
    assert not missing, f"Official OAS not found in {oas.specs_dir()} (set RAADHUIS_ZGW_SPECS_DIR): {missing}"


@pytest.fixture(scope="module")
def generated():
    """Generated once per module: generation walks every view of the component."""
    return {c.name: oas.generate(c) for c in COMPONENTS}


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_committed_oas_is_current(component):
    call_command("generate_oas", component.name, "--check")


def test_check_fails_on_a_stale_file(tmp_path, monkeypatch):
    stale = tmp_path / "openapi.yaml"
    stale.write_text("openapi: 3.0.3\n", encoding="utf-8")
    monkeypatch.setattr(oas.Component, "committed", property(lambda self: stale))
    with pytest.raises(CommandError, match="Stale"):
        call_command("generate_oas", "autorisaties", "--check")
    assert stale.read_text(encoding="utf-8") == "openapi: 3.0.3\n"


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_served_schema_is_the_committed_one(client, component):
    response = client.get(component.schema_url)
    assert response.status_code == 200
    assert response.content.decode("utf-8") == component.committed.read_text(encoding="utf-8")


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: c.name)
def test_matches_the_official_contract(component, generated):
    mismatches = compare(oas.load_official(component), generated[component.name])
    failures = unexplained(component.name, mismatches)
    assert not failures, f"{len(failures)} difference(s) from {component.official}:\n" + "\n".join(
        f"  {m}" for m in failures)
    stale = unused(component.name, mismatches)
    assert not stale, f"Allowances that no longer match anything (remove them): {stale}"


# --- The comparison itself finds what it should -------------------------------------------

OFFICIAL = {
    "openapi": "3.0.0",
    "info": {"title": "T", "version": "1.0.0"},
    "security": [{"JWT-Claims": []}],
    "paths": {
        "/dingen/{uuid}": {
            "parameters": [{"name": "uuid", "in": "path", "required": True,
                            "schema": {"type": "string", "format": "uuid"}}],
            "get": {
                "operationId": "ding_read",
                "parameters": [{"name": "expand", "in": "query", "schema": {"type": "string"}}],
                "security": [{"JWT-Claims": ["dingen.lezen"]}],
                "responses": {
                    "200": {
                        "description": "OK",
                        "headers": {"API-version": {"schema": {"type": "string"}}},
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ding"}}},
                    },
                    "404": {"description": "Not found", "content": {"application/problem+json": {
                        "schema": {"type": "object", "properties": {"code": {"type": "string"}}}}}},
                },
            },
        },
    },
    "components": {"schemas": {
        "Ding": {"type": "object", "required": ["naam"], "properties": {
            "naam": {"type": "string"},
            "status": {"type": "string", "enum": ["open", "dicht"]},
            "datum": {"type": "string", "format": "date", "nullable": True},
            "url": {"type": "string", "format": "uri", "readOnly": True},
            "delen": {"type": "array", "items": {"$ref": "#/components/schemas/DeelBase"}},
        }},
        "DeelBase": {"type": "object", "required": ["soort"], "discriminator": {"propertyName": "soort"},
                     "properties": {"soort": {"type": "string", "enum": ["a", "b"]}}},
        "a": {"allOf": [{"$ref": "#/components/schemas/DeelBase"},
                        {"type": "object", "properties": {"x": {"type": "integer"}}}]},
        "b": {"allOf": [{"$ref": "#/components/schemas/DeelBase"}, {"type": "object", "properties": {}}]},
    }},
}


def _ours():
    """A document that keeps the OFFICIAL contract, in drf-spectacular's style (oneOf variants)."""
    ours = copy.deepcopy(OFFICIAL)
    schemas = ours["components"]["schemas"]
    schemas["Deel"] = {"oneOf": [{"$ref": "#/components/schemas/DeelA"},
                                 {"$ref": "#/components/schemas/DeelB"}],
                       "discriminator": {"propertyName": "soort", "mapping": {
                           "a": "#/components/schemas/DeelA", "b": "#/components/schemas/DeelB"}}}
    schemas["DeelA"] = {"type": "object", "required": ["soort"], "properties": {
        "soort": {"type": "string", "enum": ["a"]}, "x": {"type": "integer"}}}
    schemas["DeelB"] = {"type": "object", "required": ["soort"], "properties": {
        "soort": {"type": "string", "enum": ["b"]}}}
    schemas["Ding"]["properties"]["delen"]["items"] = {"$ref": "#/components/schemas/Deel"}
    return ours


def _found(ours) -> list[str]:
    return [f"{m.location} | {m.field} | {m.expected} | {m.actual}" for m in compare(OFFICIAL, ours)]


def test_comparison_accepts_an_equivalent_document():
    assert compare(OFFICIAL, _ours()) == []


def test_comparison_reports_missing_and_changed_fields():
    ours = _ours()
    ding = ours["components"]["schemas"]["Ding"]["properties"]
    del ding["naam"]
    ding["status"]["enum"] = ["open", "gesloten"]
    ding["datum"] = {"type": "string"}
    ding["url"]["readOnly"] = False
    ours["components"]["schemas"]["DeelA"]["properties"]["x"]["type"] = "string"
    body = "response 200 application/json"
    assert _found(ours) == [
        f"{body} | naam | present | missing",
        f"{body} | status (enum) | values 'dicht' | missing",
        f"{body} | status (enum) | no values 'gesloten' | extra",
        f"{body} | datum (format) | date | no format",
        f"{body} | datum (nullable) | True | False",
        f"{body} | url (readOnly) | True | False",
        f"{body} | delen[]<soort=a>.x (type) | integer | string",
    ]


def test_comparison_reports_operation_level_differences():
    ours = _ours()
    operation = ours["paths"]["/dingen/{uuid}"]["get"]
    operation["operationId"] = "dingen_retrieve"
    operation["security"] = [{"JWT-Claims": []}]
    operation["parameters"] = [{"name": "fields", "in": "query", "schema": {"type": "string"}}]
    del operation["responses"]["200"]["headers"]
    operation["responses"]["404"]["content"] = {"application/json": {"schema": {"type": "object"}}}
    operation["responses"]["418"] = {"description": "teapot"}
    assert _found(ours) == [
        "operationId |  | ding_read | dingen_retrieve",
        "security |  | {'JWT-Claims': ['dingen.lezen']} | {'JWT-Claims': []}",
        "parameter query | expand | present | missing",
        "parameter query | fields | absent (or x-experimental) | extra parameter",
        "response 200 | header API-version | present | missing",
        "response 404 | media type | application/problem+json | application/json",
        "response 418 |  | absent | extra response",
    ]


def test_extras_must_be_flagged_experimental():
    ours = _ours()
    properties = ours["components"]["schemas"]["Ding"]["properties"]
    properties["eigen"] = {"type": "string"}
    properties["proef"] = {"type": "string", "x-experimental": True}
    ours["paths"]["/dingen"] = {"post": {"operationId": "ding_create", "responses": {}}}
    ours["paths"]["/proef"] = {"get": {"operationId": "proef", "x-experimental": True, "responses": {}}}
    assert _found(ours) == [
        "response 200 application/json | eigen | absent (or x-experimental) | extra field",
        "operation |  | absent (or x-experimental) | extra operation",
    ]


def test_comparison_reports_missing_variants_and_operations():
    ours = _ours()
    del ours["components"]["schemas"]["Deel"]["discriminator"]["mapping"]["b"]
    ours["components"]["schemas"]["Deel"]["oneOf"].pop()
    ours["paths"]["/dingen/{id}"] = ours["paths"].pop("/dingen/{uuid}")
    found = _found(ours)
    assert "path |  | /dingen/{uuid} | /dingen/{id}" in found
    assert "response 200 application/json | delen[]<soort=b> | variant | missing" in found
    del ours["paths"]["/dingen/{id}"]
    assert _found(ours) == ["operation |  | present | missing"]
