"""Checking a resident's upload by its content, not its name, before it is kept."""

from __future__ import annotations

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LABELS = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}


def check_upload(upload, *, accept: tuple[str, ...], max_bytes: int) -> str:
    """The detected content type of ``upload``; a Dutch ValidationError when it is empty, too
    large or not one of the accepted types (by its bytes)."""
    if upload.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("Het bestand is te groot (maximaal %(mb)s MB).") % {"mb": f"{max_bytes / 1024 / 1024:g}"},
            code="too-large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    detected = filetype.guess_mime(head)
    if detected not in accept:
        allowed = ", ".join(LABELS.get(t, t) for t in accept)
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan. Toegestaan: %(types)s.") % {"types": allowed},
            code="file-type",
        )
    return detected
