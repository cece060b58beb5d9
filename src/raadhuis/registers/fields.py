"""The ``fields`` parameter of Haal Centraal BRP Personen 2.x: which paths exist, and pruning.

A field is a dot-separated path into the person ("naam.voornamen", "partners.naam",
"verblijfplaats.verblijfadres.postcode"). A path may end at an object: the whole object is
returned. Paths through lists apply to every element. Dates and value-table entries
(``{"code", "omschrijving"}``) may be asked as a whole; value tables also per part.

Fields the API always provides when they apply (``geheimhoudingPersoonsgegevens``,
``opschortingBijhouding``, ``inOnderzoek``, ``rni``, ``verificatie``) may not be asked for:
the standard answers such a path with 400, as any unknown path.
"""

from __future__ import annotations

import re

LEAF = None
WAARDETABEL = {"code": LEAF, "omschrijving": LEAF}
DATUM = LEAF  # an AbstractDatum is asked as a whole

NAAM_BASIS = {
    "voornamen": LEAF,
    "adellijkeTitelPredicaat": {"code": LEAF, "omschrijving": LEAF, "soort": LEAF},
    "voorvoegsel": LEAF,
    "geslachtsnaam": LEAF,
    "voorletters": LEAF,
    "volledigeNaam": LEAF,
}
NAAM_GERELATEERDE = {key: value for key, value in NAAM_BASIS.items() if key != "volledigeNaam"}
GEBOORTE = {"datum": DATUM, "land": WAARDETABEL, "plaats": WAARDETABEL}

PERSOON = {
    "aNummer": LEAF,
    "burgerservicenummer": LEAF,
    "datumEersteInschrijvingGBA": DATUM,
    "geslacht": WAARDETABEL,
    "leeftijd": LEAF,
    "naam": {**NAAM_BASIS, "aanduidingNaamgebruik": WAARDETABEL},
    "nationaliteiten": {
        "type": LEAF,
        "nationaliteit": WAARDETABEL,
        "redenOpname": WAARDETABEL,
        "datumIngangGeldigheid": DATUM,
    },
    "geboorte": GEBOORTE,
    "overlijden": {"datum": DATUM, "land": WAARDETABEL, "plaats": WAARDETABEL},
    "verblijfplaats": {
        "type": LEAF,
        "verblijfadres": {
            "officieleStraatnaam": LEAF,
            "korteStraatnaam": LEAF,
            "huisnummer": LEAF,
            "huisletter": LEAF,
            "huisnummertoevoeging": LEAF,
            "aanduidingBijHuisnummer": WAARDETABEL,
            "postcode": LEAF,
            "woonplaats": LEAF,
            "locatiebeschrijving": LEAF,
            "regel1": LEAF,
            "regel2": LEAF,
            "regel3": LEAF,
            "land": WAARDETABEL,
        },
        "functieAdres": WAARDETABEL,
        "adresseerbaarObjectIdentificatie": LEAF,
        "nummeraanduidingIdentificatie": LEAF,
        "datumVan": DATUM,
        "datumIngangGeldigheid": DATUM,
        "indicatieVastgesteldVerblijftNietOpAdres": LEAF,
    },
    "immigratie": {
        "datumVestigingInNederland": DATUM,
        "landVanwaarIngeschreven": WAARDETABEL,
        "vanuitVerblijfplaatsOnbekend": LEAF,
        "indicatieVestigingVanuitBuitenland": LEAF,
    },
    "gemeenteVanInschrijving": WAARDETABEL,
    "datumInschrijvingInGemeente": DATUM,
    "adressering": {
        "aanhef": LEAF,
        "aanschrijfwijze": {"naam": LEAF, "aanspreekvorm": LEAF},
        "gebruikInLopendeTekst": LEAF,
        "adresregel1": LEAF,
        "adresregel2": LEAF,
        "adresregel3": LEAF,
        "land": WAARDETABEL,
        "indicatieVastgesteldVerblijftNietOpAdres": LEAF,
    },
    "indicatieCurateleRegister": LEAF,
    "indicatieGezagMinderjarige": WAARDETABEL,
    "gezag": LEAF,
    "verblijfstitel": {"aanduiding": WAARDETABEL, "datumEinde": DATUM, "datumIngang": DATUM},
    "uitsluitingKiesrecht": {"uitgeslotenVanKiesrecht": LEAF, "einddatum": DATUM},
    "europeesKiesrecht": {"aanduiding": WAARDETABEL, "einddatumUitsluiting": DATUM},
    "kinderen": {"burgerservicenummer": LEAF, "naam": NAAM_GERELATEERDE, "geboorte": GEBOORTE},
    "ouders": {
        "burgerservicenummer": LEAF,
        "geslacht": WAARDETABEL,
        "ouderAanduiding": LEAF,
        "datumIngangFamilierechtelijkeBetrekking": DATUM,
        "naam": NAAM_GERELATEERDE,
        "geboorte": GEBOORTE,
    },
    "partners": {
        "burgerservicenummer": LEAF,
        "geslacht": WAARDETABEL,
        "soortVerbintenis": WAARDETABEL,
        "naam": NAAM_GERELATEERDE,
        "geboorte": GEBOORTE,
        "aangaanHuwelijkPartnerschap": {"datum": DATUM, "land": WAARDETABEL, "plaats": WAARDETABEL},
        "ontbindingHuwelijkPartnerschap": {"datum": DATUM},
    },
}

