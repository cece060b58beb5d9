"""System checks of the Notificaties settings (``raadhuis check``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register

MIN_RETRY_HOURS = 24


@register()
def notificaties_settings(app_configs, **kwargs):
    problems = []
    try:
        from raadhuis.zgw.notificaties.callbacks import allowed_networks

        allowed_networks()
    except ValueError as error:
        problems.append(Error(f"NOTIFICATIES_ALLOWED_CALLBACK_NETWORKS: {error}",
                              id="raadhuis.notificaties.E001"))
    worst_call = 2 * settings.NOTIFICATIES_CONNECT_TIMEOUT + settings.NOTIFICATIES_READ_TIMEOUT
    if worst_call >= settings.OUTBOX_LEASE_SECONDS:
        problems.append(Warning(
            f"A callback may take {worst_call:g} s (name lookup and connect within "
            "NOTIFICATIES_CONNECT_TIMEOUT each, plus NOTIFICATIES_READ_TIMEOUT), not less than "
            "OUTBOX_LEASE_SECONDS: slow receivers would get notifications twice.",
            id="raadhuis.notificaties.W002"))
    if retry_window_hours() < MIN_RETRY_HOURS:
        problems.append(Warning(
            f"Notifications are parked after {retry_window_hours():.1f} hours of failures; "
            f"raise OUTBOX_MAX_ATTEMPTS or OUTBOX_BACKOFF_MAX_SECONDS to ride out {MIN_RETRY_HOURS} hours.",
            id="raadhuis.notificaties.W001"))
    return problems


def retry_window_hours() -> float:
    """How long a failing delivery is retried at least (every wait at its shortest jitter)."""
    waits = (min(settings.OUTBOX_BACKOFF_SECONDS * 2 ** min(n - 1, 62), settings.OUTBOX_BACKOFF_MAX_SECONDS)
             for n in range(1, settings.OUTBOX_MAX_ATTEMPTS))
    return 0.8 * sum(waits) / 3600
