"""The event outbox: write events with the change, deliver them after commit, never lose one.

``publish`` stores the event and one ``Delivery`` per interested handler in the caller's
transaction. After commit a dispatcher is woken: a Celery task when ``BROKER_URL`` is set,
otherwise a thread in this process. ``dispatch_due`` claims due deliveries with a lease
(a killed worker's lease simply runs out and another takes over), calls the handler, and
on failure retries with exponential backoff until ``OUTBOX_MAX_ATTEMPTS``, after which the
delivery is *parked*: visible in the admin, with a retry action. Delivery is at least once;
handlers receive the event, whose ``uuid`` lets them recognise a repeat.

Besides handlers registered in code, a *subscriber resolver* names recipients per event
(e.g. one per matching webhook subscription, ``abonnement:<uuid>``), each with an optional
ordering key: deliveries to one recipient with the same key go out strictly in order. A
handler may return a ``Receipt`` (or raise ``DeliveryFailed`` with one) to keep the
receiver's answer on the delivery; every attempt is written to the delivery's log.

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
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from hashlib import sha256

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.utils import timezone

from raadhuis.platform import audit, context, tenancy
from raadhuis.platform.models import Delivery, DeliveryAttempt, OutboxEvent

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Receipt:
    """What the receiver answered: kept on the delivery and in its attempt log."""

    status: int | None = None
    answer: str = ""


class DeliveryFailed(Exception):  # noqa: N818 - reads as what happened, like LookupError
    """A failed attempt that carries the receiver's answer (e.g. an HTTP 500 and its body)."""

    def __init__(self, message: str, receipt: Receipt | None = None) -> None:
        super().__init__(message)
        self.receipt = receipt


class Skip(Exception):  # noqa: N818
    """Raised by a handler when the delivery must not happen at all any more (its subscriber
    was removed): the delivery is marked skipped, not retried and not parked."""


@dataclass(frozen=True)
class Subscriber:
    """A recipient named by a resolver: delivered to handler ``<prefix>:<key>``."""

    key: str
    ordering_key: str = ""


Handler = Callable[[OutboxEvent], "Receipt | None"]
Resolve = Callable[[OutboxEvent], Iterable[Subscriber]]
Deliver = Callable[[OutboxEvent, str], "Receipt | None"]

ANSWER_LIMIT = 2000  # characters of a receiver's answer kept per delivery and attempt
ORDERING_KEY_LIMIT = 255

EXTRA_HANDLERS_ENV = "RAADHUIS_EXTRA_HANDLERS"


@dataclass(frozen=True)
class _Registration:
    func: Handler
    kanalen: frozenset[str] | None  # None: every kanaal


_handlers: dict[str, _Registration] = {}


@dataclass(frozen=True)
class _Resolver:
    resolve: Resolve
    deliver: Deliver


_resolvers: dict[str, _Resolver] = {}


def register_handler(name: str, func: Handler, kanalen: Iterable[str] | None = None) -> None:
    """Subscribe ``func`` to events (of the given kanalen). Names must stay stable: they are
    stored with each pending delivery."""
    _handlers[name] = _Registration(func, frozenset(kanalen) if kanalen is not None else None)


def unregister_handler(name: str) -> None:
    _handlers.pop(name, None)


def register_resolver(prefix: str, resolve: Resolve, deliver: Deliver) -> None:
    """Name the recipients of each event at publish time: ``resolve(event)`` returns
    ``Subscriber``s (called inside the publishing transaction, so keep it to a query or two);
    the dispatcher later calls ``deliver(event, key)`` for handler ``<prefix>:<key>``."""
    if ":" in prefix:
        raise ValueError("A resolver prefix cannot contain ':'.")
    _resolvers[prefix] = _Resolver(resolve, deliver)


def unregister_resolver(prefix: str) -> None:
    _resolvers.pop(prefix, None)


def resolver_handler(prefix: str, key: str) -> str:
    """The handler name of a resolved recipient, as stored on its deliveries."""
    return f"{prefix}:{key}"


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


