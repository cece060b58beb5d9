"""The chat endpoint: answers from the catalogue/FAQ with their source, meldingen, case status."""

from __future__ import annotations

import pytest

from raadhuis.klantcontact.models import Gesprek, Klantcontact, Onderwerpobject
from raadhuis.platform import tenancy
from raadhuis.zgw.zaken.models import Zaak
from tests.klantcontact.conftest import say
from tests.portal.conftest import PNG, upload
from tests.portal.test_cases import OTHER_BSN, make_case

CHAT = "/klantcontact/voorbeeldstad/chat/"


def test_product_question_is_answered_from_the_catalogue_with_its_page(client, gemeente):
    answer = say(client, "wat kost een parkeervergunnig")
    assert answer["intentie"] == "product_vraag"
    assert "€ 59,00" in answer["antwoord"]  # the product's own text, typo in the question
    assert answer["bronnen"][0]["url"] == "/portaal/voorbeeldstad/producten/parkeervergunning/"


def test_faq_answer_cites_the_faq_page(client, gemeente):
    answer = say(client, "hoe laat gaat het stadskantoor dicht")
    assert answer["intentie"] == "contact"
    assert "9.00 tot 17.00" in answer["antwoord"]
    url = answer["bronnen"][0]["url"]
    assert url == "/klantcontact/voorbeeldstad/veelgestelde-vragen/#openingstijden"
    page = client.get(url.split("#")[0]).content.decode()
    assert 'id="openingstijden"' in page


def test_out_of_scope_is_refused_and_a_person_offered_after_two(client, gemeente):
    first = say(client, "wat voor weer wordt het morgen in parijs")
    assert first["intentie"] == "out_of_scope" and not first["bronnen"]
    second = say(client, "vertel me een mop over katten")
    assert "medewerker" in second["antwoord"]


def test_melding_dialogue_creates_the_mor_zaak_with_photo(client, gemeente, persoon):
    adres = persoon.verblijfplaats
    first = say(client, "ik wil een melding doen")
    assert first["intentie"] == "melding_doen" and "Wat wilt u melden" in first["antwoord"]
    assert "Waar" in say(client, "De lantaarnpaal bij de speeltuin brandt niet meer")["antwoord"]
    assert "foto" in say(client, f"{adres.postcode} {adres.huisnummer}")["antwoord"]
    response = client.post(CHAT, {"bericht": "", "foto": upload("paal.png", PNG)})
    done = response.json()
    assert response.status_code == 200 and done["zaak"], done
    with tenancy.scope_for([gemeente.pk]):
        zaak = Zaak.objects.select_related("zaaktype").get(identificatie=done["zaak"])
        assert zaak.zaaktype.identificatie == "MOR"
        assert zaak.omschrijving == "Straatverlichting"
        assert "brandt niet meer" in zaak.toelichting
        assert zaak.zaakgeometrie["type"] == "Point"
        from raadhuis.zgw.zaken import services as zaken

        assert len(zaken.informatieobject_urls_of(zaak)) == 1
        assert Onderwerpobject.objects.get(code_objecttype="zaak").object_id == str(zaak.uuid)


def test_melding_in_one_sentence_without_photo_and_free_text_location(client, gemeente):
    first = say(client, "er ligt een berg zwerfvuil naast de glasbak")
    assert first["intentie"] == "melding_doen" and "Waar" in first["antwoord"]
    say(client, "bij het station, achter de fietsenstalling")
    done = say(client, "nee")
    with tenancy.scope_for([gemeente.pk]):
        zaak = Zaak.objects.get(identificatie=done["zaak"])
    assert zaak.omschrijving == "Afval en zwerfvuil" and "fietsenstalling" in zaak.toelichting


def test_melding_can_be_stopped(client, gemeente):
    say(client, "ik wil iets melden")
    assert "gestopt" in say(client, "stop")["antwoord"]
    say(client, "ik wil iets melden")
    assert say(client, "ik wil liever een medewerker spreken")["overdracht"] is True
    with tenancy.scope_for([gemeente.pk]):
        assert not Zaak.objects.exists()


def test_case_status_needs_login(client, gemeente, persoon):
    make_case(gemeente, persoon.burgerservicenummer)
    answer = say(client, "wat is de status van mijn aanvraag")
    assert answer["intentie"] == "zaak_status" and answer["inloggen"] is True
    assert "ZAAK" not in answer["antwoord"] and "Parkeervergunning" not in answer["antwoord"]


def test_case_status_shows_only_own_cases(resident, gemeente, persoon):
    own = make_case(gemeente, persoon.burgerservicenummer)
    other = make_case(gemeente, OTHER_BSN)
    answer = say(resident, "hoe staat het met mijn aanvraag")
    assert own.identificatie in answer["antwoord"] and other.identificatie not in answer["antwoord"]
    asked = say(resident, f"wat is de status van mijn zaak {other.identificatie}")
    assert other.identificatie not in asked["antwoord"] and "geen zaak met dat nummer" in asked["antwoord"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{nope", "application/json"),
        (b'{"bericht": 5}', "application/json"),
        (b"[]", "application/json"),
        (b"bericht=hoi", "text/plain"),
    ],
)
def test_bad_input_gets_a_clear_error(client, gemeente, body, content_type):
    response = client.post(CHAT, body, content_type=content_type)
    assert response.status_code == 400 and response.json()["fout"]


def test_empty_and_huge_messages_are_refused(client, gemeente):
    assert client.post(CHAT, {"bericht": "  "}, content_type="application/json").status_code == 400
    huge = client.post(CHAT, {"bericht": "a" * 1001}, content_type="application/json")
    assert huge.status_code == 400 and "1000" in huge.json()["fout"]


def test_unknown_municipality_is_404(client, gemeente):
    assert (
        client.post(
            "/klantcontact/nergens/chat/", {"bericht": "hoi"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_every_turn_is_a_klantcontact_with_the_chatbot_as_actor_and_bsn_masked(client, gemeente):
    say(client, "hallo, mijn bsn is 123456782 en mijn mail is jan@example.nl")
    with tenancy.scope_for([gemeente.pk]):
        resident_turn, bot_turn = Klantcontact.objects.select_related("actor").order_by("pk")
        assert resident_turn.actor is None and resident_turn.betrokkenen.count() == 1
        assert bot_turn.actor.soort_actor == "geautomatiseerde_actor"
    assert "123456782" not in resident_turn.inhoud and "[bsn]" in resident_turn.inhoud
    polled = client.get(CHAT + "?na=1").json()
    assert [m["van"] for m in polled["berichten"]] == ["chatbot"]


def test_conversation_is_per_session(client, gemeente, django_user_model):
    say(client, "hallo")
    from django.test import Client

    other = Client()
    assert other.get(CHAT).json() == {"gesprek": None, "berichten": []}
    with tenancy.scope_for([gemeente.pk]):
        assert Gesprek.objects.count() == 1
