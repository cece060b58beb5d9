"""Conformance class: core (req/datamodel, req/resource-path, req/request-data basics)."""

import pytest

from tests.sensoren.conftest import BASE

pytestmark = pytest.mark.django_db

SETS = ["Things", "Locations", "HistoricalLocations", "Datastreams", "MultiDatastreams", "Sensors",
        "ObservedProperties", "Observations", "FeaturesOfInterest"]


def test_req_resource_path_service_root_lists_every_entity_set(anonymous):
    status, body = anonymous.get(f"{BASE}/")
    assert status == 200
    assert anonymous.get(BASE) == (200, body)
    assert sorted(v["name"] for v in body["value"]) == sorted(SETS)
    assert all(v["url"].endswith(f"/sensorthings/v1.1/{v['name']}") for v in body["value"])
    conformance = body["serverSettings"]["conformance"]
    assert "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data" in conformance


@pytest.mark.parametrize("name", SETS)
def test_req_resource_path_every_collection_is_readable(anonymous, name):
    status, body = anonymous.get(name)
    assert status == 200
    assert body["value"] == []


def test_req_datamodel_entity_has_id_selflink_and_navigation_links(sta, thing):
    thing_id, stream_id = thing
    status, body = sta.get(f"Things({thing_id})")
    assert status == 200
    assert body["@iot.id"] == thing_id
    assert body["@iot.selfLink"] == f"http://testserver{BASE}/Things({thing_id})"
    for nav in ("Locations", "HistoricalLocations", "Datastreams", "MultiDatastreams"):
        assert body[f"{nav}@iot.navigationLink"] == f"http://testserver{BASE}/Things({thing_id})/{nav}"
    assert body["properties"]["eigenaar"] == "Team Afval"


def test_req_resource_path_navigation_property_and_value(sta, thing):
    thing_id, stream_id = thing
    status, body = sta.get(f"Datastreams({stream_id})/Thing")
    assert (status, body["@iot.id"]) == (200, thing_id)
    status, body = sta.get(f"Things({thing_id})/Datastreams({stream_id})/ObservedProperty/name")
    assert (status, body) == (200, {"name": "Vulgraad"})
    status, body = sta.get(f"Things({thing_id})/name/$value")
    assert (status, body) == (200, "Container Markt 1")
    status, body = sta.get(f"Things({thing_id})/Datastreams/$ref")
    assert status == 200
    assert body["value"] == [{"@iot.selfLink": f"http://testserver{BASE}/Datastreams({stream_id})"}]


def test_req_resource_path_unknown_entity_is_404(sta, thing):
    thing_id, _ = thing
    assert sta.get("Things(999999)")[0] == 404
    assert sta.get("Things(999999)/Datastreams")[0] == 404
    assert sta.get(f"Things({thing_id})/Nonsense")[0] == 404
    assert sta.get("Dingen")[0] == 404


def test_req_datamodel_historical_location_and_automatic_feature(sta, thing):
    thing_id, stream_id = thing
    status, body = sta.get(f"Things({thing_id})/HistoricalLocations", **{"$expand": "Locations"})
    assert status == 200 and len(body["value"]) == 1
    assert body["value"][0]["Locations"][0]["name"] == "Markt"
    status, obs = sta.post(f"Datastreams({stream_id})/Observations", {"result": 42})
    assert status == 201
    status, feature = sta.get(f"Observations({obs['@iot.id']})/FeatureOfInterest")
    assert status == 200
    assert feature["feature"] == {"type": "Point", "coordinates": [5.12, 52.09]}
    # One feature per location, reused by the next observation.
    sta.post(f"Datastreams({stream_id})/Observations", {"result": 43})
    assert len(sta.get("FeaturesOfInterest")[1]["value"]) == 1


def test_tenancy_client_sees_only_its_own_anonymous_sees_public_register(sta, sta_b, anonymous, thing):
    thing_id, _ = thing
    assert sta_b.get(f"Things({thing_id})")[0] == 404
    assert sta_b.get("Things")[1]["value"] == []
    assert anonymous.get(f"Things({thing_id})")[0] == 200
    status, body = sta_b.send("patch", f"Things({thing_id})", {"name": "Overgenomen"})
    assert status == 404


def test_anonymous_cannot_write(anonymous):
    status, body = anonymous.post("Things", {"name": "x", "description": "y"})
    assert status == 401
    assert "API-client" in body["detail"]
