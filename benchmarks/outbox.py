"""Outbox throughput: events published per second, and delivered per second by one dispatcher.

Run: .venv/bin/python benchmarks/outbox.py [--events 2000]   (uses DATABASE_URL, default SQLite)
Creates its own organisation, uses a no-op handler, and removes its events afterwards.
Other due deliveries in the database are dispatched too (and counted in the time): run it on
an empty database (e.g. RAADHUIS_VAR_DIR=$(mktemp -d)) for clean figures.
"""

import argparse
import time

from _django import setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args()
    setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from raadhuis.platform import outbox, tenancy
    from raadhuis.platform.models import Delivery, Organisation, OutboxEvent

    call_command("migrate", verbosity=0)
    outbox.register_handler("benchmark.noop", lambda event: None, kanalen=["benchmark"])
    with tenancy.system_scope():
        organisation, _ = Organisation.objects.get_or_create(
            slug="benchmark", defaults={"name": "Benchmark", "rsin": "009988774"})
        started = time.perf_counter()
        for number in range(args.events):
            with transaction.atomic():
                outbox.publish(organisation=organisation, kanaal="benchmark", payload={"n": number})
        publish_seconds = time.perf_counter() - started
        started = time.perf_counter()
        outbox.drain()
        dispatch_seconds = time.perf_counter() - started
        delivered = Delivery.all_tenants.filter(
            event__kanaal="benchmark", status=Delivery.Status.DELIVERED).count()
        Delivery.all_tenants.filter(event__kanaal="benchmark").delete()
        OutboxEvent.all_tenants.filter(kanaal="benchmark").delete()
    print(f"database: {connection.vendor}")
    print(f"published: {args.events} events in {publish_seconds:.2f} s "
          f"= {args.events / publish_seconds:.0f} events/s (one transaction each)")
    print(f"delivered: {delivered} in {dispatch_seconds:.2f} s "
          f"= {delivered / dispatch_seconds:.0f} deliveries/s (one dispatcher)")


if __name__ == "__main__":
    main()
