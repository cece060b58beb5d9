"""Import of Office files and Outlook messages: recognised by content, read with or without
LibreOffice, placed in their e-mail family and thread, and redacted into a clean PDF."""

import io
import shutil
import struct
import zipfile
from datetime import date

import docx
import pymupdf
import pytest
from extract_msg.ole_writer import OleWriter
from odf.opendocument import OpenDocumentText
from odf.text import P
from openpyxl import Workbook
from pptx import Presentation
from pptx.util import Inches

from raadhuis.platform import tenancy
from raadhuis.woo import conversion, redaction, services
from raadhuis.woo.models import Lakking
from tests.woo.conftest import make_pdf

MINUTES = "Aanwezig: de heer P.J. de Vries, Kerkstraat 12, 1234 AB Aadorp, BSN 123456782."


@pytest.fixture
def without_libreoffice(settings):
    settings.WOO_LIBREOFFICE = ""


@pytest.fixture
def scope_a(woo_setup):
    with tenancy.scope_for([woo_setup["a"].pk]):
        yield woo_setup


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Verslag overleg bomenkap", 1)
    document.add_paragraph(MINUTES)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Telefoon", "06-12345678"
    document.core_properties.author = "Marieke Hofstede"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx() -> bytes:
    workbook = Workbook()
    workbook.active.title = "Bezwaren"
    workbook.active.append(["Naam", "IBAN"])
    workbook.active.append(["P.J. de Vries", "NL91 ABNA 0417 1643 00"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_pptx() -> bytes:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Planning kap Parkweg"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    box.text_frame.text = "Contact: p.devries@example.nl"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def make_odt() -> bytes:
    document = OpenDocumentText()
    document.text.addElement(P(text=MINUTES))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_msg(*, subject: str, body: str, headers: str, attachments=()) -> bytes:
    """A minimal Outlook message (MS-OXMSG): string properties as UTF-16 streams, a property
    stream, attachments as storages; written with extract-msg's OLE writer."""
    writer = OleWriter()
    entries = []
    for prop, text in {0x001A: "IPM.Note", 0x0037: subject, 0x1000: body, 0x007D: headers}.items():
        data = text.encode("utf-16-le")
        writer.addEntry(f"__substg1.0_{prop:04X}001F", data)
        entries.append(((prop << 16) | 0x001F, len(data) + 2))
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    for index, (name, data) in enumerate(attachments):
        root, encoded = f"__attach_version1.0_#{index:08X}", name.encode("utf-16-le")
        writer.addEntry(root, storage=True)
        writer.addEntry(f"{root}/__substg1.0_3707001F", encoded)
        writer.addEntry(f"{root}/__substg1.0_37010102", data)
        attach_props = [(0x3707001F, len(encoded) + 2), (0x37010102, len(data)), (0x37050003, 1)]
        writer.addEntry(f"{root}/__properties_version1.0", _properties(attach_props, b"\0" * 8))
    counts = struct.pack("<IIII", 0, len(attachments), 0, len(attachments))
    writer.addEntry("__properties_version1.0", _properties(entries, b"\0" * 8 + counts + b"\0" * 8))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _properties(entries, header: bytes) -> bytes:
    return header + b"".join(struct.pack("<IIQ", tag, 6, value) for tag, value in entries)


MSG_HEADERS = (
    "Message-ID: <b7@aadorp.nl>\r\nIn-Reply-To: <a1@aadorp.nl>\r\nReferences: <a1@aadorp.nl>\r\n"
    "Date: Tue, 7 Jan 2025 09:30:00 +0100\r\nFrom: Piet de Vries <p.devries@example.nl>\r\n"
    "To: woo@aadorp.nl\r\nSubject: RE: Kap Parkweg\r\n\r\n"
)


def test_files_are_recognised_by_content_not_by_name():
    assert conversion.sniff(make_docx(), "verslag.pdf") == "docx"
    assert conversion.sniff(make_xlsx()) == "xlsx" and conversion.sniff(make_pptx()) == "pptx"
    assert conversion.sniff(make_odt(), "x.bin") == "odt"
    assert conversion.sniff(make_msg(subject="a", body="b", headers=""), "bericht.txt") == "msg"
    assert conversion.sniff(make_pdf(), "brief.docx") == "pdf"
    assert conversion.sniff(b"From: a@b.nl\nSubject: x\n\nhoi", "mail.eml") == "eml"
    assert conversion.sniff(b"platte tekst", "notitie.txt") == "text"
    assert conversion.sniff(b"platte tekst", "notitie.exe") is None
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "geen Office")
    assert conversion.sniff(other_zip.getvalue(), "x.docx") is None


@pytest.mark.usefixtures("without_libreoffice")
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (make_docx, ["Verslag overleg bomenkap", "Kerkstraat 12", "06-12345678"]),
        (make_xlsx, ["Blad: Bezwaren", "NL91 ABNA 0417 1643 00"]),
        (make_pptx, ["Planning kap Parkweg", "p.devries@example.nl"]),
        (make_odt, ["BSN 123456782"]),
    ],
)
def test_office_files_without_libreoffice_become_a_pdf_of_their_text(scope_a, make, expected):
    [document] = services.import_file(scope_a["a"], make(), bestandsnaam=f"stuk.{make.__name__[5:]}")
    assert document.formaat == conversion.OFFICE_TYPES[make.__name__[5:]][0]
    assert document.titel == "stuk" and document.pagina_s == 1
    for text in expected:
        assert text in document.inhoud
    with document.pdf.open("rb") as handle:
        assert handle.read().startswith(b"%PDF")


