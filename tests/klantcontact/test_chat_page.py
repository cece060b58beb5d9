"""The chat on the portal: the widget on every page of Mijn gemeente, and the chat page as a
plain form that works without JavaScript (the browser test drives the widget itself)."""

from __future__ import annotations

from raadhuis.klantcontact.models import Gesprek
from raadhuis.platform import tenancy

PAGE = "/klantcontact/voorbeeldstad/gesprek/"


def test_every_portal_page_has_the_chat_widget_with_a_labelled_input(client, gemeente):
    html = client.get("/portaal/voorbeeldstad/").content.decode()
    assert 'role="log" aria-live="polite"' in html
    assert '<label class="utrecht-form-label" for="kc-chat-bericht">Uw vraag</label>' in html
    assert f'href="{PAGE}"' in html  # the way in without JavaScript
    assert 'data-chat-url="/klantcontact/voorbeeldstad/chat/"' in html


def test_the_chat_page_answers_a_plain_form_post(client, gemeente):
    response = client.post(PAGE, {"bericht": "wat kost een paspoort"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "wat kost een paspoort" in html and "/portaal/voorbeeldstad/producten/paspoort" in html
    assert "kc-chat-panel" not in html  # no widget on the chat page itself
    follow_up = client.post(PAGE, {"bericht": "ik wil een medewerker spreken"}).content.decode()
    assert "wat kost een paspoort" in follow_up and "Een medewerker neemt het gesprek over" in follow_up
    with tenancy.scope_for([gemeente.pk]):
        assert Gesprek.objects.filter(overdracht=Gesprek.Overdracht.GEVRAAGD).count() == 1


def test_the_chat_page_refuses_an_empty_message_with_a_dutch_error(client, gemeente):
    response = client.post(PAGE, {"bericht": "   "})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode() and "leeg bericht" in response.content.decode()


def test_the_chat_page_of_an_unknown_municipality_is_not_found(client, gemeente):
    assert client.get("/klantcontact/nergenshuizen/gesprek/").status_code == 404
