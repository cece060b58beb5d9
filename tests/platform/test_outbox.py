"""The outbox in one process: storing, retrying with backoff, parking, leases, and a real
HTTP receiver that is down and comes back."""

from __future__ import annotations

import functools
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from raadhuis.platform import context, outbox, tenancy
from raadhuis.platform.models import AuditEntry, Delivery, OutboxEvent
from tests.platform.handlers_for_tests import RECEIVER_ENV, WEBHOOK, Receiver

KANAAL = "tests.zaken"


class Clock:
    def __init__(self) -> None:
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def no_wake(monkeypatch):
    """The tests dispatch by hand; no background thread may race them."""
    wakes = []
    monkeypatch.setattr(outbox, "wake_dispatcher", lambda: wakes.append(1))
    return wakes


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(outbox, "_now", clock)
    return clock


@pytest.fixture
def organisation(two_municipalities):
    return two_municipalities[0]


@pytest.fixture
def handler():
    """``handler(name, func, kanalen=[KANAAL])`` registers for the duration of the test."""
    names = []

    def register(name, func, kanalen=(KANAAL,)):
        outbox.register_handler(name, func, kanalen)
        names.append(name)
        return func

    yield register
    for name in names:
        outbox.unregister_handler(name)


class Recorder:
    def __init__(self, fail: Exception | None = None) -> None:
        self.calls = []
        self.fail = fail

    def __call__(self, event) -> None:
        self.calls.append(event.uuid)
        if self.fail is not None:
            raise self.fail


def publish(organisation, n=1, kanaal=KANAAL):
    with tenancy.system_scope():
        return [outbox.publish(organisation=organisation, kanaal=kanaal, payload={"i": i})
                for i in range(n)]


def deliveries(**filters):
    return Delivery.all_tenants.filter(**filters)


# --- Publishing ---------------------------------------------------------------------------


def test_publish_stores_one_delivery_per_interested_handler(organisation, handler):
    handler("zaken", Recorder())
    handler("alles", Recorder(), kanalen=None)
    handler("documenten", Recorder(), kanalen=["tests.documenten"])
    [event] = publish(organisation)
    assert sorted(deliveries(event=event).values_list("handler", flat=True)) == ["alles", "zaken"]
    assert deliveries(event=event).filter(status=Delivery.Status.PENDING).count() == 2


def test_publish_belongs_to_the_callers_transaction(organisation, handler):
    handler("zaken", Recorder())
    with pytest.raises(RuntimeError), tenancy.system_scope(), transaction.atomic():
        outbox.publish(organisation=organisation, kanaal=KANAAL, payload={})
        raise RuntimeError("the change fails")
    assert not OutboxEvent.all_tenants.exists() and not deliveries().exists()


def test_dispatcher_is_woken_once_per_transaction_after_commit(
    organisation, handler, no_wake, django_capture_on_commit_callbacks
):
    handler("zaken", Recorder())
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publish(organisation, n=3)
        assert no_wake == []  # nothing before commit
    assert no_wake == [1]


