"""Previews of a zaak's documents: PDF pages and images as PNG pictures, text as text.

The file comes through the Documenten services (checked against its sha256 before use);
the caller has already checked tenancy and confidentiality. What a file is, is decided by
its content, never by its name or the declared ``formaat``. Rendering is bounded (size,
pages, pixels), because the files come from residents and other systems.

PyMuPDF (AGPL-3.0, ADR 0034) is imported only here and only when a PDF or picture is
previewed: an installation without it shows text previews and downloads, nothing breaks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import filetype
from rest_framework.exceptions import APIException

MAX_BYTES = 25 * 1024 * 1024  # larger files are downloaded, not previewed
MAX_PAGES = 20
MAX_SOURCE_PIXELS = 40_000_000  # a picture larger than this is not decoded (decompression bomb)
WIDTH = 900  # pixels of a rendered page
MAX_HEIGHT = 4000
TEXT_CHARS = 20_000
TEXT_LIMIT = 100_000  # searchable characters of one document
RENDERED = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/bmp", "image/tiff"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class NoPreview(Exception):
    """The document has no preview; the message says why, in Dutch."""


@dataclass(frozen=True)
class Preview:
    pages: int = 0  # rendered pages shown (at most MAX_PAGES)
    total_pages: int = 0
    text: str = ""
    truncated: bool = False


def content_of(version) -> bytes:
    from raadhuis.zgw.documenten import services as documenten

    if version.bestandsomvang and version.bestandsomvang > MAX_BYTES:
        raise NoPreview("Het bestand is te groot voor een voorbeeld; download het.")
    if not version.bestand:
        raise NoPreview("Dit document heeft (nog) geen bestand.")
    try:
        return b"".join(documenten.read_content(version))
    except APIException as error:  # missing from storage, or not what was stored (sha256)
        raise NoPreview("Het bestand is niet in orde in de opslag; meld dit aan de beheerder.") from error


def mime_of(data: bytes) -> str:
    """The file type by its content: a known signature, else text if it reads as text."""
    kind = filetype.guess_mime(data)
    if kind:
        return kind
    return "text/plain" if _as_text(data) is not None else "application/octet-stream"


def describe(version) -> Preview:
    data = content_of(version)
    mime = mime_of(data)
    if mime in RENDERED:
        with _open(data, mime) as document:
            return Preview(pages=min(document.page_count, MAX_PAGES), total_pages=document.page_count)
    if mime == DOCX:
        return _text_preview(_docx_text(data))
    if mime == "text/plain":
        return _text_preview(_as_text(data))
    raise NoPreview("Van dit soort bestand is geen voorbeeld te maken; download het.")


def page_png(version, number: int) -> bytes:
    """Page ``number`` (from 1) of a PDF or picture, as a PNG at most WIDTH pixels wide."""
    data = content_of(version)
    mime = mime_of(data)
    if mime not in RENDERED:
        raise NoPreview("Dit document heeft geen pagina's om te tonen.")
    with _open(data, mime) as document:
        if not 1 <= number <= min(document.page_count, MAX_PAGES):
            raise NoPreview("Deze pagina bestaat niet.")
        page = document[number - 1]
        if mime.startswith("image/"):  # pixels as they are, only made smaller to fit
            width, height = _picture_size(data)
            zoom = min(WIDTH / width, MAX_HEIGHT / height, 1.0) * width / page.rect.width
        else:  # points, to a readable width
            zoom = min(WIDTH / page.rect.width, MAX_HEIGHT / page.rect.height, 4.0)
        import pymupdf

        return page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False).tobytes("png")


def _open(data: bytes, mime: str):
    try:
        import pymupdf
    except ImportError as error:
        raise NoPreview("Op deze installatie zijn voorbeelden van PDF's en afbeeldingen uit.") from error
    if mime.startswith("image/"):
        _picture_size(data)
    try:
        document = pymupdf.open(stream=data, filetype=mime.split("/")[1])
    except (pymupdf.FileDataError, RuntimeError, ValueError) as error:
        raise NoPreview("Het bestand is beschadigd of onleesbaar; download het.") from error
    if document.needs_pass or document.page_count == 0:
        document.close()
        raise NoPreview("Het bestand is beveiligd of leeg; download het.")
    return document


def _picture_size(data: bytes) -> tuple[int, int]:
    """The picture's pixels from its header, read before anything decodes them: a small file
    can claim a picture of gigabytes (a decompression bomb)."""
    from PIL import Image, UnidentifiedImageError

    try:
        width, height = Image.open(io.BytesIO(data)).size
    except Image.DecompressionBombError as error:
        raise NoPreview("De afbeelding is te groot voor een voorbeeld; download haar.") from error
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise NoPreview("Het bestand is beschadigd of onleesbaar; download het.") from error
    if width * height > MAX_SOURCE_PIXELS:
        raise NoPreview("De afbeelding is te groot voor een voorbeeld; download haar.")
    return width, height


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises zip, XML and key errors alike for a bad file
        raise NoPreview("Het Word-bestand is beschadigd of onleesbaar; download het.") from error
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _as_text(data: bytes) -> str | None:
    sample = data[: TEXT_CHARS * 4]
    if b"\x00" in sample:
        return None
    for encoding in ("utf-8", "cp1252"):
        try:
            return sample.decode(encoding)
        except UnicodeDecodeError as error:
            if encoding == "utf-8" and error.start > len(sample) - 4:  # a character cut at the end
                return sample[: error.start].decode("utf-8")
    return None


def _text_preview(text: str | None) -> Preview:
    text = text or ""
    return Preview(text=text[:TEXT_CHARS], truncated=len(text) > TEXT_CHARS)


def text_of(version) -> str:
    """The searchable text of a document: PDF text, Word paragraphs or plain text, at most
    TEXT_LIMIT characters; empty for pictures (no OCR) and for anything unreadable."""
    try:
        data = content_of(version)
        mime = mime_of(data)
        if mime == "application/pdf":
            with _open(data, mime) as document:
                text = "\n".join(page.get_text() for page in document.pages(0, min(document.page_count, 200)))
        elif mime == DOCX:
            text = _docx_text(data)
        elif mime == "text/plain":
            text = _as_text(data) or ""
        else:
            return ""
    except NoPreview:
        return ""
    return " ".join(text.split())[:TEXT_LIMIT]
