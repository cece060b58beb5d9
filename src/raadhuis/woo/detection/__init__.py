"""Detection of what a Woo decision must withhold, per passage, with the ground proposed.

``detect(text)`` combines checked patterns (BSN 11-proef, IBAN mod-97, e-mail, phone,
postcode, licence plate, date of birth), the name and address grammar with propagation,
deduce (Dutch de-identification) for names it knows from its lexicons, and sentence-level
suggestions (5.1.1c, 5.1.1d, 5.2). Names of public officials acting in their public role
(``public``: the organisation's configured list) stay public.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

from django.conf import settings

from raadhuis.woo.detection import names, patterns, suggestions
from raadhuis.woo.detection.findings import GROUND_LABELS, GROUNDS, SUGGESTIONS, Finding, merge

__all__ = ["GROUNDS", "GROUND_LABELS", "SUGGESTIONS", "Finding", "deduce_findings", "detect"]

logger = logging.getLogger(__name__)
_deduce = None
_deduce_lock = threading.Lock()


def detect(
    text: str, *, public: Iterable[str] = (), use_deduce: bool | None = None, internal: bool | None = None
) -> list[Finding]:
    public = [p for p in public if p]
    found = patterns.structured(text)
    found += names.addresses(text)
    person_names = names.names(text, public=public)
    if use_deduce if use_deduce is not None else settings.WOO_DEDUCE:
        extra = [f for f in deduce_findings(text) if f.type == "naam"]
        extra = [
            f
            for f in extra
            if names._plausible(f.text) and not names._is_public(f.text, {names._key(p) for p in public})
        ]
        person_names += extra + list(names._propagate(text, extra, {names._key(p) for p in public}))
    found += [f for f in person_names if not _inside_structured(f, found)]
    found += suggestions.suggestions(text, internal=internal)
    return [f for f in merge(found, text) if not _is_public_term(f, public)]


def _is_public_term(finding: Finding, public: list[str]) -> bool:
    """The organisation's own address, postcode and phone number are no personal data."""
    value = " ".join(finding.text.split()).casefold()
    return any(value == " ".join(term.split()).casefold() for term in public)


def _inside_structured(name: Finding, structured: list[Finding]) -> bool:
    """A 'name' inside an e-mail address or street name is that thing, not a name."""
    return any(
        s.start <= name.start and name.end <= s.end and s.type in ("email", "adres") for s in structured
    )


# --- deduce ------------------------------------------------------------------------------

DEDUCE_TYPES = {
    "persoon": "naam",
    "patient": "naam",
    "emailadres": "email",
    "telefoonnummer": "telefoon",
    "bsn": "bsn",
    "locatie": "locatie",
    "datum": "datum",
}


def _engine():
    """deduce builds its lookup structures once per process (seconds from its cache)."""
    global _deduce
    with _deduce_lock:
        if _deduce is None:
            from deduce import Deduce

            logging.getLogger("root").setLevel(logging.WARNING)
            _deduce = Deduce()
    return _deduce


def deduce_findings(text: str) -> list[Finding]:
    """deduce's annotations in our types: locations become addresses or postcodes where
    they are, dates only count as dates of birth; ids, URLs and ages are not ours."""
    result = []
    for annotation in _engine().deidentify(text).annotations:
        kind = DEDUCE_TYPES.get(annotation.tag)
        if kind is None:
            continue
        start, end, value = annotation.start_char, annotation.end_char, annotation.text
        if kind == "locatie":
            for match in patterns.POSTCODE.finditer(value):
                result.append(
                    Finding(start + match.start(), start + match.end(), "postcode", match.group(), "deduce")
                )
            if re.search(r"\d", value) and not patterns.POSTCODE.fullmatch(value.strip()):
                result.append(Finding(start, end, "adres", value, "deduce"))
            continue
        if kind == "datum":
            if patterns.BIRTH_CONTEXT.search(text[max(0, start - 40) : start]):
                result.append(Finding(start, end, "geboortedatum", value, "deduce"))
            continue
        result.append(Finding(start, end, kind, value, "deduce"))
    return result
