"""Document previews on the case page: PDF pages and pictures as PNG, text and Word as text,
only for who may see the zaak and the document."""

import io
import struct
import zlib

import docx
import pymupdf
import pytest

from raadhuis.platform import tenancy
from raadhuis.werkplek import services as werkplek
from raadhuis.werkplek import zaakdata
from raadhuis.werkplek.models import WorkItem
from raadhuis.werkplek.rebuild import rebuild
from tests.factories import member
from tests.werkplek.conftest import zaaktype

pytestmark = pytest.mark.django_db


def _pdf(*texts) -> bytes:
    document = pymupdf.open()
    for text in texts:
        document.new_page(width=595, height=842).insert_text((72, 72), text, fontsize=24)
    return document.tobytes()


def _png(width, height, rgb=(255, 0, 0)) -> bytes:
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), False)
    pixmap.set_rect(pixmap.irect, rgb)
    return pixmap.tobytes("png")


def _png_header(width, height) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels in a few bytes: a decompression bomb."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def _docx(text) -> bytes:
    document, buffer = docx.Document(), io.BytesIO()
    document.add_paragraph(text)
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def zaak(gemeente, behandelaar, as_user):
    with as_user(behandelaar):
        return werkplek.intake(
            organisation=gemeente, zaaktype=zaaktype(gemeente, "PARKVERG"), omschrijving="Vergunning"
        )


@pytest.fixture
def add(zaak, behandelaar, as_user):
    def add(titel, inhoud, vertrouwelijkheid=""):
        with as_user(behandelaar):
            aanvraag = next(t for t in zaakdata.informatieobjecttypen(zaak) if t.omschrijving == "Aanvraag")
            return werkplek.add_document(
                zaak,
                titel=titel,
                inhoud=inhoud,
                bestandsnaam=f"{titel}.bin",
                formaat="application/octet-stream",
                informatieobjecttype=aanvraag,
                vertrouwelijkheid=vertrouwelijkheid,
            ).document.uuid

    return add


def _url(zaak, document_uuid, rest="voorbeeld/"):
    return f"/werkplek/zaken/{zaak.uuid}/documenten/{document_uuid}/{rest}"


def test_an_uploaded_pdf_is_typed_by_content_and_shown_page_by_page(employee_client, behandelaar, zaak):
    web = employee_client(behandelaar)
    page = web.get(f"/werkplek/zaken/{zaak.uuid}/")
    aanvraag = next(v for v, label in page.context["document_form"].fields["informatieobjecttype"].choices
                    if label == "Aanvraag")
    upload = io.BytesIO(_pdf("Eerste pagina", "Tweede pagina"))
    upload.name = "foto.jpg"  # the name lies; the content decides
    response = web.post(f"/werkplek/zaken/{zaak.uuid}/document/",
                        {"titel": "Kentekenbewijs", "bestand": upload, "informatieobjecttype": aanvraag})
    assert response.status_code == 302
    [(_relation, version, shown)] = web.get(f"/werkplek/zaken/{zaak.uuid}/").context["documenten"]
    assert shown and version.formaat == "application/pdf"
    case_page = web.get(f"/werkplek/zaken/{zaak.uuid}/").content.decode()
    assert _url(zaak, version.document.uuid) in case_page  # the preview is offered on the case page

    full = web.get(_url(zaak, version.document.uuid)).content.decode()
    assert _url(zaak, version.document.uuid, "voorbeeld/1.png") in full
    assert _url(zaak, version.document.uuid, "voorbeeld/2.png") in full
    inline = web.get(_url(zaak, version.document.uuid), headers={"HX-Request": "true"}).content.decode()
    assert "voorbeeld/1.png" in inline and "voorbeeld/2.png" not in inline and "Alle 2 pagina" in inline
    assert "<html" not in inline

    picture = web.get(_url(zaak, version.document.uuid, "voorbeeld/2.png"))
    assert picture["Content-Type"] == "image/png"
    rendered = pymupdf.Pixmap(picture.content)
    assert rendered.width == 900 and rendered.height == round(842 * 900 / 595)
    assert web.get(_url(zaak, version.document.uuid, "voorbeeld/3.png")).status_code == 404


