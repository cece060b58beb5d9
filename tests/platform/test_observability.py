"""Request ids on every response and every log line; JSON logs that a collector can parse."""

import json
import logging
import logging.config
import re
import sys

import pytest
from django.conf import settings

from raadhuis.platform import context, health
from raadhuis.platform.observability import RequestIdFilter

pytestmark = pytest.mark.django_db
GENERATED = re.compile(r"^[0-9a-f]{32}$")


def test_a_request_id_is_made_when_none_comes_in(client):
    assert GENERATED.match(client.get("/health/live")["X-Request-ID"])


def test_a_sane_incoming_request_id_round_trips(client):
    response = client.get("/", HTTP_X_REQUEST_ID="lb-2f1c.9a_77-e0")
    assert response["X-Request-ID"] == "lb-2f1c.9a_77-e0"


@pytest.mark.parametrize(
    "garbage", ["short", "x" * 65, "has space in it", "quote\"inject'x", "trailing-newline\n"]
)
def test_garbage_request_ids_are_replaced(client, garbage):
    assert GENERATED.match(client.get("/health/live", HTTP_X_REQUEST_ID=garbage)["X-Request-ID"])


def test_log_records_during_a_request_carry_its_id(client, caplog, monkeypatch):
    monkeypatch.setattr(health, "check_database", lambda: 1 / 0)
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.INFO):
        client.get("/health/ready", HTTP_X_REQUEST_ID="trace-0001-abcd")
        client.get("/", HTTP_X_REQUEST_ID="trace-0002-abcd")
    check = next(r for r in caplog.records if "Readiness check database" in r.getMessage())
    assert check.request_id == "trace-0001-abcd"
    access = next(r for r in caplog.records if r.name == "raadhuis.request" and r.path == "/")
    assert (access.request_id, access.status, access.method) == ("trace-0002-abcd", 200, "GET")


def test_records_outside_a_request_get_a_dash():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


def _json_formatter() -> logging.Formatter:
    """The formatter exactly as settings.LOGGING configures it."""
    configurator = logging.config.DictConfigurator(settings.LOGGING)
    return configurator.configure_formatter(dict(settings.LOGGING["formatters"]["json"]))


def test_json_formatter_writes_one_parseable_object_per_record():
    record = logging.getLogger("raadhuis.test").makeRecord(
        "raadhuis.test", logging.WARNING, __file__, 1, "zaak %s \"bijgewerkt\"\nregel 2",
        ("ZAAK-1",), None, extra={"status": 503},
    )
    with context.request_id("req-12345678"):
        RequestIdFilter().filter(record)
    line = _json_formatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["level"] == "WARNING"
    assert data["logger"] == "raadhuis.test"
    assert data["message"] == 'zaak ZAAK-1 "bijgewerkt"\nregel 2'
    assert data["request_id"] == "req-12345678"
    assert data["status"] == 503
    assert re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", data["time"])


def test_json_formatter_puts_tracebacks_inside_the_object():
    try:
        raise ValueError("kapot")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    RequestIdFilter().filter(record)
    data = json.loads(_json_formatter().format(record))
    assert "ValueError: kapot" in data["exc_info"]
