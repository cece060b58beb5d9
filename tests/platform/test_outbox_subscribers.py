"""The outbox's subscriber resolvers, ordered lines, receivers' answers and attempt log."""

from __future__ import annotations

import pytest
from django.db import transaction

from raadhuis.platform import outbox, tenancy
from raadhuis.platform.models import Delivery, DeliveryAttempt, OutboxEvent
from tests.platform.test_outbox import Clock

KANAAL = "tests.abonnementen"


@pytest.fixture(autouse=True)
def no_wake(monkeypatch):
    monkeypatch.setattr(outbox, "wake_dispatcher", lambda: None)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(outbox, "_now", clock)
    return clock


@pytest.fixture
def organisation(two_municipalities):
    return two_municipalities[0]


class Subscribers:
    """A resolver: every event goes to ``keys``, ordered by the payload's ``line``; ``fail``
    maps (key, payload "n") to the exception its delivery raises."""

    def __init__(self, keys=("a", "b")) -> None:
        self.keys = list(keys)
        self.fail: dict[tuple[str, int], Exception] = {}
        self.delivered: list[tuple[str, int]] = []

    def resolve(self, event):
        if event.kanaal != KANAAL:
            return []
        return [outbox.Subscriber(key, event.payload.get("line", "")) for key in self.keys]

    def deliver(self, event, key):
        attempt = (key, event.payload["n"])
        if attempt in self.fail:
            raise self.fail[attempt]
        self.delivered.append(attempt)
        return outbox.Receipt(204, f"ok {key}")


@pytest.fixture
def subscribers():
    subscribers = Subscribers()
    outbox.register_resolver("tests-sub", subscribers.resolve, subscribers.deliver)
    yield subscribers
    outbox.unregister_resolver("tests-sub")


def publish(organisation, n: int, line: str = "zaak-1"):
    with tenancy.system_scope():
        return outbox.publish(organisation=organisation, kanaal=KANAAL, payload={"n": n, "line": line})


def line_of(key: str):
    return Delivery.all_tenants.filter(handler=f"tests-sub:{key}").order_by("pk")


def test_one_delivery_per_resolved_subscriber(organisation, subscribers):
    event = publish(organisation, 1)
    assert sorted(Delivery.all_tenants.filter(event=event).values_list("handler", "ordering_key")) == [
        ("tests-sub:a", "zaak-1"), ("tests-sub:b", "zaak-1")]
    assert len(outbox.drain().delivered) == 2
    assert sorted(subscribers.delivered) == [("a", 1), ("b", 1)]


def test_receipts_and_the_attempt_log(organisation, subscribers):
    subscribers.keys = ["a"]
    subscribers.fail[("a", 1)] = outbox.DeliveryFailed("HTTP 503", outbox.Receipt(503, "onderhoud"))
    publish(organisation, 1)
    outbox.drain()
    delivery = line_of("a").get()
    assert (delivery.last_status, delivery.last_response, delivery.attempts) == (503, "onderhoud", 1)
    del subscribers.fail[("a", 1)]
    Delivery.all_tenants.update(next_attempt_at=delivery.next_attempt_at.replace(year=2000))
    outbox.drain()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.last_status, delivery.last_response) == ("delivered", 204, "ok a")
    log = DeliveryAttempt.all_tenants.filter(delivery=delivery)
    assert list(log.values_list("number", "outcome", "status_code", "response")) == [
        (1, "failed", 503, "onderhoud"), (2, "delivered", 204, "ok a")]
    assert all(entry.duration_ms >= 0 and entry.error in ("", "DeliveryFailed: HTTP 503") for entry in log)


def test_a_later_delivery_waits_for_the_earlier_one_in_its_line(organisation, subscribers, clock):
    subscribers.keys = ["a"]
    subscribers.fail[("a", 1)] = ConnectionError("weg")
    for n in (1, 2, 3):
        publish(organisation, n)
    publish(organisation, 4, line="zaak-2")
    assert outbox.drain().failed == [line_of("a").first().pk]
    assert subscribers.delivered == [("a", 4)]  # another line is not held up
    first, second, _, _ = line_of("a")
    assert outbox._claim(second.pk) is None  # not even a dispatcher that asks for it directly

    del subscribers.fail[("a", 1)]
    clock.advance(hours=1)
    result = outbox.drain()  # one drain: each delivery releases the next
    assert len(result.delivered) == 3
    assert subscribers.delivered == [("a", 4), ("a", 1), ("a", 2), ("a", 3)]


@pytest.mark.parametrize("ending", ["parked", "skipped"])
def test_parked_or_skipped_releases_the_line(organisation, subscribers, settings, ending):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    subscribers.keys = ["a"]
    subscribers.fail[("a", 1)] = RuntimeError("stuk") if ending == "parked" else outbox.Skip("weg")
    publish(organisation, 1)
    publish(organisation, 2)
    result = outbox.drain()
    assert len(getattr(result, ending)) == 1 and subscribers.delivered == [("a", 2)]
    assert line_of("a").first().status == ending


def test_skipped_is_neither_retried_nor_parked(organisation, subscribers, clock):
    subscribers.keys = ["a"]
    subscribers.fail[("a", 1)] = outbox.Skip("abonnement verwijderd")
    publish(organisation, 1)
    assert outbox.drain().skipped
    clock.advance(days=3)
    assert outbox.drain().skipped == []
    delivery = line_of("a").get()
    assert (delivery.status, delivery.last_error) == ("skipped", "abonnement verwijderd")
    assert outbox.stats()["skipped"] == 1


def test_without_ordering_key_deliveries_are_independent(organisation, subscribers):
    subscribers.keys = ["a"]
    subscribers.fail[("a", 1)] = ConnectionError("weg")
    publish(organisation, 1, line="")
    publish(organisation, 2, line="")
    assert len(outbox.drain().delivered) == 1
    assert subscribers.delivered == [("a", 2)]


def test_long_ordering_keys_are_hashed_consistently(organisation, subscribers):
    long_url = "https://zaken.example/" + "x" * 400
    publish(organisation, 1, line=long_url)
    publish(organisation, 2, line=long_url)
    keys = set(line_of("a").values_list("ordering_key", flat=True))
    assert len(keys) == 1 and next(iter(keys)).startswith("sha256:") and len(next(iter(keys))) <= 255


def test_a_failing_resolver_fails_the_publishing_transaction(organisation, subscribers):
    outbox.register_resolver("tests-sub", lambda event: 1 / 0, subscribers.deliver)
    with pytest.raises(ZeroDivisionError), tenancy.system_scope(), transaction.atomic():
        outbox.publish(organisation=organisation, kanaal=KANAAL, payload={"n": 1})
    assert not OutboxEvent.all_tenants.filter(kanaal=KANAAL).exists()


def test_a_prefix_with_a_colon_is_refused():
    with pytest.raises(ValueError):
        outbox.register_resolver("a:b", lambda event: [], lambda event, key: None)


def test_a_registered_handler_may_return_a_receipt(organisation):
    outbox.register_handler("tests.receipt", lambda event: outbox.Receipt(202, "geaccepteerd"), [KANAAL])
    try:
        publish(organisation, 1)
        outbox.drain()
    finally:
        outbox.unregister_handler("tests.receipt")
    delivery = Delivery.all_tenants.get(handler="tests.receipt")
    assert (delivery.last_status, delivery.last_response) == (202, "geaccepteerd")
