"""DigiD and eHerkenning through an OIDC broker (e.g. Signicat, Keycloak with a DigiD/eHerkenning
connector), built on mozilla-django-oidc's token handling.

The broker is configured with ``PORTAL_OIDC_*`` settings (docs/configuration.md). We do not
use mozilla-django-oidc's login views: they log in a Django *user*, and residents are not
users (see ``auth``). Our views keep the library's state, nonce and token verification and
turn the verified claims into a resident session: the BSN (DigiD) or KvK number
(eHerkenning) and the assurance level.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

METHODS = {
    "digid": ("PORTAL_OIDC_DIGID_SCOPES", "PORTAL_OIDC_BSN_CLAIM"),
    "eherkenning": ("PORTAL_OIDC_EHERKENNING_SCOPES", "PORTAL_OIDC_KVK_CLAIM"),
}
SESSION_KEY = "portal.oidc"
SETTING_NAMES = {
    "OIDC_OP_TOKEN_ENDPOINT": "PORTAL_OIDC_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT": "PORTAL_OIDC_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT": "PORTAL_OIDC_JWKS_ENDPOINT",
    "OIDC_RP_CLIENT_ID": "PORTAL_OIDC_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET": "PORTAL_OIDC_CLIENT_SECRET",
    "OIDC_RP_SIGN_ALGO": "PORTAL_OIDC_SIGN_ALGO",
}


def enabled() -> bool:
    return bool(settings.PORTAL_OIDC_CLIENT_ID)


class BrokerBackend(OIDCAuthenticationBackend):
    """The library's token exchange and verification, reading the portal's own settings."""

    @staticmethod
    def get_settings(attr, *args):
        name = SETTING_NAMES.get(attr)
        if name is not None:
            return getattr(settings, name) or (args[0] if args else None)
        if attr == "OIDC_USE_NONCE":
            return True
        return args[0] if args else None


def authorization_url(request, method: str, callback_url: str) -> str:
    scopes_setting, _claim = METHODS[method]
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    request.session[SESSION_KEY] = {
        "state": state,
        "nonce": nonce,
        "method": method,
        "next": request.GET.get("next", ""),
    }
    params = {
        "response_type": "code",
        "client_id": settings.PORTAL_OIDC_CLIENT_ID,
        "redirect_uri": callback_url,
        "scope": getattr(settings, scopes_setting),
        "state": state,
        "nonce": nonce,
    }
    return f"{settings.PORTAL_OIDC_AUTHORIZATION_ENDPOINT}?{urlencode(params)}"


def verified_claims(request, callback_url: str) -> tuple[str, dict, str]:
    """(method, claims, next) for the broker's callback; SuspiciousOperation when it is not
    the answer to our own request."""
    pending = request.session.pop(SESSION_KEY, None)
    state, code = request.GET.get("state", ""), request.GET.get("code", "")
    if not pending or not state or not secrets.compare_digest(state, pending["state"]) or not code:
        raise SuspiciousOperation("OIDC callback without a matching state or code.")
    backend = BrokerBackend()
    tokens = backend.get_token(
        {
            "client_id": settings.PORTAL_OIDC_CLIENT_ID,
            "client_secret": settings.PORTAL_OIDC_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": callback_url,
        }
    )
    claims = backend.verify_token(tokens.get("id_token", ""), nonce=pending["nonce"])
    if not claims:
        raise SuspiciousOperation("OIDC id_token could not be verified.")
    return pending["method"], claims, pending.get("next", "")


def identifier_claim(method: str) -> str:
    return getattr(settings, METHODS[method][1])