def test_a_picture_is_rendered_and_a_huge_one_is_not_decoded(employee_client, behandelaar, zaak, add):
    web = employee_client(behandelaar)
    red = add("Foto", _png(40, 30))
    picture = pymupdf.Pixmap(web.get(_url(zaak, red, "voorbeeld/1.png")).content)
    assert (picture.width, picture.height) == (40, 30)  # a picture keeps its pixels
    assert picture.pixel(20, 15) == (255, 0, 0)
    wide = pymupdf.Pixmap(web.get(_url(zaak, add("Panorama", _png(1800, 300)), "voorbeeld/1.png")).content)
    assert (wide.width, wide.height) == (900, 150)  # and is made smaller to fit

    bomb = add("Bom", _png_header(8000, 5100))  # 41 million pixels
    assert "te groot voor een voorbeeld" in web.get(_url(zaak, bomb)).content.decode()
    assert web.get(_url(zaak, bomb, "voorbeeld/1.png")).status_code == 404


def test_text_and_word_are_shown_as_escaped_text_and_other_files_are_not(
    employee_client, behandelaar, zaak, add
):
    web = employee_client(behandelaar)
    text = add("Brief", "Geachte heer, één <script>alert(1)</script>".encode())
    html = web.get(_url(zaak, text)).content.decode()
    assert "Geachte heer, één &lt;script&gt;" in html and "<script>alert" not in html
    assert web.get(_url(zaak, text, "voorbeeld/1.png")).status_code == 404

    word = add("Besluit", _docx("U krijgt een parkeervergunning."))
    assert "U krijgt een parkeervergunning." in web.get(_url(zaak, word)).content.decode()

    binary = add("Archief", b"\x00\x01\x02binary\x00" * 100)
    assert "geen voorbeeld te maken" in web.get(_url(zaak, binary)).content.decode()
    broken = add("Kapot", b"%PDF-1.7\n garbage")
    assert "beschadigd of onleesbaar" in web.get(_url(zaak, broken)).content.decode()


def test_confidential_documents_and_other_municipalities_get_no_preview(
    employee_client, behandelaar, manager, zaak, add, andere_gemeente
):
    geheim = add("Medisch advies", _pdf("Medisch"), vertrouwelijkheid="confidentieel")
    gewoon = add("Aanvraag", _pdf("Aanvraag"))

    web = employee_client(behandelaar)  # a behandelaar sees up to "vertrouwelijk"
    case_page = web.get(f"/werkplek/zaken/{zaak.uuid}/").content.decode()
    assert "Medisch advies" not in case_page and str(geheim) not in case_page
    assert "Vertrouwelijk document" in case_page
    for rest in ("voorbeeld/", "voorbeeld/1.png", ""):
        assert web.get(_url(zaak, geheim, rest)).status_code == 404, rest
    assert web.get(_url(zaak, gewoon, "voorbeeld/1.png")).status_code == 200

    boss = employee_client(manager)  # a manager sees up to "confidentieel"
    assert boss.get(_url(zaak, geheim, "voorbeeld/1.png")).status_code == 200

    stranger = employee_client(member(andere_gemeente, "behandelaar", username="vreemde"))
    for rest in ("voorbeeld/", "voorbeeld/1.png"):
        assert stranger.get(_url(zaak, gewoon, rest)).status_code == 404, rest


def test_a_document_of_another_zaak_is_not_shown_under_this_one(
    employee_client, behandelaar, gemeente, zaak, add, as_user
):
    gewoon = add("Aanvraag", _pdf("Aanvraag"))
    with as_user(behandelaar):
        andere = werkplek.intake(
            organisation=gemeente, zaaktype=zaaktype(gemeente, "PARKVERG"), omschrijving="Andere"
        )
    web = employee_client(behandelaar)
    assert web.get(_url(andere, gewoon, "voorbeeld/1.png")).status_code == 404
    with tenancy.system_scope():
        assert len(zaakdata.documenten(zaak)) == 1


def test_search_finds_words_in_documents_but_not_in_more_confidential_ones(
    employee_client, behandelaar, zaak, add
):
    add("Bouwtekening", _pdf("Dakkapel aan de achterzijde"))
    add("Verslag", _docx("Overleg met de buurman over de schutting."))
    add("Advies", _pdf("Kernwapenvrije zone"), vertrouwelijkheid="confidentieel")  # above the zaak

    web = employee_client(behandelaar)

    def found(word):
        return [r.zaak_uuid for r in web.get(f"/werkplek/zoeken/?q={word}").context["results"]]

    for word in ("dakkapel", "schutting", "bouwtekening"):
        assert found(word) == [zaak.uuid], word
    assert found("kernwapenvrije") == []

    with tenancy.scope_for([zaak.organisation_id]):  # a rebuild (after an import or a restore)
        WorkItem.objects.filter(zaak_uuid=zaak.uuid).update(zoektekst="")
        rebuild(zaak.organisation)
    for word in ("dakkapel", "schutting", "bouwtekening"):
        assert found(word) == [zaak.uuid], word
    assert found("kernwapenvrije") == []
