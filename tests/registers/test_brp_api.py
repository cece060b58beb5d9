"""POST /haalcentraal/api/brp/personen: the Haal Centraal BRP Personen 2.x contract."""

import json

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import ProcessingLogEntry
from tests.registers.conftest import PURPOSE, URL


def post(api, body, **extra):
    return api.post(URL, data=json.dumps(body), content_type="application/json", **extra)


def raadpleeg(*bsns, fields=("burgerservicenummer",)):
    return {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": list(bsns),
            "fields": list(fields)}


def bsns_of(response):
    return [p["burgerservicenummer"] for p in response.json()["personen"]]


def params(response):
    return {(p["name"], p["code"]) for p in response.json()["invalidParams"]}


@pytest.fixture
def api(family, brp_client):
    return brp_client(family.vader.organisation)


# --- The search types ------------------------------------------------------------------------


def test_raadpleeg_met_burgerservicenummer(api, family):
    response = post(api, raadpleeg(family.vader.burgerservicenummer, family.kind.burgerservicenummer,
                                   family.buur.burgerservicenummer,
                                   fields=["burgerservicenummer", "naam.voornamen"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["type"] == "RaadpleegMetBurgerservicenummer"
    # The neighbour of the other municipality is not in this register.
    assert sorted(body["personen"], key=lambda p: p["burgerservicenummer"]) == sorted([
        {"burgerservicenummer": family.vader.burgerservicenummer, "naam": {"voornamen": "Pieter Jan"}},
        {"burgerservicenummer": family.kind.burgerservicenummer, "naam": {"voornamen": "Sanne"}},
    ], key=lambda p: p["burgerservicenummer"])


def test_zoek_met_geslachtsnaam_en_geboortedatum(api, family):
    body = {"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "geslachtsnaam": "vries",
            "geboortedatum": "1970-04-01", "fields": ["burgerservicenummer", "naam"]}
    response = post(api, body)
    assert response.status_code == 200, response.json()
    [persoon] = response.json()["personen"]
    assert persoon["burgerservicenummer"] == family.vader.burgerservicenummer
    assert persoon["naam"]["volledigeNaam"] == "Pieter Jan de Vries"
    assert "aanduidingNaamgebruik" not in persoon["naam"]  # not part of PersoonBeperkt
    assert bsns_of(post(api, {**body, "geslachtsnaam": "Vri*"})) == [family.vader.burgerservicenummer]
    assert bsns_of(post(api, {**body, "voornamen": "Karel"})) == []
    assert bsns_of(post(api, {**body, "geslacht": "V"})) == []
    assert bsns_of(post(api, {**body, "voorvoegsel": "de"})) == [family.vader.burgerservicenummer]


def test_zoek_met_naam_en_gemeente_van_inschrijving(api, family):
    gemeente = family.vader.organisation.gemeentecode
    body = {"type": "ZoekMetNaamEnGemeenteVanInschrijving", "geslachtsnaam": "Vries", "voornamen": "San*",
            "gemeenteVanInschrijving": gemeente, "fields": ["burgerservicenummer"]}
    assert bsns_of(post(api, body)) == [family.kind.burgerservicenummer]
    assert bsns_of(post(api, {**body, "gemeenteVanInschrijving": "0363"})) == []


def test_zoek_met_postcode_en_huisnummer(api, family):
    body = {"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "1234 ab", "huisnummer": 12,
            "fields": ["burgerservicenummer", "adressering.adresregel1"]}
    response = post(api, body)
    assert sorted(bsns_of(response)) == sorted([
        family.vader.burgerservicenummer, family.moeder.burgerservicenummer, family.kind.burgerservicenummer])
    assert response.json()["personen"][0]["adressering"] == {"adresregel1": "Kerkstraat 12a"}
    assert bsns_of(post(api, {**body, "huisletter": "b"})) == []
    assert bsns_of(post(api, {**body, "geboortedatum": "2010-12-24"})) == [family.kind.burgerservicenummer]


def test_zoek_met_straat_nummeraanduiding_en_adresseerbaar_object(api, family):
    gemeente = family.vader.organisation.gemeentecode
    adres = family.vader.verblijfplaats
    expected = sorted([family.vader.burgerservicenummer, family.moeder.burgerservicenummer,
                       family.kind.burgerservicenummer])
    for body in (
        {"type": "ZoekMetStraatHuisnummerEnGemeenteVanInschrijving", "straat": "kerkstraat", "huisnummer": 12,
         "gemeenteVanInschrijving": gemeente},
        {"type": "ZoekMetNummeraanduidingIdentificatie",
         "nummeraanduidingIdentificatie": adres.identificatie},
        {"type": "ZoekMetAdresseerbaarObjectIdentificatie",
         "adresseerbaarObjectIdentificatie": adres.adresseerbaar_object.identificatie},
    ):
        assert sorted(bsns_of(post(api, {**body, "fields": ["burgerservicenummer"]}))) == expected


# --- Deceased persons, secrecy, relations --------------------------------------------------------


def test_deceased_only_with_inclusief_overleden_personen(api, family):
    body = {"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "geslachtsnaam": "Vries",
            "geboortedatum": "1930-02-03", "fields": ["burgerservicenummer"]}
    assert bsns_of(post(api, body)) == []
    response = post(api, {**body, "inclusiefOverledenPersonen": True})
    [persoon] = response.json()["personen"]
    assert persoon["burgerservicenummer"] == family.opa.burgerservicenummer
    assert persoon["opschortingBijhouding"]["reden"] == {"code": "O", "omschrijving": "overlijden"}


def test_raadplegen_marks_a_deceased_person(api, family):
    response = post(api, raadpleeg(family.opa.burgerservicenummer,
                                   fields=["overlijden", "leeftijd", "burgerservicenummer"]))
    [persoon] = response.json()["personen"]
    assert persoon["overlijden"]["datum"]["datum"] == "2020-03-04"
    assert "leeftijd" not in persoon
    assert persoon["opschortingBijhouding"]["datum"]["langFormaat"] == "4 maart 2020"


def test_geheimhouding_is_always_provided(api, family):
    response = post(api, raadpleeg(family.geheim.burgerservicenummer, fields=["naam.geslachtsnaam"]))
    assert response.json()["personen"] == [{"naam": {"geslachtsnaam": "Geheim"},
                                            "geheimhoudingPersoonsgegevens": True}]
    plain = post(api, raadpleeg(family.vader.burgerservicenummer, fields=["naam.geslachtsnaam"]))
    assert plain.json()["personen"] == [{"naam": {"geslachtsnaam": "Vries"}}]


def test_partners_kinderen_en_ouders(api, family):
    response = post(api, raadpleeg(family.vader.burgerservicenummer,
                                   fields=["partners", "kinderen.burgerservicenummer",
                                           "ouders.naam.voornamen", "ouders.ouderAanduiding"]))
    [vader] = response.json()["personen"]
    [partner] = vader["partners"]
    assert partner["burgerservicenummer"] == family.moeder.burgerservicenummer
    assert partner["aangaanHuwelijkPartnerschap"]["datum"]["datum"] == "2008-06-21"
    assert partner["naam"]["adellijkeTitelPredicaat"]["code"] == "JV"
    assert vader["kinderen"] == [{"burgerservicenummer": family.kind.burgerservicenummer}]
    assert vader["ouders"] == [{"ouderAanduiding": "1", "naam": {"voornamen": "Hendrik"}}]
    kind = post(api, raadpleeg(family.kind.burgerservicenummer, fields=["ouders.burgerservicenummer"]))
    assert kind.json()["personen"][0]["ouders"] == [
        {"burgerservicenummer": family.vader.burgerservicenummer},
        {"burgerservicenummer": family.moeder.burgerservicenummer}]


def test_fields_minimise_the_answer(api, family):
    response = post(api, raadpleeg(family.vader.burgerservicenummer,
                                   fields=["geboorte.datum", "verblijfplaats.verblijfadres.huisnummer"]))
    assert response.json()["personen"] == [{
        "geboorte": {"datum": {"type": "Datum", "datum": "1970-04-01", "langFormaat": "1 april 1970"}},
        "verblijfplaats": {"type": "Adres", "verblijfadres": {"huisnummer": 12}},
    }]


# --- Bad input ------------------------------------------------------------------------------------


def assert_problem(response, status=400):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "status", "detail", "instance", "code"} <= set(body)
    return body


def test_malformed_json(api):
    response = api.post(URL, data="{not json", content_type="application/json")
    body = assert_problem(response)
    assert body["code"] == "paramsValidation"


def test_wrong_content_type_and_accept(api, family):
    assert_problem(api.post(URL, data="type=x", content_type="application/x-www-form-urlencoded"), 415)
    response = api.post(URL, data=json.dumps(raadpleeg(family.vader.burgerservicenummer)),
                        content_type="application/json", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert_problem(api.get(URL), 405)


@pytest.mark.parametrize(("body", "expected"), [
    ({}, {("type", "required")}),
    ([1, 2], {("body", "object")}),
    ({"type": "ZoekMetIets", "fields": ["naam"]}, {("type", "value")}),
    ({"type": 12, "fields": ["naam"]}, {("type", "value")}),
    ({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"]},
     {("fields", "required")}),
    ({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"], "fields": []},
     {("fields", "minItems")}),
    ({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"], "fields": "naam"},
     {("fields", "array")}),
    ({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"],
      "fields": ["naam", "naam.onzin", "geheimhoudingPersoonsgegevens", "x y"]},
     {("fields[1]", "fields"), ("fields[2]", "fields"), ("fields[3]", "pattern")}),
    ({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"],
      "fields": ["naam"] * 131}, {("fields", "maxItems")}),
    ({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"] * 21,
      "fields": ["naam"]}, {("burgerservicenummer", "maxItems")}),
    ({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": "999993653", "fields": ["naam"]},
     {("burgerservicenummer", "array")}),
    ({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993654", "12345678a", 5],
      "fields": ["naam"]},
     {("burgerservicenummer[0]", "elfproef"), ("burgerservicenummer[1]", "pattern"),
      ("burgerservicenummer[2]", "pattern")}),
    ({"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"], "fields": ["naam"],
      "inclusiefOverledenPersonen": True}, {("inclusiefOverledenPersonen", "unknownParam")}),
    ({"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "geslachtsnaam": "Vries", "geboortedatum": "1970-02-30",
      "fields": ["naam"]}, {("geboortedatum", "date")}),
    ({"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "geslachtsnaam": "V*", "geboortedatum": "1970-02-03",
      "fields": ["naam"], "inclusiefOverledenPersonen": "ja"},
     {("geslachtsnaam", "pattern"), ("inclusiefOverledenPersonen", "boolean")}),
    ({"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "geboortedatum": "1970-02-03",
      "fields": ["verblijfplaats"]},
     {("geslachtsnaam", "required"), ("fields[0]", "fields")}),
    ({"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "0123AB", "huisnummer": "12", "fields": ["naam"]},
     {("postcode", "pattern"), ("huisnummer", "integer")}),
    ({"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "1234AB", "huisnummer": 0, "fields": ["naam"],
      "huisletter": "ab"}, {("huisnummer", "minimum"), ("huisletter", "pattern")}),
    ({"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "1234AB", "huisnummer": True, "fields": ["naam"]},
     {("huisnummer", "integer")}),
    ({"type": "ZoekMetNaamEnGemeenteVanInschrijving", "geslachtsnaam": "Vries", "voornamen": "P*",
      "gemeenteVanInschrijving": "363", "fields": ["naam"]},
     {("voornamen", "pattern"), ("gemeenteVanInschrijving", "pattern")}),
])
def test_bad_input_is_a_400_naming_every_problem(api, body, expected):
    response = post(api, body)
    problem = assert_problem(response)
    assert problem["code"] == "paramsValidation"
    assert params(response) == expected
    assert all(p["type"].startswith("https://") and p["reason"] for p in problem["invalidParams"])


def test_huge_body_is_refused_without_error(api):
    body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": ["999993653"] * 10_000,
            "fields": ["naam"]}
    assert params(post(api, body)) == {("burgerservicenummer", "maxItems")}


# --- Who may ask, and why -------------------------------------------------------------------------


def test_without_credentials_401(family, client):
    response = client.post(URL, data=json.dumps(raadpleeg(family.vader.burgerservicenummer)),
                           content_type="application/json", **PURPOSE)
    body = assert_problem(response, 401)
    assert body["code"] == "authentication"


def test_bad_jwt_401(family, client):
    response = client.post(URL, data=json.dumps(raadpleeg(family.vader.burgerservicenummer)),
                           content_type="application/json", HTTP_AUTHORIZATION="Bearer nonsense", **PURPOSE)
    assert_problem(response, 401)


def test_client_without_brp_scope_403(family, brp_client):
    api = brp_client(family.vader.organisation, scopes=["zaken.lezen"])
    body = assert_problem(post(api, raadpleeg(family.vader.burgerservicenummer)), 403)
    assert body["code"] == "autorisation"
    assert post(brp_client(family.vader.organisation, scopes=None, alles=True),
                raadpleeg(family.vader.burgerservicenummer)).status_code == 200


def test_purpose_headers_are_required(family, brp_client):
    api = brp_client(family.vader.organisation, purpose=False)
    response = post(api, raadpleeg(family.vader.burgerservicenummer))
    assert params(response) == {("x-doelbinding", "required"), ("x-verwerking", "required"),
                                ("x-grondslag", "required")}
    with tenancy.system_scope():
        assert not ProcessingLogEntry.objects.filter(betrokkene_id=family.vader.burgerservicenummer).exists()


def test_other_municipality_sees_nothing(family, brp_client):
    api = brp_client(family.buur.organisation)
    found = post(api, raadpleeg(family.vader.burgerservicenummer, family.buur.burgerservicenummer))
    assert bsns_of(found) == [family.buur.burgerservicenummer]
    body = {"type": "ZoekMetPostcodeEnHuisnummer", "postcode": "1234AB", "huisnummer": 12,
            "fields": ["burgerservicenummer"]}
    assert bsns_of(post(api, body)) == []


def test_every_person_read_is_logged_with_reader_purpose_and_grondslag(api, family):
    post(api, raadpleeg(family.vader.burgerservicenummer, family.kind.burgerservicenummer,
                        fields=["naam", "verblijfplaats.verblijfadres"]))
    with tenancy.system_scope():
        entries = list(ProcessingLogEntry.objects.order_by("betrokkene_id"))
    assert sorted(e.betrokkene_id for e in entries) == sorted(
        [family.vader.burgerservicenummer, family.kind.burgerservicenummer])
    entry = entries[0]
    assert entry.doelbinding == "Behandelen aanvraag parkeervergunning"
    assert entry.verwerkingsactiviteit == "Parkeervergunningen"
    assert entry.grondslag == "Wegenverkeerswet art. 18"
    assert entry.uitvoerder_id == "tester"  # the user named in the client's JWT
    assert entry.systeem.startswith("Test brp-client")
    assert entry.soorten_gegevens == ["naam", "verblijfplaats"]
    assert entry.organisation_id == family.vader.organisation_id


def test_employee_with_verified_second_factor(family, behandelaar_a, employee_client):
    web = employee_client(behandelaar_a)
    response = web.post(URL, data=json.dumps(raadpleeg(family.vader.burgerservicenummer)),
                        content_type="application/json", **PURPOSE)
    assert response.status_code == 200, response.content
    assert bsns_of(response) == [family.vader.burgerservicenummer]
    with tenancy.system_scope():
        assert ProcessingLogEntry.objects.get().uitvoerder_id == "behandelaar-a"


def test_employee_without_second_factor_or_role_is_refused(family, behandelaar_a, client, employee_client):
    from tests.factories import member

    client.force_login(behandelaar_a)  # password only, no TOTP
    response = client.post(URL, data=json.dumps(raadpleeg(family.vader.burgerservicenummer)),
                           content_type="application/json", **PURPOSE)
    assert_problem(response, 401)
    with tenancy.system_scope():
        manager = member(family.vader.organisation, "manager", username="manager-a")
    web = employee_client(manager)
    response = web.post(URL, data=json.dumps(raadpleeg(family.vader.burgerservicenummer)),
                        content_type="application/json", **PURPOSE)
    assert_problem(response, 403)


def test_name_search_ignores_case_and_diacritics(api, family):
    from datetime import date

    from tests.registers import builders

    with tenancy.system_scope():
        zoë = builders.persoon(family.vader.organisation, voornamen="Zoë Ángela", geslachtsnaam="Müller",
                               geslacht="V", geboortedatum=date(1990, 3, 3))
    body = {"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "geboortedatum": "1990-03-03",
            "fields": ["burgerservicenummer", "naam.geslachtsnaam"]}
    for naam in ("Müller", "muller", "MULLER", "Mül*", "mul*"):
        response = post(api, {**body, "geslachtsnaam": naam})
        assert bsns_of(response) == [zoë.burgerservicenummer], naam
    assert response.json()["personen"][0]["naam"] == {"geslachtsnaam": "Müller"}
    assert bsns_of(post(api, {**body, "geslachtsnaam": "Mull"})) == []
    assert bsns_of(post(api, {**body, "geslachtsnaam": "Müller", "voornamen": "zoe*"})) == [
        zoë.burgerservicenummer]
