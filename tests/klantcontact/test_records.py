"""Klantcontacten are records: no changes after recording; retention; tenancy; privacy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from raadhuis.klantcontact import services
from raadhuis.klantcontact.models import Faq, Gesprek, Klantcontact
from raadhuis.klantcontact.privacy import mask
from raadhuis.platform import tenancy


def conversation(org, text="hallo"):
    with tenancy.scope_for([org.pk]):
        gesprek = services.start_gesprek(org)
        services.post_message(gesprek, text)
        return gesprek


def test_a_klantcontact_cannot_be_changed(gemeente):
    gesprek = conversation(gemeente)
    with tenancy.scope_for([gemeente.pk]):
        contact = Klantcontact.objects.filter(gesprek=gesprek).first()
        contact.inhoud = "iets anders"
        with pytest.raises(PermissionError):
            contact.save()
        with pytest.raises(PermissionError):
            Klantcontact.objects.filter(pk=contact.pk).update(inhoud="iets anders")
        assert Klantcontact.objects.get(pk=contact.pk).inhoud == "hallo"


def test_retention_purge_deletes_old_conversations_only(gemeente, settings):
    settings.KLANTCONTACT_RETENTION_DAYS = 30
    old, new = conversation(gemeente), conversation(gemeente)
    with tenancy.scope_for([gemeente.pk]):
        Gesprek.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=31))
    with tenancy.system_scope():
        assert services.purge_expired() > 0
    with tenancy.scope_for([gemeente.pk]):
        assert list(Gesprek.objects.values_list("pk", flat=True)) == [new.pk]
        assert Klantcontact.objects.filter(gesprek_id=old.pk).count() == 0


def test_other_municipality_sees_no_conversations_or_faq(gemeente, proefdorp):
    conversation(gemeente)
    with tenancy.scope_for([proefdorp.pk]):
        assert not Gesprek.objects.exists() and not Klantcontact.objects.exists() and not Faq.objects.exists()
        assert services.get_gesprek(gemeente, Gesprek.all_tenants.first().uuid) is None


def test_other_municipality_has_its_own_bot_without_voorbeeldstad_faq(client, proefdorp):
    response = client.post(
        "/klantcontact/proefdorp/chat/",
        {"bericht": "wat zijn de openingstijden"},
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 200
    assert "Stadhuisplein" not in body["antwoord"]
    assert all("voorbeeldstad" not in s["url"] for s in body["bronnen"])


def test_masking_of_personal_data_in_logs():
    text = mask("bsn 123456782, mail jan.jansen@example.nl, bel 06-12345678 of +31 20 123 4567")
    assert "123456782" not in text and "jansen" not in text and "12345678" not in text
    assert "j***@example.nl" in text


def test_logs_never_contain_the_bsn(client, gemeente, caplog):
    caplog.set_level("INFO", logger="raadhuis.klantcontact")
    client.post(
        "/klantcontact/voorbeeldstad/chat/",
        {"bericht": "mijn bsn is 123456782"},
        content_type="application/json",
    )
    assert caplog.records and "123456782" not in caplog.text


def test_train_command_retrains_from_the_faq(gemeente):
    from django.core.management import call_command

    with tenancy.scope_for([gemeente.pk]):
        Faq.objects.create(
            organisation=gemeente,
            slug="zwembad",
            question="Wanneer is het zwembad open?",
            answer="Het zwembad De Plons is dagelijks open van 7.00 tot 22.00 uur.",
            url="/klantcontact/voorbeeldstad/veelgestelde-vragen/#zwembad",
            keywords="zwembad zwemmen plons",
            soort="contact",
        )
    call_command("train_chatbot", organisation="voorbeeldstad")
    with tenancy.scope_for([gemeente.pk]):
        gesprek = services.start_gesprek(gemeente)
        reply = services.post_message(gesprek, "hoe laat gaat het zwembad open")
    assert "De Plons" in reply.text and reply.sources[0]["url"].endswith("#zwembad")
