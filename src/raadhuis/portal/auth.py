"""Residents and businesses: who is logged in on the portal.

Residents are not employees. Their login (DigiD/eHerkenning through an OIDC broker, or the
simulator outside production) puts a small record in the session under ``portal.resident``;
it never logs in a Django user, so the employee two-factor middleware, the admin and the
employee permissions never see a resident, and a resident can never reach an employee screen.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

SESSION_KEY = "portal.resident"
LEVELS = ("basis", "midden", "substantieel", "hoog")  # DigiD; eHerkenning uses EH2..EH4


@dataclass(frozen=True)
class Resident:
    bsn: str = ""
    kvk: str = ""
    level: str = "midden"
    method: str = "simulator"  # or "oidc"
    name: str = ""

    @property
    def is_business(self) -> bool:
        return bool(self.kvk) and not self.bsn

    @property
    def identifier(self) -> str:
        return self.bsn or self.kvk


def simulator_enabled() -> bool:
    """Never in production mode, whatever else is configured."""
    return not settings.PRODUCTION and settings.PORTAL_SIMULATOR_ENABLED


def login_resident(request, resident: Resident) -> None:
    # A new session id at login (session fixation), keeping nothing of an anonymous draft.
    request.session.cycle_key()
    request.session[SESSION_KEY] = {**asdict(resident), "since": timezone.now().isoformat()}


def logout_resident(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()


def current_resident(request) -> Resident | None:
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    return Resident(**{k: v for k, v in data.items() if k in Resident.__dataclass_fields__})


def resident_required(view):
    """Send a visitor who is not logged in to the portal login, then back."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        request.resident = current_resident(request)
        if request.resident is None:
            login = reverse("portal:login", kwargs={"org": kwargs["org"]})
            return redirect(f"{login}?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    return wrapper
