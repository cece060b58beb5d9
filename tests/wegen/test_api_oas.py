"""The wegen REST API's committed OpenAPI document is current and served, describes the ZGW
error format and the upload content types, and real answers validate against it."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from raadhuis.platform import tenancy
from raadhuis.wegen import classifier as classifier_store
from raadhuis.wegen import oas, readers, services
from raadhuis.wegen.analysis.trace import Trace
from tests.sensoren.conftest import client_for
from tests.wegen.conftest import drive, quick_classifier
from tests.wegen.test_services import NETWORK

HOST = "http://testserver"
BASE = "/wegen/api/v1"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def schema():
    return oas.generate_schema()


def test_committed_oas_is_current():
    call_command("wegen-oas", "--check")


def test_served_schema_is_the_committed_one(db):
    response = Client().get(f"{BASE}/schema")
    assert response.status_code == 200
    assert response.content.decode("utf-8") == oas.COMMITTED.read_text(encoding="utf-8")


def test_operations_and_their_zgw_errors(schema):
    operations = {(path, method): op for path, item in schema["paths"].items() for method, op in item.items()}
    assert {(path, method): op["operationId"] for (path, method), op in operations.items()} == {
        ("/voertuigen", "get"): "voertuig_list",
        ("/voertuigen", "post"): "voertuig_create",
        ("/ritten", "get"): "rit_list",
        ("/ritten", "post"): "rit_create",
        ("/ritten/{uuid}", "get"): "rit_read",
    }
    for (path, method), operation in operations.items():
        responses = operation["responses"]
        assert responses["400"]["content"][PROBLEM]["schema"]["$ref"].endswith("/ValidatieFout")
        for status in ("401", "403", "500"):
            assert responses[status]["content"][PROBLEM]["schema"]["$ref"].endswith("/Fout"), status
        assert ("404" in responses) == ("{uuid}" in path)
        assert ("415" in responses) == (method == "post")
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert headers == {"Raadhuis-Organisation"}
    fout = schema["components"]["schemas"]["ValidatieFout"]["properties"]
    assert {"type", "code", "title", "status", "detail", "instance", "invalidParams"} == set(fout)


def test_upload_content_types_are_described(schema):
    body = schema["paths"]["/ritten"]["post"]["requestBody"]["content"]
    assert set(body) == {
        "multipart/form-data",
        "text/csv",
        "application/vnd.apache.parquet",
        "application/octet-stream",
    }
    assert body["text/csv"]["schema"] == {"type": "string", "format": "binary"}
    form = schema["components"]["schemas"][body["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]]
    assert form["properties"]["bestand"] == {
        "type": "string",
        "format": "binary",
        "description": form["properties"]["bestand"]["description"],
    }
    assert form["required"] == ["bestand"]
    query = {p["name"] for p in schema["paths"]["/ritten"]["post"]["parameters"] if p["in"] == "query"}
    assert query == {"voertuig", "voertuigtype"}


# --- Real answers against the document ------------------------------------------------------


@pytest.fixture
def openapi(schema):
    spec = json.loads(json.dumps(schema))
    spec["servers"] = [{"url": HOST + BASE}]
    return OpenAPI.from_dict(spec, config=Config(extra_media_type_deserializers={PROBLEM: json.loads}))


@pytest.fixture
def aadorp_api(aadorp, monkeypatch):
    monkeypatch.setattr(classifier_store, "default", quick_classifier)
    with tenancy.scope_for([aadorp.pk]):
        services.import_network(aadorp, NETWORK, register_objects=False)
    return client_for(aadorp).headers


def checked(openapi, response, method: str, path: str, status: int):
    assert response.status_code == status, response.content
    request = MockRequest(HOST, method, BASE + path)
    openapi.validate_response(
        request,
        MockResponse(
            response.content,
            response.status_code,
            headers=dict(response.items()),
            content_type=response["Content-Type"],
        ),
    )
    return response


def test_real_answers_validate_against_the_document(openapi, aadorp_api):
    client, headers = Client(), aadorp_api
    vehicle = {"identificatie": "VW-9", "voertuigtype": "vuilniswagen", "stalling": [5.39, 52.16]}
    checked(
        openapi,
        client.post(f"{BASE}/voertuigen", vehicle, content_type="application/json", **headers),
        "post",
        "/voertuigen",
        201,
    )
    listed = checked(openapi, client.get(f"{BASE}/voertuigen", **headers), "get", "/voertuigen", 200)
    assert [v["identificatie"] for v in listed.json()] == ["VW-9"]

    trace, _ = drive(75, length=500)
    keep = (trace.acc_t < 20) | (trace.acc_t > 24)  # a gap: a bad part is listed in problemen
    gapped = Trace(trace.gps_t, trace.lon, trace.lat, trace.speed, trace.acc_t[keep], trace.acc[keep])
    upload = io.BytesIO(readers.trace_to_csv(gapped))
    upload.name = "rit.csv"
    rit = checked(
        openapi,
        client.post(f"{BASE}/ritten", {"voertuig": "VW-9", "bestand": upload}, **headers),
        "post",
        "/ritten",
        201,
    ).json()
    assert rit["status"] == "verwerkt" and rit["problemen"][0]["code"] == "gat_in_data"
    g, a = trace.gps_t < 5, trace.acc_t < 5  # readable, but too short to analyse
    short = Trace(trace.gps_t[g], trace.lon[g], trace.lat[g], trace.speed[g], trace.acc_t[a], trace.acc[a])
    rejected = client.post(
        f"{BASE}/ritten?voertuig=VW-9", readers.trace_to_csv(short), content_type="text/csv", **headers
    )
    assert checked(openapi, rejected, "post", "/ritten", 201).json()["status"] == "afgekeurd"
    checked(openapi, client.get(f"{BASE}/ritten", **headers), "get", "/ritten", 200)
    checked(openapi, client.get(f"{BASE}/ritten/{rit['uuid']}", **headers), "get", "/ritten/{uuid}", 200)


def test_error_answers_validate_against_the_document(openapi, aadorp_api):
    client, headers = Client(), aadorp_api
    missing = client.post(f"{BASE}/ritten?voertuig=VW-9", b"", content_type="text/csv", **headers)
    assert checked(openapi, missing, "post", "/ritten", 400)["Content-Type"] == PROBLEM
    unknown = client.get(f"{BASE}/ritten/00000000-0000-4000-8000-000000000000", **headers)
    checked(openapi, unknown, "get", "/ritten/{uuid}", 404)
    anonymous = client.get(f"{BASE}/voertuigen")
    checked(openapi, anonymous, "get", "/voertuigen", anonymous.status_code)
    assert anonymous.status_code in (401, 403)
    wrong_org = client.get(f"{BASE}/voertuigen", HTTP_RAADHUIS_ORGANISATION="elders", **headers)
    checked(openapi, wrong_org, "get", "/voertuigen", 403)
    as_html = client.get(f"{BASE}/voertuigen", HTTP_ACCEPT="text/html", **headers)
    checked(openapi, as_html, "get", "/voertuigen", 406)
    as_xml = client.post(f"{BASE}/voertuigen", "<voertuig/>", content_type="application/xml", **headers)
    checked(openapi, as_xml, "post", "/voertuigen", 415)
