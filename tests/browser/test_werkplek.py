"""The werkplek case page in a real browser: opening a document's preview loads its first
page inside the page (htmx), the full preview shows every page, and both pass axe-core."""

from __future__ import annotations

import pymupdf
import pytest

from raadhuis.platform import context, tenancy
from raadhuis.werkplek import demo as werkplek_demo
from raadhuis.werkplek import services as werkplek
from raadhuis.werkplek import zaakdata
from raadhuis.zgw.catalogi import demo as catalogi_demo
from tests.factories import OrganisationFactory, member
from tests.werkplek.conftest import TYPES, ZAAKTYPEN, zaaktype

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _pdf(*texts) -> bytes:
    document = pymupdf.open()
    for text in texts:
        document.new_page().insert_text((72, 72), text, fontsize=24)
    return document.tobytes()


@pytest.fixture
def zaak_met_document(transactional_db, monkeypatch, settings):
    settings.RAADHUIS_BASE_URL = "http://testserver"
    monkeypatch.setattr(catalogi_demo, "ZAAKTYPEN",
                        [z for z in catalogi_demo.ZAAKTYPEN if z["identificatie"] in ZAAKTYPEN])
    monkeypatch.setattr(catalogi_demo, "INFORMATIEOBJECTTYPEN",
                        [t for t in catalogi_demo.INFORMATIEOBJECTTYPEN if t[0] in TYPES])
    monkeypatch.setattr(catalogi_demo, "BESLUITTYPEN",
                        [b for b in catalogi_demo.BESLUITTYPEN if b[0] == "Parkeervergunning verlenen"])
    with tenancy.system_scope():
        gemeente = OrganisationFactory(name="Gemeente Voorbeeldstad", slug="voorbeeldstad")
        catalogi_demo.load(gemeente, None)
        werkplek_demo.load(gemeente, None)
    behandelaar = member(gemeente, "behandelaar", username="bea")
    with tenancy.activate(tenancy.scope_of_user(behandelaar)), context.acting_as(
        context.actor_for_user(behandelaar)
    ):
        zaak = werkplek.intake(organisation=gemeente, zaaktype=zaaktype(gemeente, "PARKVERG"),
                               omschrijving="Parkeervergunning Kerkplein")
        aanvraag = next(t for t in zaakdata.informatieobjecttypen(zaak) if t.omschrijving == "Aanvraag")
        werkplek.add_document(zaak, titel="Kentekenbewijs", inhoud=_pdf("Kenteken AB-123-C", "Blad 2"),
                              bestandsnaam="kenteken.pdf", formaat="application/pdf",
                              informatieobjecttype=aanvraag)
    return behandelaar, zaak




def test_a_document_preview_opens_in_the_case_page(live_server, page, axe_check, log_in, zaak_met_document):
    behandelaar, zaak = zaak_met_document
    log_in(behandelaar)
    page.goto(f"{live_server.url}/werkplek/zaken/{zaak.uuid}/")
    page.locator("details.werkplek-voorbeeld summary").click()
    first_page = page.get_by_role("img", name="Pagina 1 van 2 van Kentekenbewijs")
    picture = first_page.element_handle()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=picture)
    assert page.evaluate("(img) => img.naturalWidth", picture) == 900  # rendered by the server
    axe_check(page, context="case page with a preview open")

    page.get_by_role("link", name="Alle 2 pagina's bekijken").click()  # a boosted link (htmx)
    page.get_by_role("img", name="Pagina 2 van 2 van Kentekenbewijs").wait_for()
    assert page.url.endswith("/voorbeeld/")
    assert page.get_by_role("heading", name="Kentekenbewijs").is_visible()
    axe_check(page, context="document preview")
