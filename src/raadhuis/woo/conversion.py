"""What an archive file is, and how it becomes a PDF to review and redact.

Files are recognised by their content, never by their name alone: PDF, e-mail (RFC 822
``.eml`` and Outlook ``.msg``), Office Open XML (docx/xlsx/pptx), OpenDocument (odt/ods/odp),
the legacy binary Office formats (doc/xls/ppt) and plain text.

Office files become a PDF with LibreOffice headless when it is installed (``WOO_LIBREOFFICE``):
layout, tables and page breaks stay as the author made them. Without it, the text is read
with python-docx, openpyxl, python-pptx or odfpy and typeset as a plain PDF, so that the
import works on every machine; the legacy binary formats need LibreOffice. Outlook messages
are read with extract-msg. See docs/decisions/0030-woo-office-and-outlook-import.md.
"""

from __future__ import annotations

import atexit
import email
import email.message
import email.policy
import email.utils
import io
import logging
import re
import shutil
import subprocess  # noqa: S404 - LibreOffice is called with a fixed argument list, no shell
import tempfile
import threading
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERSION_TIMEOUT = 180

# kind -> (MIME type, file extension LibreOffice recognises)
OFFICE_TYPES = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    "odt": ("application/vnd.oasis.opendocument.text", "odt"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "odp"),
    "doc": ("application/msword", "doc"),
    "xls": ("application/vnd.ms-excel", "xls"),
    "ppt": ("application/vnd.ms-powerpoint", "ppt"),
}
LEGACY = {"doc", "xls", "ppt"}
# The part a ZIP must hold to be this Office Open XML kind.
OOXML_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
ODF_MIMETYPES = {OFFICE_TYPES[kind][0]: kind for kind in ("odt", "ods", "odp")}
OLE_STREAMS = {"WordDocument": "doc", "Workbook": "xls", "Book": "xls", "PowerPoint Document": "ppt"}


class ConversionError(ValueError):
    """A file that cannot be read or converted; the message is for the employee (Dutch)."""


def sniff(data: bytes, filename: str = "", declared_type: str = "") -> str | None:
    """The kind of file: 'pdf', 'eml', 'msg', an OFFICE_TYPES key, 'text', or None. Text and
    .eml have no signature: their name or declared MIME type must say so too."""
    head = data[:1024]
    if b"%PDF" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(OLE2_MAGIC):
        return _ole_kind(data)
    name = filename.lower()
    if (name.endswith(".eml") or declared_type == "message/rfc822") and _looks_like_mail(head):
        return "eml"
    if (name.endswith((".txt", ".md", ".csv")) or declared_type.startswith("text/")) and b"\x00" not in head:
        return "text"
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return ODF_MIMETYPES.get(archive.read("mimetype").decode("ascii", "replace").strip())
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return next((kind for part, kind in OOXML_PARTS.items() if part in names), None)


def _ole_kind(data: bytes) -> str | None:
    import olefile

    try:
        with olefile.OleFileIO(data) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    except OSError:
        return None
    if "__properties_version1.0" in streams and any(s.startswith("__substg1.0_") for s in streams):
        return "msg"
    return next((kind for stream, kind in OLE_STREAMS.items() if stream in streams), None)


def _looks_like_mail(head: bytes) -> bool:
    return bool(
        re.search(rb"^(From|Subject|Message-ID|Date|To|Received):", head, re.IGNORECASE | re.MULTILINE)
    )


def mime_type(kind: str) -> str:
    if kind in OFFICE_TYPES:
        return OFFICE_TYPES[kind][0]
    return {
        "pdf": "application/pdf",
        "eml": "message/rfc822",
        "msg": "application/vnd.ms-outlook",
        "text": "text/plain",
    }.get(kind, "application/octet-stream")


# --- Office files --------------------------------------------------------------------------------


