"""GET /haalcentraal/api/bag/adressen: addresses in the Haal Centraal BAG shape (HAL)."""

import pytest

from tests.registers.conftest import BAG_URL


@pytest.fixture
def api(family, brp_client):
    return brp_client(family.vader.organisation, scopes=["bag.lezen"], purpose=False)


def test_lookup_by_postcode_and_huisnummer(api, family):
    response = api.get(BAG_URL, {"postcode": "1234AB", "huisnummer": "12"})
    assert response.status_code == 200, response.content
    body = response.json()
    [adres] = body["_embedded"]["adressen"]
    nummeraanduiding = family.vader.verblijfplaats
    assert adres["nummeraanduidingIdentificatie"] == nummeraanduiding.identificatie
    assert adres["adresseerbaarObjectIdentificatie"] == nummeraanduiding.adresseerbaar_object.identificatie
    assert adres["openbareRuimteNaam"] == "Kerkstraat"
    assert adres["woonplaatsNaam"] == "Aadorp"
    assert (adres["huisnummer"], adres["huisletter"], adres["postcode"]) == (12, "a", "1234AB")
    assert adres["coordinates"] == {"x": 155000.0, "y": 463000.0, "lat": 52.1551744, "lon": 5.38720621}
    assert adres["_links"]["self"]["href"].endswith(f"/adressen/{nummeraanduiding.identificatie}")
    assert body["_links"]["self"]["href"].startswith("http://testserver/haalcentraal/api/bag/adressen?")

    detail = api.get(adres["_links"]["self"]["href"])
    assert detail.status_code == 200
    assert detail.json()["openbareRuimteNaam"] == "Kerkstraat"


def test_filters_and_no_match(api):
    assert api.get(BAG_URL, {"postcode": "1234 AB", "huisnummer": "12", "huisletter": "A"}).json()[
        "_embedded"]["adressen"][0]["huisletter"] == "a"
    assert api.get(BAG_URL, {"postcode": "1234AB", "huisnummer": "13"}).json()["_embedded"]["adressen"] == []
    assert api.get(f"{BAG_URL}/9999200000000000").status_code == 404
    assert api.get(f"{BAG_URL}/onzin").status_code == 404


@pytest.mark.parametrize(("query", "expected"), [
    ({}, {("postcode", "required"), ("huisnummer", "required")}),
    ({"postcode": "12AB", "huisnummer": "x"}, {("postcode", "pattern"), ("huisnummer", "pattern")}),
    ({"postcode": "1234AB", "huisnummer": "0"}, {("huisnummer", "minimum")}),
    ({"postcode": "1234AB", "huisnummer": "1", "straat": "x"}, {("straat", "unknownParam")}),
])
def test_bad_parameters(api, query, expected):
    response = api.get(BAG_URL, query)
    assert response.status_code == 400
    assert {(p["name"], p["code"]) for p in response.json()["invalidParams"]} == expected


def test_scope_and_tenant(family, brp_client, client):
    assert client.get(BAG_URL, {"postcode": "1234AB", "huisnummer": "12"}).status_code == 401
    without = brp_client(family.vader.organisation, scopes=["zaken.lezen"])
    assert without.get(BAG_URL, {"postcode": "1234AB", "huisnummer": "12"}).status_code == 403
    other = brp_client(family.buur.organisation, scopes=["bag.lezen"])
    found = other.get(BAG_URL, {"postcode": "1234AB", "huisnummer": "12"}).json()
    assert found["_embedded"]["adressen"] == []
    assert other.get(f"{BAG_URL}/{family.vader.verblijfplaats.identificatie}").status_code == 404
