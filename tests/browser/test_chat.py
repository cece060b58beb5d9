"""The chat widget of Mijn gemeente in a real browser, keyboard only: open it, ask, read the
answer in the live region, ask for a person and receive the KCC employee's answer in the same
conversation; an axe-core scan of the open widget; and the plain form without JavaScript."""

from __future__ import annotations

import pytest

from raadhuis.klantcontact import services
from raadhuis.klantcontact.models import Gesprek
from raadhuis.platform import tenancy
from tests.factories import member
from tests.portal.conftest import build_gemeente

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def voorbeeldstad(transactional_db):
    return build_gemeente()[0]


def tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the element with this accessible text has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.textContent.trim()") == name:
            return
    pytest.fail(f"{name!r} cannot be reached with the keyboard")


def test_the_widget_works_with_the_keyboard_and_hands_over_to_an_employee(live_server, page, axe_check,
                                                                          voorbeeldstad):
    page.goto(f"{live_server.url}/portaal/voorbeeldstad/")
    axe_check(page, context="home with the closed chat widget")
    tab_to(page, "Chat met de gemeente")
    page.keyboard.press("Enter")
    toggle = page.locator(".kc-chat__toggle")
    assert toggle.get_attribute("aria-expanded") == "true"
    question = page.get_by_label("Uw vraag")
    assert page.evaluate("document.activeElement.id") == "kc-chat-bericht"  # focus moved to the input

    page.keyboard.type("wat kost een paspoort")
    page.keyboard.press("Enter")
    log = page.get_by_role("log")
    assert log.get_attribute("aria-live") == "polite"
    log.get_by_text("Paspoort aanvragen", exact=False).first.wait_for()
    assert "€ 84,80" in log.inner_text()  # the catalogue's own figure, with its page as source
    assert log.get_by_role("link", name="Meer informatie: Paspoort aanvragen").count() == 1
    axe_check(page, context="open chat widget with an answer")

    question.fill("ik wil een medewerker spreken")
    page.keyboard.press("Enter")
    log.get_by_text("Klantcontactcentrum", exact=False).wait_for()
    with tenancy.scope_for([voorbeeldstad.pk]):
        gesprek = Gesprek.objects.get(overdracht=Gesprek.Overdracht.GEVRAAGD)
        employee = member(voorbeeldstad, role="kcc", first_name="Fatima", last_name="de Vries")
        services.employee_reply(gesprek, employee, "Goedemiddag, u spreekt met Fatima. Wat kan ik doen?")
    log.get_by_text("u spreekt met Fatima", exact=False).wait_for(timeout=20000)

    page.keyboard.press("Escape")
    assert page.locator("#kc-chat-panel").is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "kc-chat-panel"


def test_without_javascript_the_chat_is_a_plain_form(live_server, browser, voorbeeldstad):
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/portaal/voorbeeldstad/")
        page.get_by_role("link", name="Chat met de gemeente").click()
        page.get_by_label("Uw vraag of antwoord").fill("wat kost een paspoort")
        page.get_by_role("button", name="Versturen").click()
        assert "€ 84,80" in page.locator(".kc-transcript").inner_text()
        assert page.get_by_role("link", name="Paspoort aanvragen").count() >= 1
    finally:
        context.close()
