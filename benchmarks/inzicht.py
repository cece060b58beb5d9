"""iNzicht: the dashboard with a million zaken, and the incremental refresh after 10,000 events.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_inzicht   # its own database
    .venv/bin/python benchmarks/inzicht.py --feiten 1000000 [--events 10000] [--runs 30]

The first run migrates, loads the demo, places twelve wijken over Voorbeeldstad and writes
the facts of a million zaken of five years (PostgreSQL ``INSERT … SELECT generate_series``:
zaaktypen, teams, kanalen, wijken and categories drawn at random, nine in ten closed with a
skewed throughput time), then builds the cells from them with the code of the rebuild
(``kubus.rebuild_cells``); later runs reuse them. Writing a million facts from real zaken is
``raadhuis inzicht_rebuild``; the facts themselves are the same rows.

Then it prints median and p95 of full dashboard page requests (Django test client, a
manager with a verified second factor: middleware, tenancy, cells, charts and template),
for the default page and with filters, CSV and the drill-down; and the cost of the
incremental refresh: ``--events`` events (one per zaak: the worst case) delivered to the
inzicht handler, then the background refresh of the queued zaken (their facts read through
the Zaken, werkplek, processen and besluiten services, the cells updated by difference).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from _django import employee_client, setup, timed

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_inzicht"
ZAAKTYPEN = [
    "MOR",
    "PARKVERG",
    "WOO",
    "BEZWAAR",
    "EVENEMENT",
    "VERHUIZING",
    "WMO",
    "KAPVERG",
    "OMGVERG",
    "AFVAL",
    "HONDENBELASTING",
    "GEHANDICAPTENPARKEERKAART",
    "BIJSTAND",
    "BOUWMELDING",
    "SUBSIDIE",
]
TEAMS = ["vergunningen", "meldpunt", "afval", "groen", "buitendienst-noord", "buitendienst-zuid"]
CATEGORIES = [
    "Losliggende stoeptegel",
    "Zwerfafval",
    "Kapotte lantaarnpaal",
    "Overhangend groen",
    "Volle container",
    "Gat in de weg",
    "Graffiti",
    "Overlast",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--feiten", type=int, default=1_000_000, help="zaken (facts) in inzicht")
    parser.add_argument("--events", type=int, default=10_000, help="events for the incremental refresh")
    parser.add_argument("--runs", type=int, default=30, help="requests per page variant")
    args = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    _create_database(os.environ["DATABASE_URL"])
    setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    organisation, manager = _prepare(args.feiten)
    print(
        f"database: {connection.vendor}; facts: {_count('zaakfeit', organisation):,}; "
        f"cells: {_count('zaakcel', organisation):,}"
    )
    _pages(manager, args.runs)
    _refresh(organisation, args.events)
    _pages(manager, max(5, args.runs // 3), only_default=True)


def _create_database(url: str) -> None:
    if not url.startswith("postgres"):
        raise SystemExit("This benchmark writes its million facts with PostgreSQL's generate_series.")
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _count(what: str, organisation) -> int:
    from raadhuis.inzicht.models import ZaakCel, ZaakFeit
    from raadhuis.platform import tenancy

    model = ZaakCel if what == "zaakcel" else ZaakFeit
    with tenancy.system_scope():
        return model.objects.filter(organisation=organisation).count()


def _prepare(wanted: int):
    from raadhuis.inzicht import kubus
    from raadhuis.inzicht.models import ZaakFeit
    from raadhuis.platform import tenancy
    from raadhuis.platform.demo import load_demo
    from raadhuis.platform.models import Organisation, User

    with tenancy.system_scope():
        load_demo()
        organisation = Organisation.objects.get(slug="voorbeeldstad")
        manager = User.objects.get(username="manager")
        _wijken(organisation)
        have = ZaakFeit.objects.filter(organisation=organisation).count()
        if have < wanted:
            started = time.perf_counter()
            _write_facts(organisation, wanted - have)
            print(f"wrote {wanted - have:,} facts in {time.perf_counter() - started:.0f} s")
            started = time.perf_counter()
            cells = kubus.rebuild_cells(organisation)
            print(
                f"built {cells:,} cells from {wanted:,} facts in {time.perf_counter() - started:.0f} s "
                f"(kubus.rebuild_cells)"
            )
    return organisation, manager


def _wijken(organisation) -> None:
    """Twelve wijken in a 4 × 3 grid over the demo's area (5.0–5.3 E, 51.95–52.2 N)."""
    import json

    from raadhuis.inzicht import gebieden
    from raadhuis.inzicht.models import Gebied

    if Gebied.objects.filter(organisation=organisation).count() == 12:
        return
    features = []
    for row in range(3):
        for column in range(4):
            x, y = 5.0 + column * 0.075, 51.95 + row * 0.0833
            ring = [[x, y], [x + 0.075, y], [x + 0.075, y + 0.0833], [x, y + 0.0833], [x, y]]
            n = row * 4 + column + 1
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                    "properties": {"wijkcode": f"WK9999{n:02d}", "wijknaam": f"Wijk {n}"},
                }
            )
    gebieden.load_geojson(organisation, json.dumps({"type": "FeatureCollection", "features": features}))


