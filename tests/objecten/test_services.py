"""The service layer other components use: object types, objects, history, search."""

from datetime import date

import pytest
from rest_framework.exceptions import ValidationError

from raadhuis.objecten import services
from tests.objecten.conftest import BOOM_SCHEMA

pytestmark = pytest.mark.django_db

POINT = {"type": "Point", "coordinates": [5.12, 52.09]}


def test_ensure_objecttype_is_idempotent_and_publishes_version_1(aadorp, boom, in_aadorp):
    again = services.ensure_objecttype(organisation=aadorp, name="boom", json_schema=BOOM_SCHEMA)
    assert again == boom
    assert boom.version == 1
    assert boom.url.endswith(f"/objecttypes/api/v2/objecttypes/{boom.uuid}")


def test_ensure_objecttype_with_a_changed_schema_publishes_the_next_version(aadorp, boom, in_aadorp):
    schema = {**BOOM_SCHEMA, "required": ["soort", "hoogte"]}
    changed = services.ensure_objecttype(organisation=aadorp, name="boom", json_schema=schema)
    assert changed.uuid == boom.uuid and changed.version == 2


def test_create_get_update_and_history(boom, in_aadorp):
    ref = services.create_object(boom, data={"soort": "Eik"}, geometry=POINT, start_at=date(2020, 1, 1))
    assert ref.index == 1 and services.object_url(ref) == ref.url
    shown = services.get_object(ref.uuid)
    assert shown["type"] == boom.url
    assert shown["record"]["data"] == {"soort": "Eik"}
    assert shown["record"]["geometry"] == POINT

    second = services.update_object(ref, data={"soort": "Eik", "hoogte": 12}, start_at=date(2024, 6, 1))
    assert second.index == 2
    assert services.get_object(ref.uuid)["record"]["data"]["hoogte"] == 12
    assert services.get_object(ref.uuid)["record"]["geometry"] == POINT  # kept when left out
    assert services.get_object(ref.uuid, at=date(2022, 1, 1))["record"]["index"] == 1
    assert services.get_object(ref.uuid, at=date(2019, 1, 1)) is None
    history = services.object_history(ref.uuid)
    assert [h["index"] for h in history] == [1, 2]
    assert history[0]["endAt"] == "2024-06-01" and history[1]["endAt"] is None


def test_find_objects_by_data_and_area(boom, in_aadorp):
    services.create_object(boom, data={"soort": "Eik", "hoogte": 20}, geometry=POINT)
    services.create_object(
        boom, data={"soort": "Beuk", "hoogte": 5}, geometry={"type": "Point", "coordinates": [5.5, 52.5]}
    )
    assert [
        o["record"]["data"]["soort"] for o in services.find_objects(boom, data_attrs={"hoogte__gt": 10})
    ] == ["Eik"]
    assert len(services.find_objects(boom, data_attrs={"soort": "Beuk"})) == 1
    area = {
        "type": "Polygon",
        "coordinates": [[[5.0, 52.0], [5.2, 52.0], [5.2, 52.2], [5.0, 52.2], [5.0, 52.0]]],
    }
    assert [o["record"]["data"]["soort"] for o in services.find_objects(boom, within=area)] == ["Eik"]


def test_invalid_data_is_refused_with_the_reason(boom, in_aadorp):
    with pytest.raises(ValidationError) as error:
        services.create_object(boom, data={"hoogte": -1, "soort": "Eik"})
    assert "hoogte" in str(error.value.detail["data"][0])
