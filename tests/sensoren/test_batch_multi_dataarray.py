"""Conformance classes: batch-request, multi-datastream and dataArray."""

import pytest
from django.test import override_settings

from raadhuis.platform import tenancy
from raadhuis.sensoren import models as m

pytestmark = pytest.mark.django_db
OBSERVATION_TYPE = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_ComplexObservation"


def count(model):
    with tenancy.system_scope():
        return model.objects.count()


def test_req_batch_request_json_batch_with_reference_to_created_entity(sta):
    status, body = sta.post(
        "$batch",
        {
            "requests": [
                {"id": "t", "method": "post", "url": "Things", "body": {"name": "A", "description": "a"}},
                {"id": "g", "method": "get", "url": "$t"},
                {"id": "p", "method": "patch", "url": "$t", "body": {"name": "B"}},
                {"id": "x", "method": "get", "url": "Things(999999)"},
            ]
        },
    )
    assert status == 200
    statuses = {r["id"]: r["status"] for r in body["responses"]}
    assert statuses == {"t": 201, "g": 200, "p": 200, "x": 404}
    assert body["responses"][2]["body"]["name"] == "B"


def test_req_batch_request_atomicity_group_rolls_back_together(sta):
    status, body = sta.post(
        "$batch",
        {
            "requests": [
                {
                    "id": "1",
                    "atomicityGroup": "g",
                    "method": "post",
                    "url": "Things",
                    "body": {"name": "A", "description": "a"},
                },
                {"id": "2", "atomicityGroup": "g", "method": "post", "url": "Things", "body": {"name": "B"}},
            ]
        },
    )
    assert [r["status"] for r in body["responses"]] == [424, 400]
    assert count(m.Thing) == 0


@override_settings(SENSORTHINGS_MAX_BATCH=3)
def test_huge_batch_is_400_and_runs_nothing(sta):
    request = {"method": "post", "url": "Things", "body": {"name": "A", "description": "a"}}
    status, body = sta.post("$batch", {"requests": [{**request, "id": str(i)} for i in range(4)]})
    assert status == 400 and "Te veel" in body["detail"]
    assert count(m.Thing) == 0


def test_req_multi_datastream_create_and_observe(sta, thing):
    thing_id, stream_id = thing
    _, stream = sta.get(f"Datastreams({stream_id})", **{"$expand": "Sensor"})
    status, body = sta.post(
        "MultiDatastreams",
        {
            "name": "Wind",
            "description": "Richting en snelheid",
            "observationType": OBSERVATION_TYPE,
            "multiObservationDataTypes": [
                "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement"
            ]
            * 2,
            "unitOfMeasurements": [{"name": "graad", "symbol": "°"}, {"name": "m/s", "symbol": "m/s"}],
            "Thing": {"@iot.id": thing_id},
            "Sensor": {"@iot.id": stream["Sensor"]["@iot.id"]},
            "ObservedProperties": [
                {"name": "Windrichting", "definition": "x", "description": "r"},
                {"name": "Windsnelheid", "definition": "y", "description": "s"},
            ],
        },
    )
    assert status == 201, body
    multi = body["@iot.id"]
    status, obs = sta.post(f"MultiDatastreams({multi})/Observations", {"result": [270, 4.5]})
    assert status == 201 and obs["result"] == [270, 4.5]
    assert sta.post(f"MultiDatastreams({multi})/Observations", {"result": [1]})[0] == 400
    _, props = sta.get(f"MultiDatastreams({multi})/ObservedProperties")
    assert [p["name"] for p in props["value"]] == ["Windrichting", "Windsnelheid"]
    assert sta.post("MultiDatastreams", {**body, "ObservedProperties": []})[0] == 400


def test_req_data_array_create_and_read(sta, thing):
    _, stream_id = thing
    status, links = sta.post(
        "CreateObservations",
        [
            {
                "Datastream": {"@iot.id": stream_id},
                "components": ["phenomenonTime", "result"],
                "dataArray@iot.count": 2,
                "dataArray": [["2026-01-01T00:00:00Z", 20], ["2026-01-01T00:01:00Z", 21]],
            }
        ],
    )
    assert status == 201 and len(links) == 2 and links[0].endswith(")")
    status, body = sta.get(
        "Observations", **{"$resultFormat": "dataArray", "$select": "result,phenomenonTime"}
    )
    assert status == 200
    group = body["value"][0]
    assert group["components"] == ["result", "phenomenonTime"]
    assert group["dataArray"] == [[20, "2026-01-01T00:00:00.000Z"], [21, "2026-01-01T00:01:00.000Z"]]
    assert group["Datastream@iot.navigationLink"].endswith(f"Datastreams({stream_id})")


def test_req_data_array_bad_row_writes_nothing(sta, thing):
    _, stream_id = thing
    status, body = sta.post(
        "CreateObservations",
        [
            {
                "Datastream": {"@iot.id": stream_id},
                "components": ["phenomenonTime", "result"],
                "dataArray": [["2026-01-01T00:00:00Z", 20], ["geen tijd", 21]],
            }
        ],
    )
    assert status == 400 and "rij 1" in body["detail"]
    assert count(m.Observation) == 0
