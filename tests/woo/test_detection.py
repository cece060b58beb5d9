"""Detection: checked patterns, names in context, officials kept public, suggestions."""

import pytest

from raadhuis.woo.detection import detect, names, patterns
from tests.woo.conftest import LETTER


def found(text, **kwargs):
    return {(f.type, f.text) for f in detect(text, use_deduce=False, **kwargs)}


def test_letter_withholds_every_personal_item_with_its_ground():
    result = {f.text: f.ground for f in detect(LETTER, public=["Anna Dijkstra"], use_deduce=False)}
    assert result["123456782"] == "5.1.1e"
    assert result["NL91 ABNA 0417 1643 00"] == "5.1.2e"
    for value in (
        "P.J. de Vries",
        "De Vries",
        "Kerkstraat 12",
        "1234 AB",
        "06-12345678",
        "p.devries@example.nl",
        "XK-123-B",
        "Marieke Hofstede",
    ):
        assert result[value] == "5.1.2e", value
    assert not any("Dijkstra" in text for text in result)  # the mayor in her public role


@pytest.mark.parametrize(
    "number, valid",
    [
        ("123456782", True),
        ("123456789", False),
        ("1234.56.782", True),
        ("111222333", True),
        ("111222334", False),
    ],
)
def test_bsn_requires_the_elfproef(number, valid):
    assert (("bsn", number) in found(f"Mijn BSN is {number}.")) is valid


def test_a_number_labelled_as_invoice_is_no_bsn():
    assert not [
        f for f in detect("Factuurnummer 123456782 graag vermelden.", use_deduce=False) if f.type == "bsn"
    ]


@pytest.mark.parametrize(
    "value, valid",
    [
        ("NL91 ABNA 0417 1643 00", True),
        ("NL91ABNA0417164300", True),
        ("NL92 ABNA 0417 1643 00", False),
        ("DE89 3704 0044 0532 0130 00", True),
    ],
)
def test_iban_requires_mod_97(value, valid):
    assert (("iban", value) in found(f"Rekening {value} ten name van")) is valid


@pytest.mark.parametrize(
    "value",
    [
        "06-12345678",
        "06 1234 5678",
        "+31 6 12345678",
        "+31 (0)6 1234 5678",
        "020-1234567",
        "(0591) 123456",
        "0318 123 456",
    ],
)
def test_dutch_phone_formats(value):
    assert ("telefoon", value) in found(f"Bel {value} voor een afspraak.")


def test_dates_and_amounts_are_no_phone_numbers():
    assert not [
        f
        for f in detect("Op 12-03-2024 betaald: € 1.234.567,00 (zaak 2024-0012).", use_deduce=False)
        if f.type == "telefoon"
    ]


def test_birth_date_only_in_its_context():
    result = found("Geboren op 3 april 1967. De vergadering is op 4 april 2024.")
    assert ("geboortedatum", "3 april 1967") in result
    assert not any(t == "geboortedatum" and "2024" in v for t, v in result)


def test_licence_plates_follow_the_sidecodes():
    result = found("Kenteken 12-ABC-3 en 1-ABC-23, maar niet AB-12-34-56 of ZAAK-12-34.")
    assert {("kenteken", "12-ABC-3"), ("kenteken", "1-ABC-23")} <= result
    assert not any(t == "kenteken" and v.startswith("ZAAK") for t, v in result)


def test_functional_mailboxes_stay_public():
    result = found("Mail info@voorbeeldstad.nl of j.bakker@voorbeeldstad.nl.")
    assert ("email", "j.bakker@voorbeeldstad.nl") in result
    assert not any(v == "info@voorbeeldstad.nl" for _, v in result)


def test_names_in_email_headers_signatures_and_attendance_lists():
    text = (
        "Van: Fleur Visser <f.visser@x.nl>\nAan: Hanneke de Wit <h.dewit@x.nl>\n\nHoi Hanneke,\n\n"
        "Aanwezig: Anna Dijkstra (burgemeester), T. Schouten (jurist), Ayşe van Dijk\n"
        "Later sprak Schouten nog met Visser.\n\nGroet,\nFleur Visser\n"
    )
    result = {v for t, v in found(text, public=["Anna Dijkstra"]) if t == "naam"}
    assert {
        "Fleur Visser",
        "Hanneke de Wit",
        "Hanneke",
        "T. Schouten",
        "Ayşe van Dijk",
        "Schouten",
        "Visser",
    } <= result
    assert not any("Dijkstra" in v for v in result)


def test_common_words_are_no_names_without_context():
    assert not [
        f
        for f in detect("De Groot bouwt een nieuwe brug; Bakker en Visser zijn beroepen.", use_deduce=False)
        if f.type == "naam"
    ]


def test_a_name_before_a_street_is_split_from_it():
    result = found("Bewoner de heer Jacobs van de Kastanjedreef 20a belde.")
    assert ("naam", "Jacobs") in result and ("adres", "Kastanjedreef 20a") in result


def test_addresses_need_a_house_number_and_skip_postbus():
    result = found(
        "Werk aan de Molenweg. Post naar Postbus 100, 9999 ZZ. Wonend Burgemeester de Withstraat 5B."
    )
    assert ("adres", "Burgemeester de Withstraat 5B") in result
    assert not any(t == "adres" and "Molenweg" in v for t, v in result)
    assert not any(t == "postcode" for t, v in result)


def test_organisation_terms_stay_public():
    result = found("Stadhuisplein 1, 9999 ZZ Voorbeeldstad", public=["Stadhuisplein 1", "9999 ZZ"])
    assert not result


def test_suggestions_for_special_categories_company_data_and_opinions():
    memo = (
        "INTERNE MEMO\nIk vind dat we dit moeten afwijzen. De omzet bedroeg € 4 miljoen. "
        "Zij is opgenomen in het ziekenhuis."
    )
    result = {f.type: f for f in detect(memo, use_deduce=False)}
    assert result["mening"].ground == "5.2" and result["mening"].is_suggestion
    assert result["bedrijf"].ground == "5.1.1c"
    assert result["bijzonder"].ground == "5.1.1d"


def test_opinions_only_count_in_internal_documents():
    letter = "Geachte heer,\nIk vind dat het plan goed is."
    assert not [f for f in detect(letter, use_deduce=False, internal=False) if f.type == "mening"]


def test_helpers_stay_consistent():
    assert patterns.structured("") == [] and names.names("") == []


def test_deduce_adds_names_the_grammar_does_not_know():
    """deduce's lexicons find a bare full name in running text."""
    text = "Daarna is Joost Zwagerman langsgekomen om de stukken te bespreken."
    assert ("naam", "Joost Zwagerman") in {(f.type, f.text) for f in detect(text, use_deduce=True)}