def test_event_without_interested_handler_wakes_nobody(
    organisation, no_wake, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(organisation, kanaal="tests.niemand")
    assert no_wake == [] and OutboxEvent.all_tenants.filter(kanaal="tests.niemand").exists()


# --- Backoff, retries, parking --------------------------------------------------------------


def test_backoff_grows_exponentially_and_is_capped(settings):
    settings.OUTBOX_BACKOFF_SECONDS = 2.0
    settings.OUTBOX_BACKOFF_MAX_SECONDS = 600.0
    for attempts in range(1, 9):
        expected = min(2.0 * 2 ** (attempts - 1), 600.0)
        samples = [outbox.backoff(attempts).total_seconds() for _ in range(50)]
        assert all(0.8 * expected <= s <= expected for s in samples), attempts
    assert outbox.backoff(3) > outbox.backoff(1) * 2.5  # grows even through the jitter
    assert all(outbox.backoff(n).total_seconds() <= 600.0 for n in (10, 100, 5000))


def test_failure_is_retried_after_backoff_then_parked(organisation, handler, clock, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    receiver = handler("zaken", Recorder(fail=ConnectionError("ontvanger onbereikbaar")))
    [event] = publish(organisation)

    assert outbox.dispatch_due().failed and len(receiver.calls) == 1
    delivery = deliveries(event=event).get()
    assert delivery.attempts == 1 and delivery.next_attempt_at > clock.now
    assert "ontvanger onbereikbaar" in delivery.last_error and delivery.leased_until is None

    assert outbox.dispatch_due().failed == []  # not yet due
    clock.advance(hours=2)
    assert outbox.dispatch_due().failed and len(receiver.calls) == 2
    clock.advance(hours=2)
    assert outbox.dispatch_due().parked == [delivery.pk]

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.PARKED, 3)
    clock.advance(days=30)
    assert outbox.dispatch_due().delivered == [] and len(receiver.calls) == 3


def test_retry_parked_requeues_with_fresh_attempts_and_is_audited(
    organisation, handler, clock, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    receiver = handler("zaken", Recorder(fail=ValueError("kapot")))
    [event] = publish(organisation)
    outbox.dispatch_due()
    assert deliveries(status=Delivery.Status.PARKED).count() == 1

    receiver.fail = None
    actor = context.Actor(gebruikers_id="beheerder", gebruikers_weergave="B. Heerder")
    with tenancy.scope_for([organisation.pk]), context.acting_as(actor):
        assert outbox.retry_parked(Delivery.objects.all()) == 1
    delivery = deliveries(event=event).get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.PENDING, 0)
    assert outbox.dispatch_due().delivered == [delivery.pk]
    entry = AuditEntry.all_tenants.get(actie="retry")
    assert entry.gebruikers_id == "beheerder" and entry.hoofd_object == f"urn:uuid:{event.uuid}"


def test_retry_parked_touches_only_parked_deliveries_in_scope(two_municipalities, handler):
    a, b = two_municipalities
    handler("zaken", Recorder())
    publish(a)
    publish(b)
    deliveries().update(status=Delivery.Status.PARKED, attempts=12)
    with tenancy.scope_for([a.pk]):
        assert outbox.retry_parked(Delivery.objects.all()) == 1
    assert deliveries(organisation=b, status=Delivery.Status.PARKED).count() == 1


def test_failing_handler_neither_blocks_nor_repeats_another(organisation, handler, clock):
    good = handler("goed", Recorder())
    bad = handler("stuk", Recorder(fail=RuntimeError("stuk")))
    events = publish(organisation, n=3)

    result = outbox.dispatch_due()
    assert len(result.delivered) == 3 and len(result.failed) == 3
    for _ in range(3):
        clock.advance(days=1)
        outbox.dispatch_due()
    assert good.calls == [e.uuid for e in events]  # each exactly once
    assert len(bad.calls) == 12
    assert deliveries(handler="goed", status=Delivery.Status.DELIVERED).count() == 3


def test_handler_runs_in_the_events_tenant_scope(two_municipalities, handler):
    a, b = two_municipalities
    seen = []

    def look(event):
        seen.append((tenancy.current_scope(), context.current_request_id(), event.organisation_id))

    handler("kijk", look)
    with context.request_id("req-42"):
        publish(b)
    outbox.dispatch_due()
    scope, request_id, organisation_id = seen[0]
    assert scope.organisation_ids == {b.pk} and not scope.all_organisations
    assert (request_id, organisation_id) == ("req-42", b.pk)


def test_unknown_handler_fails_visibly(organisation, handler):
    handler("verdwijnt", Recorder())
    [event] = publish(organisation)
    outbox.unregister_handler("verdwijnt")
    assert outbox.dispatch_due().failed
    assert "No handler named 'verdwijnt'" in deliveries(event=event).get().last_error


def test_handler_whose_query_fails_does_not_break_the_dispatcher(organisation, handler):
    def bad_sql(event):
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")

    handler("sql", bad_sql)
    handler("goed", Recorder())
    publish(organisation, n=2)
    result = outbox.dispatch_due()
    assert len(result.failed) == 2 and len(result.delivered) == 2


def test_drain_keeps_going_while_passes_are_full(organisation, handler, monkeypatch):
    monkeypatch.setattr(outbox, "dispatch_due", functools.partial(outbox.dispatch_due, limit=2))
    receiver = handler("zaken", Recorder())
    publish(organisation, n=5)
    assert len(outbox.drain().delivered) == 5 and len(receiver.calls) == 5


# --- Leases --------------------------------------------------------------------------------


def test_a_leased_delivery_is_not_claimed_twice(organisation, handler):
    handler("zaken", Recorder())
    publish(organisation)
    delivery = deliveries().get()
    assert outbox._claim(delivery.pk) is not None
    assert outbox._claim(delivery.pk) is None
    assert outbox.dispatch_due().delivered == []


def test_expired_lease_is_taken_over_and_the_stale_result_is_fenced(
    organisation, handler, clock, settings
):
    receiver = handler("zaken", Recorder())
    publish(organisation)
    stale = outbox._claim(deliveries().get().pk)  # a dispatcher that hangs, then dies
    clock.advance(seconds=settings.OUTBOX_LEASE_SECONDS + 1)

    assert outbox.dispatch_due().delivered == [stale.pk]
    result = outbox.DispatchResult()
    outbox._record_failure(stale, TimeoutError("te laat"), result)  # it wakes up, too late
    assert result.lost == [stale.pk]
    delivery = deliveries().get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("delivered", 2, "")
    assert len(receiver.calls) == 1


def test_an_event_that_kills_every_worker_is_parked(organisation, handler, clock, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    receiver = handler("zaken", Recorder())
    publish(organisation)
    for _ in range(2):  # two attempts whose workers die mid-delivery
        assert outbox._claim(deliveries().get().pk) is not None
        clock.advance(seconds=settings.OUTBOX_LEASE_SECONDS + 1)
    assert outbox.dispatch_due().parked
    delivery = deliveries().get()
    assert delivery.status == Delivery.Status.PARKED and "lease expired" in delivery.last_error
    assert receiver.calls == []


# --- A real receiver that is down -----------------------------------------------------------


@pytest.mark.parametrize("outage", ["down", "503"])
def test_events_survive_a_receiver_that_is_down(organisation, clock, monkeypatch, outage):
    receiver = Receiver(status=503) if outage == "503" else Receiver()
    if outage == "503":
        receiver.start()
    monkeypatch.setenv(RECEIVER_ENV, receiver.url)
    try:
        events = publish(organisation, n=20, kanaal=WEBHOOK)

        result = outbox.dispatch_due()
        assert (len(result.failed), result.delivered) == (20, [])
        assert receiver.received == []
        assert all(d.attempts == 1 and d.last_error for d in deliveries(handler=WEBHOOK))

        receiver.stop()
        receiver.status = 204
        receiver.start()
        assert outbox.dispatch_due().delivered == []  # still waiting out the backoff
        clock.advance(hours=1)
        assert len(outbox.drain().delivered) == 20
    finally:
        receiver.stop()
    assert set(receiver.received) == {str(e.uuid) for e in events}
    assert not deliveries(handler=WEBHOOK).exclude(status=Delivery.Status.DELIVERED).exists()


# --- Commands and monitoring --------------------------------------------------------------


def test_stats_count_per_status_within_the_scope(two_municipalities, handler, clock):
    a, b = two_municipalities
    handler("zaken", Recorder())
    publish(a, n=2)
    publish(b)
    deliveries(organisation=a).filter(pk=deliveries().order_by("pk").first().pk).update(
        status=Delivery.Status.PARKED)
    clock.advance(seconds=30)
    with tenancy.scope_for([a.pk]):
        stats = outbox.stats()
    assert (stats["pending"], stats["parked"], stats["delivered"]) == (1, 1, 0)
    assert stats["oldest_due_seconds"] == pytest.approx(30, abs=1)


def test_dispatch_outbox_once_command(organisation, handler, capsys):
    handler("zaken", Recorder())
    publish(organisation, n=2)
    call_command("dispatch_outbox", "--once")
    assert "delivered=2 failed=0 parked=0" in capsys.readouterr().out
    call_command("dispatch_outbox", "--status")
    assert '"delivered": 2' in capsys.readouterr().out


def test_worker_command_needs_a_broker(settings):
    settings.BROKER_URL = ""
    with pytest.raises(CommandError, match="BROKER_URL is not set"):
        call_command("worker")


# --- Clean-up ---------------------------------------------------------------------------------


def test_delivered_events_are_purged_after_the_retention(organisation, handler, clock, settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    handler("zaken", Recorder())
    delivered, parked, pending = publish(organisation, 3)
    outbox.dispatch_due()
    deliveries(event=parked).update(status=Delivery.Status.PARKED)
    later = clock.now + timedelta(days=99)
    deliveries(event=pending).update(status=Delivery.Status.PENDING, next_attempt_at=later)
    [unheard] = publish(organisation, kanaal="tests.niemand")  # no interested handler at all

    assert outbox.purge_delivered(now=clock.now + timedelta(days=29)) == 0
    assert outbox.purge_delivered(now=clock.now + timedelta(days=31)) == 2
    left = set(OutboxEvent.all_tenants.values_list("pk", flat=True))
    assert left == {parked.pk, pending.pk} and not deliveries(event=delivered.pk).exists()
    assert unheard.pk not in left

    settings.OUTBOX_RETENTION_DAYS = 0  # keep everything
    deliveries(event=parked).update(status=Delivery.Status.DELIVERED)
    assert outbox.purge_delivered(now=clock.now + timedelta(days=999)) == 0
