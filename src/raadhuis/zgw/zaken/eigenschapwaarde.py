"""Does a zaakeigenschap's waarde fit its eigenschap's specificatie (Catalogi API 1.3)?

The specificatie gives a formaat (tekst, getal, datum, datum_tijd), a lengte and, optionally,
a waardenverzameling (the allowed values). The ImZTC writes dates as ``jjjjmmdd`` and
date-times as ``jjjjmmdduummss``; ISO 8601 is accepted too, because clients send that and
the archiving derivation (zrc-021, afleidingswijze "eigenschap") reads it.
"""

from __future__ import annotations

import re
from datetime import datetime

from django.utils.dateparse import parse_date, parse_datetime

from raadhuis.zgw.catalogi.constants import FormaatEigenschap


def mismatch(eigenschap, waarde: str) -> str:
    """Why ``waarde`` does not fit, in Dutch; "" when it does (or cannot be judged)."""
    if eigenschap.specificatie_waardenverzameling:
        return "" if waarde in eigenschap.specificatie_waardenverzameling else \
            "de waarde komt niet voor in de waardenverzameling"
    check = _CHECKS.get(eigenschap.specificatie_formaat)
    return check(waarde, eigenschap.specificatie_lengte or "") if check else ""


def _tekst(waarde: str, lengte: str) -> str:
    limit = _int(lengte)
    return f"langer dan {limit} tekens" if limit is not None and len(waarde) > limit else ""


def _getal(waarde: str, lengte: str) -> str:
    """Digits (optionally signed), with decimals when the lengte says ``n,d``."""
    whole, _, fraction = lengte.partition(",")
    whole_limit, fraction_limit = _int(whole), _int(fraction) if fraction else 0
    match = re.fullmatch(r"-?(\d+)(?:[.,](\d+))?", waarde)
    if match is None:
        return "geen getal"
    if whole_limit is not None and len(match.group(1)) > whole_limit:
        return f"meer dan {whole_limit} cijfers voor de komma"
    if fraction_limit is not None and len(match.group(2) or "") > fraction_limit:
        return f"meer dan {fraction_limit} cijfers na de komma"
    return ""


def _datum(waarde: str, lengte: str) -> str:
    return "" if _parses(waarde, "%Y%m%d") or _iso_date(waarde) else "geen datum (jjjjmmdd)"


def _datum_tijd(waarde: str, lengte: str) -> str:
    if _parses(waarde, "%Y%m%d%H%M%S") or _iso_datetime(waarde):
        return ""
    return "geen datum/tijd (jjjjmmdduummss)"


def _parses(waarde: str, pattern: str) -> bool:
    try:
        datetime.strptime(waarde, pattern)  # noqa: DTZ007 - only the shape is checked
    except ValueError:
        return False
    return True


def _iso_date(waarde: str) -> bool:
    try:
        return parse_date(waarde) is not None
    except ValueError:
        return False


def _iso_datetime(waarde: str) -> bool:
    try:
        return parse_datetime(waarde) is not None
    except ValueError:
        return False


def _int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


_CHECKS = {
    FormaatEigenschap.TEKST: _tekst,
    FormaatEigenschap.GETAL: _getal,
    FormaatEigenschap.DATUM: _datum,
    FormaatEigenschap.DATUM_TIJD: _datum_tijd,
}
