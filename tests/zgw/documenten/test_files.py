"""File contents: base64, bestandsdelen (chunked upload), checksums, size limit, content type
and virus scanning. A rejected upload leaves nothing in the document storage."""

import os
import socket
import struct
import threading

import pytest

from raadhuis.platform import tenancy
from raadhuis.zgw.documenten.models import EnkelvoudigInformatieObject
from tests.zgw.documenten.conftest import PDF, b64, create, lock, stored_files

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _codes(response) -> set[str]:
    body = response.json()
    return {p["code"] for p in body.get("invalidParams", [])} | {body.get("code")}


def _download(api, url) -> bytes:
    response = api.get(url)
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content)


def _put_part(api, part: dict, data: bytes, key: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return api.put(part["url"], {"inhoud": SimpleUploadedFile("deel", data), "lock": key}, format="multipart")


def _pdf_of(size: int) -> bytes:
    return (PDF + os.urandom(size))[:size]


# --- Bestandsdelen ---------------------------------------------------------------------------


def test_chunked_upload_in_any_order(api, world, media, django_capture_on_commit_callbacks):
    content = _pdf_of(3 * MB + 12345)
    created = create(
        api, world, bestandsomvang=len(content), formaat="application/pdf", bestandsnaam="groot.pdf"
    )
    assert created.status_code == 201, created.content
    body = created.json()
    parts, key = body["bestandsdelen"], body["lock"]
    assert body["locked"] is True and key and body["inhoud"] is None
    assert [(p["volgnummer"], p["omvang"], p["voltooid"]) for p in parts] == [
        (1, MB, False),
        (2, MB, False),
        (3, MB, False),
        (4, 12345, False),
    ]
    for part in reversed(parts):  # wrong order is fine
        start = (part["volgnummer"] - 1) * MB
        response = _put_part(api, part, content[start : start + part["omvang"]], key)
        assert response.status_code == 200, response.content
        assert response.json()["voltooid"] is True
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post(f"{body['url']}/unlock", {"lock": key}, format="json").status_code == 204
    data = api.get(body["url"]).json()
    assert data["bestandsdelen"] == [] and data["bestandsomvang"] == len(content) and not data["locked"]
    assert _download(api, data["inhoud"]) == content
    assert len(stored_files(media)) == 1  # the parts are gone, the file is whole


def test_chunked_upload_refuses_missing_parts_wrong_sizes_and_locks(api, world):
    content = _pdf_of(2 * MB + 10)
    body = create(api, world, bestandsomvang=len(content), formaat="application/pdf").json()
    parts, key = body["bestandsdelen"], body["lock"]
    wrong_size = _put_part(api, parts[0], content[: MB - 1], key)
    assert wrong_size.status_code == 400 and "file-size" in _codes(wrong_size)
    wrong_lock = _put_part(api, parts[0], content[:MB], "0" * 32)
    assert wrong_lock.status_code == 400 and "incorrect-lock-id" in _codes(wrong_lock)
    no_file = api.put(parts[0]["url"], {"lock": key}, format="multipart")
    assert no_file.status_code == 400
    assert _put_part(api, parts[0], content[:MB], key).status_code == 200
    incomplete = api.post(f"{body['url']}/unlock", {"lock": key}, format="json")
    assert incomplete.status_code == 400 and "incomplete-upload" in _codes(incomplete)
    assert api.get(body["url"]).json()["locked"] is True


def test_update_in_parts_makes_a_new_version(api, world):
    url = create(api, world, inhoud=b64(PDF), formaat="application/pdf").json()["url"]
    key = lock(api, url)
    content = _pdf_of(MB + 1)
    updated = api.patch(url, {"bestandsomvang": len(content), "inhoud": None, "lock": key}, format="json")
    assert updated.status_code == 200, updated.content
    parts = updated.json()["bestandsdelen"]
    assert updated.json()["versie"] == 2 and len(parts) == 2
    for part in parts:
        start = (part["volgnummer"] - 1) * MB
        assert _put_part(api, part, content[start : start + part["omvang"]], key).status_code == 200
    assert api.post(f"{url}/unlock", {"lock": key}, format="json").status_code == 204
    assert _download(api, api.get(url).json()["inhoud"]) == content
    assert _download(api, api.get(url, {"versie": 1}).json()["inhoud"]) == PDF


def test_forced_unlock_drops_an_incomplete_upload(api, zgw_client, world):
    body = create(api, world, bestandsomvang=MB + 1, formaat="application/pdf").json()
    admin = zgw_client(
        world.organisation, world.autorisaties(["documenten.geforceerd-unlock", "documenten.lezen"])
    )
    assert admin.post(f"{body['url']}/unlock", {}, format="json").status_code == 204
    data = api.get(body["url"]).json()
    assert data["locked"] is False and data["bestandsdelen"] == [] and data["inhoud"] is None


# --- Checksums -------------------------------------------------------------------------------


def test_checksum_stored_and_a_damaged_file_is_never_served(api, world, media, caplog):
    url = create(api, world, inhoud=b64(PDF), formaat="application/pdf").json()["url"]
    with tenancy.system_scope():
        version = EnkelvoudigInformatieObject.objects.get()
    import hashlib

    assert version.sha256 == hashlib.sha256(PDF).hexdigest()
    path = media / version.bestand
    path.write_bytes(PDF.replace(b"Catalog", b"Catalug"))
    response = api.get(api.get(url).json()["inhoud"])
    assert response.status_code == 500
    assert response.json()["code"] == "checksum-mismatch"
    assert "Checksum mismatch" in caplog.text


# --- Upload checks ---------------------------------------------------------------------------


def test_organisation_size_limit(api, world, media):
    with tenancy.system_scope():
        world.organisation.max_upload_bytes = len(PDF) - 1
        world.organisation.save()
    too_big = create(api, world, inhoud=b64(PDF), formaat="application/pdf")
    assert too_big.status_code == 400 and "file-too-large" in _codes(too_big)
    parts = create(api, world, bestandsomvang=len(PDF), formaat="application/pdf")
    assert parts.status_code == 400 and "file-too-large" in _codes(parts)
    assert stored_files(media) == []


def test_content_type_is_detected_from_the_bytes(api, world, media):
    mismatch = create(api, world, inhoud=b64(PNG), formaat="application/pdf", bestandsnaam="echt.pdf")
    assert mismatch.status_code == 400 and "formaat-mismatch" in _codes(mismatch)
    assert "image/png" in mismatch.json()["invalidParams"][0]["reason"]
    assert stored_files(media) == []
    assert create(api, world, inhoud=b64(PNG), formaat="image/png").status_code == 201
    assert create(api, world, inhoud=b64(b"Beste inwoner,\n"), formaat="text/plain").status_code == 201
    binary_text = create(api, world, inhoud=b64(b"\0\1\2\3"), formaat="text/plain")
    assert binary_text.status_code == 400
    assert create(api, world, inhoud=b64(b"no signature"), formaat="application/pdf").status_code == 400


def test_chunked_upload_with_the_wrong_content_is_refused_and_dropped(
    api, world, media, django_capture_on_commit_callbacks
):
    content = (PNG + os.urandom(MB))[: MB + 5]
    body = create(api, world, bestandsomvang=len(content), formaat="application/pdf").json()
    for part in body["bestandsdelen"]:
        start = (part["volgnummer"] - 1) * MB
        assert _put_part(api, part, content[start : start + part["omvang"]], body["lock"]).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        refused = api.post(f"{body['url']}/unlock", {"lock": body["lock"]}, format="json")
    assert refused.status_code == 400 and "formaat-mismatch" in _codes(refused)
    assert stored_files(media) == []
    parts = api.get(body["url"]).json()["bestandsdelen"]
    assert [p["voltooid"] for p in parts] == [False, False]  # upload them again, still locked


def test_base64_is_for_files_up_to_one_part(api, world, media, settings):
    settings.DOCUMENTEN_UPLOAD_CHUNK_SIZE = 1000
    response = create(api, world, inhoud=b64(_pdf_of(100_000)), formaat="application/pdf")
    assert response.status_code == 400 and "use-bestandsdelen" in _codes(response)
    assert stored_files(media) == []


def test_invalid_base64_is_400(api, world, media):
    for value in ("niet-base64!", "abc", "====", "YWJj\n"):
        response = create(api, world, inhoud=value)
        assert response.status_code == 400, (value, response.content)
    assert stored_files(media) == []


# --- Virus scanning --------------------------------------------------------------------------


class FakeClamd:
    """A clamd speaking INSTREAM on 127.0.0.1: FOUND when the stream holds the EICAR string."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.scanned = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                self._session(conn)

    def _session(self, conn):
        stream = conn.makefile("rb")
        command = b""
        while not command.endswith(b"\0"):
            command += stream.read(1)
        data = b""
        while size := struct.unpack("!L", stream.read(4))[0]:
            data += stream.read(size)
        self.scanned += 1
        conn.sendall(b"stream: Eicar-Test-Signature FOUND\0" if b"EICAR" in data else b"stream: OK\0")

    def close(self):
        self.server.close()


@pytest.fixture
def clamd(settings):
    server = FakeClamd()
    settings.CLAMD_URL = f"tcp://127.0.0.1:{server.port}"
    yield server
    server.close()


def test_virus_scan_refuses_infected_files_and_stores_nothing(api, world, media, clamd):
    infected = create(api, world, inhoud=b64(EICAR), formaat="text/plain")
    assert infected.status_code == 400 and "virus-found" in _codes(infected)
    assert stored_files(media) == []
    clean = create(api, world, inhoud=b64(PDF), formaat="application/pdf")
    assert clean.status_code == 201
    assert clamd.scanned == 2 and len(stored_files(media)) == 1


def test_virus_scan_of_parts_at_completion(api, world, media, clamd, django_capture_on_commit_callbacks):
    content = (b"Dit is tekst " + EICAR + b" " * MB)[: MB + 3]
    body = create(api, world, bestandsomvang=len(content), formaat="text/plain").json()
    for part in body["bestandsdelen"]:
        start = (part["volgnummer"] - 1) * MB
        assert _put_part(api, part, content[start : start + part["omvang"]], body["lock"]).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        refused = api.post(f"{body['url']}/unlock", {"lock": body["lock"]}, format="json")
    assert refused.status_code == 400 and "virus-found" in _codes(refused)
    assert stored_files(media) == []


def test_virus_scanner_down_is_503_and_stores_nothing(api, world, media, settings):
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed again below: nothing listens there
    settings.CLAMD_URL = f"tcp://127.0.0.1:{port}"
    response = create(api, world, inhoud=b64(PDF), formaat="application/pdf")
    assert response.status_code == 503 and response.json()["code"] == "virus-scanner-unavailable"
    assert stored_files(media) == []
    with tenancy.system_scope():
        assert not EnkelvoudigInformatieObject.objects.exists()
