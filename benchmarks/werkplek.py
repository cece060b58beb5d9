"""Werkplek and processen: queue pages with many zaken, and automated cases per minute.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_werkplek   # its own database
    .venv/bin/python benchmarks/werkplek.py [--zaken 20000] [--queue-rows 1000000] [--runs 40] \
        [--automated 60]

The first run migrates, loads the demo, generates ``--zaken`` real zaken (``generate-data``'s
generator: COPY on PostgreSQL) and builds their queue rows (``werkplek_rebuild``); then it tops
the queue table up to ``--queue-rows`` with synthetic rows written by one INSERT … SELECT in
the database (seconds, where a million real zaken take half an hour to generate and rebuild).
The queues read only the queue table, so its size is what the pages feel; the synthetic rows
have no zaak behind them and are never picked up. Later runs reuse all of it. A fifth of the
rows get a team and one in a hundred the benchmark's behandelaar, as in a municipality where
most work waits in team queues; four in five are open.

"Pick up next" is timed twice: the choice of the next zaak (the locked query) for the user's
own teams on the full table, in a transaction rolled back each time; and the whole action
(choice, behandelaar rol through the Zaken services, queue row) for a team that holds the
real zaken.

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

from _django import employee_client, setup, timed

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_werkplek"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zaken", type=int, default=20_000, help="real zaken (generated, then rebuilt)")
    parser.add_argument("--queue-rows", type=int, default=1_000_000, help="queue rows in all (target: 1M)")
    parser.add_argument("--runs", type=int, default=30, help="requests per queue variant")
    parser.add_argument("--automated", type=int, default=40, help="automated parkeervergunningen to run")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    _create_database(os.environ["DATABASE_URL"])
    setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from raadhuis.platform import outbox, tenancy

    outbox.wake_dispatcher = lambda: None  # no dispatcher thread: events are drained by hand, timed
    organisation, user = _prepare(args.zaken)
    with tenancy.system_scope():
        outbox.drain()  # the demo's and the setup's events, before anything is timed
    _fill_queue(organisation, user, args.queue_rows)
    print(
        f"database: {connection.vendor}; queue rows of {organisation.name}: {_items(organisation):,}, "
        f"open: {_items(organisation, is_open=True):,}"
    )
    _queue_pages(user, args.runs)
    _pick_up(organisation, user, args.runs)
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


def _items(organisation, **filters) -> int:
    from raadhuis.platform import tenancy
    from raadhuis.werkplek.models import WorkItem

    with tenancy.system_scope():
        return WorkItem.objects.filter(organisation=organisation, **filters).count()


SYNTHETIC = """
INSERT INTO werkplek_workitem (
    organisation_id, zaak_uuid, identificatie, omschrijving, zaaktype_identificatie,
    zaaktype_omschrijving, vertrouwelijkheid, status, registratiedatum, startdatum, uiterste_datum,
    opgeschort, is_open, einddatum, behandelaar_id, team_id, procestaak, procesfout, zoektekst,
    bijgewerkt)
SELECT %(organisation)s, gen_random_uuid(), 'SYN-' || lpad(g::text, 9, '0'), r.omschrijving,
       r.zaaktype[1], r.zaaktype[2], r.rang, r.status, r.registratie, r.registratie,
       r.registratie + r.termijn, g %% 20 = 3, r.open, CASE WHEN NOT r.open THEN r.registratie + 20 END,
       CASE WHEN g %% 100 = 7 THEN %(user)s END,
       CASE WHEN g %% 5 = 0 THEN (%(teams)s::bigint[])[1 + (g / 5) %% cardinality(%(teams)s::bigint[])] END,
       '', false, r.omschrijving || ' ' || r.zaaktype[2], now()
FROM generate_series(%(first)s, %(last)s) AS g,
LATERAL (SELECT
    (%(onderwerpen)s::text[])[1 + g %% cardinality(%(onderwerpen)s::text[])] AS omschrijving,
    ARRAY[(%(zaaktypen)s::text[])[1 + 2 * ((g / 7) %% (cardinality(%(zaaktypen)s::text[]) / 2))],
          (%(zaaktypen)s::text[])[2 + 2 * ((g / 7) %% (cardinality(%(zaaktypen)s::text[]) / 2))]] AS zaaktype,
    (ARRAY[1, 2, 2, 3, 3, 3, 4, 5, 6, 2])[1 + (g / 3) %% 10]::smallint AS rang,
    (%(statussen)s::text[])[1 + (g / 11) %% cardinality(%(statussen)s::text[])] AS status,
    CURRENT_DATE - (random() * random() * 1000)::int AS registratie,
    (ARRAY[56, 56, 42, 28, 84, 14, 56, 182])[1 + (g / 13) %% 8] AS termijn,
    (g %% 5) <> 4 OR g %% 11 = 0 AS open) AS r
