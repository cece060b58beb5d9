"""DataArray's common shape is checked and written a column at a time (ADR 0039's sibling for
ingest, docs/modules/sensoren.md): every row stored with its values, the links in the request's
order, other shapes row by row, and a bad row still a 400 that names it and writes nothing."""

import json

import pytest

from raadhuis.platform import tenancy
from raadhuis.sensoren import models as m
from tests.sensoren.conftest import THING

pytestmark = pytest.mark.django_db


def _second_stream(sta, thing_id: int) -> int:
    datastream = dict(THING["Datastreams"][0], name="Tweede", Thing={"@iot.id": thing_id})
    status, body = sta.post("Datastreams", datastream)
    assert status == 201, body
    return body["@iot.id"]


def _stored(stream_id: int) -> list[tuple]:
    with tenancy.system_scope():
        return list(m.Observation.objects.filter(datastream_id=stream_id).order_by("pk").values_list(
            "phenomenon_time", "phenomenon_time_end", "result_time", "result_number", "result_string",
            "result_json", "feature_of_interest_id"))


def test_columns_store_every_row_of_every_element_in_order(sta, thing):
    thing_id, first = thing
    second = _second_stream(sta, thing_id)
    times = [f"2026-01-01T00:{minute:02d}:00Z" for minute in range(30)]
    body = [
        {"Datastream": {"@iot.id": second}, "components": ["result", "phenomenonTime"],
         "dataArray": [[index * 1.5, time] for index, time in enumerate(times)]},
        {"Datastream": {"@iot.id": first}, "components": ["phenomenonTime", "result", "resultTime"],
         "dataArray": [[time, f"stand {index}", "2026-02-01T10:00:00+01:00"]
                       for index, time in enumerate(times)]},
        {"Datastream": {"@iot.id": first}, "components": ["phenomenonTime", "result"], "dataArray": []},
    ]
    status, links = sta.post("CreateObservations", body)
    assert status == 201, links
    assert len(links) == 60 and len(set(links)) == 60
    numbers, strings = _stored(second), _stored(first)
    assert [row[3] for row in numbers] == [index * 1.5 for index in range(30)]
    assert [row[4] for row in strings] == [f"stand {index}" for index in range(30)]
    assert all(row[1] is None and row[5] is None and row[6] is not None for row in numbers + strings)
    assert {row[2].isoformat() for row in strings} == {"2026-02-01T09:00:00+00:00"}
    # the links follow the request: the second stream's rows first
    status, page = sta.get(f"Datastreams({second})/Observations",
                           **{"$orderby": "phenomenonTime", "$top": "1"})
    assert page["value"][0]["@iot.selfLink"] == links[0]
    status, stream = sta.get(f"Datastreams({first})")
    assert stream["phenomenonTime"] == "2026-01-01T00:00:00.000Z/2026-01-01T00:29:00.000Z"
    assert stream["resultTime"] == "2026-02-01T09:00:00.000Z"


def test_other_shapes_go_row_by_row_with_the_same_result(sta, thing):
    _, stream_id = thing
    rows = [["2026-01-01T00:00:00Z", 1], ["2026-01-01T00:01:00Z/2026-01-01T00:02:00Z", True],
            ["2026-01-01T00:03:00Z", {"niveau": 3}], ["2026-01-01T00:04:00", "tekst"]]
    status, links = sta.post("CreateObservations", [{"Datastream": {"@iot.id": stream_id},
                                                      "components": ["phenomenonTime", "result"],
                                                      "dataArray": rows}])
    assert status == 201 and len(links) == 4
    stored = _stored(stream_id)
    assert [(row[3], row[4], row[5]) for row in stored] == [(1.0, None, None), (None, None, True),
                                                           (None, None, {"niveau": 3}), (None, "tekst", None)]
    assert stored[1][1] is not None  # the interval's end
    assert stored[3][0].utcoffset().total_seconds() == 0  # no zone: UTC


@pytest.mark.parametrize("bad", [["geen tijd", 2], ["2026-01-01T00:05:00Z", float("inf")],
                                 ["2026-01-01T00:05:00Z"], "geen rij"])
def test_a_bad_row_is_a_400_naming_it_and_nothing_is_written(sta, thing, bad):
    _, stream_id = thing
    rows = [[f"2026-01-01T00:0{index}:00Z", index] for index in range(3)] + [bad]
    body = json.dumps([{"Datastream": {"@iot.id": stream_id}, "components": ["phenomenonTime", "result"],
                        "dataArray": rows}], allow_nan=True).replace("Infinity", "1e999")
    status, answer = sta.send("post", "CreateObservations", body)
    assert status == 400, answer
    assert "rij 3" in answer["detail"]
    assert _stored(stream_id) == []
