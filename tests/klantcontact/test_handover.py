"""Handover: the resident asks for a person, a KCC employee reads and answers in the chat."""

from __future__ import annotations

from raadhuis.klantcontact.models import Gesprek, InterneTaak
from raadhuis.platform import tenancy
from tests.factories import member
from tests.klantcontact.conftest import say

CHAT = "/klantcontact/voorbeeldstad/chat/"


def test_handover_reaches_the_kcc_and_the_conversation_continues(client, gemeente, employee_client):
    from django.test import Client

    resident = Client()
    say(resident, "ik wil iets vragen over mijn erfpacht")
    asked = say(resident, "ik wil een medewerker spreken")
    assert asked["overdracht"] is True
    kcc = employee_client(member(gemeente, "kcc", username="kcc-a"))
    queue = kcc.get("/klantcontact/kcc/")
    assert queue.status_code == 200
    with tenancy.scope_for([gemeente.pk]):
        gesprek = Gesprek.objects.get()
        assert gesprek.overdracht == "gevraagd"
        assert InterneTaak.objects.get().status == "te_verwerken"
    assert str(gesprek.uuid) in queue.content.decode()
    page = kcc.get(f"/klantcontact/kcc/gesprekken/{gesprek.uuid}/").content.decode()
    assert "erfpacht" in page
    answered = kcc.post(f"/klantcontact/kcc/gesprekken/{gesprek.uuid}/", {"tekst": "Goedemiddag, ik help u."})
    assert answered.status_code == 302
    # The resident sees the employee's answer and the bot stays silent from now on.
    polled = resident.get(CHAT + "?na=4").json()
    assert polled["overdracht"] == "overgenomen"
    assert [(m["van"], m["tekst"]) for m in polled["berichten"]] == [
        ("medewerker", "Goedemiddag, ik help u.")
    ]
    follow_up = say(resident, "Het gaat om Dorpsstraat 3")
    assert follow_up["antwoord"] is None
    transcript = kcc.get(f"/klantcontact/kcc/gesprekken/{gesprek.uuid}/berichten/?na=5").json()["berichten"]
    assert [m["tekst"] for m in transcript] == ["Het gaat om Dorpsstraat 3"]
    with tenancy.scope_for([gemeente.pk]):
        assert InterneTaak.objects.get().status == "verwerkt"


def test_console_needs_the_kcc_role_and_own_municipality(client, gemeente, proefdorp, employee_client):
    resident = client
    say(resident, "medewerker graag")
    with tenancy.scope_for([gemeente.pk]):
        gesprek = Gesprek.objects.get()
    behandelaar = employee_client(member(gemeente, "behandelaar", username="beh-x"))
    assert behandelaar.get("/klantcontact/kcc/").status_code == 403
    behandelaar.logout()
    other_kcc = employee_client(member(proefdorp, "kcc", username="kcc-b"))
    assert str(gesprek.uuid) not in other_kcc.get("/klantcontact/kcc/").content.decode()
    assert other_kcc.get(f"/klantcontact/kcc/gesprekken/{gesprek.uuid}/").status_code == 404
    assert other_kcc.post(f"/klantcontact/kcc/gesprekken/{gesprek.uuid}/", {"tekst": "x"}).status_code == 404


def test_empty_employee_reply_is_a_dutch_error(gemeente, employee_client, client):
    say(client, "ik wil een mens spreken")
    with tenancy.scope_for([gemeente.pk]):
        gesprek = Gesprek.objects.get()
    kcc = employee_client(member(gemeente, "kcc", username="kcc-c"))
    response = kcc.post(f"/klantcontact/kcc/gesprekken/{gesprek.uuid}/", {"tekst": "   "})
    assert response.status_code == 400 and "antwoord" in response.content.decode()
