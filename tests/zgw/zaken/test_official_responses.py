"""Real responses of the core Zaken API operations (zaken, statussen, resultaten, audittrail,
zaaknummer_reserveren) validate against the OFFICIAL 1.7 specification and against ours
(openapi-core), errors included. Deviations that the contract allows (oas_compare) are checked
against ours only."""

import json
import uuid

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from raadhuis.zgw.common import oas
from tests.zgw.zaken.conftest import BASE, CRS_HEADERS, grant, zaak_payload, zaaktype_url

HOST = "http://testserver"


def _openapi(spec: dict) -> OpenAPI:
    spec["servers"] = [{"url": HOST + BASE}]
    # The documents themselves are not checked here (test_oas_contract compares them).
    return OpenAPI.from_dict(spec, config=Config(
        spec_validator_cls=None, extra_media_type_deserializers={"application/problem+json": json.loads}))


def _local(node):
    """The official file refers to the Catalogi and Documenten OASs by relative path for what
    ``_expand`` embeds from them: those parts are opaque here (their own tests validate them)."""
    if isinstance(node, dict):
        if not node.get("$ref", "#/").startswith("#/"):
            return {"type": "object"}
        return {key: _local(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_local(item) for item in node]
    return node


@pytest.fixture(scope="module")
def official():
    spec = _local(oas.load_official(oas.COMPONENTS["zaken"]))
    # ``zaakgeometrie: {allOf: [GeoJSONGeometry], nullable: true}``: openapi-core checks null
    # against GeoJSONGeometry's oneOf too, which no null passes. Read it as the standard means
    # it: a zaak may have no geometry (the geometry itself is checked against ours).
    zaak = spec["components"]["schemas"]["Zaak"]["properties"]
    zaak["zaakgeometrie"] = {"type": "object", "nullable": True}
    # ``oneOf: [ZaakExpanded, EmptyObject]``: EmptyObject ("Leeg object") is any object in the
    # file, so an embedded zaak would match both; it means {} (as ours says: maxProperties 0).
    spec["components"]["schemas"]["EmptyObject"]["maxProperties"] = 0
    return _openapi(spec)


@pytest.fixture(scope="module")
def ours():
    return _openapi(oas.generate(oas.COMPONENTS["zaken"]))


@pytest.fixture
def call(official, ours):
    def send(api, method, path, status, body=None, query=None, against_official=True, **headers):
        path = path.removeprefix(HOST + BASE)
        data = json.dumps(body).encode() if body is not None else b""
        response = api.generic(method.upper(), BASE + path, data, content_type="application/json",
                               QUERY_STRING="&".join(f"{k}={v}" for k, v in (query or {}).items()),
                               **headers)
        assert response.status_code == status, response.content
        sent = {"Content-Type": "application/json", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
        request = MockRequest(HOST, method, BASE + path, args=query, data=data,
                              content_type="application/json", headers=sent)
        mock = MockResponse(response.content, response.status_code, headers=dict(response.items()),
                            content_type=response.get("Content-Type", ""))
        if against_official:
            official.validate_response(request, mock)
        ours.validate_response(request, mock)
        return response.json() if response.content else None

    return send


def test_zaak_status_resultaat_round_follows_the_official_schema(call, api, zaaktype, org_a):
    payload = zaak_payload(zaaktype, org_a, zaakgeometrie={"type": "Point", "coordinates": [5.1, 52.1]},
                           kenmerken=[{"kenmerk": "K1", "bron": "Extern"}], betalingsindicatie="nvt",
                           verlenging={"reden": "Drukte", "duur": "P5D"})
    zaak = call(api, "post", "/zaken", 201, payload)
    hoofd = call(api, "post", "/zaken", 201, zaak_payload(zaaktype, org_a))
    call(api, "patch", zaak["url"], 200, {"hoofdzaak": hoofd["url"], "toelichting": "Deelzaak"})
    call(api, "put", hoofd["url"], 200, zaak_payload(zaaktype, org_a, omschrijving="Hoofdzaak"))
    call(api, "get", "/zaken", 200)
    call(api, "get", "/zaken", 200, query={"identificatie": zaak["identificatie"], "ordering": "-startdatum"})
    call(api, "get", zaak["url"], 200)
    status = call(api, "post", "/statussen", 201, {
        "zaak": zaak["url"], "statustype": zaaktype_url(zaaktype.begin, "statustypen"),
        "datumStatusGezet": "2026-02-01T10:00:00+01:00"}, against_official=False)  # see ALLOWED_DEVIATIONS
    resultaat = call(api, "post", "/resultaten", 201, {
        "zaak": zaak["url"], "resultaattype": zaaktype_url(zaaktype.resultaattype, "resultaattypen")})
    call(api, "get", zaak["url"], 200, query={"expand": "status,resultaat,hoofdzaak,deelzaken"})
    call(api, "get", hoofd["url"], 200, query={"expand": "deelzaken.status"})
    call(api, "post", "/zaken/_zoek", 200, {"uuid__in": [zaak["uuid"]], "einddatum__isnull": True})
    call(api, "get", "/statussen", 200, query={"zaak": zaak["url"]})
    call(api, "get", status["url"], 200)
    call(api, "get", "/resultaten", 200, query={"zaak": zaak["url"]})
    call(api, "get", resultaat["url"], 200, query={"expand": "zaak"})
    call(api, "patch", resultaat["url"], 200, {"toelichting": "Verleend"})
    call(api, "put", resultaat["url"], 200, {
        "zaak": zaak["url"], "resultaattype": zaaktype_url(zaaktype.resultaattype, "resultaattypen")})
    call(api, "get", zaak["url"] + "/audittrail", 200, against_official=False)  # oud is null on create
    entry = call(api, "get", hoofd["url"] + "/audittrail", 200, against_official=False)[-1]
    call(api, "get", f"{hoofd['url']}/audittrail/{entry['uuid']}", 200)  # an update: oud and nieuw
    call(api, "post", "/zaaknummer_reserveren", 201, {"bronorganisatie": org_a.rsin, "aantal": 2})
    call(api, "post", "/zaaknummer_reserveren", 201, {"bronorganisatie": org_a.rsin}, against_official=False)
    call(api, "delete", resultaat["url"], 204)
    call(api, "delete", zaak["url"], 204)


def test_errors_follow_the_official_schema(call, api, client, zgw_client, org_a, zaaktype, make_zaak):
    zaak = make_zaak()
    call(api, "post", "/zaken", 400, {"zaaktype": "geen url"})
    call(api, "get", "/zaken", 400, query={"startdatum": "gisteren"})
    call(api, "get", f"/zaken/{uuid.uuid4()}", 404)
    call(api, "get", "/zaken", 412, HTTP_ACCEPT_CRS=None)
    call(api, "post", "/zaken", 412, zaak_payload(zaaktype, org_a), HTTP_CONTENT_CRS=None)
    call(api, "get", zaak["url"], 406, HTTP_ACCEPT_CRS="EPSG:28992")
    call(client, "get", "/zaken", 401, **CRS_HEADERS)
    reader = zgw_client(org_a, [grant(zaaktype, ["zaken.lezen"])])
    call(reader, "patch", zaak["url"], 403, {"toelichting": "x"})
    call(reader, "post", "/statussen", 403, {
        "zaak": zaak["url"], "statustype": zaaktype_url(zaaktype.begin, "statustypen"),
        "datumStatusGezet": "2026-02-01T10:00:00+01:00"})
    call(api, "get", f"/statussen/{uuid.uuid4()}", 404)
    call(api, "post", "/zaaknummer_reserveren", 400, {"bronorganisatie": "123"})
