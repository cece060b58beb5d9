"""Request ids in every log line and every response, and one access log line per request."""

import logging
import re
import time
import uuid

from raadhuis.platform import context

REQUEST_ID_HEADER = "X-Request-ID"
# Ids from a proxy are kept so a request can be followed across systems; anything else
# (too long, odd characters that could forge log lines) is replaced.
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{8,64}$")
# Probes arrive every few seconds: logged at DEBUG so they do not drown the real traffic.
_QUIET_PREFIXES = ("/health/", "/metrics")

access_logger = logging.getLogger("raadhuis.request")


def sane_request_id(incoming: str) -> str:
    return incoming if _VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Take a sane incoming X-Request-ID (from a proxy) or make one; echo it back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        value = sane_request_id(request.headers.get(REQUEST_ID_HEADER, ""))
        request.request_id = value
        started = time.monotonic()
        with context.request_id(value):
            response = self.get_response(request)
            _log_access(request, response, time.monotonic() - started)
        response[REQUEST_ID_HEADER] = value
        return response


def _log_access(request, response, seconds: float) -> None:
    level = logging.DEBUG if request.path.startswith(_QUIET_PREFIXES) else logging.INFO
    access_logger.log(
        level,
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
        },
    )


class RequestIdFilter(logging.Filter):
    """Put the current request id on every record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = context.current_request_id() or "-"
        return True
