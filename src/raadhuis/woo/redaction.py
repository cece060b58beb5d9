"""Real redaction of PDFs with PyMuPDF, and the leak check that proves it.

``extract_text`` reads a PDF into one text with, per character, its page and box (OCR with
Tesseract's Dutch model for pages without a text layer, when Tesseract is installed).
``redact`` applies black boxes labelled with their Woo ground: the text under a box is
removed from the content stream, image pixels under it are blanked, and then the whole file
is scrubbed (metadata, XMP, annotations, form fields, links, attachments, JavaScript,
thumbnails, hidden text such as OCR layers) and rewritten in full with garbage collection,
never saved incrementally, so no earlier revision survives. ``find_leaks`` looks for the
redacted strings with pypdf, pdfminer.six, PyMuPDF, the metadata and, optionally, OCR of the
rendered pages.

PyMuPDF is AGPL-3.0: see docs/decisions/0014-woo-detection-and-redaction-libraries.md.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import shutil
import subprocess  # noqa: S404 - tesseract is called with a fixed argument list, no shell
from collections.abc import Iterable
from dataclasses import dataclass, field

import pymupdf as fitz

logger = logging.getLogger(__name__)

MAX_PAGES = 2000


class PdfError(ValueError):
    """A file that cannot be redacted: not a PDF, damaged, encrypted or too large."""


@dataclass
class DocumentText:
    text: str
    page_count: int
    # Per character of ``text``: (page index, x0, y0, x1, y1), or None for inserted breaks.
    boxes: list[tuple[int, float, float, float, float] | None] = field(repr=False, default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)

    def page_offsets(self) -> list[int]:
        """Where each page starts in ``text``."""
        starts, seen = [], -1
        for index, box in enumerate(self.boxes):
            if box is not None and box[0] != seen:
                for _ in range(box[0] - seen):
                    starts.append(index)
                seen = box[0]
        return starts


@dataclass(frozen=True)
class Mark:
    """One box to black out: page index, rectangle in PDF points, ground label, the text."""

    page: int
    rect: tuple[float, float, float, float]
    ground: str
    text: str = ""


def open_pdf(data: bytes) -> fitz.Document:
    if not data[:1024].lstrip().startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise PdfError("Dit bestand is geen PDF.")
    try:
        document = fitz.open(stream=data, filetype="pdf")
    except (fitz.FileDataError, RuntimeError, ValueError) as error:
        raise PdfError("De PDF is beschadigd en kan niet worden gelezen.") from error
    if document.needs_pass or document.is_encrypted:
        document.close()
        raise PdfError("De PDF is versleuteld; vraag de aanleverende partij om een onbeveiligde versie.")
    if document.page_count == 0:
        document.close()
        raise PdfError("De PDF bevat geen pagina's.")
    if document.page_count > MAX_PAGES:
        document.close()
        raise PdfError(f"De PDF heeft meer dan {MAX_PAGES} pagina's; splits het document.")
    return document


def extract_text(data: bytes, *, ocr: bool = True) -> DocumentText:
    document = open_pdf(data)
    try:
        result = DocumentText("", document.page_count)
        parts: list[str] = []
        for page in document:
            textpage = page.get_textpage()
            if ocr and not textpage.extractText().strip() and page.get_images() and tesseract_available():
                textpage = page.get_textpage_ocr(language="nld", dpi=300, full=True)
                result.ocr_pages.append(page.number)
            _append_page(page.number, page.get_text("rawdict", textpage=textpage), parts, result.boxes)
        result.text = "".join(parts)
        return result
    finally:
        document.close()


def _append_page(number: int, raw: dict, parts: list[str], boxes: list) -> None:
    for block in raw.get("blocks", []):
        for line in block.get("lines", []):
            for span in line.get("spans", []):
                for char in span.get("chars", []):
                    parts.append(char["c"])
                    x0, y0, x1, y1 = char["bbox"]
                    boxes.append((number, x0, y0, x1, y1))
            parts.append("\n")
            boxes.append(None)
        parts.append("\n")
        boxes.append(None)


def marks_from_findings(text: DocumentText, findings: Iterable) -> list[Mark]:
    """One box per finding per line it spans (a name broken over two lines gets two)."""
    marks = []
    for finding in findings:
        marks.extend(marks_for_span(text, finding.start, finding.end, finding.ground, finding.text))
    return marks


def marks_for_span(text: DocumentText, start: int, end: int, ground: str, value: str = "") -> list[Mark]:
    lines: dict[tuple[int, float], list] = {}
    for box in text.boxes[start:end]:
        if box is None:
            continue
        page, x0, y0, x1, y1 = box
        key = (page, round((y0 + y1) / 2 / 3))
        lines.setdefault(key, []).append(box)
    marks = []
    for (page, _), boxes in lines.items():
        rect = (
            min(b[1] for b in boxes),
            min(b[2] for b in boxes),
            max(b[3] for b in boxes),
            max(b[4] for b in boxes),
        )
        marks.append(Mark(page, rect, ground, value))
    return marks


def marks_for_all_occurrences(data: bytes, value: str, ground: str) -> list[Mark]:
    """'Apply to all occurrences': every place the exact string appears, on every page."""
    document = open_pdf(data)
    try:
        return [
            Mark(page.number, tuple(rect), ground, value)
            for page in document
            for rect in page.search_for(value)
        ]
    finally:
        document.close()


def redact(data: bytes, marks: Iterable[Mark]) -> bytes:
    """The published file: boxes applied, everything else that could hold text scrubbed."""
    document = open_pdf(data)
    try:
        by_page: dict[int, list[Mark]] = {}
        for mark in marks:
            by_page.setdefault(mark.page, []).append(mark)
        font = _label_font()
        for page in document:
            for annot in list(page.annots() or []):
                page.delete_annot(annot)
            for widget in list(page.widgets() or []):
                page.delete_widget(widget)
            boxes = []
            for mark in by_page.get(page.number, []):
                rect = fitz.Rect(mark.rect) & page.rect
                if rect.is_empty:
                    continue
                rect = fitz.Rect(rect.x0 - 0.5, rect.y0 - 0.5, rect.x1 + 0.5, rect.y1 + 0.5)
                page.add_redact_annot(rect, fill=(0, 0, 0), cross_out=False)
                boxes.append((rect, mark.ground))
            page.apply_redactions(images=fitz.PDF_REDACT_IMAGE_PIXELS,
                                  graphics=fitz.PDF_REDACT_LINE_ART_NONE,
                                  text=fitz.PDF_REDACT_TEXT_REMOVE)
            _label(page, boxes, font)
        _scrub(document)
        return document.tobytes(garbage=4, deflate=True, clean=True, no_new_id=False)
    finally:
        document.close()


@functools.cache
def _label_font() -> fitz.Font:
    return fitz.Font("helv")


def _label(page, boxes: list, font) -> None:
    """Each box shows its ground in white, written after the redaction (one text object per
    page, which is much faster than a label per redaction annotation)."""
    if not boxes:
        return
    writer = fitz.TextWriter(page.rect)
    for rect, ground in boxes:
        unit = font.text_length(ground, fontsize=1)  # the width grows with the font size
        size = min(8.0, rect.height * 0.7, (rect.width - 1) / unit)
        size = int(size * 2) / 2  # half points, as large as fits
        if size < 4:
            continue  # too small a box for a readable label; the inventory still names the ground
        width = unit * size
        origin = (rect.x0 + (rect.width - width) / 2, rect.y0 + (rect.height + size * 0.7) / 2)
        writer.append(origin, ground, font=font, fontsize=size)
    writer.write_text(page, color=(1, 1, 1))


def _scrub(document: fitz.Document) -> None:
    document.scrub(
        attached_files=True,
        clean_pages=True,
        embedded_files=True,
        hidden_text=True,
        javascript=True,
        metadata=True,
        redactions=False,
        redact_images=0,
        remove_links=True,
        reset_fields=True,
        reset_responses=True,
        thumbnails=True,
        xml_metadata=True,
    )
    for name in list(document.embfile_names()):
        document.embfile_del(name)
    document.set_metadata({})
    document.del_xml_metadata()
    if document.has_annots() if hasattr(document, "has_annots") else False:
        for page in document:
            for annot in list(page.annots() or []):
                page.delete_annot(annot)
    document.set_toc([])


# --- leak check ------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def texts_by_extractor(data: bytes, *, ocr: bool = False) -> dict[str, str]:
    """Everything the usual tools can read from the file, per tool."""
    import pypdf
    from pdfminer.high_level import extract_text_to_fp

    result: dict[str, str] = {}
    reader = pypdf.PdfReader(io.BytesIO(data))
    result["pypdf"] = "\n".join(page.extract_text() or "" for page in reader.pages)
    metadata = reader.metadata or {}
    result["metadata"] = " ".join(str(v) for v in metadata.values())
    # pdfminer.six without layout analysis: the characters as its own parser decodes them
    # (pdfplumber on top of it costs seven times as much and reads no more text).
    pdfminer_text = io.StringIO()
    extract_text_to_fp(io.BytesIO(data), pdfminer_text, laparams=None)
    result["pdfminer"] = pdfminer_text.getvalue()
    document = fitz.open(stream=data, filetype="pdf")
    try:
        result["pymupdf"] = "\n".join(page.get_text() for page in document)
        result["metadata"] += " " + " ".join(str(v) for v in document.metadata.values() if v)
        result["metadata"] += " " + (document.get_xml_metadata() or "")
        result["annotations"] = " ".join(
            (annot.info.get("content", "") or "") for page in document for annot in (page.annots() or [])
        )
        result["attachments"] = " ".join(document.embfile_names())
    finally:
        document.close()
    if ocr:
        result["ocr"] = "\n".join(ocr_pages(data))
    return result


def find_leaks(data: bytes, secrets: Iterable[str], *, ocr: bool = False) -> list[tuple[str, str]]:
    """(tool, string) for every redacted string still readable; empty when the file is clean."""
    texts = {tool: _normalise(text) for tool, text in texts_by_extractor(data, ocr=ocr).items()}
    leaks = []
    for secret in secrets:
        needle = _normalise(secret)
        if len(needle) < 3:
            continue
        for tool, text in texts.items():
            if needle in text:
                leaks.append((tool, secret))
    return leaks


def tesseract_available() -> bool:
    if not shutil.which("tesseract"):
        return False
    try:
        languages = subprocess.run(  # noqa: S603
            ["tesseract", "--list-langs"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "nld" in languages.split()


def ocr_pages(data: bytes, *, dpi: int = 300) -> list[str]:
    """The text Tesseract (Dutch) reads on each rendered page: what a person could read."""
    document = open_pdf(data)
    texts = []
    try:
        for page in document:
            png = page.get_pixmap(dpi=dpi).tobytes("png")
            completed = subprocess.run(
                ["tesseract", "stdin", "stdout", "-l", "nld"],  # noqa: S607
                input=png,
                capture_output=True,
                timeout=120,
                check=False,
            )
            texts.append(completed.stdout.decode("utf-8", "replace"))
    finally:
        document.close()
    return texts
