"""Content type from the bytes, not from the name (filetype: signatures, pure Python).

``mismatch(formaat, head)`` compares the declared ``formaat`` with what the first bytes are.
A type with a signature must show it; a type without one (text, CSV, XML) is accepted
unless the bytes are plainly binary.
"""

from __future__ import annotations

import filetype

HEAD = 8192  # filetype looks at most this far (the zip-based office formats need it)

# Spellings of one type that clients use interchangeably.
ALIASES = {
    "image/jpg": "image/jpeg",
    "image/pjpeg": "image/jpeg",
    "application/x-pdf": "application/pdf",
    "audio/mp3": "audio/mpeg",
    "application/x-zip-compressed": "application/zip",
    "image/x-png": "image/png",
    "audio/x-wav": "audio/wav",
    "audio/wave": "audio/wav",
}
# Formats that are zip files inside: filetype may see only "application/zip".
ZIP_CONTAINERS = (
    "application/vnd.openxmlformats-officedocument.",
    "application/vnd.oasis.opendocument.",
    "application/epub+zip",
    "application/vnd.ms-xpsdocument",
    "application/java-archive",
)
# Older office formats share one container (OLE2); filetype names it after one of them.
OLE2 = {
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/x-ole-storage",
    "application/vnd.ms-outlook",
}
WITH_SIGNATURE = {t.mime for t in filetype.types}


def _normal(media_type: str) -> str:
    base = media_type.split(";", 1)[0].strip().lower()
    return ALIASES.get(base, base)


def mismatch(formaat: str, head: bytes) -> str | None:
    """What the bytes are when that is not ``formaat``; None when they fit (or no formaat)."""
    declared = _normal(formaat or "")
    if not declared or declared == "application/octet-stream":
        return None
    detected = filetype.guess_mime(head)
    detected = _normal(detected) if detected else None
    if detected is None:
        return _unrecognised(declared, head)
    if detected == declared or _compatible(declared, detected):
        return None
    return detected


def _compatible(declared: str, detected: str) -> bool:
    if detected == "application/zip" and declared.startswith(ZIP_CONTAINERS):
        return True
    return declared in OLE2 and detected in OLE2


def _unrecognised(declared: str, head: bytes) -> str | None:
    """No known signature in the bytes: wrong for a type that has one, and for text that is
    binary."""
    if declared in WITH_SIGNATURE:
        return "onbekend (geen herkenbare inhoud)"
    textual = declared.startswith("text/") or declared.endswith(("+xml", "+json", "/xml", "/json", "/csv"))
    if textual and b"\0" in head:
        return "binair"
    return None
