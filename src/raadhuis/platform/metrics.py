"""Prometheus metrics: django-prometheus's request and database metrics plus Raadhuis's own.

``/metrics`` is not public in production: with ``METRICS_TOKEN`` set it needs
``Authorization: Bearer <token>``; without one, production answers only direct requests
from ``METRICS_ALLOWED_NETWORKS``. Embedded mode (a developer's machine) leaves it open.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Min
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from raadhuis.platform import tenancy

logger = logging.getLogger(__name__)

# Headers a reverse proxy adds: such a request came from outside, whatever REMOTE_ADDR says
# (a proxy on the same host connects from 127.0.0.1).
_PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP")


@never_cache
def metrics_view(request):
    refusal = _refusal(request)
    return refusal if refusal is not None else _export()


def _refusal(request) -> HttpResponse | None:
    token = settings.METRICS_TOKEN
    if token:
        if _bearer_matches(request, token):
            return None
        response = HttpResponse("Unauthorized\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    if settings.PRODUCTION and not _from_allowed_network(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return None  # embedded mode: a developer's machine


def _export() -> HttpResponse:
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)


def _bearer_matches(request, token: str) -> bool:
    scheme, _, supplied = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        supplied.strip().encode(), token.encode()
    )


def _from_allowed_network(request) -> bool:
    if any(request.META.get(header) for header in _PROXY_HEADERS):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped:  # "::ffff:10.0.0.5" on a dual-stack bind
        address = address.ipv4_mapped
    return any(address in net for net in allowed_networks(tuple(settings.METRICS_ALLOWED_NETWORKS)))


@lru_cache(maxsize=4)
def allowed_networks(values: tuple[str, ...]) -> tuple:
    """Parse once; invalid entries are reported by the system check raadhuis.E008."""
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values)


def _registry():
    """With several gunicorn workers each has its own counters: prometheus_client's
    multiprocess mode (PROMETHEUS_MULTIPROC_DIR) sums them, so any worker can answer."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    registry.register(OUTBOX_COLLECTOR)
    return registry


class OutboxCollector:
    """Outbox state read from the database at scrape time, so every process reports the
    same truth. Alert on ``raadhuis_outbox_deliveries{status="parked"} > 0`` (a subscriber
    gave up) and on a growing ``raadhuis_outbox_oldest_due_seconds`` (dispatch is stuck)."""

    def describe(self):
        # Describing without querying lets the collector register before the database is up.
        return [_deliveries_family(), _oldest_family()]

    def collect(self):
        try:
            counts, oldest_due = _outbox_state()
        except DatabaseError as error:
            logger.warning("Outbox metrics unavailable: %s", error)
            return []
        deliveries = _deliveries_family()
        for status in ("pending", "parked"):
            deliveries.add_metric([status], counts.get(status, 0))
        oldest = _oldest_family()
        oldest.add_metric([], oldest_due)
        return [deliveries, oldest]


def _deliveries_family() -> GaugeMetricFamily:
    return GaugeMetricFamily(
        "raadhuis_outbox_deliveries", "Outbox deliveries not yet delivered.", labels=["status"]
    )


def _oldest_family() -> GaugeMetricFamily:
    return GaugeMetricFamily(
        "raadhuis_outbox_oldest_due_seconds",
        "Seconds the longest-waiting due pending delivery has been due (0: none).",
    )


def _outbox_state() -> tuple[dict[str, int], float]:
    from raadhuis.platform.models import Delivery

    now = timezone.now()
    with tenancy.system_scope():  # operators see the whole installation, not one tenant
        waiting = Delivery.objects.filter(status__in=["pending", "parked"])
        counts = dict(waiting.values_list("status").annotate(n=Count("pk")).order_by())
        due = Delivery.objects.filter(status="pending", next_attempt_at__lte=now)
        oldest = due.aggregate(oldest=Min("next_attempt_at"))["oldest"]
    return counts, (now - oldest).total_seconds() if oldest else 0.0


OUTBOX_COLLECTOR = OutboxCollector()
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    REGISTRY.register(OUTBOX_COLLECTOR)
