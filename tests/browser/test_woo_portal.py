"""A Woo-verzoek in a real browser: the error summary on bad input, then the confirmation with
the decision date; both pages pass an axe-core scan (no serious or critical WCAG 2.1 AA issues)."""

from __future__ import annotations

import pytest

from raadhuis.platform import tenancy
from raadhuis.zgw.zaken.models import Zaak
from tests.portal.conftest import build_gemeente
from tests.portal.test_woo_verzoek import long_date, woo_zaaktype

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_anonymous_woo_request_in_the_browser(live_server, page, axe_check, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    gemeente = build_gemeente()[0]
    woo_zaaktype(gemeente)
    page.goto(f"{live_server.url}/portaal/voorbeeldstad/producten/woo-verzoek/")
    page.get_by_role("link", name="Online aanvragen of melden").click()
    axe_check(page, context="woo form")
    page.get_by_label("Onderwerp").fill("Bomenkap Molenweg")
    page.get_by_label("Welke informatie zoekt u?").fill("Alle verslagen over de bomenkap aan de Molenweg.")
    page.get_by_role("button", name="Woo-verzoek versturen").click()
    page.get_by_role("heading", name="Er ging iets mis").wait_for()
    axe_check(page, context="woo form with errors")
    page.get_by_label("E-mailadres").fill("verzoeker@example.nl")
    page.get_by_label("Op papier, per post").check()
    page.get_by_role("button", name="Woo-verzoek versturen").click()
    page.get_by_role("heading", name="Wij hebben uw Woo-verzoek ontvangen").wait_for()
    axe_check(page, context="woo received")
    with tenancy.scope_for([gemeente.pk]):
        zaak = Zaak.objects.get(zaaktype__identificatie="WOO")
    assert zaak.identificatie in page.content()
    assert long_date(zaak.uiterlijke_einddatum_afdoening) in page.content()
    assert "Op papier" in zaak.toelichting
