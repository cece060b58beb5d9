"""The event outbox: write events with the change, deliver them after commit, never lose one.

``publish`` stores the event and one ``Delivery`` per interested handler in the caller's
transaction. After commit a dispatcher is woken: a Celery task when ``BROKER_URL`` is set,
otherwise a thread in this process. ``dispatch_due`` claims due deliveries with a lease
(a killed worker's lease simply runs out and another takes over), calls the handler, and
on failure retries with exponential backoff until ``OUTBOX_MAX_ATTEMPTS``, after which the
delivery is *parked*: visible in the admin, with a retry action. Delivery is at least once;
handlers receive the event's uuid to recognise a repeat.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from raadhuis.platform import tenancy
from raadhuis.platform.context import current_request_id
from raadhuis.platform.models import Delivery, OutboxEvent

logger = logging.getLogger(__name__)

Handler = Callable[[OutboxEvent], None]


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


def _interested(kanaal: str) -> list[str]:
    return [n for n, r in _handlers.items() if r.kanalen is None or kanaal in r.kanalen]


def publish(*, organisation, kanaal: str, payload: dict) -> OutboxEvent:
    """Store an event in the current transaction; delivery starts after commit."""
    with transaction.atomic():
        event = OutboxEvent.objects.create(
            organisation=organisation,
            kanaal=kanaal,
            payload=payload,
            request_id=current_request_id(),
        )
        now = timezone.now()
        Delivery.objects.bulk_create(
            Delivery(organisation=organisation, event=event, handler=name, next_attempt_at=now)
            for name in _interested(kanaal)
        )
        transaction.on_commit(wake_dispatcher)
    return event


@dataclass
class DispatchResult:
    delivered: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    parked: list[int] = field(default_factory=list)


def backoff(attempts: int) -> timedelta:
    """Exponential backoff with ±20 % jitter so retries of many events spread out."""
    base = settings.OUTBOX_BACKOFF_SECONDS * (2 ** max(attempts - 1, 0))
    seconds = min(base, settings.OUTBOX_BACKOFF_MAX_SECONDS) * random.uniform(0.8, 1.2)  # noqa: S311
    return timedelta(seconds=seconds)


def _due(now: datetime):
    return Delivery.all_tenants.filter(
        Q(leased_until__isnull=True) | Q(leased_until__lt=now),
        status=Delivery.Status.PENDING,
        next_attempt_at__lte=now,
    )


def _claim(delivery_id: int, now: datetime) -> bool:
    """Take a lease on one delivery; false when another dispatcher was first."""
    lease = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    claimed = _due(now).filter(pk=delivery_id).update(leased_until=lease)
    return claimed == 1


def dispatch_due(limit: int = 100) -> DispatchResult:
    """Deliver what is due now; safe to run in several processes at once."""
    result = DispatchResult()
    now = timezone.now()
    candidates = list(_due(now).order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    for delivery_id in candidates:
        if _claim(delivery_id, now):
            _attempt(Delivery.all_tenants.select_related("event").get(pk=delivery_id), result)
    return result


def _attempt(delivery: Delivery, result: DispatchResult) -> None:
    delivery.attempts += 1
    registration = _handlers.get(delivery.handler)
    try:
        if registration is None:
            raise LookupError(f"No handler named {delivery.handler!r} is registered.")
        with tenancy.scope_for([delivery.organisation_id]):
            registration.func(delivery.event)
    except Exception as error:  # noqa: BLE001 - any failure of a receiver means: try again later
        _record_failure(delivery, error, result)
    else:
        delivery.status = Delivery.Status.DELIVERED
        delivery.delivered_at = timezone.now()
        delivery.leased_until = None
        delivery.last_error = ""
        delivery.save(update_fields=["status", "delivered_at", "leased_until", "attempts", "last_error"])
        result.delivered.append(delivery.pk)


def _record_failure(delivery: Delivery, error: Exception, result: DispatchResult) -> None:
    delivery.last_error = f"{type(error).__name__}: {error}"[:4000]
    delivery.leased_until = None
    if delivery.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        delivery.status = Delivery.Status.PARKED
        result.parked.append(delivery.pk)
        logger.error("Outbox delivery %s parked after %s attempts: %s",
                     delivery.pk, delivery.attempts, delivery.last_error)
    else:
        delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
        result.failed.append(delivery.pk)
        logger.warning("Outbox delivery %s failed (attempt %s): %s",
                       delivery.pk, delivery.attempts, delivery.last_error)
    delivery.save(update_fields=["status", "next_attempt_at", "leased_until", "attempts", "last_error"])


def retry_parked(deliveries) -> int:
    """Put parked deliveries back in the queue with a fresh set of attempts."""
    count = deliveries.filter(status=Delivery.Status.PARKED).update(
        status=Delivery.Status.PENDING, attempts=0, next_attempt_at=timezone.now(), leased_until=None
    )
    transaction.on_commit(wake_dispatcher)
    return count


# --- Running the dispatcher ----------------------------------------------------------------


def wake_dispatcher() -> None:
    if settings.OUTBOX_IN_PROCESS:
        InProcessDispatcher.instance().wake()
    else:
        from raadhuis.platform.tasks import deliver_outbox

        try:
            deliver_outbox.delay()
        except Exception:  # broker down: the worker's periodic sweep delivers later
            logger.warning("Broker unreachable; outbox delivery waits for the next sweep.")


class InProcessDispatcher:
    """A daemon thread that delivers after each commit and polls for retries."""

    _instance: InProcessDispatcher | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="outbox-dispatcher", daemon=True)

    @classmethod
    def instance(cls) -> InProcessDispatcher:
        with cls._lock:
            if cls._instance is None or not cls._instance._thread.is_alive():
                cls._instance = cls()
                cls._instance._thread.start()
            return cls._instance

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        from django.db import close_old_connections

        while not self._stop.is_set():
            self._wake.wait(timeout=settings.OUTBOX_POLL_SECONDS)
            self._wake.clear()
            try:
                while dispatch_due().delivered:
                    pass
            except Exception:
                logger.exception("Outbox dispatcher pass failed; retrying at next poll.")
            finally:
                close_old_connections()
