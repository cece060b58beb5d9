"""Werkplek and processen: queue pages with many zaken, and automated cases per minute.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_werkplek   # its own database
    .venv/bin/python benchmarks/werkplek.py --zaken 1000000 [--runs 40] [--automated 60]

The first run migrates, loads the demo, generates the missing zaken (``generate-data``'s
generator: COPY on PostgreSQL) and builds the werkplek queue table (``werkplek_rebuild``);
later runs reuse them. A fifth of the queue rows get a team and one in a hundred the
benchmark's behandelaar, as in a municipality where most work waits in team queues.

Prints median and p95 of full queue page requests (Django test client, a logged-in
behandelaar with a verified second factor: middleware, tenancy, template and all) for the
usual cuts of the queue, the SQL of the default page, and then the throughput of the
automated parkeervergunning: zaken created with request data that the DMN table grants,
run to the end (BRP check, fines, fee, DMN, besluit, Word letter, message, closing) by the
outbox dispatcher in this process. The BRP lookup is answered by a stub (the register's own
speed is measured in benchmarks/registers.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from _django import setup

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_werkplek"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zaken", type=int, default=100_000, help="zaken in the queue (target: 1000000)")
    parser.add_argument("--runs", type=int, default=30, help="requests per queue variant")
    parser.add_argument("--automated", type=int, default=40, help="automated parkeervergunningen to run")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    _create_database(os.environ["DATABASE_URL"])
    setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    organisation, user = _prepare(args.zaken)
    print(
        f"database: {connection.vendor}; open zaken in the werkplek of {organisation.name}: "
        f"{_open_items(organisation):,}"
    )
    _queue_pages(user, args.runs)
    _throughput(organisation, user, args.automated)


def _create_database(url: str) -> None:
    if not url.startswith("postgres"):
        return
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _prepare(wanted: int):
    from raadhuis.platform import tenancy
    from raadhuis.platform.demo import load_demo
    from raadhuis.platform.models import Organisation, User
    from raadhuis.werkplek.models import Team, WorkItem
    from raadhuis.werkplek.rebuild import rebuild
    from raadhuis.zgw.zaken import datagen
    from raadhuis.zgw.zaken.models import Zaak

    with tenancy.system_scope():
        load_demo()
        organisation = Organisation.objects.get(slug="voorbeeldstad")
        user = User.objects.get(username="behandelaar")
        have = Zaak.objects.filter(organisation=organisation).count()
        if have < wanted:
            started = time.perf_counter()
            datagen.generate(organisation, wanted - have)
            print(f"generated {wanted - have:,} zaken in {time.perf_counter() - started:.0f} s")
        if WorkItem.objects.filter(organisation=organisation).count() < wanted:
            started = time.perf_counter()
            count = rebuild(organisation)
            print(f"built the queue table ({count:,} rows) in {time.perf_counter() - started:.0f} s")
            _spread_work(organisation, user, Team)
    return organisation, user


def _spread_work(organisation, user, team_model) -> None:
    """A fifth of the zaken in team queues, one in a hundred with the benchmark's behandelaar."""
    from django.db import connection

    teams = list(team_model.objects.filter(organisation=organisation).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        for index, team_id in enumerate(teams):
            cursor.execute(
                "UPDATE werkplek_workitem SET team_id = %s WHERE organisation_id = %s AND id %% %s = %s",
                [team_id, organisation.pk, 5 * len(teams), index],
            )
        cursor.execute(
            "UPDATE werkplek_workitem SET behandelaar_id = %s WHERE organisation_id = %s AND id %% 100 = 7",
            [user.pk, organisation.pk],
        )
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE werkplek_workitem")


def _open_items(organisation) -> int:
    from raadhuis.platform import tenancy
    from raadhuis.werkplek.models import WorkItem

    with tenancy.system_scope():
        return WorkItem.objects.filter(organisation=organisation, is_open=True).count()


def _client(user):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=user).first().persistent_id
    session.save()
    return client


def _timed(client, url: str, runs: int) -> list[float]:
    client.get(url)  # warm: templates, plans
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def _queue_pages(user, runs: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(user)
    variants = [
        ("all open zaken, by uiterste datum", "/werkplek/"),
        ("mijn zaken", "/werkplek/?wie=mij"),
        ("mijn teams", "/werkplek/?wie=team"),
        ("zaaktype PARKVERG", "/werkplek/?zaaktype=PARKVERG"),
        ("termijn verlopen", "/werkplek/?termijn=verlopen"),
        ("nieuwste eerst, pagina 40", "/werkplek/?sort=-registratiedatum&pagina=40"),
        ("filter change (htmx partial)", "/werkplek/?zaaktype=MOR&wie=niet_toegewezen"),
        ("search 'parkeervergunning'", "/werkplek/zoeken/?q=parkeervergunning"),
    ]
    print(f"{'queue page':42} {'median ms':>10} {'p95 ms':>8}")
    for label, url in variants:
        times = sorted(_timed(client, url, runs))
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{label:42} {statistics.median(times):10.1f} {p95:8.1f}")
    with CaptureQueriesContext(connection) as queries:
        client.get("/werkplek/")
    print(f"SQL queries for the default queue page: {len(queries)}")


def _throughput(organisation, user, count: int) -> None:
    from raadhuis.platform import context, outbox, tenancy
    from raadhuis.processen import services as processen
    from raadhuis.processen.models import Procesinstantie
    from raadhuis.registers import services as registers
    from raadhuis.werkplek import services as werkplek
    from raadhuis.zgw.catalogi import services as catalogi

    registers.get_persoon = lambda bsn, **kwargs: {  # stub: see the module docstring
        "verblijfplaats": {"verblijfadres": {"postcode": "9901AB"}},
        "adressering": {
            "aanhef": "Geachte heer Jansen",
            "adresregel1": "Kerkplein 1",
            "adresregel2": "9901 AB  VOORBEELDSTAD",
            "aanschrijfwijze": {"naam": "J. Jansen"},
        },
    }
    outbox.wake_dispatcher = lambda: None  # this process drains by hand, timed
    scope = tenancy.scope_of_user(user)
    with tenancy.activate(scope), context.acting_as(context.actor_for_user(user)):
        zaaktype = next(
            z for z in catalogi.published_zaaktypen(organisation) if z.identificatie == "PARKVERG"
        )
        started = time.perf_counter()
        uuids = []
        for n in range(count):
            zaak = werkplek.intake(
                organisation=organisation,
                zaaktype=zaaktype,
                omschrijving=f"Benchmark {n}",
                bsn="999993653",
                naam="Jansen",
            )
            processen.start(zaak, {"zone": "centrum", "kenteken": f"BM-{n:03d}-X", "aantal_autos": "1"})
            uuids.append(zaak.uuid)
        created = time.perf_counter() - started
    with tenancy.system_scope():
        outbox.drain()
        elapsed = time.perf_counter() - started
        done = Procesinstantie.objects.filter(zaak_uuid__in=uuids, status="afgerond").count()
    print(
        f"automated parkeervergunningen: {done}/{count} completed in {elapsed:.1f} s "
        f"(intake {created:.1f} s) = {done / elapsed * 60:.0f} per minute, one process, one dispatcher"
    )


if __name__ == "__main__":
    main()
