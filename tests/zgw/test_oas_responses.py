"""Real responses of our Autorisaties API validate against the OFFICIAL specification
(openapi-core): the bodies, status codes, media types and headers clients rely on."""

import json
import uuid

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from raadhuis.zgw.common import oas

HOST = "http://testserver"
BASE = "/autorisaties/api/v1"
BEHEER = [{"component": "ac", "scopes": ["autorisaties.lezen", "autorisaties.bijwerken"]}]
ZAAKTYPE = "http://catalogi-api:8000/catalogi/api/v1/zaaktypen/0b2b3f5a-4ad9-4b36-9f50-2a3a4c1e7d11"


def _openapi(spec: dict) -> OpenAPI:
    spec["servers"] = [{"url": HOST + BASE}]  # where we serve it; the official file says /api/v1
    # openapi-core reads only plain JSON bodies by itself; errors are RFC 7807 problem+json.
    return OpenAPI.from_dict(spec, config=Config(
        extra_media_type_deserializers={"application/problem+json": json.loads}))


@pytest.fixture(scope="module")
def official():
    return _openapi(oas.load_official(oas.COMPONENTS["autorisaties"]))


@pytest.fixture(scope="module")
def ours():
    """Our own OAS too: the official one puts its discriminator on a base schema without
    oneOf, so validators check only the base fields of an autorisatie; ours has the variants."""
    return _openapi(oas.generate(oas.COMPONENTS["autorisaties"]))


@pytest.fixture
def check(official, ours):
    def validate(api, method, path, status, against_official=True, **kwargs):
        response, request, mock = call(api, method, path, **kwargs)
        assert response.status_code == status, response.content
        if against_official:
            official.validate_response(request, mock)
        ours.validate_response(request, mock)
        return response

    return validate


@pytest.fixture
def beheer(zgw_client, two_municipalities):
    return zgw_client(two_municipalities[0], BEHEER)


def call(api, method: str, path: str, body=None, query=None, **headers):
    """Send a request; return the response and its request/response for openapi-core."""
    data = json.dumps(body).encode() if body is not None else b""
    content_type = headers.pop("content_type", "application/json")
    response = api.generic(method.upper(), BASE + path, data, content_type=content_type,
                           QUERY_STRING="&".join(f"{k}={v}" for k, v in (query or {}).items()),
                           **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()})
    request = MockRequest(HOST, method, BASE + path, args=query, data=data, content_type=content_type,
                          headers=headers)
    mock = MockResponse(response.content, response.status_code, headers=dict(response.items()),
                        content_type=response.get("Content-Type", ""))
    return response, request, mock


def _applicatie(**overrides):
    return {
        "clientIds": [f"zaaksysteem-{uuid.uuid4().hex[:8]}"],
        "label": "Zaaksysteem",
        "autorisaties": [
            {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": ZAAKTYPE,
             "maxVertrouwelijkheidaanduiding": "zaakvertrouwelijk"},
            {"component": "ztc", "scopes": ["catalogi.lezen"]},
        ],
        **overrides,
    }


def test_create_list_and_detail_follow_the_official_schema(check, beheer):
    created = check(beheer, "post", "/applicaties", 201, body=_applicatie())
    assert created["Location"] == created.json()["url"]
    assert created["API-version"] == "1.1.0"
    ztc = created.json()["autorisaties"][1]
    assert set(ztc) == {"component", "componentWeergave", "scopes"}  # the ztc variant has no types
    path = created.json()["url"].split(BASE, 1)[1]
    check(beheer, "get", "/applicaties", 200)
    check(beheer, "get", "/applicaties", 200, query={"clientIds": "a,b"})
    check(beheer, "get", path, 200)
    check(beheer, "patch", path, 200, body={"label": "Ander label"})
    check(beheer, "put", path, 200, body=_applicatie())
    check(beheer, "delete", path, 204)


