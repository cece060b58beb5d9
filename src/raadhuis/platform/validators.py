"""Validators for Dutch identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def passes_elfproef(number: str) -> bool:
    """The 11-proef of BSN and RSIN: weights 9..2 on the first eight digits, -1 on the last."""
    if len(number) != 9 or not number.isdigit() or number == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(digit) * weight for digit, weight in zip(number, weights, strict=True)) % 11 == 0


def validate_rsin(value: str) -> None:
    if not passes_elfproef(value):
        raise ValidationError(_("Ongeldig RSIN: 9 cijfers die voldoen aan de 11-proef."), code="invalid")


def validate_bsn(value: str) -> None:
    if not passes_elfproef(value):
        raise ValidationError(_("Ongeldig BSN: 9 cijfers die voldoen aan de 11-proef."), code="invalid")


def make_elfproef_number(prefix: str) -> str:
    """Complete an 8-digit prefix with the check digit; ``ValueError`` if none exists."""
    total = sum(int(d) * w for d, w in zip(prefix, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
    check = total % 11
    if check == 10:
        raise ValueError(f"No 11-proef check digit exists for {prefix}")
    return f"{prefix}{check}"
