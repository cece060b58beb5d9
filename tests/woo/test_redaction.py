"""Real redaction: nothing redacted is readable afterwards by any tool, and bad PDFs are refused."""

import io

import pymupdf
import pytest

from raadhuis.woo import redaction
from raadhuis.woo.detection import detect
from tests.woo.conftest import LETTER, SECRETS, make_pdf


def _redacted(data: bytes) -> bytes:
    text = redaction.extract_text(data)
    findings = detect(text.text, public=["Anna Dijkstra"], use_deduce=False)
    return redaction.redact(data, redaction.marks_from_findings(text, findings))


def _with_image_under_text() -> bytes:
    """A page whose name is also painted in an image under the text (a scanned signature)."""
    source = pymupdf.open()
    page = source.new_page(width=300, height=80)
    page.insert_text((10, 40), "Marieke Hofstede", fontsize=20)
    png = page.get_pixmap(dpi=150).tobytes("png")
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.insert_image(pymupdf.Rect(40, 40, 340, 120), stream=png)
    page.insert_text((50, 200), "Met vriendelijke groet,", fontsize=11)
    page.insert_text((50, 215), "Marieke Hofstede", fontsize=11)
    return pdf.tobytes()


def test_original_leaks_everything_and_redacted_nothing():
    original = make_pdf(
        metadata={"author": "Marieke Hofstede", "title": "Brief aan De Vries"}, annotate=True, attach=True
    )
    assert redaction.find_leaks(original, SECRETS)  # the check finds what is there
    published = _redacted(original)
    assert redaction.find_leaks(published, SECRETS) == []


def test_public_official_and_the_rest_of_the_text_stay_readable():
    published = _redacted(make_pdf())
    text = redaction.texts_by_extractor(published)["pymupdf"]
    assert "Anna Dijkstra" in text and "Vergunningverlener" in text and "burgerservicenummer" in text


def test_each_box_shows_its_ground():
    published = _redacted(make_pdf())
    text = redaction.texts_by_extractor(published)["pymupdf"]
    assert "5.1.1e" in text and "5.1.2e" in text


def test_scrub_removes_metadata_annotations_attachments_and_rewrites_fully():
    published = _redacted(make_pdf(metadata={"author": "Marieke Hofstede"}, annotate=True, attach=True))
    document = pymupdf.open(stream=published, filetype="pdf")
    assert not any(document.metadata.get(k) for k in ("author", "title", "subject", "keywords"))
    assert not document.get_xml_metadata()
    assert document.embfile_count() == 0
    assert not list(document[0].annots())
    assert published.count(b"%%EOF") == 1  # one revision: no incremental update keeps the old text


def test_image_pixels_under_a_box_are_removed():
    original = _with_image_under_text()
    marks = redaction.marks_for_all_occurrences(original, "Marieke Hofstede", "5.1.2e")
    marks.append(redaction.Mark(0, (40, 40, 340, 120), "5.1.2e", "Marieke Hofstede"))
    published = redaction.redact(original, marks)
    page = pymupdf.open(stream=published, filetype="pdf")[0]
    pixels = page.get_pixmap(clip=pymupdf.Rect(45, 45, 335, 115), dpi=72)
    samples = pixels.samples
    dark = sum(1 for i in range(0, len(samples), pixels.n) if samples[i] < 60) / (len(samples) / pixels.n)
    assert dark > 0.95  # the box is solid: no signature pixels left under it


def test_ocr_of_the_rendered_page_finds_no_redacted_string():
    if not redaction.tesseract_available():
        pytest.skip("Tesseract with the Dutch model is not installed")
    published = _redacted(make_pdf())
    ocr = redaction.texts_by_extractor(published, ocr=True)["ocr"]
    assert "Vergunningverlener" in ocr  # OCR works on this page
    assert redaction.find_leaks(published, SECRETS, ocr=True) == []


def test_hidden_text_layer_is_removed():
    pdf = pymupdf.open()
    page = pdf.new_page()
    page.insert_text((50, 100), "Zichtbare tekst", fontsize=11)
    page.insert_text((50, 300), "Verborgen BSN 123456782", fontsize=11, render_mode=3)
    published = redaction.redact(pdf.tobytes(), [])
    assert redaction.find_leaks(published, ["123456782"]) == []


@pytest.mark.parametrize(
    "data, message",
    [
        (b"hello world", "geen PDF"),
        (b"%PDF-1.7\n1 0 obj <<>> garbage", "beschadigd|geen pagina"),
        (b"%PDF-1.7\n" + b"\x00\xff" * 500, "beschadigd|geen pagina"),
    ],
)
def test_bad_input_is_refused_clearly(data, message):
    with pytest.raises(redaction.PdfError, match=message):
        redaction.extract_text(data)


def test_encrypted_pdf_is_refused():
    pdf = pymupdf.open()
    pdf.new_page().insert_text((50, 100), "geheim")
    out = io.BytesIO()
    pdf.save(out, encryption=pymupdf.PDF_ENCRYPT_AES_256, owner_pw="eigenaar", user_pw="gebruiker")
    with pytest.raises(redaction.PdfError, match="versleuteld"):
        redaction.redact(out.getvalue(), [])


def test_text_maps_to_boxes_on_the_right_page():
    data = make_pdf(LETTER, pages=2)
    text = redaction.extract_text(data)
    assert text.page_count == 2
    start = text.text.rindex("123456782")
    marks = redaction.marks_for_span(text, start, start + 9, "5.1.1e", "123456782")
    assert [m.page for m in marks] == [1]