def test_errors_follow_the_official_schema(check, beheer, zgw_client, two_municipalities, client):
    invalid = check(beheer, "post", "/applicaties", 400, body=_applicatie(label=""))
    assert invalid["Content-Type"] == "application/problem+json"
    assert invalid.json()["invalidParams"][0]["name"] == "label"
    check(beheer, "get", "/applicaties", 400, query={"onbekend": "x"})
    check(client, "get", "/applicaties", 401)
    reader = zgw_client(two_municipalities[0], [{"component": "ac", "scopes": ["autorisaties.lezen"]}])
    check(reader, "post", "/applicaties", 403, body=_applicatie())
    check(beheer, "get", f"/applicaties/{uuid.uuid4()}", 404)
    check(beheer, "delete", f"/applicaties/{uuid.uuid4()}", 404)


def test_unsupported_accept_is_406_and_wrong_content_type_is_415(check, beheer):
    refused = check(beheer, "get", "/applicaties", 406, accept="application/xml")
    assert refused.json()["code"] == "not_acceptable"
    unsupported = check(beheer, "post", "/applicaties", 415, body=_applicatie(),
                           content_type="text/plain")
    assert unsupported.json()["code"] == "unsupported_media_type"
    assert unsupported["API-version"] == "1.1.0"


def test_consumer_answers_the_one_applicatie(check, beheer):
    """A documented deviation (ALLOWED_DEVIATIONS): one object, not the OAS's array."""
    body = _applicatie()
    check(beheer, "post", "/applicaties", 201, body=body)
    client_id = body["clientIds"][0]
    found = check(beheer, "get", "/applicaties/consumer", 200, against_official=False,
                  query={"clientId": client_id})
    assert found.json()["clientIds"] == [client_id]
    check(beheer, "get", "/applicaties/consumer", 404, query={"clientId": "onbekend"})
    check(beheer, "get", "/applicaties/consumer", 400, against_official=False)


@pytest.mark.parametrize("autorisatie", [
    "zrc", {"scopes": []}, {"component": ["zrc"], "scopes": []}, {"component": "xyz", "scopes": []},
    {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": "geen url",
     "maxVertrouwelijkheidaanduiding": "openbaar"},
    {"component": "zrc", "scopes": ["zaken.lezen"], "zaaktype": ZAAKTYPE,
     "maxVertrouwelijkheidaanduiding": ""},
])
def test_a_bad_autorisatie_is_a_validatiefout(check, beheer, autorisatie):
    response = check(beheer, "post", "/applicaties", 400, body=_applicatie(autorisaties=[autorisatie]))
    assert response.json()["invalidParams"][0]["name"].startswith("autorisaties.0")


def test_each_component_shows_only_its_own_fields(check, beheer):
    body = _applicatie(autorisaties=[
        {"component": "drc", "scopes": ["documenten.lezen"], "informatieobjecttype": ZAAKTYPE,
         "maxVertrouwelijkheidaanduiding": "openbaar", "zaaktype": ZAAKTYPE},
        {"component": "brc", "scopes": ["besluiten.lezen"], "besluittype": ZAAKTYPE},
    ])
    drc, brc = check(beheer, "post", "/applicaties", 201, body=body).json()["autorisaties"]
    assert set(drc) == {"component", "componentWeergave", "scopes", "informatieobjecttype",
                        "maxVertrouwelijkheidaanduiding"}
    assert set(brc) == {"component", "componentWeergave", "scopes", "besluittype"}


def test_a_django_validation_error_below_the_serializers_is_a_400():
    """A filter or model validator that raises Django's ValidationError: bad input, not a 500."""
    from django.core.exceptions import ValidationError

    from raadhuis.platform.api.errors import PROBLEM_JSON, exception_handler

    response = exception_handler(ValidationError("Voer een datum in.", code="invalid"), {})
    assert response.status_code == 400 and response.content_type == PROBLEM_JSON
    assert response.data["invalidParams"] == [
        {"name": "nonFieldErrors", "code": "invalid", "reason": "Voer een datum in."}]
    assert response.data["detail"]
