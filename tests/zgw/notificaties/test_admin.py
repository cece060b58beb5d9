"""The admin: abonnementen and kanalen; parked deliveries with the receiver's last answer,
the attempt log per notification, and redelivery."""

from __future__ import annotations

import pytest
from django.urls import reverse

from raadhuis.platform import outbox
from raadhuis.platform.models import AuditEntry, Delivery, OutboxEvent
from raadhuis.zgw.notificaties.models import Abonnement, Kanaal
from tests.factories import UserFactory, member
from tests.zgw.notificaties.conftest import abonnement_deliveries, subscribe, uuid_of, zaak_event
from tests.zgw.notificaties.receiver import TOKEN


@pytest.fixture
def beheerder_a(orgs):
    return member(orgs[0], "beheerder", username="beheerder-a", is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(username="platformbeheer", is_staff=True, is_superuser=True)


@pytest.fixture
def parked(consumer, receiver, orgs, settings):
    """A notification the receiver refused until it was parked."""
    settings.OUTBOX_MAX_ATTEMPTS = 1
    body = subscribe(consumer, receiver.url)
    receiver.status = 503
    zaak_event(orgs[0])
    assert outbox.drain().parked
    return Abonnement.all_tenants.get(uuid=uuid_of(body)), abonnement_deliveries().get()


def test_parked_delivery_shows_the_receivers_answer_and_its_log(parked, beheerder_a, employee_client):
    abonnement, delivery = parked
    client = employee_client(beheerder_a)
    listing = client.get(reverse("admin:platform_delivery_changelist"), {"status__exact": "parked"})
    assert delivery in listing.context["cl"].result_list
    page = client.get(reverse("admin:platform_delivery_change", args=[delivery.pk])).content.decode()
    assert "503" in page and 'name="_retry"' in page and "afleverpogingen" in page.lower()
    event_page = client.get(reverse("admin:platform_outboxevent_change", args=[delivery.event_id]))
    assert f"abonnement:{abonnement.uuid}" in event_page.content.decode()


def test_redeliver_from_the_abonnement(parked, receiver, beheerder_a, employee_client):
    abonnement, delivery = parked
    client = employee_client(beheerder_a)
    response = client.post(reverse("admin:notificaties_abonnement_changelist"),
                           {"action": "retry_parked", "_selected_action": [abonnement.pk]})
    assert response.status_code == 302
    receiver.status = 204
    assert outbox.drain().delivered == [delivery.pk]
    assert len(receiver.accepted()) == 1


def test_abonnement_pages_and_link_to_its_deliveries(parked, beheerder_a, employee_client):
    abonnement, _ = parked
    client = employee_client(beheerder_a)
    listing = client.get(reverse("admin:notificaties_abonnement_changelist"))
    assert list(listing.context["cl"].result_list) == [abonnement]
    page = client.get(reverse("admin:notificaties_abonnement_change", args=[abonnement.pk])).content.decode()
    assert f"handler=abonnement%3A{abonnement.uuid}" in page
    assert TOKEN not in page  # the secret is never shown


def test_a_beheerder_of_another_organisation_sees_nothing(parked, orgs, employee_client):
    other = member(orgs[1], "beheerder", username="beheerder-b", is_staff=True)
    client = employee_client(other)
    for page in ("admin:notificaties_abonnement_changelist", "admin:platform_delivery_changelist"):
        assert list(client.get(reverse(page)).context["cl"].result_list) == []


def test_create_in_the_admin_is_checked_like_the_api(superuser, employee_client, orgs, receiver, settings):
    client = employee_client(superuser)
    zaken = Kanaal.objects.get(naam="zaken")
    form = {
        "organisation": orgs[0].pk, "callback_url": "http://169.254.169.254/x", "auth": TOKEN,
        "kanalen-TOTAL_FORMS": "1", "kanalen-INITIAL_FORMS": "0",
        "kanalen-0-kanaal": zaken.pk, "kanalen-0-filters": '{"kleur": "rood"}',
    }
    add = reverse("admin:notificaties_abonnement_add")
    refused = client.post(add, form)
    assert refused.status_code == 200 and not Abonnement.all_tenants.exists()
    errors = str(refused.context["errors"])
    assert "niet is toegestaan" in errors and "passen niet" in errors

    form.update({"callback_url": receiver.url, "kanalen-0-filters": '{"zaaktype": "*"}'})
    assert client.post(add, form).status_code == 302
    abonnement = Abonnement.all_tenants.get()
    assert abonnement.auth == TOKEN and list(abonnement.organisaties.all()) == [orgs[0]]
    assert abonnement.kanalen.get().filters == {"zaaktype": "*"}
    zaak_event(orgs[0])
    assert abonnement_deliveries().count() == 1


def test_builtin_kanalen_cannot_be_changed(superuser, employee_client):
    client = employee_client(superuser)
    zaken = Kanaal.objects.get(naam="zaken")
    assert client.get(reverse("admin:notificaties_kanaal_changelist")).status_code == 200
    page = client.get(reverse("admin:notificaties_kanaal_change", args=[zaken.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    delete = reverse("admin:notificaties_kanaal_delete", args=[zaken.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_beheerder_can_view_kanalen(beheerder_a, employee_client):
    page = employee_client(beheerder_a).get(reverse("admin:notificaties_kanaal_changelist"))
    assert page.status_code == 200


def test_deleting_in_the_admin_is_audited(parked, superuser, employee_client):
    abonnement, _ = parked
    client = employee_client(superuser)
    delete = reverse("admin:notificaties_abonnement_delete", args=[abonnement.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Abonnement.all_tenants.exists()

    assert AuditEntry.all_tenants.filter(resource="abonnement", actie="destroy").exists()
    assert Delivery.all_tenants.exists() and OutboxEvent.all_tenants.exists()  # the history stays
