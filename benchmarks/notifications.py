"""Notifications delivered per second to 10 subscribers, and publish-to-delivery latency.

Run: .venv/bin/python benchmarks/notifications.py [--latency 200] [--burst 500] [--concurrency 4]
With BROKER_URL set (Redis or RabbitMQ) it starts `raadhuis worker` as a subprocess and
measures delivery through Celery; without, through the in-process dispatcher (embedded mode).
Uses DATABASE_URL (default SQLite). The 10 subscribers are HTTP receivers on 127.0.0.1 in a
child process; each notification is timed from the commit of its event to its arrival.
Creates its own organisation and abonnementen, and removes them and its events afterwards.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from _django import setup

ROOT = Path(__file__).resolve().parents[1]
SUBSCRIBERS = 10
QUEUE = "raadhuis-bench-notifications"
os.environ.setdefault("NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS", "127.0.0.1/32")
os.environ.setdefault("NOTIFICATIES_VERIFY_CALLBACK", "false")
os.environ.setdefault("CELERY_QUEUE", QUEUE)
os.environ.setdefault("LOG_LEVEL", "WARNING")


class Arrivals:
    """When each (event, subscriber) arrived, by the Idempotency-Key (the event uuid)."""

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)

    def add(self, key: str, at: float) -> None:
        with self.changed:
            self.times.setdefault(key, []).append(at)
            self.changed.notify_all()

    def wait(self, keys: list[str], timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self.changed:
            while not all(len(self.times.get(k, ())) >= SUBSCRIBERS for k in keys):
                if not self.changed.wait(max(0.0, deadline - time.monotonic())):
                    return False
        return True


def serve_receivers(ports, arrived) -> None:
    """The 10 subscribers, in a process of their own: they must not share the publisher's GIL."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real consumer would

        def do_POST(self):  # noqa: N802
            self.rfile.read(int(self.headers["Content-Length"]))
            arrived.put((self.headers.get("Idempotency-Key", ""), time.time()))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    servers = []
    for _ in range(SUBSCRIBERS):
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    ports.put([server.server_address[1] for server in servers])
    threading.Event().wait()


def start_receivers(arrivals: Arrivals) -> tuple[list[int], multiprocessing.Process]:
    context = multiprocessing.get_context("spawn")
    ports, arrived = context.Queue(), context.Queue()
    process = context.Process(target=serve_receivers, args=(ports, arrived), daemon=True)
    process.start()

    def collect():
        while True:
            key, at = arrived.get()
            arrivals.add(key, at)

    threading.Thread(target=collect, daemon=True).start()
    return ports.get(timeout=30), process


