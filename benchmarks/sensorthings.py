"""SensorThings API on PostgreSQL: ingest speed (DataArray over HTTP, MQTT), the latest 1,000
observations of one datastream among many, and a filtered, expanded query.

Runs in a database of its own (created when missing; the bulk observations are loaded once
with generate_series and kept for later runs):

    .venv/bin/python benchmarks/sensorthings.py [--observations 20000000] [--streams 1000]
    (BENCH_SENSOREN_DATABASE_URL overrides postgres://postgres@127.0.0.1:5432/raadhuis_bench_sensoren)

The API is called in-process (Django test client: parsing, tenancy, JSON; no web server or
network). MQTT ingest starts a private Mosquitto on 127.0.0.1:18830, configured as
docs/operations.md asks (skipped when Mosquitto is not installed): ``mosquitto_pub``
(a separate process, as sensors are) sends QoS 1 messages while ``raadhuis mqtt-ingest
--processes N`` (``--mqtt-processes``, default 1; ADR 0040: N processes on one MQTT 5 shared
subscription) stores them in batches with COPY and acknowledges after commit
(``--mqtt-processes 0``: one ``Ingest`` session inside this process, as before). Besides
wall-clock rates it prints the CPU time per observation of
this process and of its PostgreSQL backend, which do not depend on how busy the shared machine
is. Like a long-running server process, the benchmark freezes the start-up heap out of the
garbage collector (``gc.freeze()``). Targets (issue 8, 2 cores): ≥ 20,000 observations/s
ingest; ≤ 20 ms median for the latest 1,000 observations of one datastream.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/raadhuis_bench_sensoren"
SECRET = "benchmark-secret-that-is-long-enough-for-hs256"
T0 = datetime(2025, 1, 1, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--observations", type=int, default=20_000_000)
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--http-rows", type=int, default=200_000)
    parser.add_argument("--mqtt-messages", type=int, default=100_000)
    parser.add_argument("--mqtt-processes", type=int, default=1,
                        help="raadhuis mqtt-ingest --processes N (ADR 0040; on 2 cores 1 was fastest, 2 "
                             "and 3 were measured too); 0: one Ingest inside this process")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_SENSOREN_DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("RAADHUIS_VAR_DIR", "/tmp/raadhuis-bench-sensoren")
    os.environ.pop("MQTT_URL", None)  # measure ingest, not the publications of it
    _create_database(os.environ["DATABASE_URL"])
    sys.path.insert(0, os.path.dirname(__file__))
    from _django import setup

    setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL.")
    call_command("migrate", verbosity=0)
    gc.freeze()  # what a server process does after start-up: full collections skip the app's heap
    from django.conf import settings

    settings.DATABASES["default"]["CONN_MAX_AGE"] = None  # one backend throughout, to measure its CPU
    connection.close_at = None
    organisation, streams = _prepare(args.streams)
    total = _ensure_observations(organisation, streams, args.observations)
    print(
        f"CPU available now: a 2,000,000-step Python loop takes {_calibrate():.2f} s (about 0.1 s on an "
        "idle core of this machine); figures below scale with it"
    )
    print(
        f"database: postgresql; observations: {total:,} in {len(streams):,} datastreams "
        "(machine shared with other work while measuring)"
    )
    client = _client(organisation)
    _measure_http_ingest(client, streams[0], args.http_rows)
    _measure_mqtt_ingest(streams[1], args.mqtt_messages, args.mqtt_processes)
    _measure_latest(client, streams, args.runs)
    _measure_expanded(client, args.runs)


def _calibrate() -> float:
    started = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i * 2
    return time.perf_counter() - started


def _create_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _prepare(count: int):
    from raadhuis.platform import tenancy
    from raadhuis.platform.models import Organisation
    from raadhuis.sensoren import models as m

    with tenancy.system_scope():
        organisation, _ = Organisation.objects.get_or_create(
            slug="bench-sensoren", defaults={"name": "Gemeente Benchmark", "rsin": "002220647"}
        )
        sensor, _ = m.Sensor.objects.get_or_create(
            organisation=organisation,
            name="bench",
            defaults={"description": "b", "encoding_type": "text/html", "metadata": "-"},
        )
        prop, _ = m.ObservedProperty.objects.get_or_create(
            organisation=organisation, name="PM2.5", defaults={"definition": "pm25", "description": "PM2.5"}
        )
        have = list(m.Datastream.objects.filter(organisation=organisation).order_by("pk"))
        for number in range(len(have), count):
            thing = m.Thing(
                organisation=organisation,
                name=f"Sensor {number:05d}",
                description="Meetpunt",
                properties={"wijk": f"Wijk {number % 20}"},
            )
            thing.save()
            x, y = 5.0 + (number % 40) * 0.005, 52.0 + (number // 40) * 0.004
            location = m.Location(
                organisation=organisation,
                name=f"Plek {number}",
                description="-",
                encoding_type="application/geo+json",
                location={"type": "Point", "coordinates": [x, y]},
                min_x=x,
                max_x=x,
                min_y=y,
                max_y=y,
            )
            location.save()
            thing.locations.add(location)
            feature = m.FeatureOfInterest(
                organisation=organisation,
                name=location.name,
                description="-",
                encoding_type="application/geo+json",
                feature=location.location,
                generated_from=location,
                min_x=x,
                max_x=x,
                min_y=y,
                max_y=y,
            )
            feature.save()
            stream = m.Datastream(
                organisation=organisation,
                name=f"PM2.5 {number:05d}",
                description="-",
                observation_type="OM_Measurement",
                unit_of_measurement={"symbol": "µg/m³"},
                thing=thing,
                sensor=sensor,
                observed_property=prop,
            )
            stream.save()
            have.append(stream)
    return organisation, have[:count]


def _ensure_observations(organisation, streams, wanted: int) -> int:
    """Bulk rows with generate_series: one observation per minute per datastream."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'sensoren_observation'")
        estimate = cursor.fetchone()[0]
        if estimate >= wanted * 0.95:
            return estimate
        cursor.execute("SELECT count(*) FROM sensoren_observation")
        have = cursor.fetchone()[0]
        if have >= wanted:
            return have
        ids = [s.pk for s in streams]
        cursor.execute("SELECT id, thing_id FROM sensoren_datastream WHERE id = ANY(%s)", [ids])
        per_stream = (wanted - have) // len(ids)
        first, last = min(ids), max(ids)
        started = time.perf_counter()
        # The fast way for a bulk load: no FK triggers, secondary indexes rebuilt after.
        cursor.execute(
            "SELECT indexdef, indexname FROM pg_indexes WHERE tablename = 'sensoren_observation' "
            "AND indexname NOT LIKE '%%pkey'"
        )
        indexes = cursor.fetchall()
        for _definition, name in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(
            "INSERT INTO sensoren_observation (organisation_id, phenomenon_time, result_number, "
            "datastream_id, feature_of_interest_id) "
            "SELECT %s, %s::timestamptz + make_interval(mins => n), "
            "round((random() * 60)::numeric, 1), d.id, f.id FROM sensoren_datastream d "
            "JOIN sensoren_thing_locations tl ON tl.thing_id = d.thing_id "
            "JOIN sensoren_featureofinterest f ON f.generated_from_id = tl.location_id "
            "CROSS JOIN generate_series(1, %s) AS n WHERE d.id BETWEEN %s AND %s",
            [organisation.pk, T0 - timedelta(days=400), per_stream, first, last],
        )
        cursor.execute("SET session_replication_role = DEFAULT")
        for definition, _name in indexes:
            cursor.execute(definition)
        cursor.execute("ANALYZE sensoren_observation")
        seconds = time.perf_counter() - started
        print(
            f"generate_series load of {per_stream * len(ids):,} observations (indexes rebuilt after): "
            f"{seconds:.0f} s"
        )
        cursor.execute("SELECT count(*) FROM sensoren_observation")
        return cursor.fetchone()[0]


