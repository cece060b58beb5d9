"""The generated OAS of both APIs is committed, served, and keeps the official 2.x contract.

OFFICIAL lists the operations, list parameters and field names of the official OpenAPI
documents (maykinmedia objects-api 2.x ``src/objects/api/v2/openapi.yaml``, objecttypes-api
2.2 ``src/objecttypes/api/v2/openapi.yaml``, both EUPL-1.2), checked by hand against them.
They are written out on purpose instead of derived from the serializers or the generated
OAS: derived from the code, a field renamed or dropped there would change the expectation
with it and the test could never fail.
"""

import pytest
from django.core.management import call_command

from raadhuis.objecten import oas

RECORD = {
    "index",
    "typeVersion",
    "data",
    "geometry",
    "startAt",
    "endAt",
    "registrationAt",
    "correctionFor",
    "correctedBy",
}
OFFICIAL = {
    "objects": {
        "operations": {
            "/objects": {"get", "post"},
            "/objects/{uuid}": {"get", "put", "patch", "delete"},
            "/objects/{uuid}/history": {"get"},
            "/objects/search": {"post"},
            "/permissions": {"get"},
        },
        "list_parameters": (
            "/objects",
            "get",
            {
                "Accept-Crs",
                "data_attrs",
                "data_icontains",
                "date",
                "fields",
                "ordering",
                "page",
                "pageSize",
                "registrationDate",
                "type",
                "typeVersion",
            },
        ),
        "schemas": {
            "Object": {"url", "uuid", "type", "record"},
            "ObjectRecord": RECORD,
            "HistoryRecord": RECORD,  # the same fields in the official document
            "Permission": {"type", "mode", "use_fields", "fields"},
        },
        "required": {"Object": {"type", "record"}, "ObjectRecord": {"startAt", "typeVersion"}},
        "paginated": {"PaginatedObjectList", "PaginatedHistoryRecordList", "PaginatedPermissionList"},
    },
    "objecttypes": {
        "operations": {
            "/objecttypes": {"get", "post"},
            "/objecttypes/{uuid}": {"get", "put", "patch", "delete"},
            "/objecttypes/{objecttype_uuid}/versions": {"get", "post"},
            "/objecttypes/{objecttype_uuid}/versions/{version}": {"get", "put", "patch", "delete"},
        },
        "list_parameters": ("/objecttypes", "get", {"dataClassification", "page", "pageSize"}),
        "schemas": {
            "ObjectType": {
                "url",
                "uuid",
                "name",
                "namePlural",
                "description",
                "dataClassification",
                "maintainerOrganization",
                "maintainerDepartment",
                "contactPerson",
                "contactEmail",
                "source",
                "updateFrequency",
                "providerOrganization",
                "documentationUrl",
                "labels",
                "createdAt",
                "modifiedAt",
                "allowGeometry",
                "versions",
            },
            "ObjectVersion": {
                "url",
                "version",
                "objectType",
                "status",
                "jsonSchema",
                "createdAt",
                "modifiedAt",
                "publishedAt",
            },
        },
        "required": {"ObjectType": {"name", "namePlural"}},
        "paginated": {"PaginatedObjectTypeList", "PaginatedObjectVersionList"},
    },
}


@pytest.fixture(scope="module")
def generated():
    return {name: oas.generate(name) for name in oas.APIS}


def test_committed_oas_is_current():
    call_command("objecten_oas", "--check")


@pytest.mark.parametrize("name", list(oas.APIS))
def test_served_schema_is_the_committed_one(client, name):
    response = client.get(f"/{name}/api/v2/schema")
    assert response.status_code == 200
    assert response.content.decode("utf-8") == oas.committed(name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(OFFICIAL))
def test_operations_of_the_official_contract(generated, name):
    paths = generated[name]["paths"]
    for path, methods in OFFICIAL[name]["operations"].items():
        assert path in paths, f"{path} missing"
        assert methods <= set(paths[path]), f"{path}: {methods - set(paths[path])} missing"


@pytest.mark.parametrize("name", list(OFFICIAL))
def test_list_parameters_of_the_official_contract(generated, name):
    path, method, expected = OFFICIAL[name]["list_parameters"]
    names = {p["name"] for p in generated[name]["paths"][path][method].get("parameters", [])}
    assert expected <= names, expected - names


@pytest.mark.parametrize("name", list(OFFICIAL))
def test_field_names_of_the_official_contract(generated, name):
    schemas = generated[name]["components"]["schemas"]
    for schema, fields in OFFICIAL[name]["schemas"].items():
        assert schema in schemas, f"{schema} missing: {sorted(schemas)}"
        assert set(schemas[schema]["properties"]) == fields, schema
    for schema, required in OFFICIAL[name]["required"].items():
        assert required <= set(schemas[schema].get("required", [])), schema
    assert OFFICIAL[name]["paginated"] <= set(schemas)
