"""Liveness and readiness for load balancers and orchestrators.

``/health/live`` answers as long as the process serves requests: restart it when it stops.
``/health/ready`` checks what a request needs (database, file storage, and the broker when
one is configured): take the process out of the load balancer while it answers 503.
"""

import logging
import os
from collections.abc import Callable

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PROBE_PATHS = ("/health/live", "/health/ready", "/metrics")


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    checks = {name: _run(name, check) for name, check in _checks().items()}
    failing = sorted(name for name, outcome in checks.items() if outcome != "ok")
    body = {"status": "unavailable" if failing else "ok", "checks": checks}
    if failing:
        body["failing"] = failing
    return JsonResponse(body, status=503 if failing else 200)


def _checks() -> dict[str, Callable[[], None]]:
    checks = {"database": check_database, "storage": check_storage}
    if settings.BROKER_URL:
        checks["broker"] = check_broker
    return checks


def _run(name: str, check: Callable[[], None]) -> str:
    """Run one check; the response names only the error type, the log has the detail
    (messages may contain host names or credentials)."""
    try:
        check()
    except Exception as error:  # noqa: BLE001 - any failure means: not ready
        logger.warning("Readiness check %s failed: %s: %s", name, type(error).__name__, error)
        return f"error: {type(error).__name__}"
    return "ok"


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_storage() -> None:
    default_storage.exists("health-check")  # a HEAD request on S3: proves credentials too
    if isinstance(default_storage, FileSystemStorage) and not os.access(
        default_storage.location, os.W_OK
    ):
        raise PermissionError(f"Media directory {default_storage.location} is not writable")


def check_broker() -> None:
    from raadhuis.celery import app

    timeout = settings.HEALTH_CHECK_TIMEOUT
    # One attempt with a short timeout: a probe must answer well within the prober's timeout.
    options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    with app.connection_for_write(
        url=settings.BROKER_URL, connect_timeout=timeout, transport_options=options
    ) as conn:
        conn.ensure_connection(max_retries=0, timeout=timeout)


class ProbeMiddleware:
    """Answer health and metrics requests before host validation, sessions and login.

    Load balancers, Docker and Prometheus call these by IP address (a Host header that is
    not in ALLOWED_HOSTS) and over plain HTTP; they need no session, user or second factor.
    Sits right after SecurityMiddleware, whose SSL redirect exempts these paths.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in PROBE_PATHS:
            return _probe_view(request.path)(request)
        return self.get_response(request)


def _probe_view(path: str):
    from raadhuis.platform import metrics

    return {"/health/live": live, "/health/ready": ready, "/metrics": metrics.metrics_view}[path]
