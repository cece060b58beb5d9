"""ZGW JWT authentication and the client's autorisaties.

A client signs a JWT (HS256) with the secret of its ``client_id``; claims ``iss``, ``iat``,
``client_id``, ``user_id``, ``user_representation``. The token names the client; the
Autorisaties component says what it may do. Both are loaded in one query per request
(autorisaties.services.client_for); a token's decoding and signature check are kept per
token (``_signed_claims``).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from functools import lru_cache

import jwt
from django.conf import settings
from django.db.models import Q
from rest_framework import authentication, exceptions

from raadhuis.platform import context, tenancy
from raadhuis.zgw.common import vertrouwelijkheid
from raadhuis.zgw.common.scopes import Scope


@dataclass(frozen=True)
class Grant:
    """One autorisatie: scopes on one component, for one type up to one level."""

    component: str
    scopes: frozenset[str]
    type_uuid: uuid.UUID | None
    max_vertrouwelijkheidaanduiding: str


@dataclass
class ClientAuth:
    """What an authenticated client may do; ``request.auth`` in ZGW views."""

    applicatie_uuid: uuid.UUID
    label: str
    client_id: str
    organisation_ids: frozenset[int]
    heeft_alle_autorisaties: bool
    grants: list[Grant] = field(default_factory=list)
    user_id: str = ""
    user_representation: str = ""

    def has_scope(self, component: str, scope: Scope) -> bool:
        """Whether any autorisatie on the component grants the scope."""
        return self.heeft_alle_autorisaties or any(
            g.component == component and scope.granted_by(g.scopes) for g in self.grants
        )

    def allows(self, component: str, scope: Scope, type_uuid=None, level: str | None = None) -> bool:
        """Whether the scope is granted for a record of this type and confidentiality."""
        if self.heeft_alle_autorisaties:
            return True
        return any(
            g.component == component
            and scope.granted_by(g.scopes)
            and (type_uuid is None or g.type_uuid == type_uuid)
            and (level is None or _within(level, g.max_vertrouwelijkheidaanduiding))
            for g in self.grants
        )

    def visibility(self, component: str, scope: Scope, type_field: str, level_field: str | None) -> Q:
        """A filter for the records this client may see: its types, up to their levels.

        The autorisaties with the same maximum level are one condition (type IN their types,
        level up to that maximum): the same records as one condition per autorisatie, in a
        single query whatever the number of autorisaties, and far less for the ORM to build
        and the database to plan (most clients have one or two levels over many types).
        """
        if self.heeft_alle_autorisaties:
            return Q()
        types_by_level: dict[str, list] = {}
        for grant in self.grants:
            if grant.component != component or not scope.granted_by(grant.scopes):
                continue
            level = grant.max_vertrouwelijkheidaanduiding if level_field else ""
            types_by_level.setdefault(level, []).append(grant.type_uuid)
        condition = Q(pk__in=[])
        for level, types in types_by_level.items():
            allowed = _one_of(type_field, types)
            if level:
                allowed &= Q(**{f"{level_field}__in": vertrouwelijkheid.up_to(level)})
            condition |= allowed
        return condition

    @property
    def scope(self) -> tenancy.Scope:
        return tenancy.Scope(self.organisation_ids)

    @property
    def actor(self) -> context.Actor:
        return context.Actor(
            gebruikers_id=self.user_id,
            gebruikers_weergave=self.user_representation,
            applicatie_id=self.client_id,
            applicatie_weergave=self.label,
        )


def _one_of(field: str, types: list) -> Q:
    """``field`` is one of ``types``; a ``None`` among them matches records without a type."""
    known = list(dict.fromkeys(t for t in types if t is not None))
    condition = Q(**{f"{field}__in": known}) if known else Q(pk__in=[])
    return condition | Q(**{field: None}) if None in types else condition


def _within(level: str, maximum: str) -> bool:
    return not maximum or vertrouwelijkheid.rank(level) <= vertrouwelijkheid.rank(maximum)


class ClientUser:
    """``request.user`` for an API client: authenticated, never staff."""

    is_authenticated = True
    is_anonymous = False
    is_staff = False
    is_superuser = False

    def __init__(self, auth: ClientAuth):
        self.auth = auth

    def get_username(self) -> str:
        return self.auth.client_id

    def __str__(self) -> str:
        return self.auth.label


class ZGWJWTAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Ongeldige Authorization header.")
        client = authenticate_token(header[1])
        return ClientUser(client), client

    def authenticate_header(self, request) -> str:
        return self.keyword


def authenticate_token(token: str) -> ClientAuth:
    from raadhuis.zgw.autorisaties import services as autorisaties

    try:
        unverified = _unverified_claims(token)
    except jwt.PyJWTError as error:
        raise exceptions.AuthenticationFailed("Het JWT kan niet gelezen worden.") from error
    client_id = str(unverified.get("client_id") or unverified.get("iss") or "")
    secret, client = autorisaties.client_for(client_id)
    if client is None:
        raise exceptions.AuthenticationFailed("Onbekende client_id.")
    claims = _verified_claims(token, secret)
    client.user_id = str(claims.get("user_id", ""))[:255]
    client.user_representation = str(claims.get("user_representation", ""))[:255]
    return client


# A client sends the same token with many requests (for up to ZGW_JWT_EXPIRY_SECONDS): its
# decoding and signature check are kept per token string (and secret, so a new secret checks
# again). Only what stays true is kept: the signature, and iat/nbf once passed (time only
# moves on). A token with ``exp`` is checked in full every time; the age check below runs on
# every request, so a kept token still expires.
TOKENS_KEPT = 1024


@lru_cache(maxsize=TOKENS_KEPT)
def _unverified_claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


@lru_cache(maxsize=TOKENS_KEPT)
def _signed_claims(token: str, secret: str, leeway: int) -> dict:
    return jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["iat"]}, leeway=leeway)


def _verified_claims(token: str, secret: str) -> dict:
    leeway = settings.ZGW_JWT_LEEWAY_SECONDS
    try:
        claims = _signed_claims(token, secret, leeway)
        if "exp" in claims:  # may have passed since it was kept
            claims = jwt.decode(token, secret, algorithms=["HS256"], options={"require": ["iat"]},
                                leeway=leeway)
    except jwt.PyJWTError as error:
        raise exceptions.AuthenticationFailed("De JWT-handtekening of -claims zijn ongeldig.") from error
    age = time.time() - float(claims["iat"])
    if age > settings.ZGW_JWT_EXPIRY_SECONDS + settings.ZGW_JWT_LEEWAY_SECONDS:
        raise exceptions.AuthenticationFailed("Het JWT is verlopen.")
    if age < -settings.ZGW_JWT_LEEWAY_SECONDS:
        raise exceptions.AuthenticationFailed("Het JWT is uitgegeven in de toekomst.")
    return claims
