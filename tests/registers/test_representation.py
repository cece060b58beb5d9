"""The Haal Centraal shape derived from the register: names for letters, partners, field paths."""

from datetime import date

from raadhuis.registers import fields
from raadhuis.registers.representation import adressering, leeftijd, persoon_dict, voorletters
from raadhuis.registers.services import get_persoon
from tests.registers import builders

DOEL = {"doel": "Brief", "grondslag": "Awb"}


def test_voorletters_and_leeftijd():
    assert voorletters("Pieter Jan  Karel") == "P.J.K."
    assert leeftijd(date(2000, 6, 15), today=date(2026, 6, 14)) == 25
    assert leeftijd(date(2000, 6, 15), today=date(2026, 6, 15)) == 26


def test_adressering_follows_naamgebruik(family, in_scope_of):
    in_scope_of(family.vader.organisation)
    moeder, vader = family.moeder, family.vader
    moeder.adellijke_titel_predicaat = ""
    expected = {"E": "A. Bakker", "P": "A. de Vries", "V": "A. de Vries-Bakker", "N": "A. Bakker-de Vries"}
    for code, naam in expected.items():
        moeder.aanduiding_naamgebruik = code
        result = adressering(moeder, vader)
        assert result["aanschrijfwijze"]["naam"] == naam
    assert result["aanhef"] == "Geachte mevrouw Bakker-de Vries"
    assert result["gebruikInLopendeTekst"] == "mevrouw Bakker-de Vries"
    assert adressering(vader, moeder)["aanhef"] == "Geachte heer De Vries"


def test_titled_person_is_addressed_with_the_title(family, in_scope_of):
    in_scope_of(family.vader.organisation)
    family.vader.adellijke_titel_predicaat = "B"
    result = adressering(family.vader, None)
    assert result["aanschrijfwijze"] == {"naam": "P.J. baron de Vries",
                                         "aanspreekvorm": "De hoogwelgeboren heer"}
    assert result["aanhef"] == "Hoogwelgeboren heer"


def test_dissolved_partnership_only_without_a_current_one(family, in_scope_of, system_scope):
    in_scope_of(family.vader.organisation)
    partnerschap = family.vader.partnerschappen_1.get()
    partnerschap.datum_ontbinding = date(2020, 1, 1)
    partnerschap.save()
    persoon = get_persoon(family.vader.burgerservicenummer, fields=["partners"], **DOEL)
    [partner] = persoon["partners"]
    assert partner["ontbindingHuwelijkPartnerschap"]["datum"]["datum"] == "2020-01-01"
    nieuw = builders.persoon(family.vader.organisation, voornamen="Eva", geslachtsnaam="Smit", geslacht="V")
    builders.huwelijk(family.vader, nieuw, datum_aangaan=date(2022, 5, 5), soort_verbintenis="P")
    persoon = get_persoon(family.vader.burgerservicenummer, fields=["partners.burgerservicenummer",
                                                                   "partners.soortVerbintenis"], **DOEL)
    assert persoon["partners"] == [{"burgerservicenummer": nieuw.burgerservicenummer,
                                    "soortVerbintenis": {"code": "P",
                                                         "omschrijving": "geregistreerd partnerschap"}}]


def test_value_table_parts_and_whole_objects(family, in_scope_of):
    in_scope_of(family.vader.organisation)
    persoon = get_persoon(family.vader.burgerservicenummer,
                          fields=["geslacht.code", "gemeenteVanInschrijving.omschrijving",
                                  "naam.aanduidingNaamgebruik"], **DOEL)
    assert persoon == {"geslacht": {"code": "M"},
                       "gemeenteVanInschrijving": {"omschrijving": "Aadorp"},
                       "naam": {"aanduidingNaamgebruik": {"code": "E",
                                                          "omschrijving": "eigen geslachtsnaam"}}}


def test_field_paths_follow_the_standard():
    valid = ["burgerservicenummer", "naam.volledigeNaam", "verblijfplaats.verblijfadres.korteStraatnaam",
             "partners.aangaanHuwelijkPartnerschap.datum", "kinderen.naam.voorletters",
             "ouders.ouderAanduiding", "nationaliteiten.nationaliteit.code",
             "adressering.aanschrijfwijze.naam"]
    assert fields.invalid_fields(valid, fields.PERSOON) == []
    invalid = ["naam.Voornamen", "geboorte.datum.datum", "verblijfplaats.straat",
               "geheimhoudingPersoonsgegevens", "inOnderzoek", "partners.naam.volledigeNaam", "naam.", ""]
    assert fields.invalid_fields(invalid, fields.PERSOON) == list(range(len(invalid)))
    # A search answers PersoonBeperkt: no verblijfplaats, no relations.
    beperkt = ["verblijfplaats", "partners", "naam.voornamen"]
    assert fields.invalid_fields(beperkt, fields.PERSOON_BEPERKT) == [0, 1]


def test_full_person_has_no_empty_values(family, in_scope_of):
    in_scope_of(family.vader.organisation)
    from raadhuis.registers.local import persons_queryset

    data = persoon_dict(persons_queryset(True).get(pk=family.geheim.pk))

    def walk(value):
        if isinstance(value, dict):
            assert value, "empty object"
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            assert value, "empty list"
            for item in value:
                walk(item)
        else:
            assert value not in (None, "")

    walk(data)
    assert "partners" not in data and "kinderen" not in data
