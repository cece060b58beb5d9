"""A Woo-jurist in a real browser: registers a request, imports a letter, finds it, adds it to
the dossier, accepts the proposed redactions, assesses and publishes; the municipality's
public Woo page then offers the redacted PDF, in which none of the withheld data can be read.
Every page passes an axe-core scan (no serious or critical WCAG 2.1 AA violations)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from raadhuis.platform import tenancy
from raadhuis.woo import redaction
from tests.factories import OrganisationFactory, member, verified_device
from tests.woo.conftest import LETTER, SECRETS, make_pdf
from tests.zgw.zaken.factories import published_zaaktype

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def jurist(transactional_db, settings):
    settings.WOO_DEDUCE = False  # deduce loads its lexicons for seconds; the rules suffice here
    with tenancy.system_scope():
        aadorp = OrganisationFactory(name="Gemeente Aadorp", slug="aadorp")
        published_zaaktype(aadorp, identificatie="WOO")
        user = member(aadorp, "woo_jurist", username="jurist-aadorp")
        device = verified_device(user)
    return aadorp, user, device


def login(page, live_server, user, device) -> None:
    """The session of a login with a verified second factor, handed to the browser."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def test_jurist_handles_a_request_from_registration_to_publication(
    live_server, page, axe_check, jurist, tmp_path
):
    aadorp, user, device = jurist
    login(page, live_server, user, device)
    page.goto(f"{live_server.url}/woo/")
    axe_check(page, context="overview")
    page.get_by_label("Onderwerp").fill("Vergunning Kerkstraat")
    page.get_by_label("Verzoeker").fill("K. Bakker")
    page.get_by_label("Ontvangen op").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Registreren").click()
    page.get_by_role("heading", name="Termijnen").wait_for()
    request_url = page.url
    axe_check(page, context="request")

    page.get_by_role("link", name="Alle Woo-verzoeken").click()
    page.get_by_role("link", name="Documenten importeren in het archief").click()
    page.get_by_role("heading", name="Document importeren in het archief").wait_for()
    axe_check(page, context="import")
    letter = tmp_path / "brief.pdf"
    letter.write_bytes(make_pdf(LETTER))
    page.get_by_label("Bestand").set_input_files(str(letter))
    page.get_by_label("Titel").fill("Brief vergunning De Vries")
    page.get_by_role("button", name="Importeren").click()
    page.get_by_text("1 document(en) geïmporteerd").wait_for()

    page.goto(request_url)
    page.get_by_label("Zoektermen").fill("vergund")  # Dutch stemming: the letter says "vergund"
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_label("Brief vergunning De Vries").check()
    axe_check(page, context="search results")
    page.get_by_role("button", name="Selectie aan dossier toevoegen").click()
    page.get_by_role("link", name="Brief vergunning De Vries").click()

    page.get_by_role("heading", name="Lakkingen").wait_for()
    assert "123456782" in page.content() and "5.1.1e" in page.content()
    axe_check(page, context="review")
    page.get_by_role("button", name="Alle voorstellen accepteren").click()
    page.get_by_text("voorstel(len) geaccepteerd").wait_for()
    assert "Voorgesteld" not in page.locator("table").first.inner_text()
    page.get_by_label("Beoordeling").select_option("deels_openbaar")
    page.get_by_label("Motivering").fill("Persoonsgegevens van de aanvrager zijn gelakt (5.1.2e, 5.1.1e).")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Beoordeling opgeslagen").wait_for()

    page.get_by_role("link", name="Terug naar het verzoek").click()
    page.get_by_role("button", name="Besluiten en publiceren").click()
    page.get_by_text("Besluit genomen en publicatie klaargezet").wait_for()

    page.goto(f"{live_server.url}/woo/openbaar/aadorp/")
    axe_check(page, context="public page")
    page.get_by_role("link", name="Vergunning Kerkstraat").click()
    page.get_by_role("heading", name="Documenten").wait_for()
    axe_check(page, context="public request")
    link = page.get_by_role("link", name="Brief vergunning De Vries")
    published = page.request.get(live_server.url + link.get_attribute("href"))
    assert published.ok and published.headers["content-type"] == "application/pdf"
    assert redaction.find_leaks(published.body(), SECRETS) == []
