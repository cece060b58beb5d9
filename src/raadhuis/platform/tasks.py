"""Background tasks: Celery workers with BROKER_URL, a thread pool in-process without."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from celery import shared_task
from django.conf import settings
from django.db import close_old_connections, transaction

logger = logging.getLogger(__name__)
_pool: ThreadPoolExecutor | None = None


@shared_task(name="raadhuis.platform.deliver_outbox", ignore_result=True)
def deliver_outbox() -> int:
    """Deliver every due outbox event; scheduled after each commit and as a periodic sweep."""
    from raadhuis.platform.outbox import dispatch_due

    delivered = 0
    while batch := dispatch_due().delivered:
        delivered += len(batch)
    return delivered


def enqueue(task, *args, **kwargs) -> None:
    """Run a Celery task after the current transaction commits.

    With a broker the task goes to a worker; without one (the embedded default) it runs on a
    thread of this process, so the request that asked for it does not wait.
    """
    transaction.on_commit(lambda: _submit(task, args, kwargs))


def _submit(task, args, kwargs) -> None:
    if settings.BROKER_URL:
        task.delay(*args, **kwargs)
        return
    global _pool
    if _pool is None:
        _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="raadhuis-task")
    _pool.submit(_run_in_thread, task, args, kwargs)


def _run_in_thread(task, args, kwargs) -> None:
    try:
        task.run(*args, **kwargs)
    except Exception:
        logger.exception("Background task %s failed", task.name)
    finally:
        close_old_connections()