def _write_facts(organisation, count: int) -> None:
    from django.db import connection

    def array(values):
        return "ARRAY[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"

    # r1..r6, start, days: independent draws per row (in the subquery's select list: a
    # lateral subquery without outer references would be evaluated once); start within five
    # years; 90 % closed after a skewed number of days (most within weeks, a tail of months);
    # deadline eight weeks after start.
    sql = f"""
    INSERT INTO inzicht_zaakfeit (organisation_id, zaak_uuid, identificatie, omschrijving, zaaktype, team,
        kanaal, wijk, buurt, categorie, vertrouwelijkheid, registratiedatum, startdatum, einddatum,
        uiterste_datum, opgeschort, verlengd, heropend, geautomatiseerd, besluiten, bijgewerkt)
    SELECT %(org)s, md5(random()::text || g)::uuid, 'BENCH-' || g, 'Benchmarkzaak', t.zaaktype,
        CASE WHEN r2 < 0.8 THEN ({array(TEAMS)})[1 + floor(r2 * 7.5)::int] ELSE '' END,
        (ARRAY['portaal', 'portaal', 'balie', 'chat', 'api'])[1 + floor(r3 * 5)::int],
        CASE WHEN t.zaaktype = 'MOR'
             THEN 'WK9999' || lpad((1 + floor(r4 * 12))::int::text, 2, '0') ELSE '' END,
        '',
        CASE WHEN t.zaaktype = 'MOR' THEN ({array(CATEGORIES)})[1 + floor(r5 * 8)::int] ELSE '' END,
        CASE WHEN t.zaaktype IN ('WMO', 'BEZWAAR', 'BIJSTAND') THEN 4 ELSE 2 END,
        s.start, s.start,
        CASE WHEN r6 < 0.9 AND s.start + s.days <= current_date THEN s.start + s.days END,
        s.start + 56, r2 < 0.05, r3 < 0.03, (r4 < 0.01)::int, r5 < 0.15, (r6 < 0.3)::int, now()
    FROM (
        SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
               random() AS r6, current_date - floor(random() * 5 * 365)::int AS start,
               floor(power(random(), 3) * 200)::int AS days
        FROM generate_series(1, %(count)s) AS g
    ) AS s
    CROSS JOIN LATERAL (
        SELECT ({array(ZAAKTYPEN)})[1 + floor(power(s.r1, 1.6) * {len(ZAAKTYPEN)})::int] AS zaaktype
    ) AS t
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, {"org": organisation.pk, "count": count})
        cursor.execute("ANALYZE inzicht_zaakfeit")


def _pages(user, runs: int, only_default: bool = False) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = employee_client(user)
    variants = [("dashboard, last 12 months (target median <= 200 ms)", "/inzicht/")]
    if not only_default:
        variants += [
            ("dashboard, zaaktype MOR", "/inzicht/?zaaktype=MOR"),
            ("dashboard, one wijk, team meldpunt", "/inzicht/?wijk=WK999905&team=meldpunt"),
            ("dashboard, five years", "/inzicht/?van=2022-01"),
            ("CSV of one chart", "/inzicht/export/per-zaaktype.csv"),
            ("drill-down: open zaken, page 1", "/inzicht/zaken/?maat=open"),
            ("drill-down: closed late, page 20", "/inzicht/zaken/?maat=te_laat&pagina=20"),
        ]
    print(f"{'page':56} {'median ms':>10} {'p95 ms':>8}")
    for label, url in variants:
        times = timed(client, url, runs)
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{label:56} {statistics.median(times):10.1f} {p95:8.1f}")
    with CaptureQueriesContext(connection) as queries:
        client.get("/inzicht/")
    print(f"SQL queries for the default dashboard: {len(queries)}")


def _refresh(organisation, events: int) -> None:
    from types import SimpleNamespace

    from raadhuis.inzicht import kubus, sync
    from raadhuis.inzicht.models import TeVerversen
    from raadhuis.platform import tenancy
    from raadhuis.zgw.zaken import datagen
    from raadhuis.zgw.zaken.models import Zaak

    with tenancy.system_scope():
        started = time.perf_counter()
        datagen.generate(organisation, events, seed=int(time.time()))
        print(f"generated {events:,} new zaken (datagen, no events) in {time.perf_counter() - started:.0f} s")
        new = list(
            Zaak.objects.filter(organisation=organisation)
            .order_by("-pk")
            .values_list("uuid", flat=True)[:events]
        )
    url = "http://testserver/zaken/api/v1/zaken/"
    fake = [
        SimpleNamespace(
            organisation_id=organisation.pk,
            kanaal="zaken",
            payload={"hoofdObject": f"{url}{u}", "resource": "zaak", "actie": "create"},
        )
        for u in new
    ]
    from raadhuis.inzicht import tasks

    tasks.schedule_refresh = lambda: None  # the benchmark runs the refresh itself, timed
    started = time.perf_counter()
    for event in fake:
        with tenancy.scope_for([organisation.pk]):
            sync.on_zaak_event(event)
    handler = time.perf_counter() - started
    with tenancy.system_scope():
        queued = TeVerversen.objects.count()
        started = time.perf_counter()
        done = kubus.refresh_pending()
        refresh = time.perf_counter() - started
    print(
        f"{events:,} events delivered to the inzicht handler: {handler:.1f} s "
        f"({handler / events * 1000:.2f} ms per event); {queued:,} zaken queued"
    )
    print(
        f"incremental refresh of {done:,} zaken (facts via the services, cells by difference): "
        f"{refresh:.1f} s ({done / refresh:.0f} zaken/s)"
    )


if __name__ == "__main__":
    main()
