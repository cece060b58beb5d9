"""Documenten API with a large file: chunked upload and download throughput, web process memory.

    .venv/bin/python benchmarks/documents.py [--size-mb 2048] [--part-mb 100]

Starts `raadhuis serve` (one gunicorn worker, SQLite and local storage in a temporary
directory), creates a document with ``bestandsomvang`` and no ``inhoud``, PUTs every
bestandsdeel as streamed multipart, unlocks (the parts are checked and put together), then
downloads the file and compares its sha256. Prints MB/s of the upload (parts + completion),
of the download (checksum verification + transfer) and the peak RSS of the web processes,
sampled every 20 ms. Target (issue 4): peak RSS of the web worker < 200 MB for a 2 GB file.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import jwt

ROOT = Path(__file__).resolve().parents[1]
CLIENT_ID = "benchmark-documenten"
SECRET = "benchmark-secret-that-is-long-enough-for-hs256"
BLOCK = 1024 * 1024
BASE = "/documenten/api/v1"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=int, default=2048, help="File size in MiB (default 2048).")
    parser.add_argument("--part-mb", type=int, default=100, help="Bestandsdeel size in MiB (default 100).")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="raadhuis-bench-documents-"))
    env = {
        **os.environ,
        "RAADHUIS_VAR_DIR": str(workdir / "var"),
        "DOCUMENTEN_UPLOAD_CHUNK_SIZE": str(args.part_mb * BLOCK),
        "TMPDIR": str(workdir),
    }
    env.pop("DATABASE_URL", None)  # embedded SQLite: the web process is what is measured
    try:
        run(args, workdir, env)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(args, workdir: Path, env: dict) -> None:
    size = args.size_mb * BLOCK
    source = workdir / "source.pdf"
    digest = make_file(source, size)
    iot = (
        subprocess.run(
            [sys.executable, "-c", SETUP], check=True, env=env, cwd=ROOT, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    port = free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/raadhuis"),
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "900",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        sampler = RssSampler(server.pid)
        sampler.start()
        client = Client(port)
        upload_s = upload(client, source, size, iot)
        download_s, received = download(client)
        sampler.stop()
    finally:
        server.terminate()
        server.wait(30)
    assert received == digest, "downloaded file differs from the uploaded one"
    mb = size / BLOCK
    print(f"file: {mb:.0f} MiB in parts of {args.part_mb} MiB")
    print(f"upload (parts + completion): {upload_s:.1f} s, {mb / upload_s:.1f} MB/s "
          f"(parts {client.split[0]:.1f} s, completion {client.split[1]:.1f} s)")
    print(f"download (verify + transfer): {download_s:.1f} s, {mb / download_s:.1f} MB/s")
    print(
        f"peak RSS web worker: {sampler.peak_worker / BLOCK:.0f} MB (target < 200 MB); "
        f"master: {sampler.peak_master / BLOCK:.0f} MB"
    )


def make_file(path: Path, size: int) -> str:
    """A PDF-looking file of ``size`` bytes, fast to write and not trivially compressible."""
    digest = hashlib.sha256()
    block = bytearray(os.urandom(BLOCK))
    with path.open("wb") as handle:
        written = 0
        while written < size:
            chunk = (b"%PDF-1.7\n" + block[9:]) if written == 0 else bytes(block)
            chunk = chunk[: size - written]
            handle.write(chunk)
            digest.update(chunk)
            written += len(chunk)
            block[written % BLOCK] ^= 0xFF  # each block differs a little
    return digest.hexdigest()


SETUP = f"""
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.settings")
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from raadhuis.platform import tenancy
from raadhuis.platform.models import Organisation
from raadhuis.zgw.autorisaties.models import Applicatie, ClientCredential
from raadhuis.zgw.catalogi.models import Catalogus, Informatieobjecttype
with tenancy.system_scope():
    org = Organisation.objects.create(name="Bench", slug="bench", rsin="002564440", max_upload_bytes=10**13)
    cat = Catalogus.objects.create(organisation=org, domein="BENCH", rsin=org.rsin,
                                   contactpersoon_beheer_naam="Bench")
    iot = Informatieobjecttype.objects.create(organisation=org, catalogus=cat, omschrijving="Groot",
        vertrouwelijkheidaanduiding="openbaar", informatieobjectcategorie="bench", concept=False,
        begin_geldigheid="2024-01-01")
    app = Applicatie.objects.create(organisation=org, label="bench", heeft_alle_autorisaties=True)
    ClientCredential.objects.create(applicatie=app, client_id="{CLIENT_ID}", secret="{SECRET}")
