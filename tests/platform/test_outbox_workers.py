"""The outbox across processes: dispatchers and Celery workers that are killed mid-delivery,
several dispatchers at once, the web server's embedded dispatcher.

The subprocesses use the test database (its name comes from the test connection) and load
the test handler through ``RAADHUIS_EXTRA_HANDLERS``; it POSTs to a receiver in this process.
Every subprocess runs in its own session and is killed, with its children, in ``finally``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager, suppress
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import requests
from django.db import connection
from django.utils import timezone

from raadhuis.platform import outbox, tenancy
from raadhuis.platform.models import Delivery
from tests.platform.handlers_for_tests import RECEIVER_ENV, TIMEOUT_ENV, WEBHOOK, Receiver

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 3  # short, so a takeover happens within the test; longer than a delivery
BROKERS = {
    "redis": ("redis://127.0.0.1:6379/15", 6379),
    "rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", 5672),
}


@pytest.fixture
def organisation(transactional_db, two_municipalities):
    return two_municipalities[0]


@pytest.fixture
def no_wake(monkeypatch):
    monkeypatch.setattr(outbox, "wake_dispatcher", lambda: None)


@pytest.fixture
def receiver():
    receiver = Receiver().start()
    yield receiver
    receiver.stop()


def publish(organisation, n: int) -> list[str]:
    with tenancy.system_scope():
        return [str(outbox.publish(organisation=organisation, kanaal=WEBHOOK, payload={"i": i})
                    .uuid) for i in range(n)]


def webhook_deliveries():
    return Delivery.all_tenants.filter(handler=WEBHOOK)


def all_delivered() -> bool:
    return not webhook_deliveries().exclude(status=Delivery.Status.DELIVERED).exists()


def wait_for(condition: Callable[[], bool], timeout: float, what: str, logs=()) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    tails = "\n".join(f"--- {log.name}:\n{log.read_text()[-3000:]}" for log in logs
                      if log.exists())
    pytest.fail(f"timed out after {timeout}s waiting for {what}\n{tails}")


# --- Subprocesses ------------------------------------------------------------------------


def database_url() -> str:
    """The test database, as a DATABASE_URL for a subprocess."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


def subprocess_env(receiver: Receiver, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BROKER_URL", "CELERY_QUEUE")}
    env.update(
        DATABASE_URL=database_url(),
        PYTHONPATH=str(ROOT),
        RAADHUIS_EXTRA_HANDLERS="tests.platform.handlers_for_tests",
        OUTBOX_LEASE_SECONDS=str(LEASE_SECONDS),
        OUTBOX_POLL_SECONDS="0.3",
        LOG_LEVEL="INFO",
        **{RECEIVER_ENV: receiver.url, TIMEOUT_ENV: "2"},
    )
    env.update(extra)
    return env


def raadhuis_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("raadhuis")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "raadhuis.cli", *args]


