"""The platform admin: parked deliveries and their retry, append-only records, tenancy."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse

from raadhuis.platform import audit, outbox, tenancy
from raadhuis.platform.models import (
    AuditEntry,
    Delivery,
    Organisation,
    OutboxEvent,
    ProcessingLogEntry,
    User,
)
from tests.factories import UserFactory, member

KANAAL = "tests.admin"
MODELS = [Organisation, User, AuditEntry, ProcessingLogEntry, OutboxEvent, Delivery]


@pytest.fixture(autouse=True)
def handlers(monkeypatch):
    monkeypatch.setattr(outbox, "wake_dispatcher", lambda: None)
    for name in ("tests.admin.webhook", "tests.admin.mail"):
        outbox.register_handler(name, lambda event: None, [KANAAL])
    yield
    for name in ("tests.admin.webhook", "tests.admin.mail"):
        outbox.unregister_handler(name)


def _records(organisation) -> dict:
    """One of each tenant-owned platform record; the webhook delivery is parked."""
    event = outbox.publish(organisation=organisation, kanaal=KANAAL, payload={"zaak": "Z-1"})
    Delivery.all_tenants.filter(event=event, handler="tests.admin.webhook").update(
        status=Delivery.Status.PARKED, attempts=12, last_error=f"HTTP 503 bij {organisation.slug}")
    Delivery.all_tenants.filter(event=event, handler="tests.admin.mail").update(
        status=Delivery.Status.DELIVERED)
    return {
        "event": event,
        "parked": Delivery.all_tenants.get(event=event, status=Delivery.Status.PARKED),
        "delivered": Delivery.all_tenants.get(event=event, status=Delivery.Status.DELIVERED),
        "audit": audit.record_change(organisation=organisation, bron="ZRC", actie="create",
                                     resource="zaak", resource_url=f"urn:{organisation.slug}"),
        "log": audit.log_processing(organisation=organisation, verwerkingsactiviteit="Inzien",
                                    doelbinding="Behandelen aanvraag", grondslag="Awb",
                                    betrokkene_id="999990019", soorten_gegevens=["naam"]),
    }


@pytest.fixture
def records(two_municipalities):
    a, b = two_municipalities
    return _records(a), _records(b)


@pytest.fixture
def superuser(db):
    return UserFactory(username="platformbeheer", is_staff=True, is_superuser=True)


@pytest.fixture
def beheerder_a(two_municipalities):
    return member(two_municipalities[0], "beheerder", username="beheerder-a", is_staff=True)


def url(model, view="changelist", *args):
    return reverse(f"admin:platform_{model._meta.model_name}_{view}", args=args)


def rows(response) -> list:
    return list(response.context["cl"].result_list)


# --- Every page works -----------------------------------------------------------------------


def test_every_platform_admin_page_renders_for_a_superuser(records, superuser, employee_client):
    client = employee_client(superuser)
    objects = {Organisation: records[0]["event"].organisation, User: superuser,
               AuditEntry: records[0]["audit"], ProcessingLogEntry: records[0]["log"],
               OutboxEvent: records[0]["event"], Delivery: records[0]["parked"]}
    for model in MODELS:
        assert model in admin.site._registry, model
        assert client.get(url(model)).status_code == 200, model
        assert client.get(url(model, "change", objects[model].pk)).status_code == 200, model
    [event] = rows(client.get(url(OutboxEvent), {"q": str(records[0]["event"].uuid)}))
    assert event.open_deliveries_count == 1  # the parked one
    event_page = client.get(url(OutboxEvent, "change", records[0]["event"].pk)).content.decode()
    assert "tests.admin.webhook" in event_page and "tests.admin.mail" in event_page


def test_search_by_uuid_and_by_text(records, superuser, employee_client):
    client = employee_client(superuser)
    event = records[1]["event"]
    assert rows(client.get(url(OutboxEvent), {"q": str(event.uuid)})) == [event]
    assert len(rows(client.get(url(Delivery), {"q": str(event.uuid)}))) == 2
    assert rows(client.get(url(Delivery), {"q": "bij beestad"})) == [records[1]["parked"]]


# --- Parked deliveries and retry ----------------------------------------------------------


def test_parked_deliveries_are_listed_first_and_filterable(records, superuser, employee_client):
    client = employee_client(superuser)
    listed = rows(client.get(url(Delivery)))
    assert [d.status for d in listed] == ["parked", "parked", "delivered", "delivered"]
    parked = rows(client.get(url(Delivery), {"status__exact": "parked"}))
    assert {d.pk for d in parked} == {records[0]["parked"].pk, records[1]["parked"].pk}


def test_retry_action_requeues_parked_deliveries(records, superuser, employee_client):
    client = employee_client(superuser)
    chosen = [records[0]["parked"].pk, records[0]["delivered"].pk]
    response = client.post(url(Delivery), {"action": "retry_selected",
                                           "_selected_action": chosen}, follow=True)
    text = response.content.decode()
    assert "1 aflevering staat weer in de wachtrij" in text
    assert "niet geparkeerd en is overgeslagen" in text
    retried = Delivery.all_tenants.get(pk=records[0]["parked"].pk)
    assert (retried.status, retried.attempts) == (Delivery.Status.PENDING, 0)
    assert Delivery.all_tenants.get(pk=records[1]["parked"].pk).status == "parked"
    assert Delivery.all_tenants.get(pk=records[0]["delivered"].pk).status == "delivered"
    assert AuditEntry.all_tenants.get(actie="retry").gebruikers_id == "platformbeheer"


def test_retry_button_on_the_parked_deliverys_page(records, beheerder_a, employee_client):
    client = employee_client(beheerder_a)
    parked, delivered = records[0]["parked"], records[0]["delivered"]
    page = client.get(url(Delivery, "change", parked.pk))
    assert 'name="_retry"' in page.content.decode()
    assert 'name="_retry"' not in client.get(url(Delivery, "change", delivered.pk)).content.decode()

    response = client.post(url(Delivery, "change", parked.pk), {"_retry": "1"})
    assert response.status_code == 302 and response["Location"] == url(Delivery, "change", parked.pk)
    assert Delivery.all_tenants.get(pk=parked.pk).status == Delivery.Status.PENDING


def test_retry_needs_the_change_delivery_permission(records, two_municipalities, employee_client):
    kijker = member(two_municipalities[0], "behandelaar", username="kijker", is_staff=True)
    kijker.user_permissions.add(Permission.objects.get(codename="view_delivery"))
    client = employee_client(kijker)
    parked = records[0]["parked"]
    assert 'name="_retry"' not in client.get(url(Delivery, "change", parked.pk)).content.decode()
    assert client.post(url(Delivery, "change", parked.pk), {"_retry": "1"}).status_code == 403
    client.post(url(Delivery), {"action": "retry_selected", "_selected_action": [parked.pk]})
    assert Delivery.all_tenants.get(pk=parked.pk).status == Delivery.Status.PARKED


def test_deliveries_and_events_cannot_be_added_changed_or_deleted(
    records, superuser, employee_client
):
    client = employee_client(superuser)
    for model, obj in ((Delivery, records[0]["parked"]), (OutboxEvent, records[0]["event"])):
        assert client.get(url(model, "add")).status_code == 403
        assert client.get(url(model, "delete", obj.pk)).status_code == 403
        assert client.post(url(model, "change", obj.pk), {}).status_code == 403


# --- Append-only records --------------------------------------------------------------------


@pytest.mark.parametrize("model, key", [(AuditEntry, "audit"), (ProcessingLogEntry, "log")])
def test_append_only_records_allow_no_add_change_or_delete_even_for_superusers(
    records, superuser, employee_client, model, key
):
    client = employee_client(superuser)
    obj = records[0][key]
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = superuser
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, obj)
    assert not model_admin.has_delete_permission(request, obj)

    assert client.get(url(model, "add")).status_code == 403
    assert client.get(url(model, "delete", obj.pk)).status_code == 403
    assert client.post(url(model, "change", obj.pk), {"actie": "weg"}).status_code == 403
    page = client.get(url(model, "change", obj.pk)).content.decode()
    assert 'name="_save"' not in page and "deletelink" not in page
    listing = client.get(url(model))
    assert "delete_selected" not in listing.content.decode()
    response = client.post(url(model), {"action": "delete_selected", "_selected_action": [obj.pk],
                                        "post": "yes"})
    assert response.status_code in (200, 302)
    assert model.all_tenants.filter(pk=obj.pk).exists()


# --- Tenancy --------------------------------------------------------------------------------


def test_beheerder_of_a_sees_no_rows_of_b(records, two_municipalities, beheerder_a,
                                          employee_client):
    a, b = two_municipalities
    client = employee_client(beheerder_a)
    for model in (AuditEntry, ProcessingLogEntry, OutboxEvent, Delivery):
        listed = rows(client.get(url(model)))
        assert listed and {obj.organisation_id for obj in listed} == {a.pk}, model
    assert rows(client.get(url(Organisation))) == [a]
    assert "Beestad" not in client.get(url(Delivery)).content.decode()  # not even as a filter

    for model, key in ((Delivery, "parked"), (OutboxEvent, "event"), (AuditEntry, "audit"),
                       (ProcessingLogEntry, "log")):
        response = client.get(url(model, "change", records[1][key].pk))
        assert response.status_code == 302, model  # "does not exist", as for a wrong id
    assert client.get(url(Organisation, "change", b.pk)).status_code == 302


def test_beheerder_cannot_retry_deliveries_of_b(records, beheerder_a, employee_client):
    client = employee_client(beheerder_a)
    theirs = records[1]["parked"]
    client.post(url(Delivery), {"action": "retry_selected", "_selected_action": [theirs.pk]})
    assert client.post(url(Delivery, "change", theirs.pk), {"_retry": "1"}).status_code == 404
    assert Delivery.all_tenants.get(pk=theirs.pk).status == Delivery.Status.PARKED


def test_beheerder_sees_and_changes_only_own_users_and_memberships(
    two_municipalities, beheerder_a, behandelaar_a, behandelaar_b, employee_client
):
    a, b = two_municipalities
    beheerder_a.user_permissions.add(*Permission.objects.filter(
        codename__in=["view_user", "change_user", "add_membership", "change_membership"]))
    client = employee_client(beheerder_a)
    usernames = {u.username for u in rows(client.get(url(User)))}
    assert usernames == {"beheerder-a", "behandelaar-a"}
    assert client.get(url(User, "change", behandelaar_b.pk)).status_code == 302

    request = RequestFactory().get("/")
    request.user = beheerder_a
    user_admin = admin.site._registry[User]
    assert {"is_superuser", "groups", "user_permissions"} <= set(
        user_admin.get_readonly_fields(request, behandelaar_a))
    assert not user_admin.has_add_permission(request)
    inline = user_admin.get_inline_instances(request, behandelaar_a)[0]
    with tenancy.scope_for([a.pk]):
        field = inline.formfield_for_foreignkey(
            inline.model._meta.get_field("organisation"), request)
        assert list(field.queryset) == [a]
