"""/metrics: django-prometheus plus outbox gauges, closed to the public in production."""

from datetime import timedelta

import pytest
from django.db import DatabaseError
from django.test import override_settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from raadhuis.platform import checks, metrics, tenancy
from raadhuis.platform.models import Delivery, OutboxEvent

pytestmark = pytest.mark.django_db
TOKEN = "a-long-random-scrape-token-0123456789"


def _samples(response) -> dict:
    text = response.content.decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def _deliveries(organisation, *states):
    with tenancy.system_scope():
        event = OutboxEvent.objects.create(organisation=organisation, kanaal="zaken", payload={})
        for n, (status, due_ago) in enumerate(states):
            Delivery.objects.create(
                organisation=organisation, event=event, handler=f"handler-{n}", status=status,
                next_attempt_at=timezone.now() - timedelta(seconds=due_ago),
            )


def test_embedded_mode_exports_request_and_outbox_metrics(client):
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "django_http_requests_total_by_method_total" in text
    assert 'raadhuis_outbox_deliveries{status="parked"}' in text


def test_outbox_gauges_count_pending_and_parked_across_tenants(client, two_municipalities):
    a, b = two_municipalities
    _deliveries(a, ("pending", 120), ("parked", 0), ("delivered", 0))
    _deliveries(b, ("pending", -60), ("parked", 0), ("parked", 0))
    samples = _samples(client.get("/metrics"))
    assert samples[("raadhuis_outbox_deliveries", (("status", "pending"),))] == 2
    assert samples[("raadhuis_outbox_deliveries", (("status", "parked"),))] == 3
    assert 120 <= samples[("raadhuis_outbox_oldest_due_seconds", ())] < 180


def test_outbox_gauges_are_left_out_when_the_database_fails(client, monkeypatch):
    def broken():
        raise DatabaseError("connection lost")

    monkeypatch.setattr(metrics, "_outbox_state", broken)
    response = client.get("/metrics")
    assert response.status_code == 200
    assert "raadhuis_outbox_deliveries{" not in response.content.decode()


@override_settings(METRICS_TOKEN=TOKEN)
@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", TOKEN])
def test_token_is_required_when_configured(client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/metrics", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="metrics"'


@override_settings(METRICS_TOKEN=TOKEN, PRODUCTION=True)
def test_right_token_is_let_in_from_anywhere(client):
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}",
                          REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 200


@override_settings(PRODUCTION=True, METRICS_TOKEN="")
@pytest.mark.parametrize(
    ("remote_addr", "extra", "status"),
    [
        ("127.0.0.1", {}, 200),
        ("::1", {}, 200),
        ("203.0.113.9", {}, 403),
        ("10.1.2.3", {}, 403),  # private, but not in the default list
        ("127.0.0.1", {"HTTP_X_FORWARDED_FOR": "203.0.113.9"}, 403),  # via a local proxy
        ("127.0.0.1", {"HTTP_FORWARDED": "for=203.0.113.9"}, 403),
    ],
)
def test_production_without_token_allows_only_listed_networks(client, remote_addr, extra, status):
    assert client.get("/metrics", REMOTE_ADDR=remote_addr, **extra).status_code == status


@override_settings(PRODUCTION=True, METRICS_TOKEN="", METRICS_ALLOWED_NETWORKS=["10.0.0.0/8"])
def test_configured_network_and_ipv4_mapped_addresses(client):
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="::ffff:10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403


@override_settings(PRODUCTION=True, METRICS_TOKEN="")
def test_metrics_answer_a_host_outside_allowed_hosts(client):
    assert client.get("/metrics", HTTP_HOST="10.0.0.7:8000").status_code == 200


@override_settings(METRICS_ALLOWED_NETWORKS=["10.0.0.0/8", "10.0.0.300/32", "intranet"])
def test_invalid_networks_are_a_system_check_error():
    errors = checks.metrics_networks(None)
    assert [e.id for e in errors] == ["raadhuis.E008", "raadhuis.E008"]
    assert "intranet" in errors[1].msg


def test_multiprocess_mode_sums_the_workers_and_keeps_the_outbox_gauges(
    client, tmp_path, monkeypatch
):
    # Several gunicorn workers: prometheus_client reads every worker's files from this dir.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    registry = metrics._registry()
    assert registry is not metrics.REGISTRY
    assert 'raadhuis_outbox_deliveries{status="pending"}' in client.get("/metrics").content.decode()