def _recipients(event: OutboxEvent) -> dict[str, str]:
    """handler name → ordering key: the registered handlers, then the resolved recipients."""
    recipients = dict.fromkeys(_interested(event.kanaal), "")
    for prefix, resolver in list(_resolvers.items()):
        for subscriber in resolver.resolve(event):
            name = resolver_handler(prefix, subscriber.key)
            recipients.setdefault(name, _ordering_key(subscriber.ordering_key))
    return recipients


def _ordering_key(value: str) -> str:
    # Longer keys are hashed: two keys can then only collide by being equal, and a wrong
    # collision would merely order more than needed.
    if len(value) <= ORDERING_KEY_LIMIT:
        return value
    return "sha256:" + sha256(value.encode("utf-8")).hexdigest()


def _now() -> datetime:
    """The outbox's clock: the one seam tests move to travel in time."""
    return timezone.now()


def publish(*, organisation, kanaal: str, payload: dict) -> OutboxEvent:
    """Store an event in the current transaction; delivery starts after commit.

    ``organisation``: the Organisation or its id. No savepoint: the event belongs to the
    caller's change, and a failure here fails that change (a savepoint costs two statements
    on every write of the platform)."""
    owner = tenancy.owned_by(organisation)
    with transaction.atomic(savepoint=False):
        event = OutboxEvent.objects.create(
            **owner,
            kanaal=kanaal,
            payload=payload,
            request_id=context.current_request_id(),
        )
        now = _now()
        deliveries = Delivery.objects.bulk_create(
            Delivery(**owner, event=event, handler=name, ordering_key=key, next_attempt_at=now)
            for name, key in _recipients(event).items()
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
    skipped: list[int] = field(default_factory=list)
    lost: list[int] = field(default_factory=list)  # lease taken over while we worked
    full: bool = False  # the pass hit its limit: more may be due
    released: bool = False  # an ordered delivery finished: the next in its line may be due

    def add(self, other: DispatchResult) -> None:
        for name in ("delivered", "failed", "parked", "skipped", "lost"):
            getattr(self, name).extend(getattr(other, name))
        self.released |= other.released


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
        Q(ordering_key="") | ~Exists(_earlier_in_line()),
        status=Delivery.Status.PENDING,
        next_attempt_at__lte=now,
    )


def _earlier_in_line():
    """A pending delivery before this one in its line (same handler and ordering key).

    Ids follow the order of the events: publishing allocates them in the transaction that
    changes the hoofdObject, and writes to one hoofdObject are serialised by its row lock.
    """
    return Delivery.all_tenants.filter(
        ~Q(ordering_key=""),  # matches the partial index delivery_order_idx: no scan of the queue
        handler=OuterRef("handler"),
        ordering_key=OuterRef("ordering_key"),
        status=Delivery.Status.PENDING,
        pk__lt=OuterRef("pk"),
    )


def _claim(delivery_id: int) -> Delivery | None:
    """Lease one delivery with a conditional UPDATE; None when another dispatcher was first.

    Counting the attempt here, not after the handler returns, makes a delivery that kills
    its worker every time (a poison event) use up its attempts and park, instead of
    crashing workers for ever. The attempt count and lease also fence the result: a
    dispatcher that lost its lease cannot overwrite what the new owner records.
    """
    now = _now()
    with _bookkeeping():
        claimed = _due(now).filter(pk=delivery_id).update(leased_until=_lease(now),
                                                          attempts=F("attempts") + 1)
    if claimed != 1:
        return None
    return Delivery.all_tenants.select_related("event").get(pk=delivery_id)


def _claim_next() -> Delivery | None:
    """Lease the delivery that has been due longest, or None when nothing is due.

    On PostgreSQL the row is locked (``FOR UPDATE``, re-checked against the conditions if
    another transaction changed it) and ``SKIP LOCKED`` lets dispatchers in many processes
    and threads each take a different delivery instead of racing for the same one. SQLite
    runs the transaction with its one write lock held from the start (``IMMEDIATE``), which
    serialises claims the same way.
    """
    now = _now()
    with _bookkeeping():
        delivery = (_due(now).select_for_update(skip_locked=True, of=("self",))
                    .select_related("event").order_by("next_attempt_at", "pk").first())
        if delivery is None:
            return None
        Delivery.all_tenants.filter(pk=delivery.pk).update(leased_until=_lease(now),
                                                           attempts=F("attempts") + 1)
    delivery.leased_until, delivery.attempts = _lease(now), delivery.attempts + 1
    return delivery


