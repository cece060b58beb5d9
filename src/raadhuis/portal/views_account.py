"""Resident login and logout: the OIDC broker (DigiD, eHerkenning) and the simulator."""

from __future__ import annotations

import logging

from django import forms
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from raadhuis.platform.validators import passes_elfproef
from raadhuis.portal import oidc
from raadhuis.portal.auth import LEVELS, Resident, login_resident, logout_resident, simulator_enabled
from raadhuis.portal.scoping import page, portal_view

logger = logging.getLogger(__name__)


def safe_next(request, value: str, org: str) -> str:
    if (
        value
        and url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and value.startswith(f"/portaal/{org}/")
    ):
        return value
    return reverse("portal:my-cases", kwargs={"org": org})


@require_http_methods(["GET"])
@portal_view
def login(request, org: str):
    return page(
        request, "portal/login.html", {"oidc_enabled": oidc.enabled(), "next": request.GET.get("next", "")}
    )


class SimulatorForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Inloggen als"),
        widget=forms.RadioSelect,
        choices=[
            ("digid", gettext_lazy("Inwoner (DigiD, BSN)")),
            ("eherkenning", gettext_lazy("Ondernemer (eHerkenning, KvK-nummer)")),
        ],
        initial="digid",
    )
    identifier = forms.CharField(
        label=gettext_lazy("BSN of KvK-nummer"),
        max_length=9,
        min_length=8,
        help_text=gettext_lazy("BSN: 9 cijfers (11-proef). KvK-nummer: 8 cijfers."),
    )
    level = forms.ChoiceField(
        label=gettext_lazy("Betrouwbaarheidsniveau"),
        initial="midden",
        choices=[(level, level) for level in LEVELS],
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        identifier, kind = cleaned.get("identifier", ""), cleaned.get("kind")
        if not identifier:
            return cleaned
        if not identifier.isdigit():
            self.add_error("identifier", _("Gebruik alleen cijfers."))
        elif kind == "digid" and (len(identifier) != 9 or not _valid_bsn(identifier)):
            self.add_error("identifier", _("Dit is geen geldig BSN (9 cijfers, 11-proef)."))
        elif kind == "eherkenning" and len(identifier) != 8:
            self.add_error("identifier", _("Een KvK-nummer heeft 8 cijfers."))
        return cleaned


def _valid_bsn(value: str) -> bool:
    try:
        from raadhuis.registers.services import is_valid_bsn
    except ImportError:  # the registers component is optional for the simulator
        return passes_elfproef(value)
    return is_valid_bsn(value)


@require_http_methods(["GET", "POST"])
@portal_view
def simulator(request, org: str):
    """A clearly marked stand-in for DigiD/eHerkenning; refused (404) in production mode."""
    if not simulator_enabled():
        raise Http404
    form = SimulatorForm(
        request.POST if request.method == "POST" else None, initial={"next": request.GET.get("next", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        business = data["kind"] == "eherkenning"
        login_resident(
            request,
            Resident(
                bsn="" if business else data["identifier"],
                kvk=data["identifier"] if business else "",
                level=data["level"],
                method="simulator",
            ),
        )
        return redirect(safe_next(request, data.get("next", ""), org))
    return page(request, "portal/simulator.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET"])
@portal_view
def oidc_start(request, org: str, method: str):
    if not oidc.enabled() or method not in oidc.METHODS:
        raise Http404
    callback = request.build_absolute_uri(reverse("portal:oidc-callback", kwargs={"org": org}))
    return redirect(oidc.authorization_url(request, method, callback))


@require_http_methods(["GET"])
@portal_view
def oidc_callback(request, org: str):
    if not oidc.enabled():
        raise Http404
    callback = request.build_absolute_uri(reverse("portal:oidc-callback", kwargs={"org": org}))
    try:
        method, claims, next_url = oidc.verified_claims(request, callback)
    except (SuspiciousOperation, Exception) as error:  # noqa: BLE001 - any failure: not logged in
        logger.warning("Resident OIDC login failed: %s", error)
        return page(request, "portal/login.html", {"oidc_enabled": True, "login_failed": True}, status=400)
    identifier = str(claims.get(oidc.identifier_claim(method), ""))
    level = str(claims.get(request_setting("PORTAL_OIDC_LOA_CLAIM"), ""))
    valid = identifier.isdigit() and (len(identifier) == 9 if method == "digid" else len(identifier) == 8)
    if not valid:
        return page(request, "portal/login.html", {"oidc_enabled": True, "login_failed": True}, status=400)
    login_resident(
        request,
        Resident(
            bsn=identifier if method == "digid" else "",
            kvk=identifier if method == "eherkenning" else "",
            level=level,
            method="oidc",
        ),
    )
    return redirect(safe_next(request, next_url, org))


def request_setting(name: str) -> str:
    from django.conf import settings

    return getattr(settings, name)


@require_POST
@portal_view
def logout(request, org: str):
    logout_resident(request)
    return redirect("portal:home", org=org)
