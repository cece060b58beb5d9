"""Guaranteed delivery: at least once, in order per (abonnement, hoofdObject), through long
outages and flaky receivers, retried with backoff for more than a day, then parked."""

from __future__ import annotations

import time
from collections import defaultdict

from django.core.checks import run_checks

from raadhuis.platform import outbox, tenancy
from raadhuis.platform.models import Delivery, DeliveryAttempt
from raadhuis.zgw.notificaties import checks
from tests.zgw.notificaties.conftest import abonnement_deliveries, subscribe, zaak_event

# Open Notificaties by default: 5 retries, backoff 3 s doubling up to 48 s, then it gives up.
REFERENCE_RETRY_WINDOW_SECONDS = 3 + 6 + 12 + 24 + 48


def publish_interleaved(organisation, zaken: int, per_zaak: int) -> dict[str, list[str]]:
    """Events for several zaken, interleaved; per hoofdObject the resourceUrls in order."""
    published = defaultdict(list)
    for nummer in range(per_zaak):
        for index in range(zaken):
            zaak_event(organisation, f"zaak-{index}", actie="update", resource="status", nummer=nummer)
            published[_hoofd(f"zaak-{index}")].append(f"{_hoofd(f'zaak-{index}')}/statussen/{nummer}")
    return dict(published)


def _hoofd(zaak: str) -> str:
    return f"http://localhost:8000/zaken/api/v1/zaken/{zaak}"


def per_hoofdobject(messages: list[dict]) -> dict[str, list[str]]:
    found = defaultdict(list)
    for message in messages:
        found[message["hoofdObject"]].append(message["resourceUrl"])
    return dict(found)


def collapse_repeats(urls: list[str]) -> list[str]:
    return [url for index, url in enumerate(urls) if index == 0 or urls[index - 1] != url]


def test_default_retry_window_is_more_than_a_day():
    assert checks.retry_window_hours() >= 24
    assert checks.retry_window_hours() * 3600 > 500 * REFERENCE_RETRY_WINDOW_SECONDS


def test_receiver_down_far_longer_than_the_reference_retries_gets_everything_in_order(
    consumer, receiver, orgs, clock
):
    subscribe(consumer, receiver.url)
    receiver.stop()
    published = publish_interleaved(orgs[0], zaken=3, per_zaak=4)

    down_since = clock.now
    while (clock.now - down_since).total_seconds() < 6 * 3600:  # six hours down
        result = outbox.drain()
        assert not result.delivered and not result.parked
        clock.advance(minutes=10)
    assert (clock.now - down_since).total_seconds() > 100 * REFERENCE_RETRY_WINDOW_SECONDS
    waiting = abonnement_deliveries().filter(attempts=0)
    assert waiting.count() == 9, "the later notifications of each zaak wait for the first"

    receiver.start()
    clock.advance(hours=1)  # the longest backoff
    assert len(outbox.drain().delivered) == 12
    assert per_hoofdobject(receiver.accepted()) == published  # each once, in order per zaak
    assert not abonnement_deliveries().exclude(status=Delivery.Status.DELIVERED).exists()


def test_receiver_failing_at_random_gets_everything_in_order(consumer, receiver, orgs, clock):
    subscribe(consumer, receiver.url)
    receiver.fail_rate = 0.5  # seeded: the same run every time
    published = publish_interleaved(orgs[0], zaken=5, per_zaak=6)

    for _ in range(200):
        outbox.drain()
        if not abonnement_deliveries().exclude(status=Delivery.Status.DELIVERED).exists():
            break
        clock.advance(hours=2)
    assert per_hoofdobject(receiver.accepted()) == published  # every one, once accepted, in order
    tried = per_hoofdobject([r.body for r in receiver.notifications()])
    assert {hoofd: collapse_repeats(urls) for hoofd, urls in tried.items()} == published
    assert any(r.status == 500 for r in receiver.notifications()), "the receiver did fail"


def test_a_parked_notification_lets_the_next_one_go_and_can_be_redelivered(
    consumer, receiver, orgs, clock, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    subscribe(consumer, receiver.url)
    poison = _hoofd("z1") + "/statussen/0"
    answer = receiver._answer
    receiver._answer = lambda body, headers: (
        500 if body.get("resourceUrl") == poison else answer(body, headers))
    zaak_event(orgs[0], "z1", nummer=0)
    zaak_event(orgs[0], "z1", nummer=1)
    zaak_event(orgs[0], "z2", nummer=0)

    first = outbox.drain()
    assert len(first.failed) == 1 and len(first.delivered) == 1  # z1 #1 waits for z1 #0
    clock.advance(hours=1)
    second = outbox.drain()
    assert len(second.parked) == 1 and len(second.delivered) == 1  # parking released z1 #1
    assert [m["resourceUrl"] for m in receiver.accepted()] == [
        _hoofd("z2") + "/statussen/0", _hoofd("z1") + "/statussen/1"]

    parked = abonnement_deliveries().get(status=Delivery.Status.PARKED)
    assert (parked.last_status, parked.last_response) == (500, "kapot")
    log = list(DeliveryAttempt.all_tenants.filter(delivery=parked)
               .values_list("number", "outcome", "status_code"))
    assert log == [(1, "failed", 500), (2, "parked", 500)]

    receiver._answer = answer
    with tenancy.scope_for([orgs[0].pk]):
        assert outbox.retry_parked(Delivery.objects.filter(pk=parked.pk)) == 1
    assert outbox.drain().delivered == [parked.pk]
    assert receiver.accepted()[-1]["resourceUrl"] == poison


def test_a_slow_receiver_is_given_up_on_after_the_read_timeout(consumer, receiver, orgs, settings):
    subscribe(consumer, receiver.url)
    settings.NOTIFICATIES_READ_TIMEOUT = 0.5
    receiver.delay = 2
    zaak_event(orgs[0])
    started = time.monotonic()
    assert outbox.drain().failed
    assert time.monotonic() - started < 1.9
    assert "timed out" in abonnement_deliveries().get().last_error.lower()


def test_settings_that_break_the_guarantee_are_reported(settings):
    settings.OUTBOX_MAX_ATTEMPTS = 5
    settings.NOTIFICATIES_READ_TIMEOUT = 60
    settings.NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS = ["10.0.0.0/33"]
    ids = {message.id for message in run_checks()}
    assert {"raadhuis.notificaties.W001", "raadhuis.notificaties.W002",
            "raadhuis.notificaties.E001"} <= ids


def test_order_holds_with_several_abonnementen_independently(zgw_client, orgs, clock):
    """One abonnement being down holds up only itself, not another's notifications."""
    from tests.zgw.notificaties.receiver import NotificationReceiver

    up, down = NotificationReceiver().start(), NotificationReceiver().start()
    try:
        client = zgw_client(orgs[0], [{"component": "nrc", "scopes": ["notificaties.consumeren"]}])
        subscribe(client, up.url)
        subscribe(client, down.url)
        down.stop()
        published = publish_interleaved(orgs[0], zaken=2, per_zaak=3)
        outbox.drain()
        assert per_hoofdobject(up.accepted()) == published
        down.start()
        clock.advance(hours=1)
        outbox.drain()
        assert per_hoofdobject(down.accepted()) == published
    finally:
        up.stop()
        down.stop()
