"""The Zaak resource: create, read, update, delete and the rules zrc-001 … zrc-015, zrc-022."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import AuditEntry, OutboxEvent
from raadhuis.zgw.common.urls import canonical_url
from raadhuis.zgw.zaken.models import Zaak
from tests.zgw.zaken.conftest import ZAKEN, zaak_payload, zaaktype_url
from tests.zgw.zaken.factories import ZaaktypeFactory, published_zaaktype


def _codes(response):
    return {(p["name"], p["code"]) for p in response.json().get("invalidParams", [])}


def test_create_read_update_delete(api, make_zaak):
    zaak = make_zaak(kenmerken=[{"kenmerk": "K1", "bron": "Extern"}])
    assert zaak["url"].startswith("http://testserver/zaken/api/v1/zaken/")
    assert zaak["status"] is None and zaak["resultaat"] is None and zaak["deelzaken"] == []
    assert zaak["kenmerken"] == [{"kenmerk": "K1", "bron": "Extern"}]
    assert zaak["opschorting"] == {"indicatie": False, "reden": ""}
    assert zaak["verlenging"] is None
    patched = api.patch(zaak["url"], {"omschrijving": "Nieuw"}, format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["omschrijving"] == "Nieuw"
    put = api.put(zaak["url"], {**zaak_payload_from(zaak), "toelichting": "Volledig"}, format="json")
    assert put.status_code == 200, put.json()
    assert api.delete(zaak["url"]).status_code == 204
    assert api.get(zaak["url"]).status_code == 404


def zaak_payload_from(zaak):
    keep = ("zaaktype", "bronorganisatie", "verantwoordelijkeOrganisatie", "startdatum", "omschrijving")
    return {key: zaak[key] for key in keep}


def test_every_change_is_audited_and_notified(api, make_zaak):
    zaak = make_zaak()
    api.patch(zaak["url"], {"omschrijving": "Gewijzigd"}, format="json", HTTP_X_AUDIT_TOELICHTING="Correctie")
    with tenancy.system_scope():
        trail = list(AuditEntry.objects.filter(hoofd_object=canonical_url(zaak["url"])).order_by("id"))
        assert [e.actie for e in trail] == ["create", "partial_update"]
        assert trail[1].toelichting == "Correctie"
        assert trail[1].oud["omschrijving"] != trail[1].nieuw["omschrijving"]
        event = OutboxEvent.objects.filter(kanaal="zaken").last()
    assert event.payload["hoofdObject"] == zaak["url"]
    assert event.payload["kenmerken"] == {
        "bronorganisatie": zaak["bronorganisatie"],
        "zaaktype": zaak["zaaktype"],
        "vertrouwelijkheidaanduiding": "openbaar",
    }


def test_zrc_001_zaaktype_must_exist_and_be_published(api, org_a, zaaktype):
    with tenancy.system_scope():
        concept = ZaaktypeFactory(catalogus=zaaktype.catalogus, concept=True)
    api.applicatie.heeft_alle_autorisaties = True
    with tenancy.system_scope():
        api.applicatie.save()
    response = api.post(ZAKEN, zaak_payload(concept, org_a), format="json")
    assert response.status_code == 400
    assert ("zaaktype", "not-published") in _codes(response)
    missing = zaak_payload(zaaktype, org_a) | {
        "zaaktype": "http://testserver/catalogi/api/v1/zaaktypen/11111111-2222-4333-8444-555555555555"
    }
    assert ("zaaktype", "bad-url") in _codes(api.post(ZAKEN, missing, format="json"))
    wrong = zaak_payload(zaaktype, org_a) | {"zaaktype": "http://testserver/elders/1"}
    assert ("zaaktype", "invalid-resource") in _codes(api.post(ZAKEN, wrong, format="json"))


def test_zrc_001_zaaktype_cannot_change(api, make_zaak, org_a):
    zaak = make_zaak()
    with tenancy.system_scope():
        other = published_zaaktype(org_a)
    response = api.patch(zaak["url"], {"zaaktype": zaaktype_url(other)}, format="json")
    assert ("zaaktype", "wijzigen-niet-toegelaten") in _codes(response)


def test_zrc_002_identificatie_unique_per_bronorganisatie(api, make_zaak):
    make_zaak(identificatie="ZAAK-EIGEN-1")
    again = api.post(ZAKEN, zaak_payload_from(make_zaak()) | {"identificatie": "ZAAK-EIGEN-1"}, format="json")
    assert again.status_code == 400
    assert ("identificatie", "identificatie-niet-uniek") in _codes(again)


def test_zrc_002_generated_identificaties_differ_and_skip_taken_numbers(make_zaak):
    first = make_zaak()["identificatie"]
    year, number = first.split("-")[1], int(first.split("-")[2])
    taken = f"ZAAK-{year}-{number + 1:010d}"
    make_zaak(identificatie=taken)
    third = make_zaak()["identificatie"]
    assert third not in (first, taken)
    assert third == f"ZAAK-{year}-{number + 2:010d}"


def test_zrc_009_vertrouwelijkheidaanduiding_from_zaaktype_or_given(make_zaak, zaaktype):
    with tenancy.system_scope():
        zaaktype.vertrouwelijkheidaanduiding = "zaakvertrouwelijk"
        zaaktype.save()
    assert make_zaak()["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"
    assert make_zaak(vertrouwelijkheidaanduiding="geheim")["vertrouwelijkheidaanduiding"] == "geheim"


def test_zrc_010_communicatiekanaal_must_be_a_url(api, zaaktype, org_a):
    response = api.post(ZAKEN, zaak_payload(zaaktype, org_a, communicatiekanaal="geen url"), format="json")
    assert response.status_code == 400
    assert "communicatiekanaal" in {p["name"] for p in response.json()["invalidParams"]}


def test_zrc_011_relevante_andere_zaken_must_exist(api, make_zaak, zaaktype, org_a):
    other = make_zaak()
    zaak = make_zaak(relevanteAndereZaken=[{"url": other["url"], "aardRelatie": "vervolg"}])
    assert zaak["relevanteAndereZaken"] == [{"url": other["url"], "aardRelatie": "vervolg"}]
    bad = zaak_payload(
        zaaktype,
        org_a,
        relevanteAndereZaken=[
            {"url": other["url"], "aardRelatie": "vervolg"},
            {"url": ZAKEN + "/11111111-2222-4333-8444-555555555555", "aardRelatie": "onderwerp"},
        ],
    )
    response = api.post(ZAKEN, bad, format="json")
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"].startswith("relevanteAndereZaken.1")


def test_zrc_012_gegevensgroepen_null_or_validated(api, make_zaak):
    zaak = make_zaak(opschorting=None, verlenging=None)
    assert zaak["opschorting"] == {"indicatie": False, "reden": ""}
    response = api.patch(zaak["url"], {"opschorting": {"indicatie": True}}, format="json")
    assert response.status_code == 400
    assert "opschorting.reden" in {p["name"] for p in response.json()["invalidParams"]}
    ok = api.patch(
        zaak["url"], {"opschorting": {"indicatie": True, "reden": "Wacht op advies"}}, format="json"
    )
    assert ok.json()["opschorting"] == {"indicatie": True, "reden": "Wacht op advies"}


def test_zrc_013_hoofdzaak_rules(api, make_zaak):
    hoofd = make_zaak()
    deel = make_zaak(hoofdzaak=hoofd["url"])
    assert api.get(hoofd["url"]).json()["deelzaken"] == [deel["url"]]
    nested = api.post(ZAKEN, zaak_payload_from(hoofd) | {"hoofdzaak": deel["url"]}, format="json")
    assert ("hoofdzaak", "deelzaak-als-hoofdzaak") in _codes(nested)
    itself = api.patch(hoofd["url"], {"hoofdzaak": hoofd["url"]}, format="json")
    assert ("hoofdzaak", "self-forbidden") in _codes(itself)


def test_zrc_014_betalingsindicatie_nvt_has_no_laatste_betaaldatum(api, make_zaak, zaaktype, org_a):
    response = api.post(
        ZAKEN,
        zaak_payload(zaaktype, org_a, betalingsindicatie="nvt", laatsteBetaaldatum="2026-01-01T10:00:00Z"),
        format="json",
    )
    assert ("laatsteBetaaldatum", "betaling-nvt") in _codes(response)
    zaak = make_zaak(betalingsindicatie="geheel", laatsteBetaaldatum="2026-01-01T10:00:00Z")
    assert zaak["betalingsindicatieWeergave"]
    changed = api.patch(zaak["url"], {"betalingsindicatie": "nvt"}, format="json")
    assert changed.status_code == 200 and changed.json()["laatsteBetaaldatum"] is None
    future = api.patch(
        zaak["url"],
        {"betalingsindicatie": "geheel", "laatsteBetaaldatum": "2999-01-01T10:00:00Z"},
        format="json",
    )
    assert ("laatsteBetaaldatum", "date-in-future") in _codes(future)


def test_zrc_015_producten_of_diensten_of_the_zaaktype(api, make_zaak, zaaktype, org_a):
    assert make_zaak(productenOfDiensten=["https://pdc.example/producten/1"])["productenOfDiensten"]
    response = api.post(
        ZAKEN, zaak_payload(zaaktype, org_a, productenOfDiensten=["https://pdc.example/x"]), format="json"
    )
    assert ("productenOfDiensten", "invalid-products-services") in _codes(response)


def test_zrc_022_archiefstatus_needs_nominatie_and_actiedatum(api, make_zaak):
    zaak = make_zaak()
    response = api.patch(zaak["url"], {"archiefstatus": "gearchiveerd"}, format="json")
    assert {("archiefnominatie", "archiefnominatie-not-set")} <= _codes(response)
    response = api.patch(
        zaak["url"], {"archiefstatus": "gearchiveerd", "archiefnominatie": "vernietigen"}, format="json"
    )
    assert ("archiefactiedatum", "archiefactiedatum-not-set") in _codes(response)
    ok = api.patch(
        zaak["url"],
        {
            "archiefstatus": "gearchiveerd",
            "archiefnominatie": "vernietigen",
            "archiefactiedatum": "2040-01-01",
        },
        format="json",
    )
    assert ok.status_code == 200, ok.json()


def test_verlenging_moves_the_planned_end_dates(api, make_zaak):
    zaak = make_zaak(einddatumGepland="2026-03-01", uiterlijkeEinddatumAfdoening="2026-04-01")
    response = api.patch(
        zaak["url"], {"verlenging": {"reden": "Advies nodig", "duur": "P10D"}}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["verlenging"] == {"reden": "Advies nodig", "duur": "P10D"}
    assert body["einddatumGepland"] == "2026-03-11"
    assert body["uiterlijkeEinddatumAfdoening"] == "2026-04-11"
    longer = api.patch(zaak["url"], {"verlenging": {"reden": "Meer advies", "duur": "P14D"}}, format="json")
    assert longer.json()["einddatumGepland"] == "2026-03-15"
    bad = api.patch(zaak["url"], {"verlenging": {"reden": "x", "duur": "tien dagen"}}, format="json")
    assert bad.status_code == 400


def test_zaakgeometrie_is_validated_geojson(api, make_zaak, zaaktype, org_a):
    zaak = make_zaak(zaakgeometrie={"type": "Point", "coordinates": [5.1, 52.1]})
    assert zaak["zaakgeometrie"] == {"type": "Point", "coordinates": [5.1, 52.1]}
    with tenancy.system_scope():
        stored = Zaak.objects.get(uuid=zaak["uuid"])
    assert (stored.geometrie_min_x, stored.geometrie_max_y) == (5.1, 52.1)
    for bad in (
        {"type": "Point"},
        {"type": "Cirkel", "coordinates": [1, 2]},
        {"type": "Point", "coordinates": [500, 1]},
        {"type": "Polygon", "coordinates": [[1, 2]]},
        "punt",
    ):
        response = api.post(ZAKEN, zaak_payload(zaaktype, org_a, zaakgeometrie=bad), format="json")
        assert response.status_code == 400, bad


@pytest.mark.parametrize(
    "body",
    [
        "{niet json",
        '{"zaaktype": 12, "bronorganisatie": [], "startdatum": "gisteren"}',
        "[1, 2, 3]",
        '{"omschrijving": "' + "x" * 100_000 + '"}',
        '{"kenmerken": "geen lijst", "relevanteAndereZaken": [{"url": 5}]}',
        '{"verlenging": "P5D", "opschorting": 1, "processobject": []}',
    ],
)
def test_bad_input_is_400_never_500(api, body):
    response = api.generic("POST", ZAKEN, body, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert response.json()["status"] == 400


def test_bad_crs_headers(api, make_zaak):
    zaak = make_zaak()
    assert api.get(zaak["url"], HTTP_ACCEPT_CRS="EPSG:28992").status_code == 406
    assert api.patch(zaak["url"], {}, format="json", HTTP_CONTENT_CRS="EPSG:28992").status_code == 406
    ok = api.get(zaak["url"], HTTP_ACCEPT_CRS="EPSG:4326")
    assert ok.status_code == 200 and ok["Content-Crs"] == "EPSG:4326"


def _precondition_failed(response, header):
    assert response.status_code == 412, response.content
    body = response.json()
    assert body["code"] == "precondition_failed" and header in body["detail"]
    assert response["Content-Type"] == "application/problem+json"


def test_crs_headers_are_required_as_the_standard_says(api, make_zaak, zaaktype, org_a):
    """Accept-Crs on every zaak request but a DELETE, Content-Crs with every body (as Open Zaak):
    a missing one is a 412. Content-Crs on a request without a body is not asked for."""
    zaak = make_zaak()
    without_accept = {"HTTP_ACCEPT_CRS": None}
    without_content = {"HTTP_CONTENT_CRS": None}
    _precondition_failed(api.get(ZAKEN, **without_accept), "Accept-Crs")
    _precondition_failed(api.get(zaak["url"], **without_accept), "Accept-Crs")
    assert api.head(zaak["url"], **without_accept).status_code == 412
    _precondition_failed(api.post(f"{ZAKEN}/_zoek", {"identificatie": "x"}, format="json", **without_accept),
                         "Accept-Crs")
    payload = zaak_payload(zaaktype, org_a)
    _precondition_failed(api.post(ZAKEN, payload, format="json", **without_content), "Content-Crs")
    _precondition_failed(api.put(zaak["url"], payload, format="json", **without_content), "Content-Crs")
    _precondition_failed(api.patch(zaak["url"], {"toelichting": "x"}, format="json", **without_content),
                         "Content-Crs")
    _precondition_failed(api.post(f"{ZAKEN}/_zoek", {}, format="json", **without_content), "Content-Crs")
    assert api.get(zaak["url"], **without_content).status_code == 200
    with tenancy.system_scope():
        assert Zaak.objects.get(uuid=zaak["uuid"]).toelichting == ""  # nothing was written
    assert api.delete(zaak["url"], HTTP_ACCEPT_CRS=None, HTTP_CONTENT_CRS=None).status_code == 204


def test_crs_is_checked_after_authentication_and_only_on_the_zaak(api, client, make_zaak):
    zaak = make_zaak()
    assert client.get(ZAKEN).status_code == 401  # no client: 401 before 412
    statussen = api.get("/zaken/api/v1/statussen", HTTP_ACCEPT_CRS=None, HTTP_CONTENT_CRS=None)
    assert statussen.status_code == 200 and "Content-Crs" not in statussen
    created = make_zaak()
    listed = api.get(ZAKEN)
    assert listed["Content-Crs"] == "EPSG:4326" and created["url"]
    assert api.get(zaak["url"])["Content-Crs"] == "EPSG:4326"


def test_etag_and_conditional_requests(api, make_zaak):
    """zrc HTTP-caching: an ETag on the JSON as sent; If-None-Match with it is a 304 without a
    body, with another value a 200; HEAD gives the GET's headers without a body."""
    zaak = make_zaak()
    first = api.get(zaak["url"])
    tag = first["ETag"]
    assert tag.startswith('"') and tag.endswith('"') and len(tag) == 34
    assert api.get(zaak["url"])["ETag"] == tag  # stable
    not_modified = api.get(zaak["url"], HTTP_IF_NONE_MATCH=tag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == tag and not_modified["API-version"] == "1.7.0"
    several = api.get(zaak["url"], HTTP_IF_NONE_MATCH=f'"79054025255fb1a26e4bc422aef54eb4", W/{tag}')
    assert several.status_code == 304
    other = api.get(zaak["url"], HTTP_IF_NONE_MATCH='"79054025255fb1a26e4bc422aef54eb4"')
    assert other.status_code == 200 and other.json() == first.json()
    head = api.head(zaak["url"])
    assert head.status_code == 200 and head.content == b"" and head["ETag"] == tag
    assert head["Content-Crs"] == "EPSG:4326" and head["API-version"] == "1.7.0"
    assert api.head(zaak["url"], HTTP_IF_NONE_MATCH=tag).status_code == 304
    expanded = api.get(zaak["url"], {"expand": "zaaktype"})
    assert expanded["ETag"] != tag  # another representation, another ETag
    api.patch(zaak["url"], {"omschrijving": "Gewijzigd"}, format="json")
    changed = api.get(zaak["url"], HTTP_IF_NONE_MATCH=tag)
    assert changed.status_code == 200 and changed["ETag"] != tag
    assert "ETag" not in api.get(ZAKEN)  # lists have none
    other_host = api.get(zaak["url"], HTTP_HOST="localhost")
    assert other_host["ETag"] != changed["ETag"]  # equivalent, but another representation


def test_betalingsindicatie_is_not_nullable(api, make_zaak):
    zaak = make_zaak()
    refused = api.patch(zaak["url"], {"betalingsindicatie": None}, format="json")
    assert refused.status_code == 400 and ("betalingsindicatie", "null") in _codes(refused)
    assert api.patch(zaak["url"], {"betalingsindicatie": ""}, format="json").status_code == 200


def test_zaaknummer_reserveren(api, make_zaak, org_a):
    url = "/zaken/api/v1/zaaknummer_reserveren"
    one = api.post(url, {"bronorganisatie": org_a.rsin}, format="json")
    assert one.status_code == 201, one.json()
    reserved = one.json()["zaaknummer"]
    many = api.post(url, {"bronorganisatie": org_a.rsin, "aantal": 3}, format="json").json()
    assert len(many) == 3 and reserved not in [m["zaaknummer"] for m in many]
    generated = make_zaak()["identificatie"]
    assert generated not in [reserved] + [m["zaaknummer"] for m in many]
    assert make_zaak(identificatie=reserved)["identificatie"] == reserved
    assert api.post(url, {"bronorganisatie": "123"}, format="json").status_code == 400
    assert api.post(url, {"bronorganisatie": org_a.rsin, "aantal": 1}, format="json").json().keys() == {
        "zaaknummer"}  # one object for one, as the operation's description says (and Open Zaak)
    # No geometry here: no CRS headers needed.
    assert api.post(url, {"bronorganisatie": org_a.rsin}, format="json", HTTP_ACCEPT_CRS=None,
                    HTTP_CONTENT_CRS=None).status_code == 201
