"""Who may do what in the Klantinteracties API.

Clients authenticate as in every ZGW API (a JWT of an applicatie, ``zgw.common.auth``). What
they may do is the applicatie's ``ApiToegang``: its scopes, or everything for an applicatie
with ``heeftAlleAutorisaties``. Loaded once per request, in one query.
"""

from __future__ import annotations

from rest_framework import permissions

from raadhuis.klantcontact.models import ApiToegang
from raadhuis.zgw.common.auth import ClientAuth
from raadhuis.zgw.common.scopes import Scope


def granted_scopes(request) -> frozenset[str]:
    cached = getattr(request, "_klantinteracties_scopes", None)
    if cached is None:
        toegang = ApiToegang.objects.filter(applicatie_uuid=request.auth.applicatie_uuid).first()
        cached = frozenset(toegang.scopes if toegang else ())
        request._klantinteracties_scopes = cached
    return cached


def allows(request, scope: Scope) -> bool:
    auth = getattr(request, "auth", None)
    if not isinstance(auth, ClientAuth):
        return False
    return auth.heeft_alle_autorisaties or scope.granted_by(granted_scopes(request))


class ScopePermission(permissions.BasePermission):
    """The client holds the scope the viewset declares for the action."""

    def has_permission(self, request, view) -> bool:
        scope = view.required_scope()
        return scope is None or allows(request, scope)
