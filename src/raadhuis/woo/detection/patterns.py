"""Recognizers for structured personal data: each pattern is checked, not only matched.

BSNs must pass the 11-proef and IBANs the mod-97 check (python-stdnum), phone numbers must
have the digits of a Dutch or international number, licence plates one of the RDW sidecodes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from raadhuis.woo.detection.findings import Finding

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# Functional mailboxes of organisations are public contact points, not personal data.
FUNCTIONAL_MAILBOXES = frozenset(
    {
        "info",
        "postbus",
        "woo",
        "wob",
        "secretariaat",
        "klantcontact",
        "contact",
        "noreply",
        "no-reply",
        "gemeente",
        "servicedesk",
        "helpdesk",
        "communicatie",
        "pers",
        "persvoorlichting",
        "receptie",
        "vergunningen",
        "omgevingsvergunning",
        "belastingen",
        "griffie",
        "bezwaar",
        "meldingen",
        "klachten",
        "administratie",
        "facturen",
        "crediteuren",
        "debiteuren",
        "sales",
        "support",
        "privacy",
        "fg",
    }
)

BSN = re.compile(r"(?<![\w.-])(\d{4}[.\s]?\d{2}[.\s]?\d{3}|\d{3}[.\s]\d{3}[.\s]\d{3}|\d{9})(?![\w-]|[.,]\d)")
NOT_BSN_CONTEXT = re.compile(
    r"(factuur|kenmerk|zaaknummer|dossier|referentie|ons nummer|uw nummer|ordernummer|kvk|rsin|"
    r"klantnummer|polis|registratienummer|nummer aanslag|aanslagnummer|projectnummer)"
    r"\w*\W{0,3}(\w+\W{1,3}){0,2}$",
    re.IGNORECASE,
)
BSN_CONTEXT = re.compile(r"(bsn|burgerservicenummer|sofi)", re.IGNORECASE)

IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")

PHONE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d ()\-.]{7,17}\d(?![\w])")

POSTCODE = re.compile(r"\b[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}\b")

PLATE = re.compile(r"\b[A-Z0-9]{1,3}-[A-Z0-9]{2,3}-[A-Z0-9]{1,3}\b")

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
DATE = re.compile(
    rf"\b(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|\d{{1,2}}\s+(?:{MONTHS})\.?\s+(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
BIRTH_CONTEXT = re.compile(
    r"(geboren|geboortedatum|geb\.|geb\b|d\.o\.b|date of birth)[^\n]{0,25}$", re.IGNORECASE
)


def emails(text: str) -> Iterator[Finding]:
    for match in EMAIL.finditer(text):
        local = match.group().split("@", 1)[0].lower()
        if local in FUNCTIONAL_MAILBOXES:
            continue
        yield Finding(match.start(), match.end(), "email", match.group())


def bsns(text: str) -> Iterator[Finding]:
    for match in BSN.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        before = text[max(0, match.start() - 40) : match.start()]
        if not stdnum_bsn.is_valid(digits):
            continue
        if NOT_BSN_CONTEXT.search(before) and not BSN_CONTEXT.search(before[-20:]):
            continue
        yield Finding(match.start(), match.end(), "bsn", match.group())


def ibans(text: str) -> Iterator[Finding]:
    for match in IBAN.finditer(text):
        value = match.group()
        # The greedy pattern may take a following word; shrink until mod-97 holds.
        while len(value.replace(" ", "")) >= 15:
            if stdnum_iban.is_valid(value):
                yield Finding(match.start(), match.start() + len(value), "iban", value)
                break
            value = value[:-1].rstrip()


def phones(text: str) -> Iterator[Finding]:
    for match in PHONE.finditer(text):
        value = match.group().rstrip(" -.(")
        start = match.start()
        if _is_phone(value):
            yield Finding(start, start + len(value), "telefoon", value)


def _is_phone(value: str) -> bool:
    if DATE.fullmatch(value) or re.fullmatch(r"\d{4}[ ]?\d{2}[ ]?\d{3}", value) and "-" not in value:
        # Dates and bare 9-digit numbers (BSN-like) are no phone numbers.
        return False
    digits = re.sub(r"\D", "", value.replace("(0)", ""))
    if value.startswith("+") or value.startswith("00"):
        digits = digits[2:] if value.startswith("00") else digits
        return (
            digits.startswith("31")
            and len(digits) == 11
            or (not digits.startswith("31") and 10 <= len(digits) <= 13)
        )
    return digits.startswith("0") and len(digits) == 10 and not digits.startswith("00")


def postcodes(text: str) -> Iterator[Finding]:
    for match in POSTCODE.finditer(text):
        before = text[max(0, match.start() - 16) : match.start()].lower()
        if "postbus" in before:
            continue
        yield Finding(match.start(), match.end(), "postcode", match.group())


# RDW sidecodes (1 to 14) as letter/digit shapes of the three groups.
PLATE_SHAPES = frozenset(
    {
        "LL-99-99",
        "99-99-LL",
        "99-LL-99",
        "LL-99-LL",
        "LL-LL-99",
        "99-LL-LL",
        "99-LLL-9",
        "9-LLL-99",
        "LL-999-L",
        "L-999-LL",
        "LLL-99-L",
        "L-99-LLL",
        "9-LL-999",
        "999-LL-9",
    }
)


def plates(text: str) -> Iterator[Finding]:
    for match in PLATE.finditer(text):
        value = match.group()
        shape = re.sub(r"[A-Z]", "L", re.sub(r"\d", "9", value))
        if shape in PLATE_SHAPES:
            yield Finding(match.start(), match.end(), "kenteken", value)


def birth_dates(text: str) -> Iterator[Finding]:
    for match in DATE.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if BIRTH_CONTEXT.search(before):
            yield Finding(match.start(), match.end(), "geboortedatum", match.group())


ALL = (emails, bsns, ibans, phones, postcodes, plates, birth_dates)


def structured(text: str) -> list[Finding]:
    return [finding for recognizer in ALL for finding in recognizer(text)]