def _client(organisation):
    import jwt
    from django.test import Client

    from raadhuis.platform import tenancy
    from raadhuis.zgw.autorisaties.models import Applicatie, ClientCredential

    client_id = "bench-sensoren"
    with tenancy.system_scope():
        applicatie, _ = Applicatie.objects.get_or_create(
            organisation=organisation, label=client_id, defaults={"heeft_alle_autorisaties": True}
        )
        ClientCredential.objects.get_or_create(
            applicatie=applicatie, client_id=client_id, defaults={"secret": SECRET}
        )
    token = jwt.encode(
        {"iss": client_id, "client_id": client_id, "iat": int(time.time())}, SECRET, algorithm="HS256"
    )
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


class CpuClock:
    """CPU seconds of this process and of its PostgreSQL backend (same machine, from /proc)."""

    def __init__(self):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.backend = cursor.fetchone()[0]
        self.python, self.postgres = time.process_time(), self._backend_seconds()

    def _backend_seconds(self) -> float:
        with open(f"/proc/{self.backend}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def per_observation(self, count: int) -> str:
        python = (time.process_time() - self.python) / count * 1e6
        try:
            postgres = (self._backend_seconds() - self.postgres) / count * 1e6
        except FileNotFoundError:  # the connection was replaced meanwhile
            return f"CPU per observation: {python:.1f} µs Python (PostgreSQL's not measured)"
        return (f"CPU per observation: {python:.1f} µs Python + {postgres:.1f} µs PostgreSQL, so "
                f"≈ {1e6 / (python + postgres):,.0f}/s for each core-second the machine gives us")


def _measure_http_ingest(client, stream, rows: int) -> None:
    """The request bodies are made before the clock starts: they are the sensors' work."""
    per_request = 10_000
    start = datetime.now(UTC)
    bodies = [
        json.dumps([{
            "Datastream": {"@iot.id": stream.pk},
            "components": ["phenomenonTime", "result"],
            "dataArray": [[(start + timedelta(seconds=first + i)).isoformat(), (first + i) % 50]
                          for i in range(per_request)],
        }])
        for first in range(0, rows, per_request)
    ]
    # One small request first, as _time() does for reads: a server process has imported and
    # connected before its first sensor calls (the WSGI entry point imports every view).
    warm_up = json.dumps([{"Datastream": {"@iot.id": stream.pk}, "components": ["phenomenonTime", "result"],
                           "dataArray": [[(start - timedelta(days=1)).isoformat(), 1]]}])
    assert client.post("/sensorthings/v1.1/CreateObservations", warm_up,
                       content_type="application/json").status_code == 201
    sent = 0
    clock = CpuClock()
    started = time.perf_counter()
    for body in bodies:
        response = client.post("/sensorthings/v1.1/CreateObservations", body, content_type="application/json")
        assert response.status_code == 201, response.content[:300]
        sent += per_request
    seconds = time.perf_counter() - started
    print(
        f"DataArray over HTTP (POST CreateObservations, {per_request:,} rows per request, COPY): "
        f"{sent:,} observations in {seconds:.1f} s = {sent / seconds:,.0f} observations/s (target ≥ 20,000); "
        + clock.per_observation(sent)
    )


BENCH_BROKER_PORT = 18830
BROKER_CONFIG = f"""listener {BENCH_BROKER_PORT} 127.0.0.1
allow_anonymous true
# What docs/operations.md asks of the production broker: never drop a persistent session's
# QoS 1 messages because its queue is "full" (the default keeps 1,000 and drops the rest).
max_queued_messages 0
persistence false
"""


def _measure_mqtt_ingest(stream, messages: int, processes: int) -> None:
    """Against a private Mosquitto configured as docs/operations.md says (skipped without one)."""
    import tempfile

    if not shutil.which("mosquitto") and not os.path.exists("/usr/sbin/mosquitto"):
        print("MQTT ingest: skipped (no mosquitto installed)")
        return
    with tempfile.TemporaryDirectory() as folder:
        config = os.path.join(folder, "mosquitto.conf")
        with open(config, "w") as file:
            file.write(BROKER_CONFIG)
        broker = subprocess.Popen([shutil.which("mosquitto") or "/usr/sbin/mosquitto", "-c", config],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.5)
            if processes:
                _ingest_over_mqtt_processes(stream, messages, processes, broker.pid)
            else:
                _ingest_over_mqtt(stream, messages)
        finally:
            broker.terminate()
            broker.wait()


def _ingest_over_mqtt(stream, messages: int) -> None:
    from raadhuis.sensoren.mqtt import Ingest

    client_id = f"bench-ingest-{uuid.uuid4().hex[:8]}"
    ingest = Ingest({"host": "127.0.0.1", "port": BENCH_BROKER_PORT, "username": None, "password": None},
                    client_id=client_id, batch_size=10_000, window=30_000)
    ingest.start()
    topic = f"v1.1/Datastreams({stream.pk})/Observations"
    start = datetime.now(UTC)
    payloads = "\n".join(
        json.dumps({"phenomenonTime": (start + timedelta(seconds=i)).isoformat(), "result": i % 50})
        for i in range(messages)
    )
    clock = CpuClock()
    started = time.perf_counter()
    publisher = _publisher(topic, payloads)
    stored = ingest.drain(messages, timeout=600)
    seconds = time.perf_counter() - started
    publisher.join()
    ingest.stop()
    print(
        "MQTT (QoS 1, one MQTT 5 session with a receive window of 30,000, 10,000 per batch, ack after "
        f"commit; publisher: {publisher.name}): {stored:,} observations in {seconds:.1f} s = "
        f"{stored / seconds:,.0f} observations/s (target ≥ 20,000); " + clock.per_observation(stored)
    )


def _ingest_over_mqtt_processes(stream, messages: int, processes: int, broker: int) -> None:
    """``raadhuis mqtt-ingest --processes N`` as production runs it (separate processes on one
    shared subscription); stored rows are counted in the database. Twice: live, while the
    sensors publish (the publisher's pace bounds it), and draining a backlog the broker kept
    while the listeners were down (their own pace). CPU: the ingest processes', and the whole
    machine's (publisher, broker, ingest, PostgreSQL — and whatever else runs)."""
    client_id = f"bench-ingest-{uuid.uuid4().hex[:8]}"
    topic = f"v1.1/Datastreams({stream.pk})/Observations"
    for mode in ("live", "backlog"):
        start = datetime.now(UTC) + timedelta(days=1 if mode == "backlog" else 0)
        payloads = "\n".join(
            json.dumps({"phenomenonTime": (start + timedelta(seconds=i)).isoformat(), "result": i % 50})
            for i in range(messages)
        )
        before = _count(stream)
        if mode == "backlog":  # the sessions exist (live run): the broker keeps their messages
            publishing = resource.getrusage(resource.RUSAGE_CHILDREN)
            publisher = _publisher(topic, payloads)
            publisher.join()
            publishing = _rusage_seconds(resource.getrusage(resource.RUSAGE_CHILDREN)) - _rusage_seconds(
                publishing)
            print(f"  (mosquitto_pub: {publishing / messages * 1e6:.1f} µs of CPU per message)")
        ingest, listeners = _start_ingest(client_id, processes)
        try:
            own, machine, relay = _cpu_seconds(listeners), _machine_busy_seconds(), _cpu_seconds([broker])
            started = time.perf_counter()
            if mode == "live":
                publisher = _publisher(topic, payloads)
            stored, deadline = 0, time.monotonic() + 600
            while stored < messages and time.monotonic() < deadline:
                time.sleep(0.05)
                stored = _count(stream) - before
            seconds = time.perf_counter() - started
            own, machine = _cpu_seconds(listeners) - own, _machine_busy_seconds() - machine
            relay = _cpu_seconds([broker]) - relay
            publisher.join()
        finally:
            ingest.terminate()
            ingest.wait(60)
        how = "while mosquitto_pub publishes" if mode == "live" else "a backlog kept by the broker"
        shared = " on a shared subscription" if processes > 1 else ""
        print(
            f"MQTT, {how} (QoS 1, raadhuis mqtt-ingest --processes {processes}: one MQTT 5 session per "
            f"process{shared}, receive window 30,000, 10,000 per batch, ack after commit; publisher: "
            f"{publisher.name}): {stored:,} observations in {seconds:.1f} s = {stored / seconds:,.0f} "
            f"observations/s (target ≥ 20,000); CPU per observation: {own / stored * 1e6:.1f} µs in the "
            f"ingest processes (their PostgreSQL backends not included), {relay / stored * 1e6:.1f} µs in "
            "Mosquitto, "
            f"{machine / stored * 1e6:.1f} µs on the "
            "whole machine (publisher, broker, PostgreSQL and other engineers' work included)"
        )


def _start_ingest(client_id: str, processes: int) -> tuple[subprocess.Popen, list[int]]:
    """The command, until every listener subscribed; with the pids of the listening processes."""
    command = os.path.join(os.path.dirname(sys.executable), "raadhuis")
    # --broker, not MQTT_URL: measure the ingest, not the publication of what it stored.
    ingest = subprocess.Popen(
        [command, "mqtt-ingest", "--processes", str(processes), "--client-id", client_id,
         "--batch-size", "10000", "--window", "30000", "--broker", f"mqtt://127.0.0.1:{BENCH_BROKER_PORT}"],
        stdout=subprocess.PIPE, text=True)
    for _ in range(processes):
        line = ingest.stdout.readline()
        assert "verbonden" in line, line
    return ingest, (_children(ingest.pid) if processes > 1 else [ingest.pid])


def _count(stream) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sensoren_observation WHERE datastream_id = %s", [stream.pk])
        return cursor.fetchone()[0]


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as file:
        return [int(child) for child in file.read().split()]


def _cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _rusage_seconds(usage) -> float:
    return usage.ru_utime + usage.ru_stime


def _machine_busy_seconds() -> float:
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _publisher(topic: str, payloads: str) -> threading.Thread:
    """mosquitto_pub in its own process (one message per line), else paho in a thread."""
    import paho.mqtt.client as mqtt

    def with_mosquitto_pub():
        # Several sensors at once; mosquitto_pub -l loses lines of very long inputs (seen beyond
        # ~34,000), 20,000 lines per process arrive completely.
        from concurrent.futures import ThreadPoolExecutor

        lines = payloads.split("\n")
        chunks = ["\n".join(lines[first:first + 20_000]) for first in range(0, len(lines), 20_000)]
        command = ["mosquitto_pub", "-h", "127.0.0.1", "-p", str(BENCH_BROKER_PORT), "-q", "1", "-t", topic,
                   "-l"]
        with ThreadPoolExecutor(len(chunks)) as pool:
            list(pool.map(lambda chunk: subprocess.run(command, input=chunk, text=True, check=True), chunks))

    def with_paho():
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"bench-pub-{uuid.uuid4().hex[:6]}")
        client.max_inflight_messages_set(0)
        client.max_queued_messages_set(0)
        client.connect("127.0.0.1", BENCH_BROKER_PORT)
        client.loop_start()
        infos = [client.publish(topic, payload, qos=1) for payload in payloads.split("\n")]
        for info in infos[-100:]:
            info.wait_for_publish(60)
        client.loop_stop()
        client.disconnect()

    found = shutil.which("mosquitto_pub")
    thread = threading.Thread(target=with_mosquitto_pub if found else with_paho,
                              name="mosquitto_pub, one process per 20,000 messages" if found
                              else "paho in this process")
    thread.start()
    return thread


