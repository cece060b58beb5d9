"""Conformance class: filtering extension (req/request-data/*)."""

from datetime import UTC, datetime, timedelta

import pytest

pytestmark = pytest.mark.django_db

START = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def series(sta, thing):
    """Ten observations 0, 10, … 90 an hour apart; returns (thing id, datastream id)."""
    thing_id, stream_id = thing
    rows = [[(START + timedelta(hours=i)).isoformat(), i * 10] for i in range(10)]
    status, body = sta.post(
        "CreateObservations",
        [
            {
                "Datastream": {"@iot.id": stream_id},
                "components": ["phenomenonTime", "result"],
                "dataArray": rows,
            }
        ],
    )
    assert status == 201, body
    return thing_id, stream_id


def results(sta, path="Observations", **params):
    status, body = sta.get(path, **params)
    assert status == 200, body
    return [o["result"] for o in body["value"]]


def test_req_request_data_filter_comparison_and_logic(sta, series):
    assert results(sta, **{"$filter": "result gt 60"}) == [70, 80, 90]
    assert results(sta, **{"$filter": "result ge 20 and result lt 40"}) == [20, 30]
    assert results(sta, **{"$filter": "result eq 0 or result eq 90"}) == [0, 90]
    assert results(sta, **{"$filter": "not (result lt 80)"}) == [80, 90]
    assert results(sta, **{"$filter": "result ne 50 and result gt 40"}) == [60, 70, 80, 90]


def test_req_request_data_filter_arithmetic(sta, series):
    assert results(sta, **{"$filter": "result add 5 eq 25"}) == [20]
    assert results(sta, **{"$filter": "result mul 2 gt 160"}) == [90]
    assert results(sta, **{"$filter": "result div 10 eq 3"}) == [30]
    assert results(sta, **{"$filter": "result mod 40 eq 0"}) == [0, 40, 80]
    assert results(sta, **{"$filter": "result sub 10 lt 0"}) == [0]


def test_req_request_data_filter_time_and_date_functions(sta, series):
    assert results(sta, **{"$filter": "phenomenonTime ge 2026-01-01T08:00:00Z"}) == [80, 90]
    assert results(sta, **{"$filter": "hour(phenomenonTime) eq 3"}) == [30]
    assert results(
        sta,
        **{
            "$filter": "year(phenomenonTime) eq 2026 and day(phenomenonTime) eq 1 "
            "and minute(phenomenonTime) eq 0 and result lt 20"
        },
    ) == [0, 10]


def test_req_request_data_filter_navigation_and_string_functions(sta, series):
    assert len(results(sta, **{"$filter": "Datastream/Thing/name eq 'Container Markt 1'"})) == 10
    assert results(sta, **{"$filter": "Datastream/name eq 'Anders'"}) == []
    status, body = sta.get(
        "Things",
        **{
            "$filter": "substringof('Markt', name) and startswith(name, 'Cont') "
            "and endswith(name, '1') and length(name) eq 17 "
            "and tolower(name) eq 'container markt 1' "
            "and indexof(name, 'Markt') eq 10 "
            "and substring(name, 10, 5) eq 'Markt' "
            "and concat(name, '!') eq 'Container Markt 1!' "
            "and trim(name) eq name"
        },
    )
    assert status == 200 and len(body["value"]) == 1
    status, body = sta.get("Things", **{"$filter": "Datastreams/Observations/result gt 85"})
    assert status == 200 and len(body["value"]) == 1  # once, however many rows match


def test_req_request_data_filter_json_properties_and_math(sta, series):
    status, body = sta.get("Things", **{"$filter": "properties/eigenaar eq 'Team Afval'"})
    assert len(body["value"]) == 1
    status, body = sta.get("Things", **{"$filter": "properties/persoonsgegevens eq true"})
    assert body["value"] == []
    assert results(
        sta,
        **{
            "$filter": "round(result div 20) eq 2 and floor(result div 20) eq 1 and "
            "ceiling(result div 20) eq 2"
        },
    ) == [30]