@pytest.mark.usefixtures("without_libreoffice")
def test_bad_office_files_get_a_clear_error(scope_a):
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "geen xml")
    with pytest.raises(services.WooError, match="beschadigd"):
        services.import_file(scope_a["a"], broken.getvalue(), bestandsnaam="kapot.docx")
    legacy = OleWriter()
    legacy.addEntry("WordDocument", b"\0" * 64)
    out = io.BytesIO()
    legacy.write(out)
    with pytest.raises(services.WooError, match="alleen met LibreOffice"):
        services.import_file(scope_a["a"], out.getvalue(), bestandsnaam="oud.doc")


@pytest.mark.usefixtures("without_libreoffice")
def test_outlook_message_keeps_family_and_thread(scope_a):
    a = scope_a["a"]
    first = services.import_file(
        a,
        b"Message-ID: <a1@aadorp.nl>\nFrom: woo@aadorp.nl\nSubject: Kap Parkweg\n\nVraag",
        bestandsnaam="a.eml",
    )
    data = make_msg(
        subject="RE: Kap Parkweg",
        body="Bel me op 06-12345678.\n\nPiet de Vries",
        headers=MSG_HEADERS,
        attachments=[("verslag.docx", make_docx()), ("programma.exe", b"MZ\x90\x00")],
    )
    mail, attachment = services.import_file(a, data, bestandsnaam="antwoord.msg", zaaktype="WOO")
    assert mail.titel == "RE: Kap Parkweg" and mail.auteur == "Piet de Vries <p.devries@example.nl>"
    assert mail.datum == date(2025, 1, 7) and mail.message_id == "<b7@aadorp.nl>"
    assert mail.thread_id == first[0].thread_id == "<a1@aadorp.nl>"
    assert "06-12345678" in mail.inhoud and "To: woo@aadorp.nl" in mail.inhoud
    assert attachment.ouder == mail and attachment.titel == "verslag.docx" and attachment.zaaktype == "WOO"
    assert "Kerkstraat 12" in attachment.inhoud  # the .exe is skipped, the import goes on
    with pytest.raises(services.WooError, match="Outlook"):
        services.import_msg(a, data[:2048])


@pytest.mark.usefixtures("without_libreoffice")
def test_an_office_file_is_redacted_into_a_clean_pdf(scope_a):
    a = scope_a["a"]
    verzoek = services.create_verzoek(
        a, onderwerp="Bomenkap", verzoeker="K. Bakker", ontvangen_op=date(2025, 1, 6)
    )
    [document] = services.import_file(a, make_docx(), bestandsnaam="verslag.docx")
    [item] = services.add_to_dossier(verzoek, [document])
    services.detect_item(item)
    services.accept_all(item)
    found = {lakking.tekst for lakking in item.lakkingen.filter(status=Lakking.Status.GEACCEPTEERD)}
    assert {"123456782", "06-12345678", "Kerkstraat 12"} <= found
    published = services.redact_item(item)
    assert redaction.find_leaks(published, ["123456782", "06-12345678", "Kerkstraat 12", "Hofstede"]) == []
    assert pymupdf.open(stream=published, filetype="pdf").page_count == 1


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_prints_an_office_file_with_its_layout(scope_a):
    [document] = services.import_file(scope_a["a"], make_docx(), bestandsnaam="verslag.docx")
    with document.pdf.open("rb") as handle:
        pdf = pymupdf.open(stream=handle.read(), filetype="pdf")
    assert "LibreOffice" in pdf.metadata["producer"]
    assert "Verslag overleg bomenkap" in document.inhoud and "06-12345678" in document.inhoud


@pytest.mark.usefixtures("without_libreoffice")
def test_a_forwarded_message_inside_an_eml_is_imported_in_the_family(scope_a):
    from email.message import EmailMessage

    inner = EmailMessage()
    inner["From"], inner["Subject"], inner["Message-ID"] = "p.devries@example.nl", "Origineel", "<i1@x.nl>"
    inner.set_content("Mijn BSN is 123456782.")
    outer = EmailMessage()
    outer["From"], outer["Subject"], outer["Message-ID"] = "woo@aadorp.nl", "FW: Origineel", "<o1@aadorp.nl>"
    outer.set_content("Zie bijgaand.")
    outer.add_attachment(inner)
    mail, forwarded = services.import_file(scope_a["a"], outer.as_bytes(), bestandsnaam="fw.eml")
    assert forwarded.ouder == mail and forwarded.titel == "Origineel" and "123456782" in forwarded.inhoud
    assert forwarded.thread_id == mail.thread_id == "<o1@aadorp.nl>"