@contextmanager
def running(args: list[str], env: dict[str, str], log: Path):
    """Run ``raadhuis *args`` in its own process group, killed with all children at exit."""
    with log.open("ab") as output:
        process = subprocess.Popen(raadhuis_command(*args), env=env, cwd=ROOT, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield process
    finally:
        kill(process)


def kill(process: subprocess.Popen) -> None:
    """kill -9, the whole group: no chance to clean up, as when a machine dies."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def reachable(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def assert_killed_delivery_was_taken_over(receiver: Receiver, uuids: list[str]) -> None:
    in_flight = receiver.started[0]
    delivery = webhook_deliveries().get(event__uuid=in_flight)
    assert delivery.attempts == 2, "the in-flight delivery was attempted again after the kill"
    assert receiver.started.count(in_flight) == 2
    assert set(receiver.received) == set(uuids), "every event arrived, at least once"


# --- Embedded: the in-process dispatcher --------------------------------------------------


def test_in_process_dispatcher_delivers_after_commit_and_retries_without_commits(
    organisation, settings
):
    settings.OUTBOX_IN_PROCESS = True
    settings.OUTBOX_POLL_SECONDS = 0.2
    settings.OUTBOX_BACKOFF_SECONDS = 0.3
    calls = []

    def flaky(event):
        calls.append(event.uuid)
        if len(calls) == 1:
            raise ConnectionError("eerste keer mis")

    outbox.register_handler("tests.flaky", flaky, ["tests.flaky"])
    try:
        with tenancy.system_scope():
            event = outbox.publish(organisation=organisation, kanaal="tests.flaky", payload={})
        wait_for(lambda: Delivery.all_tenants.filter(
            event=event, status=Delivery.Status.DELIVERED).exists(), 15, "the retry")
    finally:
        outbox.InProcessDispatcher.shutdown()
        outbox.unregister_handler("tests.flaky")
    assert calls == [event.uuid, event.uuid]


# --- Foreground dispatchers ---------------------------------------------------------------


@pytest.mark.slow
def test_killed_dispatcher_loses_nothing(organisation, no_wake, receiver, tmp_path):
    receiver.delay = 0.5  # slow, so the kill lands mid-delivery
    uuids = publish(organisation, 5)
    env = subprocess_env(receiver)
    logs = [tmp_path / "first.log", tmp_path / "second.log"]

    with running(["dispatch_outbox"], env, logs[0]) as first:
        wait_for(receiver.first_request.is_set, 60, "the first delivery", logs)
        kill(first)
    in_flight = webhook_deliveries().get(event__uuid=receiver.started[0])
    assert in_flight.status == Delivery.Status.PENDING and in_flight.leased_until is not None
    assert not all_delivered()

    with running(["dispatch_outbox"], env, logs[1]):
        wait_for(all_delivered, 60, "every delivery after the takeover", logs)
    assert_killed_delivery_was_taken_over(receiver, uuids)


@pytest.mark.slow
def test_concurrent_dispatchers_deliver_each_event_once(organisation, no_wake, receiver, tmp_path):
    receiver.delay = 0.05
    env = subprocess_env(receiver)
    logs = [tmp_path / f"dispatcher-{n}.log" for n in range(3)]
    with running(["dispatch_outbox"], env, logs[0]), running(
        ["dispatch_outbox"], env, logs[1]
    ), running(["dispatch_outbox"], env, logs[2]):
        wait_for(lambda: all(log.exists() and "Dispatching" in log.read_text() for log in logs),
                 60, "three running dispatchers", logs)
        uuids = publish(organisation, 30)
        wait_for(all_delivered, 60, "every delivery", logs)
    assert sorted(receiver.received) == sorted(uuids)  # each exactly once: no lease expired
    assert set(webhook_deliveries().values_list("attempts", flat=True)) == {1}
    assert len(receiver.senders) > 1, "the dispatchers shared the work"


# --- The web server's embedded dispatcher ---------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_serve_delivers_a_retry_due_later_without_new_commits(
    organisation, no_wake, receiver, tmp_path
):
    [uuid] = publish(organisation, 1)
    webhook_deliveries().update(attempts=1, last_error="ConnectionError",
                                next_attempt_at=timezone.now() + timedelta(seconds=3))
    port = free_port()
    log = tmp_path / "serve.log"
    with running(["serve", "--bind", f"127.0.0.1:{port}"], subprocess_env(receiver), log):
        wait_for(lambda: _live(port), 60, "the web server", [log])
        wait_for(all_delivered, 30, "the retry", [log])
    assert receiver.received == [uuid]


def _live(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/health/live", timeout=1).status_code == 200
    except requests.RequestException:
        return False


# --- Celery workers -----------------------------------------------------------------------

PUBLISH_IN_A_WEB_PROCESS = """
from django.db import transaction
from raadhuis.platform import outbox, tenancy
from raadhuis.platform.models import Organisation
with tenancy.system_scope(), transaction.atomic():
    organisation = Organisation.objects.get(pk={pk})
    for i in range({n}):
        print(outbox.publish(organisation=organisation, kanaal="{kanaal}", payload={{"i": i}}).uuid)
"""


@pytest.mark.slow
@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_killed_celery_worker_loses_nothing(organisation, receiver, tmp_path, broker):
    url, port = BROKERS[broker]
    if not reachable(port):
        pytest.skip(f"{broker} is not reachable on 127.0.0.1:{port}")
    receiver.delay = 0.5
    # A queue of this run alone: a stray worker of another run must not take its tasks.
    queue = f"raadhuis-tests-outbox-{uuid.uuid4().hex[:12]}"
    env = subprocess_env(receiver, BROKER_URL=url, CELERY_QUEUE=queue, OUTBOX_POLL_SECONDS="1")
    logs = [tmp_path / "first-worker.log", tmp_path / "second-worker.log"]

    # Published by another process, as a web request would: the wake is a task on the broker.
    code = PUBLISH_IN_A_WEB_PROCESS.format(pk=organisation.pk, n=5, kanaal=WEBHOOK)
    published = subprocess.run(raadhuis_command("shell", "--no-imports", "-c", code), env=env, cwd=ROOT,
                               capture_output=True, text=True, timeout=60)
    assert published.returncode == 0, published.stderr
    uuids = published.stdout.split()
    assert len(uuids) == 5

    # No beat in the first worker: only the task sent after commit can start its delivery.
    with running(["worker", "--concurrency", "1", "--no-beat"], env, logs[0]) as first:
        wait_for(receiver.first_request.is_set, 60, "the first delivery", logs)
        kill(first)
    assert not all_delivered()

    # The second worker's beat sweeps: the in-flight delivery goes out when its lease expires.
    with running(["worker", "--concurrency", "1"], env, logs[1]):
        wait_for(all_delivered, 60, "every delivery after the takeover", logs)
    assert_killed_delivery_was_taken_over(receiver, uuids)