def office_to_pdf(data: bytes, kind: str) -> bytes | None:
    """The file as LibreOffice prints it, or None when LibreOffice is not available."""
    program = libreoffice()
    if program is None:
        return None
    with _LIBREOFFICE_LOCK, tempfile.TemporaryDirectory(prefix="raadhuis-woo-") as work:
        source = Path(work) / f"document.{OFFICE_TYPES[kind][1]}"
        source.write_bytes(data)
        try:
            completed = subprocess.run(  # noqa: S603
                [
                    program,
                    "--headless",
                    "--norestore",
                    "--nolockcheck",
                    "--nodefault",
                    f"-env:UserInstallation={_profile().as_uri()}",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    work,
                    str(source),
                ],
                capture_output=True,
                timeout=CONVERSION_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise ConversionError(
                "Het omzetten naar PDF duurde te lang; het bestand is te groot of beschadigd."
            ) from error
        result = Path(work) / "document.pdf"
        if completed.returncode != 0 or not result.exists():
            logger.warning("LibreOffice could not convert a %s: %s", kind, completed.stderr[-500:])
            raise ConversionError("Dit bestand kan niet naar PDF worden omgezet; het is mogelijk beschadigd.")
        return result.read_bytes()


def libreoffice() -> str | None:
    """The LibreOffice program to use, or None (not configured or not installed)."""
    configured = getattr(settings, "WOO_LIBREOFFICE", "soffice")
    return shutil.which(configured) if configured else None


# One profile per process: a fresh one costs seconds per file, and two LibreOffice processes
# must never share one. Conversions within the process take turns.
_LIBREOFFICE_LOCK = threading.Lock()
_PROFILE: list[Path] = []


def _profile() -> Path:
    if not _PROFILE:
        _PROFILE.append(Path(tempfile.mkdtemp(prefix="raadhuis-libreoffice-")))
        atexit.register(shutil.rmtree, _PROFILE[0], ignore_errors=True)
    return _PROFILE[0]


def office_text(data: bytes, kind: str) -> str:
    """The text of an Office file, for machines without LibreOffice."""
    if kind in LEGACY:
        raise ConversionError(
            "Oude Office-bestanden (.doc, .xls, .ppt) kunnen alleen met LibreOffice worden ingelezen; "
            "sla het op als .docx, .xlsx of .pptx, of als PDF."
        )
    readers = {"docx": _docx_text, "xlsx": _xlsx_text, "pptx": _pptx_text}
    try:
        return readers.get(kind, _odf_text)(data)
    except Exception as error:  # noqa: BLE001 - each reader raises its own kinds of errors on bad files
        logger.info("Office file (%s) unreadable: %r", kind, error)
        raise ConversionError("Dit Office-bestand is beschadigd en kan niet worden gelezen.") from error


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = []
    for block in document.iter_inner_content():  # paragraphs and tables in document order
        if hasattr(block, "rows"):
            parts.extend(" | ".join(cell.text for cell in row.cells) for row in block.rows)
        else:
            parts.append(block.text)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs + section.footer.paragraphs if p.text)
    return "\n".join(parts)


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts = []
    for sheet in workbook.worksheets:
        parts.append(f"Blad: {sheet.title}")
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if value is None else str(value) for value in row]
            if any(cells):
                parts.append(" | ".join(cells).rstrip(" |"))
    workbook.close()
    return "\n".join(parts)


def _pptx_text(data: bytes) -> str:
    from pptx import Presentation

    parts = []
    for number, slide in enumerate(Presentation(io.BytesIO(data)).slides, start=1):
        parts.append(f"Dia {number}")
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _odf_text(data: bytes) -> str:
    from odf import teletype, text
    from odf.opendocument import load

    document = load(io.BytesIO(data))
    return "\n".join(
        teletype.extractText(element)
        for element in document.body.getElementsByType(text.P) + document.body.getElementsByType(text.H)
    )


# --- E-mail ------------------------------------------------------------------------------------------


@dataclass
class Attachment:
    name: str
    data: bytes | str | Mail


@dataclass
class Mail:
    """An e-mail as the archive needs it, whatever format it came in."""

    subject: str
    sender: str
    headers: dict[str, str]  # From, To, Cc, Date, Subject as shown above the body
    body: str
    sent: date | None = None
    message_id: str = ""
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def header_text(self) -> str:
        return "\n".join(f"{name}: {value}" for name, value in self.headers.items() if value)