# What the search operations return (``PersoonBeperkt``): enough to pick the right person.
PERSOON_BEPERKT = {
    "burgerservicenummer": LEAF,
    "geboorte": {"datum": DATUM},
    "geslacht": WAARDETABEL,
    "leeftijd": LEAF,
    "naam": NAAM_BASIS,
    "adressering": {
        "adresregel1": LEAF,
        "adresregel2": LEAF,
        "adresregel3": LEAF,
        "land": WAARDETABEL,
        "indicatieVastgesteldVerblijftNietOpAdres": LEAF,
    },
}

# Provided automatically when they apply; asking for them is an error (as in the standard).
AUTOMATIC = ("geheimhoudingPersoonsgegevens", "opschortingBijhouding", "inOnderzoek", "rni", "verificatie")
# Polymorphic objects carry their discriminator whenever any part of them is returned.
DISCRIMINATOR = "type"

FIELD_PATTERN = re.compile(r"^[a-zA-Z0-9._]{1,200}$")
MAX_FIELDS = 130


def is_valid_path(path: str, schema: dict) -> bool:
    if not FIELD_PATTERN.match(path):
        return False
    node: dict | None = schema
    for part in path.split("."):
        if node is LEAF or part not in node:
            return False
        node = node[part]
    return True


def invalid_fields(fields: list[str], schema: dict) -> list[int]:
    """Indexes of the paths that do not exist in ``schema``."""
    return [index for index, path in enumerate(fields) if not is_valid_path(path, schema)]


def selection(fields: list[str]) -> dict:
    """The asked paths as a tree; ``True`` marks 'the whole value from here'."""
    tree: dict = {}
    for path in fields:
        node = tree
        parts = path.split(".")
        for part in parts[:-1]:
            child = node.get(part)
            if child is True:
                break
            node = node.setdefault(part, {})
        else:
            node[parts[-1]] = True
    return tree


def prune(data: dict, tree: dict, schema: dict) -> dict:
    """Only the selected parts of ``data`` (data minimisation), never more than ``schema``."""
    result = {}
    for key, chosen in tree.items():
        if key not in data or key not in schema:
            continue
        value, node = data[key], schema[key]
        if chosen is True:
            value = project(value, node)
        elif isinstance(value, list):
            value = [item for item in (_prune_object(element, chosen, node) for element in value) if item]
        elif isinstance(value, dict):
            value = _prune_object(value, chosen, node)
        else:
            continue
        if value not in (None, "", [], {}):
            result[key] = value
    return result


def project(value, node):
    """``value`` limited to what the schema ``node`` describes (a search answers less)."""
    if node is LEAF:
        return value
    if isinstance(value, list):
        return [item for item in (project(element, node) for element in value) if item]
    if not isinstance(value, dict):
        return None
    projected = {key: project(item, node[key]) for key, item in value.items() if key in node}
    projected = {key: item for key, item in projected.items() if item not in (None, "", [], {})}
    return _with_discriminator(projected, value)


def _prune_object(value, tree: dict, node) -> dict:
    if not isinstance(value, dict) or node is LEAF:
        return {}
    return _with_discriminator(prune(value, tree, node), value)


def _with_discriminator(pruned: dict, original: dict) -> dict:
    if pruned and DISCRIMINATOR in original and DISCRIMINATOR not in pruned:
        pruned = {DISCRIMINATOR: original[DISCRIMINATOR], **pruned}
    return pruned


def minimise(persoon: dict, fields: list[str], schema: dict = PERSOON) -> dict:
    """The person with only the asked fields, plus what the standard always provides."""
    result = prune(persoon, selection(fields), schema)
    for key in AUTOMATIC:
        if key in persoon:
            result[key] = persoon[key]
    return result
