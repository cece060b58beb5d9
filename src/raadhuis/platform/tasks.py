"""Background tasks: Celery workers with BROKER_URL, a thread pool in-process without."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from celery import shared_task
from django.conf import settings
from django.db import close_old_connections, transaction

# Importing the app makes it the current one, so shared tasks sent from a web process go to
# BROKER_URL, not to Celery's unconfigured default app (amqp://localhost, queue "celery").
from raadhuis.celery import app as celery_app  # noqa: F401

logger = logging.getLogger(__name__)
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()

# A task runs at most this long before handing over to the next one, so that a worker is
# never held by one endless backlog and a redelivered message restarts small.
DRAIN_BUDGET_SECONDS = 300


@shared_task(
    name="raadhuis.platform.deliver_outbox",
    ignore_result=True,
    # Wakes and sweeps that waited longer than a few sweep intervals are redundant: a later
    # sweep does the same work. Dropping them keeps a backlog of sweeps from piling up.
    expires=max(settings.OUTBOX_POLL_SECONDS * 3, 30),
)
def deliver_outbox() -> int:
    """Deliver every due outbox event; sent after each commit and as a periodic sweep."""
    from raadhuis.platform.outbox import drain

    return len(drain(budget_seconds=DRAIN_BUDGET_SECONDS).delivered)


@shared_task(name="raadhuis.platform.purge_outbox", ignore_result=True)
def purge_outbox() -> int:
    """Delete delivered outbox events past OUTBOX_RETENTION_DAYS (beat: hourly)."""
    from raadhuis.platform.outbox import purge_delivered

    return purge_delivered()


def enqueue(task, *args, **kwargs) -> None:
    """Run a Celery task after the current transaction commits.

    With a broker the task goes to a worker; without one (the embedded default) it runs on a
    thread of this process, so the request that asked for it does not wait. This is *not*
    durable: if the broker is down or the process dies the task is lost (and logged). Work
    that must happen is published as an outbox event instead.
    """
    transaction.on_commit(lambda: _submit(task, args, kwargs))


def _submit(task, args, kwargs) -> None:
    if settings.BROKER_URL:
        try:
            task.apply_async(args, kwargs, retry=False)
        except Exception:  # the change is committed: do not turn a lost task into a 500
            logger.exception("Could not send task %s to the broker; it is lost.", task.name)
        return
    _thread_pool().submit(_run_in_thread, task, args, kwargs)


def _thread_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="raadhuis-task")
        return _pool


def _run_in_thread(task, args, kwargs) -> None:
    try:
        task.run(*args, **kwargs)
    except Exception:
        logger.exception("Background task %s failed", task.name)
    finally:
        close_old_connections()


def wait_for_in_process_tasks() -> None:
    """Let the tasks running on this process's threads finish, and start a new pool for any
    that come later: for a process that stops, and for tests that empty the database next."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)