def start_worker(concurrency: int) -> subprocess.Popen:
    script = Path(sys.executable).with_name("raadhuis")
    log = open(Path(os.environ.get("RAADHUIS_VAR_DIR", "/tmp")) / "bench-worker.log", "ab")  # noqa: SIM115
    return subprocess.Popen([str(script), "worker", "--concurrency", str(concurrency)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=int, default=200, help="notifications published one by one")
    parser.add_argument("--burst", type=int, default=500, help="notifications published at once")
    parser.add_argument("--concurrency", type=int, default=4, help="worker processes (with a broker)")
    args = parser.parse_args()
    celery = bool(os.environ.get("BROKER_URL"))
    setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    arrivals = Arrivals()
    ports, receivers = start_receivers(arrivals)
    organisation, abonnementen = create_subscribers(ports)
    worker = start_worker(args.concurrency) if celery else None
    try:
        warm_up(organisation, arrivals)
        latencies = measure_latency(organisation, arrivals, args.latency)
        seconds = measure_burst(organisation, arrivals, args.burst)
    finally:
        if worker is not None:
            os.killpg(worker.pid, 15)
            worker.wait(timeout=30)
        clean_up(organisation, abonnementen)
        receivers.terminate()
    report(connection.vendor, "Celery worker" if celery else "in-process dispatcher", args,
           latencies, seconds)


def create_subscribers(ports: list[int]):
    from raadhuis.platform import tenancy
    from raadhuis.platform.models import Organisation
    from raadhuis.zgw.notificaties import services

    with tenancy.system_scope():
        organisation, _ = Organisation.objects.get_or_create(
            slug="benchmark-nrc", defaults={"name": "Benchmark notificaties", "rsin": "009988762"})
    with tenancy.scope_for([organisation.pk]):
        abonnementen = [services.save_abonnement(
            None, {"callback_url": f"http://127.0.0.1:{port}/notificaties",
                   "auth": "Bearer bench", "kanalen": [{"naam": "zaken", "filters": {}}]},
            organisation_id=organisation.pk) for port in ports]
    return organisation, abonnementen


def publish(organisation, number: int) -> tuple[str, float]:
    """One ZGW-style notification in its own transaction; its uuid and commit time."""
    from django.db import transaction
    from django.utils import timezone

    from raadhuis.platform import outbox, tenancy

    zaak = f"http://localhost:8000/zaken/api/v1/zaken/bench-{number % 50}"
    payload = {"kanaal": "zaken", "hoofdObject": zaak, "resource": "status",
               "resourceUrl": f"{zaak}/statussen/{number}", "actie": "create",
               "aanmaakdatum": timezone.now().isoformat(),
               "kenmerken": {"bronorganisatie": organisation.rsin, "zaaktype": "http://x/zaaktypen/1",
                             "vertrouwelijkheidaanduiding": "openbaar"}}
    with tenancy.system_scope(), transaction.atomic():
        event = outbox.publish(organisation=organisation, kanaal="zaken", payload=payload)
    return str(event.uuid), time.time()


def warm_up(organisation, arrivals: Arrivals) -> None:
    from raadhuis.platform.models import Delivery

    key, _ = publish(organisation, 0)
    if not arrivals.wait([key], timeout=120):
        states = list(Delivery.all_tenants.filter(event__uuid=key).values_list("status", "last_error"))
        raise SystemExit(f"The warm-up notification did not arrive (is the worker running?): {states}")


def measure_latency(organisation, arrivals: Arrivals, count: int) -> list[float]:
    latencies = []
    for number in range(count):
        key, committed = publish(organisation, number)
        if not arrivals.wait([key], timeout=60):
            raise SystemExit(f"Notification {number} did not arrive within 60 s.")
        latencies += [(arrived - committed) * 1000 for arrived in arrivals.times[key]]
    return latencies


def measure_burst(organisation, arrivals: Arrivals, count: int) -> float:
    started = time.time()
    keys = [publish(organisation, number)[0] for number in range(count)]
    if not arrivals.wait(keys, timeout=600):
        raise SystemExit("The burst was not delivered within 10 minutes.")
    return max(max(arrivals.times[k]) for k in keys) - started


def clean_up(organisation, abonnementen) -> None:
    from raadhuis.platform import tenancy
    from raadhuis.platform.models import Delivery, OutboxEvent
    from raadhuis.zgw.notificaties.models import Abonnement

    with tenancy.system_scope():
        Delivery.all_tenants.filter(organisation=organisation).delete()
        OutboxEvent.all_tenants.filter(organisation=organisation).delete()
        Abonnement.all_tenants.filter(pk__in=[a.pk for a in abonnementen]).delete()


def report(vendor: str, dispatcher: str, args, latencies: list[float], seconds: float) -> None:
    deliveries = args.burst * SUBSCRIBERS
    ordered = sorted(latencies)
    print(f"database: {vendor}; delivery: {dispatcher}; subscribers: {SUBSCRIBERS}")
    print(f"latency, publish to delivery ({len(latencies)} deliveries of {args.latency} notifications "
          f"published one by one): median {statistics.median(ordered):.1f} ms, "
          f"p95 {ordered[int(0.95 * (len(ordered) - 1))]:.1f} ms, max {ordered[-1]:.1f} ms")
    print(f"throughput ({args.burst} notifications published at once): {deliveries} deliveries in "
          f"{seconds:.2f} s = {deliveries / seconds:.0f} deliveries/s "
          f"= {args.burst / seconds:.0f} notifications/s to all {SUBSCRIBERS} subscribers")


if __name__ == "__main__":
    main()
