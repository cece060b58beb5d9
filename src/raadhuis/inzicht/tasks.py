"""Background work of inzicht: the incremental refresh of queued zaken (woken by the zaken
events, and swept every minute by Celery beat) and the monthly figures of other modules."""

from __future__ import annotations

import logging
import threading

from celery import shared_task
from django.db import connection, transaction

from raadhuis.platform import tasks as platform_tasks
from raadhuis.platform import tenancy

logger = logging.getLogger(__name__)
_scheduled = threading.Event()  # one pending wake per process is enough: a run takes the whole queue


@shared_task(name="raadhuis.inzicht.verversen", ignore_result=True)
def verversen() -> int:
    """Refresh every queued zaak's facts and cells."""
    from raadhuis.inzicht import kubus

    _scheduled.clear()
    try:
        with tenancy.system_scope():
            return kubus.refresh_pending()
    finally:
        # In-process the task runs on a pool thread that would keep its connection while idle
        # (and hold up a test database's teardown); a Celery worker reconnects as needed.
        connection.close()


@shared_task(name="raadhuis.inzicht.bronnen", ignore_result=True)
def bronnen() -> int:
    """Recompute this and last month's figures of klantcontact, Woo, sensoren and wegen."""
    from raadhuis.inzicht import bronnen as sources

    try:
        with tenancy.system_scope():
            return sources.refresh_all()
    finally:
        connection.close()


def schedule_refresh() -> None:
    """Wake the refresh after the current transaction commits, unless a wake is pending. The
    flag is set only when the transaction did commit: a rolled-back one must not leave it set
    (no later event would wake the refresh in this process)."""
    transaction.on_commit(_wake)


def _wake() -> None:
    if _scheduled.is_set():
        return
    _scheduled.set()
    platform_tasks.enqueue(verversen)
