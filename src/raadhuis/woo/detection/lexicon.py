"""Word lists for the name and address recognizers.

First names, surnames, interfixes and common words come from the lists that deduce ships
(read as plain text, which takes milliseconds, instead of building deduce's own lookup
structures); without deduce a small built-in list keeps detection working.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

FALLBACK_FIRST_NAMES = {
    "Jan",
    "Piet",
    "Kees",
    "Anna",
    "Maria",
    "Johannes",
    "Willem",
    "Hendrik",
    "Cornelis",
    "Sophie",
    "Emma",
    "Julia",
    "Lisa",
    "Sanne",
    "Daan",
    "Sem",
    "Lucas",
    "Thomas",
    "Eva",
    "Fleur",
    "Mark",
}
# Capitalised words that start sentences or headings and are never names.
NOT_NAMES = {
    "De",
    "Het",
    "Een",
    "Van",
    "Aan",
    "Op",
    "In",
    "Met",
    "Voor",
    "Na",
    "Bij",
    "Uit",
    "Over",
    "Door",
    "Geachte",
    "Beste",
    "Hoi",
    "Dag",
    "Namens",
    "Gemeente",
    "College",
    "Burgemeester",
    "Wethouder",
    "Wethouders",
    "Raad",
    "Team",
    "Afdeling",
    "Onderwerp",
    "Datum",
    "Kenmerk",
    "Bijlage",
    "Bijlagen",
    "Betreft",
    "Verzonden",
    "Postbus",
    "Telefoon",
    "Tel",
    "Mail",
    "Email",
    "Dit",
    "Deze",
    "Die",
    "Dat",
    "Wij",
    "Ik",
    "U",
    "Uw",
    "Zij",
    "Hij",
    "Ze",
    "We",
    "Er",
    "Als",
    "Om",
    "Ook",
    "Nog",
    "Wel",
    "Niet",
    "Graag",
    "Groet",
    "Groeten",
    "Hoogachtend",
    "Vriendelijke",
    "Aanwezig",
    "Afwezig",
    "Notulen",
    "Verslag",
    "Actiepunten",
    "Besluit",
    "Besluiten",
    "Vergunning",
    "Aanvraag",
    "Zaak",
    "Zaaknummer",
    "Wet",
    "Woo",
    "Awb",
    "Nederland",
    "Nederlandse",
    "Rijk",
    "Provincie",
    "Politie",
    "Brandweer",
    "Maandag",
    "Dinsdag",
    "Woensdag",
    "Donderdag",
    "Vrijdag",
    "Zaterdag",
    "Zondag",
    "Januari",
    "Februari",
    "Maart",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Augustus",
    "September",
    "Oktober",
    "November",
    "December",
    "Agenda",
    "Opening",
    "Rondvraag",
    "Sluiting",
    "Mededelingen",
    "Stadhuis",
    "Gemeentehuis",
    "Voorzitter",
    "Secretaris",
    "Notulist",
    "Ambtenaar",
    "Medewerker",
    "Directeur",
    "Hartelijke",
    "Tot",
    "Zie",
    "Kunt",
    "Wilt",
    "Heeft",
    "Hebben",
    "Is",
    "Zijn",
    "Was",
    "Waren",
    "Omgevingsdienst",
    "Waterschap",
    "Stichting",
    "Vereniging",
    "Ministerie",
    "Centrum",
    "Noord",
    "Zuid",
    "Oost",
    "West",
    "Bouw",
    "Ingekomen",
    "Reactie",
    "Antwoord",
    "Vraag",
    "Vragen",
    "Punt",
    "Inleiding",
    "Aanleiding",
    "Conclusie",
    "Advies",
    "Overwegingen",
    "Voorschriften",
    "Ja",
    "Nee",
    "Totaal",
    "Bedrag",
    "Subsidie",
    "Melding",
    "Klacht",
    "Memo",
    "Intern",
    "Vertrouwelijk",
    "Cc",
    "Bcc",
}
INTERFIXES = (
    "van der",
    "van den",
    "van de",
    "van 't",
    "van het",
    "in 't",
    "in de",
    "op de",
    "op den",
    "op 't",
    "aan de",
    "uit de",
    "uit den",
    "van",
    "de",
    "der",
    "den",
    "ter",
    "ten",
    "te",
    "'t",
    "la",
    "le",
    "el",
    "du",
    "da",
    "di",
    "d'",
    "von",
    "zu",
    "von der",
    "vande",
    "vd",
)


def _read_list(*parts: str) -> set[str]:
    try:
        root = resources.files("deduce").joinpath("data", "lookup", "src", *parts, "items.txt")
        return {line.strip() for line in root.read_text(encoding="utf-8").splitlines() if line.strip()}
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return set()


@cache
def common_words() -> frozenset[str]:
    words = _read_list("whitelist", "lst_common_word") | _read_list("whitelist", "lst_stop_word")
    return frozenset(w.lower() for w in words)


@cache
def first_names() -> frozenset[str]:
    names = _read_list("names", "lst_first_name") or FALLBACK_FIRST_NAMES
    common = common_words()
    return frozenset(n for n in names if n.lower() not in common and n not in NOT_NAMES and len(n) > 1)


@cache
def surnames() -> frozenset[str]:
    return frozenset(_read_list("names", "lst_surname"))


@cache
def places() -> frozenset[str]:
    found = set()
    for kind in ("lst_municipality", "lst_residence", "lst_province", "lst_region"):
        found |= _read_list("locations", "lst_placename", kind)
    return frozenset(found)