def _lease(now: datetime) -> datetime:
    return now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def dispatch_due(limit: int = 100, stop: threading.Event | None = None) -> DispatchResult:
    """Deliver what is due now, one pass of at most ``limit``; safe in many processes at once.

    When more than one delivery is due, ``OUTBOX_DISPATCH_THREADS`` threads take them side
    by side, so that an event's many subscribers wait for each other's receivers no longer
    than needed. Order within a line holds: only the first pending delivery of a line is
    ever due, and the next one becomes due only when it is done.
    """
    budget = _Budget(limit)
    first = _dispatch_next(budget, stop)
    if first is None:
        return DispatchResult()
    parts = [first, *(_side_by_side(budget, stop) if _parallel() else [_dispatch_all(budget, stop)])]
    result = DispatchResult(full=budget.used >= limit)
    for part in parts:
        result.add(part)
    return result


class _Budget:
    """How many claims a pass may still make, shared by its threads."""

    def __init__(self, limit: int) -> None:
        self.limit, self.used = limit, 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.used >= self.limit:
                return False
            self.used += 1
            return True


def _dispatch_next(budget: _Budget, stop: threading.Event | None) -> DispatchResult | None:
    """Claim and attempt one delivery; None when the budget is spent or nothing is due."""
    if (stop is not None and stop.is_set()) or not budget.take():
        return None
    delivery = _claim_next()
    if delivery is None:
        return None
    part = DispatchResult()
    _attempt(delivery, part)
    return part


def _dispatch_all(budget: _Budget, stop: threading.Event | None) -> DispatchResult:
    total = DispatchResult()
    while (part := _dispatch_next(budget, stop)) is not None:
        total.add(part)
    return total


def _side_by_side(budget: _Budget, stop: threading.Event | None) -> list[DispatchResult]:
    """Extra threads for this pass, beside the caller's. They close their database
    connections when the pass ends, so no connection outlives its use."""
    parts: list[DispatchResult] = []

    def work() -> None:
        try:
            parts.append(_dispatch_all(budget, stop))
        except Exception:  # what it did not finish is due again in the next pass
            logger.exception("Outbox delivery thread failed.")
        finally:
            connection.close()

    threads = [threading.Thread(target=work, name="outbox-delivery")
               for _ in range(settings.OUTBOX_DISPATCH_THREADS - 1)]
    for thread in threads:
        thread.start()
    parts.append(_dispatch_all(budget, stop))
    for thread in threads:
        thread.join()
    return parts


def _parallel() -> bool:
    # Inside a transaction (a caller's, or a test's) only this connection sees the data.
    return settings.OUTBOX_DISPATCH_THREADS > 1 and not connection.in_atomic_block


def drain(stop: threading.Event | None = None, budget_seconds: float | None = None) -> DispatchResult:
    """Dispatch pass after pass until nothing that was due is left (or time is up)."""
    total = DispatchResult()
    deadline = None if budget_seconds is None else time.monotonic() + budget_seconds
    while True:
        result = dispatch_due(stop=stop)
        total.add(result)
        stopped = stop is not None and stop.is_set()
        more = result.full or result.released
        if not more or stopped or (deadline and time.monotonic() > deadline):
            return total


@dataclass
class _Timing:
    """When an attempt started (the outbox clock) and its wall-clock start, for its log."""

    started_at: datetime = field(default_factory=lambda: _now())
    started: float = field(default_factory=time.monotonic)

    def duration_ms(self) -> int:
        return round((time.monotonic() - self.started) * 1000)