def test_req_request_data_filter_geospatial(sta, series):
    near = "geo.distance(location, geography'POINT(5.12 52.09)') lt 0.01"
    status, body = sta.get("Locations", **{"$filter": near})
    assert len(body["value"]) == 1
    status, body = sta.get(
        "Locations", **{"$filter": "geo.distance(location, geography'POINT(6 53)') lt 0.01"}
    )
    assert body["value"] == []
    polygon = "geography'POLYGON((5 52, 5.2 52, 5.2 52.2, 5 52.2, 5 52))'"
    status, body = sta.get("Things", **{"$filter": f"st_within(Locations/location, {polygon})"})
    assert len(body["value"]) == 1
    status, body = sta.get(
        "Observations", **{"$filter": f"st_intersects(FeatureOfInterest/feature, {polygon})", "$top": "2"}
    )
    assert len(body["value"]) == 2
    status, body = sta.get(
        "Locations",
        **{"$filter": f"geo.intersects(location, {polygon}) and not st_disjoint(location, {polygon})"},
    )
    assert len(body["value"]) == 1
    status, body = sta.get("Locations", **{"$orderby": "geo.distance(location, geography'POINT(5 52)')"})
    assert status == 200


def test_req_request_data_orderby_top_skip_count_and_next_link(sta, series):
    status, body = sta.get("Observations", **{"$orderby": "result desc", "$top": "3", "$count": "true"})
    assert [o["result"] for o in body["value"]] == [90, 80, 70]
    assert body["@iot.count"] == 10
    assert "$skip=3" in body["@iot.nextLink"] and "$top=3" in body["@iot.nextLink"]
    following = body["@iot.nextLink"].replace("http://testserver", "")
    status, body = sta.get(following)
    assert [o["result"] for o in body["value"]] == [60, 50, 40]
    status, body = sta.get("Observations", **{"$skip": "8"})
    assert [o["result"] for o in body["value"]] == [80, 90] and "@iot.nextLink" not in body


def test_req_request_data_select_and_expand_with_nested_options(sta, series):
    thing_id, stream_id = series
    status, body = sta.get(
        f"Things({thing_id})",
        **{
            "$select": "name,id",
            "$expand": "Datastreams($select=name;$expand=Observations($filter=result gt 40;"
            "$orderby=result desc;$top=2;$count=true)),Locations",
        },
    )
    assert status == 200, body
    assert set(body) == {"@iot.id", "name", "Datastreams", "Locations"}
    stream = body["Datastreams"][0]
    assert [o["result"] for o in stream["Observations"]] == [90, 80]
    assert stream["Observations@iot.count"] == 5
    assert "Observations@iot.nextLink" in stream
    assert body["Locations"][0]["name"] == "Markt"
    status, body = sta.get("Observations", **{"$expand": "Datastream/Thing", "$top": "1"})
    assert body["value"][0]["Datastream"]["Thing"]["name"] == "Container Markt 1"


@pytest.mark.parametrize(
    "params",
    [
        {"$filter": "result gt"},
        {"$filter": "name eq 'open"},
        {"$filter": "onbekend eq 1"},
        {"$filter": "name eq 5"},
        {"$filter": "result div 0 gt 1"},
        {"$filter": "frobnicate(name) eq 1"},
        {"$orderby": "onbekend"},
        {"$select": "onbekend"},
        {"$expand": "Nergens"},
        {"$top": "-1"},
        {"$top": "veel"},
        {"$count": "misschien"},
        {"$onbekend": "1"},
        {"$filter": "x" * 20_000},
    ],
)
def test_req_request_data_malformed_options_are_400(sta, series, params):
    status, body = sta.get("Things", **params)
    assert status == 400, body
    assert body["detail"]


def test_unsupported_function_is_501(sta, series):
    status, body = sta.get("Observations", **{"$filter": "fractionalseconds(phenomenonTime) eq 0"})
    assert status == 501
