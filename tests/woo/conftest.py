"""Fixtures of the Woo tests: two municipalities with a WOO zaaktype, a Woo-jurist in each, PDFs."""

import pymupdf
import pytest

from raadhuis.platform import tenancy
from tests.factories import member
from tests.zgw.zaken.factories import published_zaaktype

LETTER = """Gemeente Aadorp
Aan de heer P.J. de Vries
Kerkstraat 12
1234 AB Aadorp

Geachte heer De Vries,

Uw burgerservicenummer 123456782 en rekening NL91 ABNA 0417 1643 00 zijn bekend.
Bel gerust 06-12345678 of mail p.devries@example.nl. Uw auto XK-123-B staat vergund.
Burgemeester Anna Dijkstra heeft het besluit ondertekend.

Met vriendelijke groet,

Marieke Hofstede
Vergunningverlener"""
SECRETS = [
    "de Vries",
    "De Vries",
    "123456782",
    "NL91 ABNA 0417 1643 00",
    "06-12345678",
    "p.devries@example.nl",
    "XK-123-B",
    "Kerkstraat 12",
    "1234 AB",
    "Marieke Hofstede",
]


@pytest.fixture(autouse=True)
def rules_only_detection(settings):
    """deduce loads lexicons for seconds per process: the tests use the own recognizers; one
    test proves the deduce integration."""
    settings.WOO_DEDUCE = False


def make_pdf(
    text: str = LETTER,
    *,
    pages: int = 1,
    metadata: dict | None = None,
    annotate: bool = False,
    attach: bool = False,
) -> bytes:
    pdf = pymupdf.open()
    for _ in range(pages):
        page = pdf.new_page()
        page.insert_textbox(pymupdf.Rect(50, 50, 545, 800), text, fontsize=10, fontname="helv")
        if annotate:
            page.add_text_annot((400, 700), "Opmerking over de heer De Vries")
    if metadata:
        pdf.set_metadata(metadata)
        pdf.set_xml_metadata(f"<x:xmpmeta xmlns:x='adobe:ns:meta/'>{metadata.get('author', '')}</x:xmpmeta>")
    if attach:
        pdf.embfile_add("bijlage.txt", b"BSN 123456782 van de heer De Vries")
    return pdf.tobytes()


@pytest.fixture
def woo_setup(two_municipalities):
    a, b = two_municipalities
    with tenancy.system_scope():
        published_zaaktype(a, identificatie="WOO")
        published_zaaktype(b, identificatie="WOO")
    return {"a": a, "b": b}


@pytest.fixture
def employees(woo_setup):
    a, b = woo_setup["a"], woo_setup["b"]
    with tenancy.system_scope():
        return {
            "jurist_a": member(a, "woo_jurist", username="jurist-a"),
            "jurist_b": member(b, "woo_jurist", username="jurist-b"),
            "behandelaar": member(a, "behandelaar", username="behandelaar-zonder-woo"),
        }
