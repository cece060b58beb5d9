"""Killing the process that delivers, in the middle of a delivery, loses no notification.

As tests/platform/test_outbox_workers.py: the dispatcher (``raadhuis dispatch_outbox``, or a
Celery ``raadhuis worker`` on Redis) runs as a subprocess on the test database and is killed
with ``kill -9`` while the receiver is still answering; a second one takes over when the
lease runs out. Every notification arrives, and per hoofdObject in order.
"""

from __future__ import annotations

import os

import pytest

from raadhuis.platform.models import Delivery
from tests.platform.test_outbox_workers import BROKERS, kill, reachable, running, subprocess_env, wait_for
from tests.zgw.notificaties.conftest import abonnement_deliveries, subscribe
from tests.zgw.notificaties.test_guaranteed_delivery import (
    collapse_repeats,
    per_hoofdobject,
    publish_interleaved,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def organisation(transactional_db, two_municipalities):
    return two_municipalities[0]


def nrc_env(receiver, **extra: str) -> dict[str, str]:
    return subprocess_env(
        receiver,
        NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS="127.0.0.1/32",
        # Within the 3 s lease of these tests: lookup and connect 0.5 s each, answer 1.5 s.
        NOTIFICATIES_CONNECT_TIMEOUT="0.5",
        NOTIFICATIES_READ_TIMEOUT="1.5",
        **extra,
    )


def all_delivered() -> bool:
    return not abonnement_deliveries().exclude(status=Delivery.Status.DELIVERED).exists()


def assert_everything_arrived_in_order(receiver, published) -> None:
    accepted = per_hoofdobject(receiver.accepted())
    assert {hoofd: collapse_repeats(urls) for hoofd, urls in accepted.items()} == published
    in_flight = receiver.arrivals[[m.get("kanaal") for m in receiver.arrivals].index("zaken")]
    assert receiver.arrivals.count(in_flight) == 2, "the killed delivery was made again"


def _start(consumer, receiver, organisation):
    subscribe(consumer, receiver.url)
    receiver.delay = 0.5  # slow, so the kill lands mid-delivery
    return publish_interleaved(organisation, zaken=2, per_zaak=3)


def test_killed_dispatcher_loses_no_notification(organisation, consumer, receiver, tmp_path):
    published = _start(consumer, receiver, organisation)
    env = nrc_env(receiver)
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    with running(["dispatch_outbox"], env, logs[0]) as first:
        wait_for(receiver.first_request.is_set, 240, "the first notification", logs)
        kill(first)
    assert not all_delivered()
    with running(["dispatch_outbox"], env, logs[1]):
        wait_for(all_delivered, 240, "every notification after the takeover", logs)
    assert_everything_arrived_in_order(receiver, published)


@pytest.mark.parametrize("broker", ["redis"])
def test_killed_celery_worker_loses_no_notification(organisation, consumer, receiver, tmp_path, broker):
    url, port = BROKERS[broker]
    if not reachable(port):
        pytest.skip(f"{broker} is not reachable on 127.0.0.1:{port}")
    published = _start(consumer, receiver, organisation)
    # A queue of this run only: a worker left over from another run must not take its tasks.
    env = nrc_env(receiver, BROKER_URL=url, CELERY_QUEUE=f"raadhuis-tests-nrc-{os.getpid()}",
                  OUTBOX_POLL_SECONDS="1")
    logs = [tmp_path / "first-worker.log", tmp_path / "second-worker.log"]
    with running(["worker", "--concurrency", "1"], env, logs[0]) as first:  # its beat sweeps
        wait_for(receiver.first_request.is_set, 240, "the first notification", logs)
        kill(first)
    assert not all_delivered()
    with running(["worker", "--concurrency", "1"], env, logs[1]):
        wait_for(all_delivered, 90, "every notification after the takeover", logs)
    assert_everything_arrived_in_order(receiver, published)
