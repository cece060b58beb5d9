"""The event outbox: write events with the change, deliver them after commit, never lose one.

``publish`` stores the event and one ``Delivery`` per interested handler in the caller's
transaction. After commit a dispatcher is woken: a Celery task when ``BROKER_URL`` is set,
otherwise a thread in this process. ``dispatch_due`` claims due deliveries with a lease
(a killed worker's lease simply runs out and another takes over), calls the handler, and
on failure retries with exponential backoff until ``OUTBOX_MAX_ATTEMPTS``, after which the
delivery is *parked*: visible in the admin, with a retry action. Delivery is at least once;
handlers receive the event, whose ``uuid`` lets them recognise a repeat.

See docs/modules/platform-outbox.md.
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from raadhuis.platform import audit, context, tenancy
from raadhuis.platform.models import Delivery, OutboxEvent

logger = logging.getLogger(__name__)

Handler = Callable[[OutboxEvent], None]

EXTRA_HANDLERS_ENV = "RAADHUIS_EXTRA_HANDLERS"


@dataclass(frozen=True)
class _Registration:
    func: Handler
    kanalen: frozenset[str] | None  # None: every kanaal


_handlers: dict[str, _Registration] = {}


def register_handler(name: str, func: Handler, kanalen: Iterable[str] | None = None) -> None:
    """Subscribe ``func`` to events (of the given kanalen). Names must stay stable: they are
    stored with each pending delivery."""
    _handlers[name] = _Registration(func, frozenset(kanalen) if kanalen is not None else None)


def unregister_handler(name: str) -> None:
    _handlers.pop(name, None)


def load_handlers_from_env() -> None:
    """Import the modules named in ``RAADHUIS_EXTRA_HANDLERS`` (comma separated dotted paths).

    Such modules call ``register_handler`` on import. This lets a plugin, or a test that
    starts worker subprocesses, add handlers without an app of its own.
    """
    _import_modules(os.environ.get(EXTRA_HANDLERS_ENV, ""))


@functools.cache
def _import_modules(spec: str) -> None:
    for name in filter(None, (part.strip() for part in spec.split(","))):
        importlib.import_module(name)


def _registry() -> dict[str, _Registration]:
    # Lazily, so every process type (web, worker, dispatcher) sees the same handlers.
    load_handlers_from_env()
    return _handlers


def _interested(kanaal: str) -> list[str]:
    return [n for n, r in _registry().items() if r.kanalen is None or kanaal in r.kanalen]


def _now() -> datetime:
    """The outbox's clock: the one seam tests move to travel in time."""
    return timezone.now()


def publish(*, organisation, kanaal: str, payload: dict) -> OutboxEvent:
    """Store an event in the current transaction; delivery starts after commit."""
    with transaction.atomic():
        event = OutboxEvent.objects.create(
            organisation=organisation,
            kanaal=kanaal,
            payload=payload,
            request_id=context.current_request_id(),
        )
        deliveries = Delivery.objects.bulk_create(
            Delivery(organisation=organisation, event=event, handler=name, next_attempt_at=_now())
            for name in _interested(kanaal)
        )
        if deliveries:
            _wake_after_commit()
    return event


def _wake_after_commit() -> None:
    # One wake per transaction is enough: a bulk import must not queue a task per event.
    if not any(entry[1] is wake_dispatcher for entry in connection.run_on_commit):
        transaction.on_commit(wake_dispatcher)


# --- Dispatching ----------------------------------------------------------------------------


@dataclass
class DispatchResult:
    delivered: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    parked: list[int] = field(default_factory=list)
    lost: list[int] = field(default_factory=list)  # lease taken over while we worked
    full: bool = False  # the pass hit its limit: more may be due

    def add(self, other: DispatchResult) -> None:
        for name in ("delivered", "failed", "parked", "lost"):
            getattr(self, name).extend(getattr(other, name))


def backoff(attempts: int) -> timedelta:
    """Exponential backoff, capped, with jitter so that retries of many events spread out.

    The jitter only shortens the wait (by up to 20 %), so the cap is a true maximum.
    """
    exponent = min(max(attempts - 1, 0), 62)  # beyond this every value is capped anyway
    base = min(settings.OUTBOX_BACKOFF_SECONDS * 2**exponent, settings.OUTBOX_BACKOFF_MAX_SECONDS)
    return timedelta(seconds=base * random.uniform(0.8, 1.0))  # noqa: S311 - not security


