"""The KCC console in a real browser: find a resident, search the catalogue and insert the
answer without losing the typed question (htmx), record the contact, see the open task; every
page passes an axe-core scan (no serious or critical WCAG 2.1 AA violations)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from raadhuis.klantcontact.models import Klantcontact
from raadhuis.platform import tenancy
from tests.factories import member
from tests.portal.conftest import build_gemeente, living_adult

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_kcc_console_find_answer_record_and_follow_up(live_server, page, axe_check, log_in):
    gemeente = build_gemeente()[0]
    persoon = living_adult(gemeente)
    employee = member(gemeente, role="kcc", username="kcc-browser", first_name="Fatima", last_name="de Vries")
    log_in(employee)

    page.goto(f"{live_server.url}/klantcontact/kcc/")
    axe_check(page, context="KCC home")
    assert page.evaluate("document.activeElement.name") == "bsn"  # start typing at once
    page.keyboard.type(persoon.burgerservicenummer)
    page.keyboard.press("Enter")
    choose = page.locator("form[action$='/kcc/inwoners/'] button")
    choose.first.wait_for()
    # The werkplek boosts forms with htmx: once its swap has settled, the first "Kies" has the
    # focus (not the search field the employee came from), so Enter chooses the resident.
    expect(page.locator(".htmx-request, .htmx-swapping, .htmx-settling")).to_have_count(0)
    expect(choose.first).to_be_focused()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Contact vastleggen").wait_for()
    axe_check(page, context="KCC resident page")

    page.get_by_label("Vraag of notitie").fill("Mijn paspoort is verlopen, wat nu?")
    page.get_by_label("Zoek in producten en veelgestelde vragen").fill("paspoort")
    page.keyboard.press("Enter")
    insert = page.locator("#pdc-resultaten").get_by_role("button", name="Paspoort aanvragen")
    insert.wait_for()
    assert page.get_by_label("Vraag of notitie").input_value() == "Mijn paspoort is verlopen, wat nu?"
    insert.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Gegeven antwoord")).to_have_value(re.compile("Bron: Paspoort aanvragen"))
    assert page.get_by_label("Onderwerp").input_value() == "Paspoort aanvragen"
    page.get_by_label("Terugbelverzoek maken").check()
    page.get_by_label("Voor team of medewerker").select_option(label="Fatima de Vries")
    page.get_by_role("button", name="Contact vastleggen").click()
    page.get_by_text("Het contact is vastgelegd.").wait_for()
    with tenancy.scope_for([gemeente.pk]):
        record = Klantcontact.objects.get(kanaal="telefoon")
        assert "Bron: Paspoort aanvragen" in record.inhoud

    page.goto(f"{live_server.url}/klantcontact/kcc/taken/")
    page.get_by_role("button", name="Oppakken").get_by_text("Terugbellen").wait_for()
    axe_check(page, context="KCC open tasks")
