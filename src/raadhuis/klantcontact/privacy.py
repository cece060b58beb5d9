"""Masking of personal data (BSN, e-mail addresses, phone numbers) in logs and transcripts."""

from __future__ import annotations

import re

_EMAIL = re.compile(r"\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b")
_PHONE = re.compile(r"(?<![\w-])(?:\+31|0031|0)[\s-]?(?:\d[\s-]?){7,8}\d(?!\d)")
_BSN = re.compile(r"(?<![\w-])\d{9}(?![\w-])")


def mask(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and nine-digit numbers (BSN) masked."""
    text = _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    text = _PHONE.sub("[telefoonnummer]", text)
    return _BSN.sub("[bsn]", text)


def mask_bsn(text: str) -> str:
    """Only the BSN: transcripts keep e-mail and phone, which the KCC needs to call back."""
    return _BSN.sub("[bsn]", text)
