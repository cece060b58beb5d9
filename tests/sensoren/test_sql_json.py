"""Pages of Observations written by PostgreSQL (ADR 0039) are byte-for-byte what the general
path (Python dicts through JsonResponse) writes: every property, $select, nulls, result types,
intervals, non-ASCII text, and the value shapes that make a page fall back to Python."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from raadhuis.platform import tenancy
from raadhuis.sensoren import models as m
from raadhuis.sensoren import sqljson
from tests.sensoren.conftest import BASE

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL writes the JSON"),
]

T = datetime(2025, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)
RESULTS = [
    7, -3, 0, 2.5, 0.1, 1e-05, 1.5e20, 4503599627370497, 123456789012, 12345.678, -0.0,  # numbers
    "hoog", "µg/m³ \"aanhalingstekens\" \\ \n\t\x01\x7f 🚲 ä", "",  # strings
    {"b": [1, 2.5, None], "a": {"c": True}}, [1, "twee", 3.25], True, False, None,  # JSON
]
QUERIES = [
    {},
    {"$top": "5"},
    {"$top": "3", "$skip": "4", "$count": "true"},
    {"$orderby": "phenomenonTime desc", "$top": "1000"},
    {"$select": "phenomenonTime,result"},
    {"$select": "id,result,Datastream"},
    {"$select": "@iot.selfLink,validTime,resultTime,resultQuality,parameters"},
    {"$select": "FeatureOfInterest,MultiDatastream"},
    {"$filter": "result gt 1", "$orderby": "result"},
    {"$filter": "resultTime ne null", "$count": "true", "$top": "2"},
    {"$top": "0", "$count": "true"},
]


def _rows(stream_id: int, feature_id: int, organisation) -> None:
    for index, result in enumerate(RESULTS):
        row = m.Observation(organisation=organisation, datastream_id=stream_id,
                            feature_of_interest_id=feature_id,
                            phenomenon_time=T + timedelta(minutes=index, microseconds=index * 999))
        row.result_number, row.result_string, row.result_json = _split(result)
        if index % 3 == 0:
            row.phenomenon_time_end = row.phenomenon_time + timedelta(hours=1)
        if index % 4 == 1:
            row.phenomenon_time_end = row.phenomenon_time  # an interval of no length is an instant
        if index % 2 == 0:
            row.result_time = T + timedelta(days=index, microseconds=999_999)
            row.valid_time_start = T
            row.valid_time_end = T + timedelta(days=1) if index % 4 else None
        if index % 5 == 0:
            row.result_quality = {"kwaliteit": "goed", "score": 0.75, "ë": ["ü", 1]}
            row.parameters = {"batterij": 3.7, "ruis": [0, 1.5], "leeg": {}, "tekst": "één"}
        row.save()


def _split(value):
    if isinstance(value, bool) or value is None:
        return None, None, value
    if isinstance(value, int | float):
        return float(value), None, None
    if isinstance(value, str):
        return None, value, None
    return None, None, value


@pytest.fixture
def observations(sta, thing, aadorp):
    _, stream_id = thing
    with tenancy.system_scope():
        feature = m.FeatureOfInterest.objects.filter(organisation=aadorp).first()
        if feature is None:
            status, body = sta.post(f"Datastreams({stream_id})/Observations", {"result": 1})
            assert status == 201, body
            m.Observation.all_tenants.filter(datastream_id=stream_id).delete()
            feature = m.FeatureOfInterest.objects.filter(organisation=aadorp).first()
        _rows(stream_id, feature.pk, aadorp)
    return stream_id


def _both(client, path: str, query: dict, settings) -> tuple[bytes, bytes]:
    settings.SENSORTHINGS_SQL_JSON = True
    fast = client.get(path, query)
    settings.SENSORTHINGS_SQL_JSON = False
    general = client.get(path, query)
    assert fast.status_code == general.status_code == 200, (fast.content[:300], general.content[:300])
    assert fast["Content-Type"] == general["Content-Type"]
    return fast.content, general.content


@pytest.mark.parametrize("query", QUERIES, ids=[str(q) for q in QUERIES])
def test_sql_json_page_is_byte_identical_to_the_serializer(anonymous, observations, settings, query):
    for path in (f"{BASE}/Datastreams({observations})/Observations", f"{BASE}/Observations"):
        fast, general = _both(anonymous.client, path, query, settings)
        assert fast == general


def test_sql_json_answers_the_common_page_itself(anonymous, observations, settings):
    """Not the general path in disguise: PostgreSQL wrote the page (every value kind present)."""
    from raadhuis.sensoren import entities as e
    from raadhuis.sensoren.odata import parse_options
    from raadhuis.sensoren.reading import Reader

    settings.SENSORTHINGS_SQL_JSON = True
    queryset = m.Observation.objects.filter(datastream_id=observations)
    with tenancy.system_scope():
        text = sqljson.observations_page(Reader("http://x/sensorthings/v1.1"), queryset,
                                         parse_options({"$top": "1000"}), "http://x/Observations")
    assert text is not None and text.isascii()
    link = f'"@iot.selfLink": "http://x/sensorthings/v1.1/{e.OBSERVATION.set_name}('
    assert text.count(link) == len(RESULTS)


@pytest.mark.parametrize("shape", ["big-fraction", "tiny-json"])
def test_values_postgresql_writes_differently_fall_back_to_python(anonymous, observations, settings, aadorp,
                                                                  shape):
    with tenancy.system_scope():
        row = m.Observation.objects.filter(datastream_id=observations).first()
        if shape == "big-fraction":  # Python: 1234567890123456.5, PostgreSQL: 1.2345678901234565e+15
            row.result_number, row.result_string, row.result_json = 1234567890123456.5, None, None
        else:  # Python: 1e-05, PostgreSQL's numeric: 0.00001
            row.parameters = {"klein": [1e-05]}
        row.save()
    path = f"{BASE}/Datastreams({observations})/Observations"
    fast, general = _both(anonymous.client, path, {}, settings)
    assert fast == general
    assert (b"1234567890123456.5" if shape == "big-fraction" else b"1e-05") in fast


def test_sql_json_inside_a_batch_is_the_same_body(sta, observations, settings):
    request = {"requests": [{"id": "1", "method": "get",
                             "url": f"Datastreams({observations})/Observations?$top=4&$select=result"}]}
    settings.SENSORTHINGS_SQL_JSON = True
    fast = sta.post("$batch", request)
    settings.SENSORTHINGS_SQL_JSON = False
    assert fast == sta.post("$batch", request)
    assert len(fast[1]["responses"][0]["body"]["value"]) == 4


def test_bad_select_is_still_a_400(anonymous, observations, settings):
    settings.SENSORTHINGS_SQL_JSON = True
    status, body = anonymous.get(f"Datastreams({observations})/Observations", **{"$select": "resultaat"})
    assert status == 400
    assert "resultaat" in body["message"]
