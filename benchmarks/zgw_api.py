"""Zaken API under load: list, detail and create, as an ordinary client (not a superuser).

Run on PostgreSQL, after generating data once:

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/raadhuis_bench
    .venv/bin/raadhuis migrate && .venv/bin/raadhuis generate-data --zaken 1000000
    .venv/bin/python benchmarks/zgw_api.py [--seconds 20] [--workers 4]

It starts `raadhuis serve` on a free local port, loads it with wrk (Debian package `wrk`;
falls back to Python threads without it) and prints median, p95 and req/s for GET /zaken at
1 and 16 concurrent clients, GET one zaak, POST zaak at 4 clients, and the SQL queries per
list request for 1 and 20 autorisaties. Targets (issue 3, 2 cores): list median ≤ 25 ms at
1 client, ≥ 150 req/s at 16, ≤ 6 queries per list whatever the autorisaties, POST ≥ 100 req/s.
Each load also reports the CPU that the server's processes and its PostgreSQL backends spent
per request (from /proc): on a shared machine req/s say more about the others' load, while
2 cores can serve at most 2,000 / (those ms) requests per second.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
from _django import setup

ROOT = Path(__file__).resolve().parents[1]
CLIENT_ID = "benchmark-zaaksysteem"
SECRET = "benchmark-secret-that-is-long-enough-for-hs256"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    args = parser.parse_args()
    setup()
    from django.db import connection

    organisation, zaaktype_urls = _prepare()
    total = _count_zaken(organisation)
    print(f"database: {connection.vendor}; zaken in {organisation.name}: {total:,}")
    print(f"queries per GET /zaken: {_query_counts(organisation)}")
    port = _free_port()
    server = _serve(port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}/zaken/api/v1"
        token = _token()
        load = _measured(server)
        for clients in (1, 16):
            _report(f"GET /zaken, {clients} client(s)", load("GET", f"{base}/zaken", token, clients,
                                                             args.seconds))
        detail = requests.get(f"{base}/zaken", headers=_headers(token), timeout=30).json()["results"][0]
        _report("GET one zaak, 1 client", load("GET", detail["url"], token, 1, args.seconds))
        body = json.dumps({"zaaktype": zaaktype_urls[0].replace("http://localhost:8000",
                                                                f"http://127.0.0.1:{port}"),
                           "bronorganisatie": organisation.rsin,
                           "verantwoordelijkeOrganisatie": organisation.rsin,
                           "startdatum": "2026-11-30", "omschrijving": "Benchmark"})
        _report("POST /zaken, 4 clients", load("POST", f"{base}/zaken", token, 4, args.seconds, body))
    finally:
        _stop(server)


# --- Preparation -----------------------------------------------------------------------------


def _prepare():
    """An applicatie with one zrc autorisatie per published zaaktype, up to 'vertrouwelijk':
    an ordinary client, so the list is filtered by zaaktype and confidentiality."""
    from raadhuis.platform import tenancy
    from raadhuis.platform.demo import load_demo
    from raadhuis.platform.models import Organisation
    from raadhuis.zgw.autorisaties.models import Applicatie, Autorisatie, ClientCredential
    from raadhuis.zgw.catalogi.models import Zaaktype
    from raadhuis.zgw.common.urls import absolute_url

    with tenancy.system_scope():
        if not Organisation.objects.filter(slug="voorbeeldstad").exists():
            load_demo()  # not again on a filled database: other modules' loaders rebuild from all zaken
        organisation = Organisation.objects.get(slug="voorbeeldstad")
        zaaktypen = list(Zaaktype.objects.filter(organisation=organisation, concept=False))
        urls = [absolute_url("catalogi:zaaktype-detail", uuid=z.uuid) for z in zaaktypen]
        ClientCredential.objects.filter(client_id=CLIENT_ID).delete()
        applicatie = Applicatie.objects.create(organisation=organisation, label="Benchmark")
        ClientCredential.objects.create(applicatie=applicatie, client_id=CLIENT_ID, secret=SECRET)
        for url in urls:
            Autorisatie.objects.create(
                applicatie=applicatie, component="zrc", zaaktype=url,
                scopes=["zaken.lezen", "zaken.aanmaken", "zaken.bijwerken"],
                max_vertrouwelijkheidaanduiding="vertrouwelijk")
    return organisation, urls


def _count_zaken(organisation) -> int:
    from raadhuis.platform import tenancy
    from raadhuis.zgw.zaken.models import Zaak

    with tenancy.system_scope():
        return Zaak.objects.filter(organisation=organisation).count()


def _query_counts(organisation) -> dict[str, int]:
    """SQL statements for one list request, with few and with many autorisaties."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from raadhuis.platform import tenancy
    from raadhuis.zgw.autorisaties.models import Applicatie, Autorisatie

    counts = {}
    with tenancy.system_scope():
        applicatie = Applicatie.objects.get(credentials__client_id=CLIENT_ID)
        template = Autorisatie.objects.filter(applicatie=applicatie).first()
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {_token()}", "HTTP_ACCEPT_CRS": "EPSG:4326"}
    for label, extra in (("1 autorisatie", 0), ("20 autorisaties", 19)):
        with tenancy.system_scope():
            Autorisatie.objects.filter(applicatie=applicatie).exclude(pk=template.pk).delete()
            for number in range(extra):
                Autorisatie.objects.create(
                    applicatie=applicatie, component="zrc", scopes=template.scopes,
                    zaaktype=f"http://localhost:8000/catalogi/api/v1/zaaktypen/{_fake_uuid(number)}",
                    max_vertrouwelijkheidaanduiding="geheim")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/zaken/api/v1/zaken", **headers)
        assert response.status_code == 200, response.content[:500]
        counts[label] = len(queries.captured_queries)
    _prepare()  # back to one autorisatie per zaaktype for the load test
    return counts