def _due(now: datetime):
    return Delivery.all_tenants.filter(
        Q(leased_until__isnull=True) | Q(leased_until__lt=now),
        status=Delivery.Status.PENDING,
        next_attempt_at__lte=now,
    )


def _claim(delivery_id: int) -> Delivery | None:
    """Lease one delivery with a conditional UPDATE; None when another dispatcher was first.

    Counting the attempt here, not after the handler returns, makes a delivery that kills
    its worker every time (a poison event) use up its attempts and park, instead of
    crashing workers for ever. The attempt count and lease also fence the result: a
    dispatcher that lost its lease cannot overwrite what the new owner records.
    """
    now = _now()
    lease = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    claimed = _due(now).filter(pk=delivery_id).update(leased_until=lease, attempts=F("attempts") + 1)
    if claimed != 1:
        return None
    return Delivery.all_tenants.select_related("event").get(pk=delivery_id)


def dispatch_due(limit: int = 100, stop: threading.Event | None = None) -> DispatchResult:
    """Deliver what is due now, one pass of at most ``limit``; safe in many processes at once."""
    candidates = list(
        _due(_now()).order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]
    )
    result = DispatchResult(full=len(candidates) == limit)
    for delivery_id in candidates:
        if stop is not None and stop.is_set():
            break
        delivery = _claim(delivery_id)
        if delivery is not None:
            _attempt(delivery, result)
    return result


def drain(stop: threading.Event | None = None, budget_seconds: float | None = None) -> DispatchResult:
    """Dispatch pass after pass until nothing that was due is left (or time is up)."""
    total = DispatchResult()
    deadline = None if budget_seconds is None else time.monotonic() + budget_seconds
    while True:
        result = dispatch_due(stop=stop)
        total.add(result)
        stopped = stop is not None and stop.is_set()
        if not result.full or stopped or (deadline and time.monotonic() > deadline):
            return total


def _attempt(delivery: Delivery, result: DispatchResult) -> None:
    if delivery.attempts > settings.OUTBOX_MAX_ATTEMPTS:
        lost = RuntimeError("the dispatcher running the last attempt stopped (lease expired)")
        _record_failure(delivery, lost, result)
        return
    try:
        _call_handler(delivery)
    except Exception as error:  # noqa: BLE001 - any failure of a receiver means: try again later
        _record_failure(delivery, error, result)
    else:
        _record_success(delivery, result)


def _call_handler(delivery: Delivery) -> None:
    registration = _registry().get(delivery.handler)
    if registration is None:
        raise LookupError(f"No handler named {delivery.handler!r} is registered.")
    event = delivery.event
    with (
        tenancy.scope_for([delivery.organisation_id]),
        context.request_id(event.request_id),
        _isolated(),
    ):
        registration.func(event)


def _isolated():
    """A savepoint when the dispatcher already runs inside a transaction (tests, a caller's
    atomic block), so a handler's failed query cannot poison it. Outside one we open no
    transaction: on SQLite that would hold the write lock during a slow handler."""
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def _record_success(delivery: Delivery, result: DispatchResult) -> None:
    # Not fenced by the lease: if a slow first attempt succeeds after a takeover, the event
    # did arrive, and the new owner's later write then finds nothing pending to change.
    Delivery.all_tenants.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.DELIVERED, delivered_at=_now(), leased_until=None, last_error=""
    )
    result.delivered.append(delivery.pk)


def _record_failure(delivery: Delivery, error: Exception, result: DispatchResult) -> None:
    message = f"{type(error).__name__}: {error}"[:4000]
    park = delivery.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    changes = {"last_error": message, "leased_until": None}
    if park:
        changes["status"] = Delivery.Status.PARKED
    else:
        changes["next_attempt_at"] = _now() + backoff(delivery.attempts)
    if not _owned(delivery).update(**changes):
        logger.warning("Outbox delivery %s: lease lost to another dispatcher; its result counts.",
                       delivery.pk)
        result.lost.append(delivery.pk)
        return
    log = logger.error if park else logger.warning
    log("Outbox delivery %s (%s, event %s) %s after attempt %s: %s", delivery.pk,
        delivery.handler, delivery.event.uuid, "parked" if park else "failed",
        delivery.attempts, message)
    (result.parked if park else result.failed).append(delivery.pk)


