"""`raadhuis check --deploy --fail-level ERROR`: the gate a deployment must pass."""

import os
import re
import subprocess
import sys

import pytest

SAFE = {
    "RAADHUIS_MODE": "production",
    "SECRET_KEY": "k3Yq0vX8-pW2_mZr5TnB7cJ1hL9sD4fG6aE0uI3oP8yR2wQ5xV7bN1mK4jH6gF9d",
    "DATABASE_URL": "postgres://raadhuis:geheim@db.invalid:5432/raadhuis",
    "BROKER_URL": "amqp://raadhuis:geheim@mq.invalid:5672//",
    "ALLOWED_HOSTS": "raadhuis.example.nl",
}


def _run(tmp_path, args, **env_vars):
    """Run in a clean environment: only what the test sets reaches the settings."""
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "RAADHUIS_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "raadhuis.settings"}
    env.update({key: value for key, value in env_vars.items() if value is not None})
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)


def _check(tmp_path, **env_vars):
    result = _run(tmp_path, ["-m", "raadhuis", "check", "--deploy", "--fail-level", "ERROR"],
                  **env_vars)
    return result.returncode, set(re.findall(r"raadhuis\.E\d{3}", result.stderr))


def test_safe_production_configuration_passes(tmp_path):
    returncode, errors = _check(tmp_path, **SAFE)
    assert (returncode, errors) == (0, set())


def test_unsafe_production_configuration_fails_with_every_reason(tmp_path):
    returncode, errors = _check(
        tmp_path, **{**SAFE, "SECRET_KEY": "geheim", "DEBUG": "true", "ALLOWED_HOSTS": "*",
                     "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3", "BROKER_URL": None,
                     "SECURE_COOKIES": "false"}
    )
    assert returncode != 0
    assert errors == {"raadhuis.E002", "raadhuis.E003", "raadhuis.E004", "raadhuis.E005",
                      "raadhuis.E006", "raadhuis.E007"}


def test_embedded_defaults_are_not_a_deployment(tmp_path):
    returncode, errors = _check(tmp_path)
    assert returncode != 0
    assert {"raadhuis.E001", "raadhuis.E005", "raadhuis.E007"} <= errors


@pytest.mark.parametrize(
    "secret_key",
    ["django-insecure-" + "abcdefghij" * 5, "ab" * 40, "kort-maar-willekeurig-0123456789"],
)
def test_weak_secret_keys_fail(tmp_path, secret_key):
    assert _check(tmp_path, **{**SAFE, "SECRET_KEY": secret_key}) == (1, {"raadhuis.E003"})


def test_missing_allowed_hosts_and_short_metrics_token_fail(tmp_path):
    returncode, errors = _check(tmp_path, **{**SAFE, "ALLOWED_HOSTS": None,
                                             "METRICS_TOKEN": "kort"})
    assert (returncode, errors) == (1, {"raadhuis.E004", "raadhuis.E009"})


def test_production_without_secret_key_refuses_to_start(tmp_path):
    result = _run(tmp_path, ["-c", "import django; django.setup()"],
                  **{**SAFE, "SECRET_KEY": None})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr
