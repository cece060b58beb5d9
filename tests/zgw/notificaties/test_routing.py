"""Which abonnementen receive which notifications, and what arrives."""

from __future__ import annotations

import pytest

from raadhuis.platform import outbox, tenancy
from raadhuis.platform.models import Delivery, OutboxEvent
from raadhuis.zgw.notificaties import matching
from tests.zgw.notificaties.conftest import (
    BASE,
    ZAAKTYPE,
    abonnement_deliveries,
    subscribe,
    uuid_of,
    zaak_event,
)
from tests.zgw.notificaties.receiver import TOKEN


@pytest.mark.parametrize(("filters", "kenmerken", "expected"), [
    ({}, {}, True),
    ({"a": "1"}, {"a": "1", "b": "2"}, True),
    ({"a": "1"}, {"a": "2"}, False),
    ({"a": "*"}, {"a": "wat dan ook"}, True),
    ({"a": "*"}, {}, True),
    ({"a": "1"}, {}, False),  # a filtered kenmerk the notification lacks: no match
    ({"a": "1", "b": "2"}, {"a": "1", "b": "3"}, False),
])
def test_kenmerk_filters(filters, kenmerken, expected):
    assert matching.matches(filters, kenmerken) is expected


def test_zgw_events_reach_matching_abonnementen_only(zgw_client, orgs, receiver):
    a = orgs[0]
    client = zgw_client(a, [{"component": "nrc", "scopes": ["notificaties.consumeren"]}])
    alles = uuid_of(subscribe(client, receiver.url))
    openbaar = uuid_of(subscribe(client, receiver.url, [
        {"naam": "zaken", "filters": {"vertrouwelijkheidaanduiding": "openbaar", "zaaktype": "*"}}]))
    ander_type = uuid_of(subscribe(client, receiver.url, [
        {"naam": "zaken", "filters": {"zaaktype": ZAAKTYPE + "-ander"}}]))
    besluiten = uuid_of(subscribe(client, receiver.url, [{"naam": "besluiten"}]))

    zaak_event(a, "z1", vertrouwelijkheid="openbaar")
    zaak_event(a, "z2", vertrouwelijkheid="geheim")
    assert abonnement_deliveries(alles).count() == 2
    assert abonnement_deliveries(openbaar).count() == 1
    assert not abonnement_deliveries(ander_type).exists() and not abonnement_deliveries(besluiten).exists()
    assert len(outbox.drain().delivered) == 3


def test_what_the_receiver_gets(consumer, receiver, orgs):
    subscribe(consumer, receiver.url)
    zaak_event(orgs[0])
    outbox.drain()
    [request] = receiver.notifications()
    event = OutboxEvent.all_tenants.get(kanaal="zaken")
    assert request.body == event.payload  # the standard's message, unchanged
    assert set(request.body) == {"kanaal", "hoofdObject", "resource", "resourceUrl", "actie",
                                 "aanmaakdatum", "kenmerken"}
    assert request.headers["Authorization"] == TOKEN
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Idempotency-Key"] == str(event.uuid)  # lets a receiver drop a repeat


def test_a_write_through_the_autorisaties_api_is_notified(zgw_client, orgs, consumer, receiver):
    subscribe(consumer, receiver.url, [{"naam": "autorisaties"}])
    beheer = zgw_client(orgs[0], [{"component": "ac",
                                   "scopes": ["autorisaties.lezen", "autorisaties.bijwerken"]}])
    created = beheer.post("/autorisaties/api/v1/applicaties", {
        "clientIds": ["nieuw-systeem"], "label": "Nieuw", "heeftAlleAutorisaties": True}, format="json")
    assert created.status_code == 201, created.content
    outbox.drain()
    [notification] = receiver.accepted()
    assert notification["kanaal"] == "autorisaties" and notification["actie"] == "create"
    assert notification["hoofdObject"] == created.json()["url"]


def test_internal_events_are_never_routed(consumer, receiver, orgs, publisher):
    """A kanaal named like another module's internal kanaal gets none of its events."""
    publisher.post(f"{BASE}/kanaal", {"naam": "portal.berichten"}, format="json")
    subscribe(consumer, receiver.url, [{"naam": "portal.berichten"}])
    with tenancy.system_scope():
        outbox.publish(organisation=orgs[0], kanaal="portal.berichten", payload={"bsn": "999993653"})
    assert not abonnement_deliveries().exists()


def test_a_deleted_abonnement_is_skipped_not_retried(consumer, receiver, orgs):
    body = subscribe(consumer, receiver.url)
    zaak_event(orgs[0])
    consumer.delete(body["url"])
    result = outbox.drain()
    assert result.skipped and not result.failed
    delivery = abonnement_deliveries().get()
    assert delivery.status == Delivery.Status.SKIPPED and "bestaat niet meer" in delivery.last_error
    assert receiver.notifications() == []


def test_an_abonnement_that_no_longer_matches_is_skipped(consumer, receiver, orgs):
    body = subscribe(consumer, receiver.url)
    zaak_event(orgs[0])
    consumer.patch(body["url"], {"kanalen": [{"naam": "besluiten"}]}, format="json")
    assert outbox.drain().skipped
    assert receiver.notifications() == []


def test_one_delivery_per_abonnement_even_with_two_matching_groups(consumer, receiver, orgs):
    subscribe(consumer, receiver.url, [{"naam": "zaken"}, {"naam": "zaken", "filters": {"zaaktype": "*"}}])
    zaak_event(orgs[0])
    assert abonnement_deliveries().count() == 1
