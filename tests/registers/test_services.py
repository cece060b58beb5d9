"""The service layer other modules use: persons with only the asked fields, logged reads."""

import pytest

from raadhuis.platform import tenancy
from raadhuis.platform.models import ProcessingLogEntry
from raadhuis.registers import services

DOEL = {"doel": "Vooringevuld aanvraagformulier", "grondslag": "AVG art. 6 lid 1 sub e"}


def test_is_valid_bsn_is_the_elfproef():
    assert services.is_valid_bsn("999990019")
    assert not services.is_valid_bsn("999990018")
    assert not services.is_valid_bsn("12345678")
    assert not services.is_valid_bsn("000000000")
    assert not services.is_valid_bsn(999990019)


def test_get_persoon_returns_only_the_asked_fields(family, in_scope_of):
    in_scope_of(family.vader.organisation)
    persoon = services.get_persoon(family.vader.burgerservicenummer,
                                   fields=["naam.voornamen", "verblijfplaats.verblijfadres.postcode"], **DOEL)
    assert persoon == {
        "naam": {"voornamen": "Pieter Jan"},
        "verblijfplaats": {"type": "Adres", "verblijfadres": {"postcode": "1234AB"}},
    }


def test_get_persoon_full_shape(family, in_scope_of):
    in_scope_of(family.vader.organisation)
    persoon = services.get_persoon(
        family.moeder.burgerservicenummer,
        fields=["burgerservicenummer", "naam", "geboorte", "geslacht", "verblijfplaats", "adressering",
                "partners", "kinderen", "nationaliteiten", "gemeenteVanInschrijving"], **DOEL)
    assert persoon["naam"]["volledigeNaam"] == "jonkvrouw Anna Bakker"
    assert persoon["naam"]["adellijkeTitelPredicaat"] == {"code": "JV", "omschrijving": "jonkvrouw",
                                                          "soort": "predicaat"}
    assert persoon["geboorte"]["datum"] == {"type": "Datum", "datum": "1972-08-09",
                                            "langFormaat": "9 augustus 1972"}
    assert persoon["geslacht"] == {"code": "V", "omschrijving": "vrouw"}
    adres = persoon["verblijfplaats"]
    assert adres["verblijfadres"] == {"officieleStraatnaam": "Kerkstraat", "korteStraatnaam": "Kerkstraat",
                                      "huisnummer": 12, "huisletter": "a", "postcode": "1234AB",
                                      "woonplaats": "Aadorp"}
    assert adres["functieAdres"] == {"code": "W", "omschrijving": "woonadres"}
    assert len(adres["nummeraanduidingIdentificatie"]) == 16
    # Naamgebruik V: partner's name, then her own.
    assert persoon["adressering"]["aanschrijfwijze"]["naam"] == "A. de Vries-Bakker"
    assert persoon["adressering"]["adresregel1"] == "Kerkstraat 12a"
    assert persoon["adressering"]["adresregel2"] == "1234 AB  AADORP"
    assert [p["burgerservicenummer"] for p in persoon["partners"]] == [family.vader.burgerservicenummer]
    assert persoon["partners"][0]["soortVerbintenis"] == {"code": "H", "omschrijving": "huwelijk"}
    assert [k["naam"]["voornamen"] for k in persoon["kinderen"]] == ["Sanne"]
    assert persoon["nationaliteiten"] == [{"type": "Nationaliteit",
                                           "nationaliteit": {"code": "0001", "omschrijving": "Nederlandse"}}]
    assert persoon["gemeenteVanInschrijving"] == {"code": family.moeder.organisation.gemeentecode,
                                                  "omschrijving": "Aadorp"}


def test_every_read_is_logged_with_reader_purpose_and_legal_basis(family, in_scope_of):
    in_scope_of(family.vader.organisation, name="behandelaar-a")
    services.get_persoon(family.vader.burgerservicenummer, fields=["naam", "geboorte.datum"], **DOEL)
    with tenancy.system_scope():
        entry = ProcessingLogEntry.objects.get(betrokkene_id=family.vader.burgerservicenummer)
    assert entry.uitvoerder_id == "behandelaar-a"
    assert entry.doelbinding == DOEL["doel"]
    assert entry.grondslag == DOEL["grondslag"]
    assert entry.soorten_gegevens == ["geboorte", "naam"]
    assert entry.organisation_id == family.vader.organisation_id


def test_no_purpose_no_data(family, in_scope_of):
    in_scope_of(family.vader.organisation)
    with pytest.raises(ValueError):
        services.get_persoon(family.vader.burgerservicenummer, fields=["naam"], doel="", grondslag="x")
    with pytest.raises(ValueError):
        services.zoek_personen({"type": "RaadpleegMetBurgerservicenummer", "fields": ["naam"],
                                "burgerservicenummer": [family.vader.burgerservicenummer]},
                               doel="x", grondslag=" ")


def test_other_municipality_is_unknown(family, in_scope_of):
    in_scope_of(family.buur.organisation)
    assert services.get_persoon(family.vader.burgerservicenummer, fields=["naam"], **DOEL) is None
    assert services.get_persoon(family.buur.burgerservicenummer, fields=["naam.voornamen"], **DOEL) == {
        "naam": {"voornamen": "Bram"}}


def test_unknown_or_invalid_bsn_is_none(family, in_scope_of):
    in_scope_of(family.vader.organisation)
    assert services.get_persoon("999990018", fields=["naam"], **DOEL) is None
    assert services.get_persoon("123", fields=["naam"], **DOEL) is None


def test_invalid_field_path_is_refused(family, in_scope_of):
    in_scope_of(family.vader.organisation)
    with pytest.raises(services.InvalidQuery) as error:
        services.get_persoon(family.vader.burgerservicenummer, fields=["naam.bestaatniet"], **DOEL)
    assert error.value.invalid_params[0]["name"] == "fields[0]"
    assert error.value.invalid_params[0]["code"] == "fields"


def test_zoek_adres(family, in_scope_of):
    in_scope_of(family.vader.organisation)
    [adres] = services.zoek_adres("1234 ab", 12, huisletter="A")
    assert adres["id"] == adres["nummeraanduidingIdentificatie"]
    assert adres["openbareRuimteNaam"] == "Kerkstraat"
    assert adres["woonplaatsNaam"] == "Aadorp"
    assert adres["huisnummer"] == 12 and adres["huisletter"] == "a"
    assert adres["coordinates"] == {"x": 155000.0, "y": 463000.0, "lat": 52.1551744, "lon": 5.38720621}
    assert services.zoek_adres("1234AB", 99) == []
    assert services.zoek_adres("not a postcode", 12) == []


def test_zoek_adres_in_other_municipality_finds_nothing(family, in_scope_of):
    in_scope_of(family.buur.organisation)
    assert services.zoek_adres("1234AB", 12) == []