def _attempt(delivery: Delivery, result: DispatchResult) -> None:
    timing = _Timing()
    if delivery.attempts > settings.OUTBOX_MAX_ATTEMPTS:
        lost = RuntimeError("the dispatcher running the last attempt stopped (lease expired)")
        _record_failure(delivery, lost, result, timing)
        return
    try:
        receipt = _call_handler(delivery)
    except Skip as reason:
        _record_skip(delivery, reason, result, timing)
    except Exception as error:  # noqa: BLE001 - any failure of a receiver means: try again later
        _record_failure(delivery, error, result, timing)
    else:
        _record_success(delivery, result, receipt, timing)


def _call_handler(delivery: Delivery) -> Receipt | None:
    func = _handler_function(delivery.handler)
    event = delivery.event
    with (
        tenancy.scope_for([delivery.organisation_id]),
        context.request_id(event.request_id),
        _isolated(),
    ):
        receipt = func(event)
    return receipt if isinstance(receipt, Receipt) else None


def _handler_function(name: str) -> Handler:
    registration = _registry().get(name)
    if registration is not None:
        return registration.func
    prefix, _, key = name.partition(":")
    resolver = _resolvers.get(prefix) if key else None
    if resolver is None:
        raise LookupError(f"No handler named {name!r} is registered.")
    return functools.partial(resolver.deliver, key=key)


@contextmanager
def _bookkeeping():
    """The dispatcher's own writes (a claim; a result with its log row) as one short
    transaction which, on PostgreSQL, does not wait for its WAL to reach the disk.

    A database crash may then forget the last few milliseconds of them, so a delivery is at
    worst made again (it is at least once anyway), never lost: the events and their pending
    deliveries were committed durably by the publishing transaction. It saves two of the
    three disk flushes a delivery would otherwise wait for. Inside a caller's transaction
    nothing changes: its durability is not ours to relax.
    """
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def _isolated():
    """A savepoint when the dispatcher already runs inside a transaction (tests, a caller's
    atomic block), so a handler's failed query cannot poison it. Outside one we open no
    transaction: on SQLite that would hold the write lock during a slow handler."""
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def _record_success(delivery: Delivery, result: DispatchResult, receipt: Receipt | None = None,
                    timing: _Timing | None = None) -> None:
    # Not fenced by the lease: if a slow first attempt succeeds after a takeover, the event
    # did arrive, and the new owner's later write then finds nothing pending to change.
    receipt = receipt or Receipt()
    with _bookkeeping():
        Delivery.all_tenants.filter(pk=delivery.pk, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.DELIVERED, delivered_at=_now(), leased_until=None, last_error="",
            **_receipt_fields(receipt),
        )
        _log_attempt(delivery, DeliveryAttempt.Outcome.DELIVERED, receipt, "", timing)
    result.delivered.append(delivery.pk)
    result.released |= bool(delivery.ordering_key)


def _record_failure(delivery: Delivery, error: Exception, result: DispatchResult,
                    timing: _Timing | None = None) -> None:
    message = f"{type(error).__name__}: {error}"[:4000]
    receipt = getattr(error, "receipt", None) or Receipt()
    park = delivery.attempts >= settings.OUTBOX_MAX_ATTEMPTS
    changes = {"last_error": message, "leased_until": None, **_receipt_fields(receipt)}
    if park:
        changes["status"] = Delivery.Status.PARKED
    else:
        changes["next_attempt_at"] = _now() + backoff(delivery.attempts)
    outcome = DeliveryAttempt.Outcome.PARKED if park else DeliveryAttempt.Outcome.FAILED
    with _bookkeeping():
        owned = _owned(delivery).update(**changes)
        _log_attempt(delivery, outcome if owned else DeliveryAttempt.Outcome.FAILED, receipt, message,
                     timing)
    if not owned:
        logger.warning("Outbox delivery %s: lease lost to another dispatcher; its result counts.",
                       delivery.pk)
        result.lost.append(delivery.pk)
        return
    log = logger.error if park else logger.warning
    log("Outbox delivery %s (%s, event %s) %s after attempt %s: %s", delivery.pk,
        delivery.handler, delivery.event.uuid, "parked" if park else "failed",
        delivery.attempts, message)
    (result.parked if park else result.failed).append(delivery.pk)
    result.released |= park and bool(delivery.ordering_key)