print(iot.uuid)
"""


class Client:
    def __init__(self, port: int):
        self.port = port

    def headers(self) -> dict:
        token = jwt.encode(
            {"iss": CLIENT_ID, "client_id": CLIENT_ID, "iat": int(time.time())}, SECRET, algorithm="HS256"
        )
        return {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326"}

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=1800)

    def json(self, method: str, path: str, body=None) -> tuple[int, dict]:
        conn = self.connection()
        conn.request(
            method, path, json.dumps(body or {}), {**self.headers(), "Content-Type": "application/json"}
        )
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response.status, (json.loads(data) if data else {})


def upload(client: Client, source: Path, size: int, iot_uuid: str) -> float:
    started = time.perf_counter()
    payload = {
        "bronorganisatie": "002564440",
        "creatiedatum": "2025-01-01",
        "titel": "Groot bestand",
        "auteur": "bench",
        "taal": "nld",
        "formaat": "application/pdf",
        "bestandsnaam": "groot.pdf",
        "bestandsomvang": size,
        "informatieobjecttype": f"http://127.0.0.1:{client.port}/catalogi/api/v1/informatieobjecttypen/{iot_uuid}",
    }
    status, document = client.json("POST", f"{BASE}/enkelvoudiginformatieobjecten", payload)
    assert status == 201, document
    with source.open("rb") as handle:
        for part in document["bestandsdelen"]:
            put_part(client, part, handle, document["lock"])
    parts_done = time.perf_counter()
    path = _path(document["url"])
    status, body = client.json("POST", f"{path}/unlock", {"lock": document["lock"]})
    assert status == 204, body
    client.document = path
    client.split = (parts_done - started, time.perf_counter() - parts_done)
    return time.perf_counter() - started


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def put_part(client: Client, part: dict, handle, lock: str) -> None:
    """One multipart PUT, streamed from the file: the part is never in memory whole."""
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n{lock}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="deel"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    conn = client.connection()
    conn.putrequest("PUT", _path(part["url"]))
    for name, value in {
        **client.headers(),
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Content-Length": str(len(head) + part["omvang"] + len(tail)),
    }.items():
        conn.putheader(name, value)
    conn.endheaders()
    conn.send(head)
    left = part["omvang"]
    while left:
        chunk = handle.read(min(BLOCK, left))
        conn.send(chunk)
        left -= len(chunk)
    conn.send(tail)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status == 200, body


def download(client: Client) -> tuple[float, str]:
    started = time.perf_counter()
    conn = client.connection()
    conn.request("GET", f"{client.document}/download", headers=client.headers())
    response = conn.getresponse()
    assert response.status == 200, response.read()[:500]
    digest = hashlib.sha256()
    while chunk := response.read(BLOCK):
        digest.update(chunk)
    conn.close()
    return time.perf_counter() - started, digest.hexdigest()


class RssSampler(threading.Thread):
    """Peak resident memory of the gunicorn master and its workers, from /proc."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_master, self.peak_worker, self.running = pid, 0, 0, True

    def run(self) -> None:
        while self.running:
            self.peak_master = max(self.peak_master, rss(self.pid))
            for child in children(self.pid):
                self.peak_worker = max(self.peak_worker, rss(child))
            time.sleep(0.02)

    def stop(self) -> None:
        self.running = False
        self.join()


def rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("raadhuis serve did not start")


if __name__ == "__main__":
    main()
