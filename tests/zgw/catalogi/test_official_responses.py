"""Real responses of the Catalogi API validate against the OFFICIAL 1.3.3 specification."""

import json

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from raadhuis.zgw.common import oas
from tests.zgw.catalogi.conftest import (
    BASE,
    besluittype_payload,
    catalogus_url,
    iot_payload,
    resultaattype_payload,
    zaaktype_payload,
)

HOST = "http://testserver"


@pytest.fixture(scope="module")
def official():
    spec = oas.load_official(oas.COMPONENTS["catalogi"])
    spec["servers"] = [{"url": HOST + BASE}]
    return OpenAPI.from_dict(spec, config=Config(
        extra_media_type_deserializers={"application/problem+json": json.loads}))


@pytest.fixture
def call(official):
    def send(api, method, path, status, body=None, query=None):
        path = path.removeprefix(HOST + BASE)
        data = json.dumps(body).encode() if body is not None else b""
        response = api.generic(method.upper(), BASE + path, data, content_type="application/json",
                               QUERY_STRING="&".join(f"{k}={v}" for k, v in (query or {}).items()))
        assert response.status_code == status, response.content
        request = MockRequest(HOST, method, BASE + path, args=query, data=data,
                              content_type="application/json", headers={"Content-Type": "application/json"})
        mock = MockResponse(response.content, response.status_code, headers=dict(response.items()),
                            content_type=response.get("Content-Type", ""))
        official.validate_response(request, mock)
        return response.json() if response.content else None

    return send


def test_a_catalogue_round_follows_the_official_schema(call, beheer, catalogus):
    cat = catalogus_url(catalogus)
    iot = call(beheer, "post", "/informatieobjecttypen", 200, iot_payload(cat))
    call(beheer, "post", iot["url"] + "/publish", 200)
    besluittype = call(beheer, "post", "/besluittypen", 201,
                       besluittype_payload(cat, informatieobjecttypen=["Aanvraagformulier"]))
    call(beheer, "post", besluittype["url"] + "/publish", 200)
    zaaktype = call(beheer, "post", "/zaaktypen", 201, zaaktype_payload(
        cat, besluittypen=["Vergunningsbesluit"], selectielijstProcestype="https://sl.example/api/v1/procestypen/1"))
    z = zaaktype["url"]
    statustype = call(beheer, "post", "/statustypen", 201, {"zaaktype": z, "omschrijving": "Ontvangen",
                                                            "volgnummer": 1})
    call(beheer, "post", "/roltypen", 201, {"zaaktype": z, "omschrijving": "Aanvrager",
                                            "omschrijvingGeneriek": "initiator"})
    call(beheer, "post", "/eigenschappen", 201, {
        "zaaktype": z, "naam": "kenteken", "definitie": "Kenteken", "statustype": statustype["url"],
        "specificatie": {"formaat": "tekst", "lengte": "8", "kardinaliteit": "1"}})
    resultaattype = call(beheer, "post", "/resultaattypen", 201, resultaattype_payload(
        z, besluittypen=["Vergunningsbesluit"]))
    call(beheer, "put", resultaattype["url"], 200,
         resultaattype_payload(z, besluittypen=["Vergunningsbesluit"]))
    call(beheer, "post", "/zaakobjecttypen", 201, {
        "zaaktype": z, "catalogus": cat, "anderObjecttype": False, "relatieOmschrijving": "Auto",
        "objecttype": "https://objecttypen.example/api/v2/objecttypes/auto"})
    call(beheer, "post", "/zaaktype-informatieobjecttypen", 201, {
        "zaaktype": z, "informatieobjecttype": "Aanvraagformulier", "volgnummer": 1, "richting": "inkomend"})
    call(beheer, "put", z, 200, zaaktype_payload(cat, besluittypen=["Vergunningsbesluit"], deelzaaktypen=[]))
    call(beheer, "patch", z, 200, {"toelichting": "Voor bewoners"})
    call(beheer, "post", z + "/publish", 200)
    call(beheer, "get", cat, 200, query={"expand": "zaaktypen"})
    for path in ("/catalogussen", "/zaaktypen", "/informatieobjecttypen", "/besluittypen", "/statustypen",
                 "/roltypen", "/eigenschappen", "/resultaattypen", "/zaakobjecttypen",
                 "/zaaktype-informatieobjecttypen"):
        listing = call(beheer, "get", path, 200)
        assert listing["count"] >= 1, path
        for item in listing["results"]:
            call(beheer, "get", item["url"], 200)
    # Lists only: the standard's oneOf [CatalogusExpanded, EmptyObject] for a single expanded
    # object matches both branches for every value, so no response can validate against it.
    call(beheer, "get", z, 200, query={"expand": "statustypen,roltypen,besluittypen"})


def test_errors_follow_the_official_schema(call, beheer, lezer, catalogus):
    call(beheer, "post", "/zaaktypen", 400, {"identificatie": 1})
    call(beheer, "get", "/zaaktypen", 400, query={"onbekend": "1"})
    call(lezer, "post", "/zaaktypen", 403, zaaktype_payload(catalogus_url(catalogus)))
    call(beheer, "get", "/zaaktypen/00000000-0000-0000-0000-000000000000", 404)
