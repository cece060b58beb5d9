"""Liveness and readiness: open to probes, honest about what is down."""

import socket

import pytest
from django.test import override_settings

from raadhuis.platform import health
from tests.factories import member

pytestmark = pytest.mark.django_db


def _boom():
    raise ConnectionError("database is gone")


def test_live_answers_without_login(client):
    response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_checks_database_and_storage(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "storage": "ok"}}


def test_ready_is_503_and_names_the_failing_database(client, monkeypatch):
    monkeypatch.setattr(health, "check_database", _boom)
    response = client.get("/health/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failing"] == ["database"]
    assert body["checks"]["database"] == "error: ConnectionError"
    assert "gone" not in response.content.decode()  # details go to the log, not the prober


def test_ready_is_503_when_media_directory_is_missing(client, tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "not-there")}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failing"] == ["storage"]


@override_settings(BROKER_URL="redis://127.0.0.1:1/0", HEALTH_CHECK_TIMEOUT=0.5)
def test_ready_is_503_when_the_configured_broker_is_unreachable(client):
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]
    assert response.json()["checks"]["database"] == "ok"


def _redis_listening() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_listening(), reason="no Redis on 127.0.0.1:6379")
@override_settings(BROKER_URL="redis://127.0.0.1:6379/0", HEALTH_CHECK_TIMEOUT=2)
def test_ready_checks_a_reachable_broker(client):
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_probes_are_not_sent_to_two_factor_setup(client, two_municipalities):
    client.force_login(member(two_municipalities[0], username="zonder-2fa"))
    assert client.get("/").status_code == 302  # the 2FA middleware is active for pages...
    assert client.get("/health/live").status_code == 200  # ...but not for probes
    assert client.get("/health/ready").status_code == 200


@override_settings(SECURE_SSL_REDIRECT=True)
def test_probes_are_not_redirected_to_https(client):
    assert client.get("/").status_code == 301
    assert client.get("/health/live").status_code == 200
    assert client.get("/health/ready").status_code == 200


def test_probes_answer_a_host_outside_allowed_hosts(client):
    # Load balancers and Docker call by IP address; pages still refuse such a host.
    assert client.get("/health/live", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/health/ready", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_probes_only_read(client):
    assert client.post("/health/live").status_code == 405
    assert client.head("/health/live").status_code == 200


@pytest.mark.django_db
def test_the_home_page_leads_residents_to_the_portal_and_employees_to_the_werkplek(client):
    page = client.get("/").content.decode()
    assert 'href="/portaal/"' in page
    assert 'href="/werkplek/"' in page