def _fake_uuid(number: int) -> str:
    return f"00000000-0000-4000-8000-{number:012d}"


def _token() -> str:
    import jwt

    claims = {"iss": CLIENT_ID, "client_id": CLIENT_ID, "iat": int(time.time()),
              "user_id": "benchmark", "user_representation": "Benchmark"}
    return jwt.encode(claims, SECRET, algorithm="HS256")


def _headers(token: str) -> dict:
    # The zaak's operations require the CRS headers (412 without), as Open Zaak does.
    return {"Authorization": f"Bearer {token}", "Accept": "application/json",
            "Content-Type": "application/json", "Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(port: int, workers: int) -> subprocess.Popen:
    # The web processes only serve, as in production: notifications are delivered by the workers
    # (BROKER_URL), not by a dispatcher thread in each web process competing for its GIL.
    env = {**os.environ, "LOG_LEVEL": "WARNING", "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "OUTBOX_IN_PROCESS": "false"}
    server = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv/bin/raadhuis"), "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180  # a loaded 2-core machine starts gunicorn slowly
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if requests.get(f"http://127.0.0.1:{port}/health/live", timeout=5).ok:
                return server
        except requests.RequestException:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("raadhuis serve did not start")


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=60)  # workers finish their in-process tasks first
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- Load ------------------------------------------------------------------------------------

WRK_SCRIPT = """
wrk.method = os.getenv("BENCH_METHOD")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Accept-Crs"] = "EPSG:4326"
wrk.headers["Content-Crs"] = "EPSG:4326"
local body = os.getenv("BENCH_BODY")
if body ~= "" then wrk.body = body end
errors = 0
response = function(status, headers, body)
  if status >= 400 then errors = errors + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %f %f %d %f\\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, summary.requests, summary.duration / 1e6))
end
"""


def _load(method: str, url: str, token: str, clients: int, seconds: int, body: str = "") -> dict:
    if shutil.which("wrk"):
        return _load_wrk(method, url, token, clients, seconds, body)
    return _load_threads(method, url, token, clients, seconds, body)


def _load_wrk(method, url, token, clients, seconds, body) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    env = {**os.environ, "BENCH_METHOD": method, "BENCH_TOKEN": token, "BENCH_BODY": body}
    output = subprocess.run(  # noqa: S603
        # wrk drops answers slower than its 2 s default timeout from the latencies: count them.
        ["wrk", "-t", str(min(clients, 2)), "-c", str(clients), "-d", f"{seconds}s", "--timeout", "60s",
         "-s", script.name, url],
        env=env, capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    line = next(row for row in output.splitlines() if row.startswith("RESULT"))
    median, p95, count, duration = (float(v) for v in line.split()[1:])
    errors = "Non-2xx" in output
    return {"median_ms": median, "p95_ms": p95, "rps": count / duration, "errors": errors,
            "seconds": duration}


def _load_threads(method, url, token, clients, seconds, body) -> dict:
    latencies: list[float] = []
    failures = []
    deadline = time.monotonic() + seconds

    def run():
        session = requests.Session()
        while time.monotonic() < deadline:
            started = time.perf_counter()
            response = session.request(method, url, headers=_headers(token), data=body or None, timeout=30)
            latencies.append((time.perf_counter() - started) * 1000)
            if response.status_code >= 400:
                failures.append(response.status_code)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {"median_ms": statistics.median(latencies), "p95_ms": latencies[int(len(latencies) * 0.95)],
            "rps": len(latencies) / seconds, "errors": bool(failures), "seconds": seconds}


# --- CPU per request -------------------------------------------------------------------------
# On a shared machine req/s mostly tell how busy the others are. The CPU that the server's own
# processes (gunicorn and its workers) and its PostgreSQL backends spent per request does not:
# 2 cores can serve at most 2,000 / (that many ms) requests per second.


def _measured(server: subprocess.Popen):
    def load(*args, **kwargs) -> dict:
        before = _cpu_seconds(server)
        figures = _load(*args, **kwargs)
        after = _cpu_seconds(server)
        count = figures["rps"] * figures["seconds"]
        if before is not None and after is not None and count:
            figures["cpu_ms"] = tuple((a - b) * 1000 / count for a, b in zip(after, before, strict=True))
        return figures
    return load


def _cpu_seconds(server: subprocess.Popen) -> tuple[float, float] | None:
    """(seconds of CPU of gunicorn and its workers, of this database's PostgreSQL backends);
    None where /proc cannot tell (not Linux)."""
    from django.db import connection

    if not Path("/proc/self/stat").exists():
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid()")
        backends = [pid for (pid,) in cursor.fetchall()]
    return sum(_process_cpu(pid) for pid in [server.pid, *_children(server.pid)]), \
        sum(_process_cpu(pid) for pid in backends)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        if children.exists():
            found += [int(child) for child in children.read_text().split()]
    return found


def _process_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # gone
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _report(label: str, figures: dict) -> None:
    flag = "  (errors!)" if figures["errors"] else ""
    cpu = figures.get("cpu_ms")
    per_request = f"   CPU/request {cpu[0]:5.1f} ms server + {cpu[1]:4.1f} ms PostgreSQL" if cpu else ""
    print(f"{label:28} median {figures['median_ms']:7.1f} ms   p95 {figures['p95_ms']:7.1f} ms   "
          f"{figures['rps']:7.1f} req/s{per_request}{flag}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
