"""Conformance class: create-update-delete (req/create-update-delete/*)."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.sensoren import models as m
from tests.sensoren.conftest import THING

pytestmark = pytest.mark.django_db


def count(model):
    with tenancy.system_scope():
        return model.objects.count()


def test_req_create_update_delete_deep_insert_creates_every_entity(sta, thing):
    assert [
        count(x)
        for x in (m.Thing, m.Location, m.Datastream, m.Sensor, m.ObservedProperty, m.HistoricalLocation)
    ] == [1, 1, 1, 1, 1, 1]


def test_req_create_update_delete_link_to_existing_entities_by_id(sta, thing):
    thing_id, stream_id = thing
    _, stream = sta.get(f"Datastreams({stream_id})", **{"$expand": "Sensor,ObservedProperty"})
    status, body = sta.post(
        f"Things({thing_id})/Datastreams",
        {
            "name": "Temperatuur",
            "description": "Temperatuur",
            "unitOfMeasurement": {"name": "graad", "symbol": "°C"},
            "observationType": "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
            "Sensor": {"@iot.id": stream["Sensor"]["@iot.id"]},
            "ObservedProperty": {"@iot.id": stream["ObservedProperty"]["@iot.id"]},
        },
    )
    assert status == 201, body
    assert body["@iot.selfLink"].endswith(f"Datastreams({body['@iot.id']})")
    assert count(m.Sensor) == 1
    assert len(sta.get(f"Things({thing_id})/Datastreams")[1]["value"]) == 2


def test_req_create_update_delete_patch_put_and_location_history(sta, thing):
    thing_id, _ = thing
    status, body = sta.send("patch", f"Things({thing_id})", {"name": "Nieuwe naam"})
    assert (status, body["name"], body["description"]) == (200, "Nieuwe naam", "Ondergrondse afvalcontainer")
    status, body = sta.send("put", f"Things({thing_id})", {"name": "Vervangen", "description": "Alles nieuw"})
    assert status == 200 and body["properties"] is None
    status, body = sta.send("put", f"Things({thing_id})", {"name": "Zonder beschrijving"})
    assert status == 400
    status, location = sta.post(
        "Locations",
        {
            "name": "Plein",
            "description": "Plein 2",
            "encodingType": "application/geo+json",
            "location": {"type": "Point", "coordinates": [5.13, 52.1]},
        },
    )
    status, body = sta.send("patch", f"Things({thing_id})", {"Locations": [{"@iot.id": location["@iot.id"]}]})
    assert status == 200
    _, history = sta.get(f"Things({thing_id})/HistoricalLocations", **{"$expand": "Locations"})
    assert len(history["value"]) == 2
    _, current = sta.get(f"Things({thing_id})/Locations")
    assert [loc["name"] for loc in current["value"]] == ["Plein"]


def test_req_create_update_delete_delete_cascades(sta, thing):
    thing_id, stream_id = thing
    sta.post(f"Datastreams({stream_id})/Observations", {"result": 1})
    assert count(m.Observation) == 1
    status, _ = sta.send("delete", f"Things({thing_id})")
    assert status == 200
    assert [count(x) for x in (m.Thing, m.Datastream, m.Observation, m.HistoricalLocation)] == [0, 0, 0, 0]
    assert count(m.Location) == 1 and count(m.Sensor) == 1  # not owned by the Thing
    status, _ = sta.send("delete", f"Things({thing_id})")
    assert status == 404


def test_req_create_update_delete_location_delete_takes_its_history(sta, thing):
    thing_id, _ = thing
    _, locations = sta.get(f"Things({thing_id})/Locations")
    assert sta.send("delete", f"Locations({locations['value'][0]['@iot.id']})")[0] == 200
    assert count(m.HistoricalLocation) == 0 and count(m.Thing) == 1


@pytest.mark.parametrize(
    "body, fragment",
    [
        ({"name": "x"}, "description"),
        ({"name": 5, "description": "y"}, "tekst"),
        ({"name": "x", "description": "y", "kleur": "rood"}, "kleur"),
        ({"name": "x", "description": "y", "@iot.id": 5}, "@iot.id"),
        ([1, 2], "JSON-object"),
        ({"name": "x", "description": "y", "properties": "geen object"}, "object"),
        ({"name": "x" * 300, "description": "y"}, "255"),
    ],
)
def test_bad_entities_are_400_and_write_nothing(sta, body, fragment):
    status, answer = sta.post("Things", body)
    assert status == 400, answer
    assert fragment in answer["detail"]
    assert count(m.Thing) == 0


def test_failed_deep_insert_writes_nothing(sta):
    broken = {**THING, "Datastreams": [{**THING["Datastreams"][0], "unitOfMeasurement": "geen object"}]}
    status, body = sta.post("Things", broken)
    assert status == 400
    assert [count(x) for x in (m.Thing, m.Location, m.Sensor, m.HistoricalLocation)] == [0, 0, 0, 0]


def test_malformed_json_and_wrong_content_type(sta):
    assert sta.send("post", "Things", "{niet json")[0] == 400
    assert sta.send("post", "Things", "name=x", content_type="application/x-www-form-urlencoded")[0] == 415


def test_observation_bad_values(sta, thing):
    _, stream_id = thing
    path = f"Datastreams({stream_id})/Observations"
    assert sta.post(path, {"result": 1, "phenomenonTime": "gisteren"})[0] == 400
    assert sta.post(path, {"phenomenonTime": "2026-01-01T00:00:00Z"})[0] == 400
    assert sta.post("Observations", {"result": 1})[0] == 400  # no Datastream
    status, body = sta.post(
        path, {"result": 1, "phenomenonTime": "2026-01-01T00:00:00Z/2026-01-01T01:00:00Z"}
    )
    assert body["phenomenonTime"] == "2026-01-01T00:00:00.000Z/2026-01-01T01:00:00.000Z"
    _, stream = sta.get(f"Datastreams({stream_id})")
    assert stream["phenomenonTime"] == "2026-01-01T00:00:00.000Z/2026-01-01T01:00:00.000Z"
