"""The Objecttypes API 2.x: object types and their versioned JSON Schemas."""

import json

import pytest

from tests.objecten.conftest import BOOM_SCHEMA

pytestmark = pytest.mark.django_db

TYPES = "/objecttypes/api/v2/objecttypes"
OBJECTS = "/objects/api/v2/objects"


def _post(api, path, body):
    return api.post(path, json.dumps(body), content_type="application/json", HTTP_CONTENT_CRS="EPSG:4326")


@pytest.fixture
def beheer(objecten_client, aadorp):
    return objecten_client(aadorp, alles=True)


def _new_type(api, **extra):
    body = {
        "name": "lantaarnpaal",
        "namePlural": "lantaarnpalen",
        "description": "Verlichting",
        "dataClassification": "open",
        "updateFrequency": "monthly",
        "labels": {"domein": "ruimte"},
        **extra,
    }
    response = _post(api, TYPES, body)
    assert response.status_code == 201, response.json()
    return response.json()


def test_create_an_objecttype_with_the_fields_of_the_standard(beheer):
    created = _new_type(beheer, maintainerOrganization="Gemeente Aadorp", allowGeometry=True)
    assert created["url"].endswith(f"{TYPES}/{created['uuid']}")
    assert created["namePlural"] == "lantaarnpalen" and created["labels"] == {"domein": "ruimte"}
    assert created["versions"] == []
    assert set(created) >= {
        "dataClassification",
        "maintainerDepartment",
        "contactPerson",
        "contactEmail",
        "source",
        "providerOrganization",
        "documentationUrl",
        "createdAt",
        "modifiedAt",
    }
    listed = beheer.get(TYPES).json()
    assert listed["count"] == 1


def test_version_lifecycle_draft_published_deprecated(beheer):
    objecttype = _new_type(beheer)
    versions = f"{TYPES}/{objecttype['uuid']}/versions"
    draft = _post(beheer, versions, {"jsonSchema": BOOM_SCHEMA})
    assert draft.status_code == 201, draft.json()
    assert draft.json()["status"] == "draft" and draft.json()["version"] == 1
    second_draft = _post(beheer, versions, {"jsonSchema": BOOM_SCHEMA})
    assert second_draft.status_code == 400  # one draft at a time

    # A draft can change; objects cannot use it yet.
    changed = {**BOOM_SCHEMA, "required": []}
    assert (
        beheer.patch(
            f"{versions}/1", json.dumps({"jsonSchema": changed}), content_type="application/json"
        ).status_code
        == 200
    )
    body = {"type": objecttype["url"], "record": {"typeVersion": 1, "data": {}, "startAt": "2025-01-01"}}
    assert _post(beheer, OBJECTS, body).status_code == 400

    published = beheer.patch(
        f"{versions}/1", json.dumps({"status": "published"}), content_type="application/json"
    )
    assert published.status_code == 200 and published.json()["publishedAt"]
    assert _post(beheer, OBJECTS, body).status_code == 201

    # Published is immutable, and never back to draft.
    immutable = beheer.patch(
        f"{versions}/1", json.dumps({"jsonSchema": BOOM_SCHEMA}), content_type="application/json"
    )
    assert immutable.status_code == 400
    back = beheer.patch(f"{versions}/1", json.dumps({"status": "draft"}), content_type="application/json")
    assert back.status_code == 400
    assert beheer.delete(f"{versions}/1").status_code == 400

    deprecated = beheer.patch(
        f"{versions}/1", json.dumps({"status": "deprecated"}), content_type="application/json"
    )
    assert deprecated.status_code == 200
    # New objects may not use a deprecated version.
    assert _post(beheer, OBJECTS, body).status_code == 400
    detail = beheer.get(f"{TYPES}/{objecttype['uuid']}").json()
    assert detail["versions"] == [f"http://testserver{versions}/1"]


def test_a_schema_change_validates_new_records_only(beheer):
    objecttype = _new_type(beheer)
    versions = f"{TYPES}/{objecttype['uuid']}/versions"
    _post(beheer, versions, {"jsonSchema": BOOM_SCHEMA, "status": "published"})
    created = _post(
        beheer,
        OBJECTS,
        {
            "type": objecttype["url"],
            "record": {"typeVersion": 1, "data": {"soort": "Eik"}, "startAt": "2025-01-01"},
        },
    ).json()
    strict = {**BOOM_SCHEMA, "required": ["soort", "hoogte"]}
    _post(beheer, versions, {"jsonSchema": strict, "status": "published"})
    update = {
        "type": objecttype["url"],
        "record": {"typeVersion": 2, "data": {"soort": "Eik"}, "startAt": "2025-02-01"},
    }
    refused = beheer.put(
        f"{OBJECTS}/{created['uuid']}",
        json.dumps(update),
        content_type="application/json",
        HTTP_CONTENT_CRS="EPSG:4326",
    )
    assert refused.status_code == 400 and "hoogte" in refused.json()["invalidParams"][0]["reason"]
    update["record"]["data"]["hoogte"] = 8
    accepted = beheer.put(
        f"{OBJECTS}/{created['uuid']}",
        json.dumps(update),
        content_type="application/json",
        HTTP_CONTENT_CRS="EPSG:4326",
    )
    assert accepted.status_code == 200 and accepted.json()["record"]["typeVersion"] == 2
    history = beheer.get(f"{OBJECTS}/{created['uuid']}/history").json()["results"]
    assert [h["typeVersion"] for h in history] == [1, 2]


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "objekt"},
        {"type": "object", "properties": {"a": {"type": 5}}},
        {"type": "object", "required": "soort"},
        {"$ref": "https://elders.example/schema.json"},
        ["not", "an", "object"],
    ],
)
def test_invalid_json_schema_is_a_clear_400(beheer, schema):
    objecttype = _new_type(beheer)
    response = _post(beheer, f"{TYPES}/{objecttype['uuid']}/versions", {"jsonSchema": schema})
    assert response.status_code == 400, response.json()
    assert response.json()["invalidParams"][0]["name"] == "jsonSchema"


def test_duplicate_name_and_unknown_enum(beheer):
    _new_type(beheer)
    assert _post(beheer, TYPES, {"name": "lantaarnpaal", "namePlural": "x"}).status_code == 400
    assert (
        _post(beheer, TYPES, {"name": "x", "namePlural": "x", "dataClassification": "geheim"}).status_code
        == 400
    )


def test_only_clients_with_all_autorisaties_change_types(objecten_client, aadorp, beheer):
    objecttype = _new_type(beheer)
    reader = objecten_client(aadorp)
    assert reader.get(TYPES).json()["count"] == 1
    assert _post(reader, TYPES, {"name": "y", "namePlural": "y"}).status_code == 403
    assert reader.delete(f"{TYPES}/{objecttype['uuid']}").status_code == 403


def test_types_are_per_municipality(objecten_client, beestad, beheer):
    objecttype = _new_type(beheer)
    other = objecten_client(beestad, alles=True)
    assert other.get(TYPES).json()["count"] == 0
    assert other.get(f"{TYPES}/{objecttype['uuid']}").status_code == 404
    assert other.get(f"{TYPES}/{objecttype['uuid']}/versions").json()["count"] == 0


def test_delete_only_without_objects(beheer):
    objecttype = _new_type(beheer)
    versions = f"{TYPES}/{objecttype['uuid']}/versions"
    _post(beheer, versions, {"jsonSchema": BOOM_SCHEMA})
    assert beheer.delete(f"{versions}/1").status_code == 204
    assert beheer.delete(f"{TYPES}/{objecttype['uuid']}").status_code == 204