"""


def _fill_queue(organisation, user, wanted: int) -> None:
    """Top the queue table up to ``wanted`` rows with synthetic ones (see the docstring)."""
    from django.db import connection, transaction

    from raadhuis.platform import tenancy
    from raadhuis.werkplek.models import Team, WorkItem
    from raadhuis.zgw.catalogi.models import Statustype, Zaaktype

    with tenancy.system_scope():
        have = WorkItem.objects.filter(organisation=organisation).count()
        if have >= wanted or connection.vendor != "postgresql":
            return
        zaaktypen = Zaaktype.objects.filter(organisation=organisation, concept=False)
        params = {
            "organisation": organisation.pk,
            "user": user.pk,
            "teams": list(Team.objects.filter(organisation=organisation).values_list("pk", flat=True)),
            "onderwerpen": ["Losliggende stoeptegel", "Parkeervergunning bewoner", "Verzoek om informatie",
                            "Bezwaar tegen aanslag", "Buurtfeest", "Adreswijziging", "Huishoudelijke hulp"],
            "zaaktypen": [v for z in zaaktypen for v in (z.identificatie, z.omschrijving[:80])],
            "statussen": sorted(set(Statustype.objects.filter(zaaktype__in=zaaktypen)
                                    .values_list("omschrijving", flat=True)))[:20] or ["Ontvangen"],
        }
    started = time.perf_counter()
    step = 200_000
    for first in range(have + 1, wanted + 1, step):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT setseed(%s)", [first / (wanted + 1)])
            cursor.execute(SYNTHETIC, {**params, "first": first, "last": min(first + step - 1, wanted)})
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE werkplek_workitem")
    print(f"added {wanted - have:,} synthetic queue rows in {time.perf_counter() - started:.0f} s")


def _queue_pages(user, runs: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = employee_client(user)
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
        median, p95 = _percentiles(timed(client, url, runs))
        print(f"{label:42} {median:10.1f} {p95:8.1f}")
    with CaptureQueriesContext(connection) as queries:
        client.get("/werkplek/")
    print(f"SQL queries for the default queue page: {len(queries)}")


def _percentiles(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def _pick_up(organisation, user, runs: int) -> None:
    from django.db import transaction

    from raadhuis.platform import context, outbox, tenancy
    from raadhuis.werkplek import services as werkplek
    from raadhuis.werkplek.models import Team, WorkItem

    class Rollback(Exception):
        pass

    choice = []
    with tenancy.activate(tenancy.scope_of_user(user)):
        teams = list(user.werkplek_teams.values_list("pk", flat=True))
        for _ in range(runs + 1):
            started = time.perf_counter()
            try:
                with transaction.atomic():
                    item = werkplek.next_in_queue(user, teams)
                    choice.append((time.perf_counter() - started) * 1000)
                    raise Rollback
            except Rollback:
                pass
    median, p95 = _percentiles(choice[1:])
    print(f"{'pick up next: choice, own teams (1M rows)':42} {median:10.1f} {p95:8.1f}  ({item})")

    with tenancy.system_scope():
        team, _ = Team.objects.get_or_create(organisation=organisation, code="benchmark-oppakken",
                                             defaults={"naam": "Oppakken (benchmark)"})
        team.leden.add(user)
        real = WorkItem.objects.filter(organisation=organisation, is_open=True).exclude(
            identificatie__startswith="SYN-")
        real.filter(team=team, behandelaar=user).update(behandelaar=None)
        real.update(team=team)
    whole = []
    with tenancy.activate(tenancy.scope_of_user(user)), context.acting_as(context.actor_for_user(user)):
        for _ in range(runs + 1):
            started = time.perf_counter()
            zaak = werkplek.pick_up_next(user, team)
            whole.append((time.perf_counter() - started) * 1000)
            assert zaak is not None, "no real zaak left to pick up"
    median, p95 = _percentiles(whole[1:])
    print(f"{'pick up next: whole action (assign)':42} {median:10.1f} {p95:8.1f}")
    with tenancy.system_scope():
        outbox.drain()


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
