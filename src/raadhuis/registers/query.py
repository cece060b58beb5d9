"""A Haal Centraal BRP Personen 2.x request body, checked as the standard checks it.

Every problem is collected (the standard reports all of them once) as an ``invalidParams``
entry: ``{"type", "name", "code", "reason"}`` with the standard's codes (``required``,
``pattern``, ``maxItems``, ``fields``, ``unknownParam``, ``value``, ``boolean``, ``integer``,
``array``, ``date``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from raadhuis.platform.validators import passes_elfproef
from raadhuis.registers import fields as field_paths

VALIDATIE = "https://www.vng.nl/realisatie/api/validaties/"

RAADPLEEG_BSN = "RaadpleegMetBurgerservicenummer"
ZOEK_NAAM_GEBOORTEDATUM = "ZoekMetGeslachtsnaamEnGeboortedatum"
ZOEK_NAAM_GEMEENTE = "ZoekMetNaamEnGemeenteVanInschrijving"
ZOEK_POSTCODE_HUISNUMMER = "ZoekMetPostcodeEnHuisnummer"
ZOEK_STRAAT_HUISNUMMER_GEMEENTE = "ZoekMetStraatHuisnummerEnGemeenteVanInschrijving"
ZOEK_NUMMERAANDUIDING = "ZoekMetNummeraanduidingIdentificatie"
ZOEK_ADRESSEERBAAR_OBJECT = "ZoekMetAdresseerbaarObjectIdentificatie"

NAAM_WILDCARD = r"^[a-zA-Z0-9À-ž \.\-\']{1,200}$|^[a-zA-Z0-9À-ž \.\-\']{3,199}\*{1}$"
PATTERNS = {
    "geslachtsnaam": NAAM_WILDCARD,
    "voornamen_verplicht": NAAM_WILDCARD,
    "voornamen": r"^[a-zA-Z0-9À-ž \.\-\']{1,199}\*{0,1}$",
    "voorvoegsel": r"^[a-zA-Z \']{1,10}$",
    "geslacht": r"^([Mm]|[Vv]|[Oo])$",
    "gemeenteVanInschrijving": r"^[0-9]{4}$",
    "postcode": r"^[1-9]{1}[0-9]{3}[ ]?[A-Za-z]{2}$",
    "huisletter": r"^[a-zA-Z]{1}$",
    "huisnummertoevoeging": r"^[a-zA-Z0-9 \-]{1,4}$",
    "straat": (r"^[a-zA-Z0-9À-ž \-\'\.]{1,80}$|^[a-zA-Z0-9À-ž \-\'\.]{7,79}\*{1}$"
               r"|^\*{1}[a-zA-Z0-9À-ž \-\'\.]{7,79}$"),
    "nummeraanduidingIdentificatie": r"^[0-9]{16}$",
    "adresseerbaarObjectIdentificatie": r"^[0-9]{16}$",
    "burgerservicenummer": r"^[0-9]{9}$",
}

# type → (required parameters, optional parameters); every type also has type, fields and
# gemeenteVanInschrijving. Names as in the OAS.
OPERATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    RAADPLEEG_BSN: (("burgerservicenummer",), ()),
    ZOEK_NAAM_GEBOORTEDATUM: (("geslachtsnaam", "geboortedatum"),
                              ("inclusiefOverledenPersonen", "geslacht", "voorvoegsel", "voornamen")),
    ZOEK_NAAM_GEMEENTE: (("geslachtsnaam", "voornamen", "gemeenteVanInschrijving"),
                         ("inclusiefOverledenPersonen", "geslacht", "voorvoegsel")),
    ZOEK_POSTCODE_HUISNUMMER: (("postcode", "huisnummer"),
                               ("inclusiefOverledenPersonen", "huisletter", "huisnummertoevoeging",
                                "geboortedatum")),
    ZOEK_STRAAT_HUISNUMMER_GEMEENTE: (("straat", "huisnummer", "gemeenteVanInschrijving"),
                                      ("inclusiefOverledenPersonen", "huisletter", "huisnummertoevoeging")),
    ZOEK_NUMMERAANDUIDING: (("nummeraanduidingIdentificatie",), ("inclusiefOverledenPersonen",)),
    ZOEK_ADRESSEERBAAR_OBJECT: (("adresseerbaarObjectIdentificatie",), ("inclusiefOverledenPersonen",)),
}
MAX_BSN = 20


class InvalidQuery(ValueError):
    """The request does not follow the standard; ``invalid_params`` says where."""

    def __init__(self, invalid_params: list[dict], title: str = ""):
        title = title or "Een of meerdere parameters zijn niet correct."
        super().__init__(title)
        self.title = title
        self.invalid_params = invalid_params


@dataclass
class PersonenQuery:
    type: str
    fields: list[str]
    parameters: dict = field(default_factory=dict)

    @property
    def is_raadplegen(self) -> bool:
        return self.type == RAADPLEEG_BSN

    @property
    def schema(self) -> dict:
        return response_schema(self.type)

    def body(self) -> dict:
        """The request body again, as sent to a remote BRP."""
        return {"type": self.type, "fields": self.fields, **self.parameters}


def response_schema(query_type: str) -> dict:
    return field_paths.PERSOON if query_type == RAADPLEEG_BSN else field_paths.PERSOON_BEPERKT


def problem(name: str, code: str, reason: str) -> dict:
    return {"type": f"{VALIDATIE}{code}", "name": name, "code": code, "reason": reason}


def parse(body) -> PersonenQuery:
    """Check a request body; raise :class:`InvalidQuery` listing every problem."""
    if not isinstance(body, dict):
        raise InvalidQuery([problem("body", "object", "Het verzoek moet een JSON-object zijn.")])
    query_type = body.get("type")
    if query_type is None:
        raise InvalidQuery([problem("type", "required", "Parameter is verplicht.")])
    if not isinstance(query_type, str) or query_type not in OPERATIONS:
        raise InvalidQuery([problem("type", "value", "Waarde is geen geldig zoek type.")])
    required, optional = OPERATIONS[query_type]
    allowed = {"type", "fields", "gemeenteVanInschrijving", *required, *optional}
    errors = [problem(name, "unknownParam", "Parameter is niet verwacht.")
              for name in body if name not in allowed]
    errors += [problem(name, "required", "Parameter is verplicht.")
               for name in ("fields", *required) if body.get(name) in (None, "")]
    errors += _check_fields(body.get("fields"), response_schema(query_type))
    parameters = {}
    for name in sorted(allowed - {"type", "fields"}):
        if name not in body or body[name] in (None, ""):
            continue
        value, problems = _check_parameter(query_type, name, body[name])
        errors += problems
        parameters[name] = value
    if errors:
        raise InvalidQuery(errors)
    return PersonenQuery(type=query_type, fields=list(body["fields"]), parameters=parameters)


def _check_fields(value, schema: dict) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        return [problem("fields", "array", "Parameter is geen array.")]
    if not value:
        return [problem("fields", "minItems", "Array bevat minder dan 1 items.")]
    if len(value) > field_paths.MAX_FIELDS:
        return [problem("fields", "maxItems", f"Array bevat meer dan {field_paths.MAX_FIELDS} items.")]
    errors = []
    for index, path in enumerate(value):
        if not isinstance(path, str) or not field_paths.FIELD_PATTERN.match(path):
            errors.append(problem(f"fields[{index}]", "pattern",
                                  r"Waarde voldoet niet aan patroon ^[a-zA-Z0-9\._]{1,200}$."))
        elif not field_paths.is_valid_path(path, schema):
            errors.append(problem(f"fields[{index}]", "fields",
                                  "Parameter bevat een niet bestaande veldnaam."))
    return errors


def _check_parameter(query_type: str, name: str, value) -> tuple[object, list[dict]]:
    if name == "burgerservicenummer":
        return _check_bsns(value)
    if name == "inclusiefOverledenPersonen":
        if not isinstance(value, bool):
            return value, [problem(name, "boolean", "Waarde is geen geldige boolean.")]
        return value, []
    if name == "huisnummer":
        if isinstance(value, bool) or not isinstance(value, int):
            return value, [problem(name, "integer", "Waarde is geen geldig getal.")]
        if not 1 <= value <= 99999:
            return value, [problem(name, "minimum" if value < 1 else "maximum",
                                   "Waarde is kleiner dan minimum 1." if value < 1
                                   else "Waarde is groter dan maximum 99999.")]
        return value, []
    if name == "geboortedatum":
        return _check_date(name, value)
    pattern_key = "voornamen_verplicht" if name == "voornamen" and query_type == ZOEK_NAAM_GEMEENTE else name
    pattern = PATTERNS[pattern_key]
    if not isinstance(value, str) or not re.match(pattern, value):
        return value, [problem(name, "pattern", f"Waarde voldoet niet aan patroon {pattern}.")]
    return value, []


def _check_bsns(value) -> tuple[object, list[dict]]:
    name = "burgerservicenummer"
    if not isinstance(value, list):
        return value, [problem(name, "array", "Parameter is geen array.")]
    if not value:
        return value, [problem(name, "minItems", "Array bevat minder dan 1 items.")]
    if len(value) > MAX_BSN:
        return value, [problem(name, "maxItems", f"Array bevat meer dan {MAX_BSN} items.")]
    errors = []
    for index, bsn in enumerate(value):
        if not isinstance(bsn, str) or not re.match(PATTERNS[name], bsn):
            errors.append(problem(f"{name}[{index}]", "pattern",
                                  "Waarde voldoet niet aan patroon ^[0-9]{9}$."))
        elif not passes_elfproef(bsn):
            errors.append(problem(f"{name}[{index}]", "elfproef",
                                  "Waarde voldoet niet aan de 11-proef."))
    if errors:
        return value, errors
    return list(dict.fromkeys(value)), []


def _check_date(name: str, value) -> tuple[object, list[dict]]:
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        try:
            return date.fromisoformat(value).isoformat(), []
        except ValueError:
            pass
    return value, [problem(name, "date", "Waarde is geen geldige datum.")]
