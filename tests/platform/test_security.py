"""Security headers on pages, and the production defaults of the transport settings."""

import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    everything = " ".join(v for values in policy.values() for v in values)
    assert "'unsafe-inline'" not in everything
    assert "'unsafe-eval'" not in everything
    assert "*" not in everything


def test_pages_carry_the_other_security_headers(client):
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions
    assert "microphone=()" in permissions


def test_the_login_page_has_the_policy_and_http_only_cookies(client):
    response = client.get("/account/login/")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    for cookie in response.cookies.values():
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000,
                   SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
                   SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_production_transport_settings_in_action(client):
    redirect = client.get("/account/login/")
    assert redirect.status_code == 301
    assert redirect["Location"] == "https://testserver/account/login/"
    for probe in ("/health/live", "/health/ready", "/metrics"):
        assert client.get(probe).status_code == 200
    response = client.get("/account/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response.cookies and all(c["secure"] for c in response.cookies.values())


def test_production_mode_turns_the_transport_protections_on(tmp_path):
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_PROXY_SSL_HEADER, s.LOGGING['handlers']['console']['formatter']]))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "raadhuis.settings",
        "RAADHUIS_VAR_DIR": str(tmp_path),
        "RAADHUIS_MODE": "production",
        "SECRET_KEY": "x7" * 30,
        "DATABASE_URL": "postgres://raadhuis@db.invalid/raadhuis",
    }
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60, check=True)
    assert json.loads(result.stdout) == [
        False, True, 31536000, True, True, True, ["HTTP_X_FORWARDED_PROTO", "https"], "json"
    ]