def _owned(delivery: Delivery):
    return Delivery.all_tenants.filter(
        pk=delivery.pk,
        status=Delivery.Status.PENDING,
        attempts=delivery.attempts,
        leased_until=delivery.leased_until,
    )


def retry_parked(deliveries) -> int:
    """Put parked deliveries back in the queue with a fresh set of attempts.

    ``deliveries`` is a queryset; pass the tenant-scoped one (``Delivery.objects``) when a
    person asks, so they can only retry their own organisations' deliveries. Each retry is
    written to the audit trail with the current actor.
    """
    with transaction.atomic():
        parked = list(
            deliveries.filter(status=Delivery.Status.PARKED).select_related("event", "organisation")
        )
        count = Delivery.all_tenants.filter(
            pk__in=[d.pk for d in parked], status=Delivery.Status.PARKED
        ).update(status=Delivery.Status.PENDING, attempts=0, next_attempt_at=_now(),
                 leased_until=None)
        for delivery in parked:
            _audit_retry(delivery)
        if count:
            _wake_after_commit()
    return count


def _audit_retry(delivery: Delivery) -> None:
    audit.record_change(
        organisation=delivery.organisation,
        bron="platform",
        actie="retry",
        actie_weergave="Aflevering opnieuw proberen",
        resource="delivery",
        resource_url=f"urn:raadhuis:platform.delivery:{delivery.pk}",
        hoofd_object=f"urn:uuid:{delivery.event.uuid}",
        resource_weergave=str(delivery),
        oud={"status": Delivery.Status.PARKED, "attempts": delivery.attempts,
             "last_error": delivery.last_error},
        nieuw={"status": Delivery.Status.PENDING, "attempts": 0},
    )


def stats() -> dict:
    """Counts per status and the age of the oldest due delivery, for monitoring."""
    counts = dict(Delivery.objects.values_list("status").annotate(n=Count("pk")).order_by())
    oldest = _due(_now()).filter(organisation__in_tenant_scope=True).aggregate(
        oldest=Min("next_attempt_at")
    )["oldest"]
    return {
        **{status: counts.get(status, 0) for status in Delivery.Status.values},
        "oldest_due_seconds": round((_now() - oldest).total_seconds(), 1) if oldest else 0.0,
    }


# --- Running the dispatcher ----------------------------------------------------------------


def wake_dispatcher() -> None:
    if settings.OUTBOX_IN_PROCESS:
        InProcessDispatcher.instance().wake()
        return
    from raadhuis.platform.tasks import deliver_outbox

    try:
        # No publish retries: a request must not hang on a broker that is down, and the
        # workers' periodic sweep delivers the event anyway.
        deliver_outbox.apply_async(retry=False)
    except Exception:  # noqa: BLE001
        logger.warning("Broker unreachable; outbox delivery waits for the next sweep.")


class InProcessDispatcher:
    """A daemon thread that delivers after each commit and polls for retries (embedded mode).

    ``raadhuis serve`` starts one in each web worker, so retries that fall due later are
    delivered even when nothing new is committed.
    """

    _instance: InProcessDispatcher | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-dispatcher", daemon=True)

    @classmethod
    def instance(cls) -> InProcessDispatcher:
        with cls._lock:
            # After a fork the thread is gone but the object was copied: start a new one.
            if cls._instance is None or not cls._instance._thread.is_alive():
                cls._instance = cls()
                cls._instance._thread.start()
            return cls._instance

    @classmethod
    def shutdown(cls, timeout: float = 10.0) -> None:
        """Let the running delivery finish; what is left is picked up by the next process."""
        with cls._lock:
            instance, cls._instance = cls._instance, None
        if instance is not None:
            instance.stop(timeout)

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()  # before the pass: a commit during it wakes us again
            try:
                drain(stop=self._stop)
            except Exception:
                logger.exception("Outbox dispatcher pass failed; retrying at next poll.")
            finally:
                # Do not hold a connection (or an SQLite lock) while idle between polls.
                connection.close()
            self._wake.wait(timeout=settings.OUTBOX_POLL_SECONDS)
