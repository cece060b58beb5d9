"""ISO 8601 durations (``P8W``, ``P1Y6M``, ``P10D``) as the Catalogi API writes them.

Stored as the text the client gave: years and months are calendar units that a timedelta
cannot hold, and the standard's termijnen (archiefactietermijn ``P20Y``, doorlooptijd
``P8W``) are mostly such units. :func:`parse` turns one into a ``relativedelta`` for
date arithmetic (a zaak's einddatumGepland, an archief brondatum).
"""

from __future__ import annotations

import re

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PATTERN = re.compile(
    r"^P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?$"
)


def parse(value: str) -> relativedelta:
    """The duration as a relativedelta; ValueError when it is not ISO 8601."""
    match = _PATTERN.match(value or "")
    if match is None:
        raise ValueError(f"{value!r} is geen ISO 8601-duur")
    parts = {name: int(number) for name, number in match.groupdict().items() if number}
    return relativedelta(**parts)


def validate_duration(value: str) -> None:
    try:
        parse(value)
    except ValueError as error:
        raise ValidationError(
            _("Voer een duur in ISO 8601-formaat in, bijvoorbeeld P8W of P1Y."), code="invalid"
        ) from error