def read_eml(data: bytes) -> Mail:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except (ValueError, TypeError, IndexError) as error:
        raise ConversionError("Dit e-mailbericht kan niet worden gelezen.") from error
    if not message.get("From") and not message.get("Subject"):
        raise ConversionError("Dit bestand is geen e-mailbericht (geen afzender of onderwerp).")
    return _mail_from_email(message)


def _mail_from_email(message) -> Mail:
    body_part = message.get_body(preferencelist=("plain", "html"))
    body = body_part.get_content() if body_part is not None else ""
    if body_part is not None and body_part.get_content_type() == "text/html":
        body = html_to_text(body)
    sent = message.get("Date")
    return Mail(
        subject=str(message.get("Subject", "")),
        sender=str(message.get("From", "")),
        headers={name: str(message.get(name, "")) for name in ("From", "To", "Cc", "Date", "Subject")},
        body=body,
        sent=sent.datetime.date() if sent is not None and getattr(sent, "datetime", None) else None,
        message_id=str(message.get("Message-ID", "")).strip(),
        in_reply_to=str(message.get("In-Reply-To", "")).strip(),
        references=str(message.get("References", "")).split(),
        attachments=[_eml_attachment(part) for part in message.iter_attachments()],
    )


def _eml_attachment(part) -> Attachment:
    content = part.get_content()
    if isinstance(content, email.message.Message):  # a forwarded message (message/rfc822)
        content = _mail_from_email(content)
    elif not isinstance(content, bytes | str):
        content = part.get_payload(decode=True) or b""
    return Attachment(part.get_filename() or "bijlage", content)


def read_msg(data: bytes) -> Mail:
    """An Outlook .msg file (extract-msg, GPL-3.0: see ADR 0030)."""
    import extract_msg

    try:
        message = extract_msg.openMsg(data, strict=False)
    except Exception as error:  # noqa: BLE001 - extract-msg raises many kinds of errors on bad files
        logger.info("MSG unreadable: %r", error)
        raise ConversionError("Dit Outlook-bericht (.msg) kan niet worden gelezen.") from error
    try:
        return _mail_from_msg(message)
    finally:
        message.close()


def _mail_from_msg(message) -> Mail:
    header = message.header if getattr(message, "header", None) is not None else {}
    body = getattr(message, "body", None) or ""
    if not body.strip() and getattr(message, "htmlBody", None):
        body = html_to_text(message.htmlBody.decode("utf-8", "replace"))
    sent = getattr(message, "date", None) or _header_date(header.get("Date"))
    subject = getattr(message, "subject", None) or header.get("Subject") or ""
    sender = getattr(message, "sender", None) or header.get("From") or ""
    attachments = []
    for attachment in getattr(message, "attachments", []):
        name = (
            getattr(attachment, "longFilename", None)
            or getattr(attachment, "shortFilename", None)
            or "bijlage"
        )
        content = attachment.data
        if content is not None and hasattr(content, "attachments"):  # an embedded message
            attachments.append(Attachment(name, _mail_from_msg(content)))
        elif isinstance(content, bytes):
            attachments.append(Attachment(name, content))
    return Mail(
        subject=subject,
        sender=sender,
        headers={
            "From": sender,
            "To": getattr(message, "to", None) or header.get("To") or "",
            "Cc": getattr(message, "cc", None) or header.get("Cc") or "",
            "Date": header.get("Date") or (sent.isoformat() if sent else ""),
            "Subject": subject,
        },
        body=body,
        sent=sent.date() if sent else None,
        message_id=(getattr(message, "messageId", None) or header.get("Message-ID") or "").strip(),
        in_reply_to=(getattr(message, "inReplyTo", None) or header.get("In-Reply-To") or "").strip(),
        references=(header.get("References") or "").split(),
        attachments=attachments,
    )


def _header_date(value):
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


def html_to_text(html: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").get_text("\n")