def _time(call, runs: int) -> list[float]:
    call()  # warm up
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = call()
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.content[:300]
    return timings


def _report(label: str, timings: list[float], target: float | None = None) -> None:
    ordered = sorted(timings)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    suffix = f" (target median ≤ {target:g} ms)" if target else ""
    print(f"{label}: median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms{suffix}")


def _measure_latest(client, streams, runs: int) -> None:
    import random

    rng = random.Random(3)
    anonymous = type(client)()

    def latest():
        stream = rng.choice(streams[2:])
        return anonymous.get(
            f"/sensorthings/v1.1/Datastreams({stream.pk})/Observations",
            {"$top": "1000", "$orderby": "phenomenonTime desc"},
        )

    def latest_selected():
        stream = rng.choice(streams[2:])
        return anonymous.get(
            f"/sensorthings/v1.1/Datastreams({stream.pk})/Observations",
            {"$top": "1000", "$orderby": "phenomenonTime desc", "$select": "phenomenonTime,result"},
        )

    _report("latest 1,000 observations of one datastream (full entities)", _time(latest, runs), target=20)
    _report(
        "latest 1,000 observations of one datastream ($select=phenomenonTime,result)",
        _time(latest_selected, runs),
        target=20,
    )

    def latest_again():  # a dashboard asks for the same streams: their pages are in PostgreSQL's cache
        return anonymous.get(
            f"/sensorthings/v1.1/Datastreams({streams[2].pk})/Observations",
            {"$top": "1000", "$orderby": "phenomenonTime desc"},
        )

    _report(
        "latest 1,000 observations of the same datastream again (full entities, pages cached)",
        _time(latest_again, runs),
        target=20,
    )


def _measure_expanded(client, runs: int) -> None:
    def expanded():
        return client.get(
            "/sensorthings/v1.1/Things",
            {
                "$filter": "properties/wijk eq 'Wijk 7' and startswith(name, 'Sensor')",
                "$expand": "Locations,Datastreams($select=name;$expand=Observations($top=10;"
                "$orderby=phenomenonTime desc;$filter=result gt 30))",
                "$top": "20",
            },
        )

    _report(
        "Things filtered on a property, expanded with Locations and the latest 10 observations "
        "above 30 per Datastream (20 things)",
        _time(expanded, max(5, runs // 4)),
    )


if __name__ == "__main__":
    main()