def _record_skip(delivery: Delivery, reason: Skip, result: DispatchResult, timing: _Timing) -> None:
    message = str(reason)[:4000]
    with _bookkeeping():
        owned = _owned(delivery).update(status=Delivery.Status.SKIPPED, leased_until=None,
                                        last_error=message)
        if owned:
            _log_attempt(delivery, DeliveryAttempt.Outcome.SKIPPED, Receipt(), message, timing)
    if not owned:
        result.lost.append(delivery.pk)
        return
    logger.info("Outbox delivery %s (%s) skipped: %s", delivery.pk, delivery.handler, message)
    result.skipped.append(delivery.pk)
    result.released |= bool(delivery.ordering_key)


def _receipt_fields(receipt: Receipt) -> dict:
    return {"last_status": receipt.status, "last_response": receipt.answer[:ANSWER_LIMIT]}


def _log_attempt(delivery: Delivery, outcome: str, receipt: Receipt, error: str,
                 timing: _Timing | None) -> None:
    timing = timing or _Timing()
    # bulk_create: the dispatcher runs outside any tenant scope, which save() would demand.
    DeliveryAttempt.all_tenants.bulk_create([DeliveryAttempt(
        organisation_id=delivery.organisation_id, delivery_id=delivery.pk, number=delivery.attempts,
        started_at=timing.started_at, duration_ms=timing.duration_ms(), outcome=outcome,
        status_code=receipt.status, response=receipt.answer[:ANSWER_LIMIT], error=error,
    )])


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


def parked_of(handlers: Iterable[str]):
    """The parked deliveries to these handlers that the current scope may see (to retry)."""
    return Delivery.objects.filter(handler__in=list(handlers), status=Delivery.Status.PARKED)


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
                _purge_hourly()
            except Exception:
                logger.exception("Outbox dispatcher pass failed; retrying at next poll.")
            finally:
                # Do not hold a connection (or an SQLite lock) while idle between polls.
                connection.close()
            self._wake.wait(timeout=settings.OUTBOX_POLL_SECONDS)


# --- Clean-up ---------------------------------------------------------------------------------

_last_purge = 0.0
PURGE_BATCH = 1000


def purge_delivered(now: datetime | None = None) -> int:
    """Delete the events (with their deliveries and attempt logs) whose every delivery was
    delivered or skipped, the last more than ``OUTBOX_RETENTION_DAYS`` ago, so that the
    outbox does not grow forever. An event with a pending or parked delivery stays, however
    old. ``OUTBOX_RETENTION_DAYS = 0`` keeps everything. Returns the number of events deleted."""
    days = settings.OUTBOX_RETENTION_DAYS
    if days <= 0:
        return 0
    cutoff = (now or _now()) - timedelta(days=days)
    finished = (Delivery.Status.DELIVERED, Delivery.Status.SKIPPED)
    unfinished = Delivery.all_tenants.filter(event=OuterRef("pk")).exclude(status__in=finished)
    recent = Delivery.all_tenants.filter(event=OuterRef("pk"), delivered_at__gt=cutoff)
    done = (OutboxEvent.all_tenants.filter(created_at__lt=cutoff)
            .exclude(Exists(unfinished)).exclude(Exists(recent)).order_by("pk"))
    deleted = 0
    with tenancy.system_scope():
        while batch := list(done.values_list("pk", flat=True)[:PURGE_BATCH]):
            with transaction.atomic():  # short transactions: the dispatchers keep working
                OutboxEvent.all_tenants.filter(pk__in=batch).delete()
            deleted += len(batch)
    if deleted:
        logger.info("Outbox: %d delivered events older than %d days deleted.", deleted, days)
    return deleted


def _purge_hourly() -> None:
    """The in-process dispatcher's share of the clean-up (Celery beat runs it otherwise)."""
    global _last_purge
    if time.monotonic() - _last_purge >= 3600:
        _last_purge = time.monotonic()
        purge_delivered()
