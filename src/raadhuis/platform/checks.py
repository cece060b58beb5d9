"""System checks. ``raadhuis check --deploy`` exits non-zero on unsafe production settings.

The deploy checks are errors, not warnings, so that a deployment pipeline stops on them;
Django's own deploy warnings (security.W0xx) are reported but do not fail the command.
"""

import ipaddress

from django.conf import settings
from django.core.checks import Error, Tags, register

MIN_SECRET_KEY_LENGTH = 50
MIN_METRICS_TOKEN_LENGTH = 24


@register(Tags.security, deploy=True)
def production_settings(app_configs, **kwargs):
    rules = [
        (not settings.PRODUCTION, "RAADHUIS_MODE is not 'production'.", "E001"),
        (settings.DEBUG, "DEBUG must be off in production.", "E002"),
        (weak_secret_key(settings.SECRET_KEY),
         f"SECRET_KEY must be a random value of {MIN_SECRET_KEY_LENGTH}+ characters.", "E003"),
        ("*" in settings.ALLOWED_HOSTS or not settings.ALLOWED_HOSTS,
         "ALLOWED_HOSTS must name the hosts explicitly.", "E004"),
        (settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
         "Production needs PostgreSQL (DATABASE_URL), not SQLite.", "E005"),
        (not (settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE),
         "Cookies must be secure (SECURE_COOKIES).", "E006"),
        (not settings.BROKER_URL,
         "Production needs BROKER_URL for durable background work.", "E007"),
        (0 < len(settings.METRICS_TOKEN) < MIN_METRICS_TOKEN_LENGTH,
         f"METRICS_TOKEN must be {MIN_METRICS_TOKEN_LENGTH}+ characters.", "E009"),
    ]
    return [Error(message, id=f"raadhuis.{code}") for failed, message, code in rules if failed]


def weak_secret_key(key: str) -> bool:
    """Too short, too uniform, or Django's generated development key."""
    return (
        len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < 5
        or key.startswith("django-insecure-")
    )


@register(Tags.security)
def metrics_networks(app_configs, **kwargs):
    """A typo in the allow-list must show at startup, not as a failing scrape later."""
    errors = []
    for value in settings.METRICS_ALLOWED_NETWORKS:
        try:
            ipaddress.ip_network(value.strip(), strict=False)
        except ValueError:
            errors.append(Error(f"METRICS_ALLOWED_NETWORKS: {value!r} is not a network.",
                                id="raadhuis.E008"))
    return errors
