"""Objects API with 1,000,000 objects: data-attribute filter, within-polygon search, bulk import.

Runs on PostgreSQL in a database of its own (created when missing, data loaded once):

    .venv/bin/python benchmarks/objecten.py [--objects 1000000] [--runs 60]
    (BENCH_OBJECTEN_DATABASE_URL overrides postgres://postgres@127.0.0.1:5432/raadhuis_bench_objecten)

Loads the objects with COPY (one object type "boom", points over a 20 x 20 km area), then
calls the API in-process (Django test client: JWT authentication, permissions, filters,
serialisation; no network or web server) as a client with a read permission on the type
(not a client with all autorisaties), and prints median and p95 of:

- GET /objects?type=…&data_attrs=boomnummer__exact__…   (one object)
- GET /objects?type=…   (page of 100, unfiltered)
- GET /objects?type=…&data_attrs=soort__exact__…,conditie__exact__slecht   (page of 100)
- POST /objects/search {"geometry": {"within": <neighbourhood polygon>}}   (page of 100)

and the import speed of services.bulk_create_objects (schema validation included) and of
the raw COPY load. Targets (issue 12, 2 cores): ≤ 20 ms for the data filter, ≤ 60 ms for a
page of 100 within a polygon. The reference Objects API publishes 103 ms (one object) and
389 ms (page of 100) on 2 CPUs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import time
import uuid
from datetime import date

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/raadhuis_bench_objecten"
SOORTEN = [
    "Tilia europaea",
    "Quercus robur",
    "Platanus acerifolia",
    "Acer campestre",
    "Fraxinus excelsior",
    "Betula pendula",
    "Alnus glutinosa",
    "Carpinus betulus",
    "Salix alba",
    "Prunus avium",
    "Fagus sylvatica",
    "Aesculus hippocastanum",
    "Ulmus minor",
    "Populus nigra",
    "Pinus sylvestris",
    "Sorbus aucuparia",
    "Gleditsia triacanthos",
    "Robinia pseudoacacia",
    "Corylus colurna",
    "Malus sylvestris",
]
CONDITIES = ["goed", "goed", "goed", "matig", "slecht"]
AREA = (5.00, 52.00, 5.30, 52.18)  # about 20 x 20 km
SCHEMA = {
    "type": "object",
    "required": ["boomnummer", "soort"],
    "properties": {
        "boomnummer": {"type": "string"},
        "soort": {"type": "string"},
        "plantjaar": {"type": "integer"},
        "hoogte": {"type": "number"},
        "conditie": {"type": "string", "enum": ["goed", "matig", "slecht"]},
        "wijk": {"type": "string"},
    },
}
SECRET = "benchmark-secret-that-is-long-enough-for-hs256"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--import-size", type=int, default=20_000)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_OBJECTEN_DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("RAADHUIS_VAR_DIR", "/tmp/raadhuis-bench-objecten")
    _create_database(os.environ["DATABASE_URL"])
    from _django import setup

    setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL.")
    call_command("migrate", verbosity=0)
    organisation, ref = _prepare()
    loaded = _ensure_objects(organisation, ref, args.objects)
    with connection.cursor() as cursor:  # visibility map for index-only scans, fresh statistics
        cursor.execute("VACUUM (ANALYZE) objecten_objectrecord")
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    print(
        f"database: postgresql, shared_buffers {shared_buffers} (a filtered count reads a heap page per "
        f"match: docs/operations.md); objects of type boom: {loaded:,}; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    client = _client(organisation, ref)
    rng = random.Random(7)
    base = "/objects/api/v2/objects"

    def exact():
        number = rng.randrange(1, args.objects + 1)
        return client.get(base, {"type": ref.url, "data_attrs": f"boomnummer__exact__B{number:07d}"})

    def unfiltered():
        return client.get(base, {"type": ref.url})

    def page():
        soort = rng.choice(SOORTEN)
        return client.get(
            base, {"type": ref.url, "data_attrs": f"soort__exact__{soort},conditie__exact__slecht"}
        )

    def within():
        x, y = rng.uniform(AREA[0], AREA[2] - 0.02), rng.uniform(AREA[1], AREA[3] - 0.012)
        polygon = {
            "type": "Polygon",
            "coordinates": [
                [[x, y], [x + 0.02, y], [x + 0.02, y + 0.012], [x + 0.005, y + 0.016], [x, y + 0.012], [x, y]]
            ],
        }
        return client.post(
            f"{base}/search",
            json.dumps({"type": ref.url, "geometry": {"within": polygon}}),
            content_type="application/json",
            HTTP_CONTENT_CRS="EPSG:4326",
        )

    _report("data_attrs exact, one object", _time(exact, args.runs), target=20)
    _report("unfiltered list of the type, page of 100", _time(unfiltered, args.runs), target=60)
    _report("data_attrs two attributes, page of 100", _time(page, args.runs), target=60)
    _report("search within a neighbourhood polygon, page of 100", _time(within, args.runs), target=60)
    _measure_import(organisation, args.import_size)


def _create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _prepare():
    from raadhuis.objecten import services
    from raadhuis.platform import tenancy
    from raadhuis.platform.models import Organisation

    with tenancy.system_scope():
        organisation, _ = Organisation.objects.get_or_create(
            slug="bench-objecten", defaults={"name": "Gemeente Benchmark", "rsin": "002220647"}
        )
        ref = services.ensure_objecttype(
            organisation=organisation, name="boom", json_schema=SCHEMA, name_plural="bomen"
        )
    return organisation, ref


def _ensure_objects(organisation, ref, wanted: int) -> int:
    from django.db import connection

    from raadhuis.objecten.models import ObjectType

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM objecten_objecttype WHERE uuid = %s", [ref.uuid])
        type_id = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM objecten_objectrecord WHERE object_type_id = %s", [type_id])
        have = cursor.fetchone()[0]
    if have >= wanted:
        return have
    assert ObjectType  # the model module is loaded (tenancy lookups registered)
    started = time.perf_counter()
    _copy_objects(organisation.pk, type_id, have, wanted)
    seconds = time.perf_counter() - started
    print(
        f"COPY load of {wanted - have:,} objects with their records (indexes rebuilt after): "
        f"{seconds:.0f} s, {(wanted - have) / seconds:,.0f} objects/s"
    )
    return wanted


def _copy_objects(organisation_id: int, type_id: int, start: int, wanted: int) -> None:
    """Objects and records with COPY; the secondary indexes are dropped during the load and
    built again after (the fast way for a bulk load)."""
    from django.db import connection

    from raadhuis.objecten.models import RecordCount

    rng = random.Random(start)
    today = date.today().isoformat()
    raw = connection.cursor().cursor
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef, indexname FROM pg_indexes WHERE tablename = 'objecten_objectrecord' "
            "AND indexname NOT LIKE '%%pkey' AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
        )
        indexes = cursor.fetchall()
        for _definition, name in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SELECT coalesce(max(id), 0) FROM objecten_object")
        first_id = cursor.fetchone()[0] + 1
    with raw.copy("COPY objecten_object (id, uuid, organisation_id, object_type_id) FROM STDIN") as copy:
        for n in range(wanted - start):
            copy.write_row(
                (first_id + n, uuid.UUID(int=rng.getrandbits(128), version=4), organisation_id, type_id)
            )
    columns = (
        "organisation_id, object_id, object_type_id, index, type_version, data, geometry, min_x, min_y, "
        "max_x, max_y, cell_x, start_at, registration_at"
    )
    with raw.copy(f"COPY objecten_objectrecord ({columns}) FROM STDIN") as copy:
        for n in range(wanted - start):
            x = round(rng.uniform(AREA[0], AREA[2]), 6)
            y = round(rng.uniform(AREA[1], AREA[3]), 6)
            data = {
                "boomnummer": f"B{start + n + 1:07d}",
                "soort": rng.choice(SOORTEN),
                "plantjaar": rng.randint(1900, 2025),
                "hoogte": round(rng.uniform(1, 30), 1),
                "conditie": rng.choice(CONDITIES),
                "wijk": f"W{rng.randint(1, 50):02d}",
            }
            geometry = {"type": "Point", "coordinates": [x, y]}
            copy.write_row(
                (
                    organisation_id,
                    first_id + n,
                    type_id,
                    1,
                    1,
                    json.dumps(data),
                    json.dumps(geometry),
                    x,
                    y,
                    x,
                    y,
                    math.floor(x / 0.01),
                    today,
                    today,
                )
            )
    with connection.cursor() as cursor:
        for definition, _name in indexes:
            cursor.execute(definition)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('objecten_object', 'id'), "
            "(SELECT max(id) FROM objecten_object))"
        )
        cursor.execute("ANALYZE objecten_object")
        cursor.execute("ANALYZE objecten_objectrecord")
    RecordCount.rebuild()  # COPY bypasses the services that keep the counts


def _client(organisation, ref):
    import jwt
    from django.test import Client

    from raadhuis.objecten.models import ObjectType, ObjectTypePermission
    from raadhuis.platform import tenancy
    from raadhuis.zgw.autorisaties.models import Applicatie, ClientCredential

    with tenancy.system_scope():
        applicatie, _ = Applicatie.objects.get_or_create(
            organisation=organisation, label="benchmark-objecten"
        )
        ClientCredential.objects.get_or_create(
            applicatie=applicatie, client_id="benchmark-objecten", defaults={"secret": SECRET}
        )
        ObjectTypePermission.objects.get_or_create(
            organisation=organisation,
            applicatie_uuid=applicatie.uuid,
            object_type=ObjectType.objects.get(uuid=ref.uuid),
            defaults={"mode": "read_only"},
        )
    token = jwt.encode(
        {"iss": "benchmark-objecten", "client_id": "benchmark-objecten", "iat": int(time.time())},
        SECRET,
        algorithm="HS256",
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_HOST="localhost")


def _time(call, runs: int) -> list[float]:
    for _ in range(5):  # warm up: connections, caches
        call()
    timings, sizes = [], []
    for _ in range(runs):
        started = time.perf_counter()
        response = call()
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"unexpected {response.status_code}: {response.content[:300]!r}")
        sizes.append(len(response.json()["results"]))
    print(
        f"  (results per response: median {statistics.median(sizes):.0f}, min {min(sizes)}, max {max(sizes)})"
    )
    return timings


def _report(label: str, timings: list[float], target: float) -> None:
    ordered = sorted(timings)
    median = statistics.median(ordered)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    verdict = "meets" if median <= target else "misses"
    print(f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms ({verdict} target {target:.0f} ms)")


def _measure_import(organisation, size: int) -> None:
    """services.bulk_create_objects, as the import command uses it, in a separate type that is
    removed again afterwards (transaction rolled back)."""
    from django.db import transaction

    from raadhuis.objecten import services
    from raadhuis.platform import tenancy

    rng = random.Random(11)
    rows = [
        {
            "data": {
                "boomnummer": f"I{n:07d}",
                "soort": rng.choice(SOORTEN),
                "plantjaar": 2000,
                "hoogte": 3.5,
                "conditie": "goed",
                "wijk": "W01",
            },
            "geometry": {
                "type": "Point",
                "coordinates": [rng.uniform(AREA[0], AREA[2]), rng.uniform(AREA[1], AREA[3])],
            },
        }
        for n in range(size)
    ]
    with tenancy.scope_for([organisation.pk]):
        try:
            with transaction.atomic():
                ref = services.ensure_objecttype(
                    organisation=organisation,
                    name="boom-import",
                    json_schema=SCHEMA,
                    name_plural="bomen (import)",
                )
                started = time.perf_counter()
                count = services.bulk_create_objects(ref, rows)
                seconds = time.perf_counter() - started
                raise _Rollback
        except _Rollback:
            pass
    print(
        f"bulk import, services.bulk_create_objects (validated): {count:,} objects in {seconds:.1f} s, "
        f"{count / seconds:,.0f} objects/s"
    )


class _Rollback(Exception):
    pass


if __name__ == "__main__":
    main()
