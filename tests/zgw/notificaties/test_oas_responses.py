"""Real responses of the Notificaties API validate against the official OAS (openapi-core),
and against ours where the official one differs by a documented deviation (write-only auth)."""

from __future__ import annotations

import json
import uuid

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from raadhuis.zgw.common import oas
from tests.zgw.notificaties.conftest import BASE, subscribe
from tests.zgw.notificaties.receiver import TOKEN
from tests.zgw.notificaties.test_notificaties import message

HOST = "http://testserver"


def _openapi(spec: dict) -> OpenAPI:
    spec["servers"] = [{"url": HOST + BASE}]
    return OpenAPI.from_dict(spec, config=Config(
        extra_media_type_deserializers={"application/problem+json": json.loads}))


@pytest.fixture(scope="module")
def official():
    return _openapi(oas.load_official(oas.COMPONENTS["notificaties"]))


@pytest.fixture(scope="module")
def ours():
    return _openapi(oas.generate(oas.COMPONENTS["notificaties"]))


def check(spec, api, method: str, path: str, status: int, body=None, query=None):
    data = json.dumps(body).encode() if body is not None else b""
    response = api.generic(method.upper(), BASE + path, data, content_type="application/json",
                           QUERY_STRING="&".join(f"{k}={v}" for k, v in (query or {}).items()))
    assert response.status_code == status, response.content
    request = MockRequest(HOST, method, BASE + path, args=query, data=data, content_type="application/json")
    spec.validate_response(request, MockResponse(response.content, response.status_code,
                                                 headers=dict(response.items()),
                                                 content_type=response.get("Content-Type", "")))
    return response


def test_kanalen_and_notificaties_follow_the_official_schema(official, publisher):
    created = check(official, publisher, "post", "/kanaal", 201, {"naam": "meldingen", "filters": ["wijk"]})
    path = created.json()["url"].split(BASE, 1)[1]
    check(official, publisher, "get", "/kanaal", 200)
    check(official, publisher, "get", "/kanaal", 200, query={"naam": "zaken"})
    check(official, publisher, "get", path, 200)
    check(official, publisher, "get", f"/kanaal/{uuid.uuid4()}", 404)
    check(official, publisher, "post", "/kanaal", 400, {"naam": "zaken"})
    check(official, publisher, "post", "/notificaties", 200, message())


def test_abonnementen_follow_our_schema_and_the_official_errors(official, ours, consumer, receiver):
    body = subscribe(consumer, receiver.url)
    path = body["url"].split(BASE, 1)[1]
    check(ours, consumer, "get", "/abonnement", 200)
    check(ours, consumer, "get", path, 200)
    check(ours, consumer, "patch", path, 200, {"kanalen": [{"naam": "besluiten"}]})
    check(ours, consumer, "put", path, 200, {"callbackUrl": receiver.url, "auth": TOKEN,
                                             "kanalen": [{"naam": "zaken", "filters": {"zaaktype": "*"}}]})
    check(official, consumer, "post", "/abonnement", 400, {"callbackUrl": receiver.url, "auth": TOKEN,
                                                           "kanalen": [{"naam": "onbekend"}]})
    check(official, consumer, "delete", path, 204)
    check(official, consumer, "get", path, 404)
