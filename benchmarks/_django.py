"""Set up Django for a benchmark script run from the repository root."""

import os
import sys
from pathlib import Path


def setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raadhuis.settings")
    import logging

    import django

    django.setup()
    # One access-log line per request would bury the figures; servers still write them.
    logging.getLogger("raadhuis.request").setLevel(logging.WARNING)


def employee_client(user):
    """A Django test client logged in as ``user`` with a verified second factor."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user).first() or TOTPDevice.objects.create(
        user=user, name="benchmark", confirmed=True
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def timed(client, url: str, runs: int) -> list[float]:
    """Milliseconds of ``runs`` GET requests of ``url`` after one warming request, sorted."""
    import time

    client.get(url)  # warm: templates, plans
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return sorted(times)
