"""Base of every ZGW viewset: JWT clients, scopes per action, tenant scope, ZGW errors."""

from __future__ import annotations

from djangorestframework_camel_case.parser import CamelCaseJSONParser
from djangorestframework_camel_case.render import CamelCaseJSONRenderer
from rest_framework import exceptions, permissions

from raadhuis.platform import context, tenancy
from raadhuis.zgw.common.auth import ClientAuth, ZGWJWTAuthentication
from raadhuis.zgw.common.filters import ZGWFilterBackend
from raadhuis.zgw.common.schema import ZGWAutoSchema
from raadhuis.zgw.common.scopes import Scope


class ScopePermission(permissions.BasePermission):
    """The client must hold the action's scope; per record, for the record's type and level.

    Viewsets declare ``required_scopes = {"list": ZAKEN_LEZEN, ...}``; records are checked
    through the viewset's ``authorisation_subject(obj) -> (type_uuid, level)``.
    """

    def has_permission(self, request, view) -> bool:
        scope = view.required_scope()
        if scope is None:
            return True
        return isinstance(request.auth, ClientAuth) and request.auth.has_scope(view.component, scope)

    def has_object_permission(self, request, view, obj) -> bool:
        scope = view.required_scope()
        if scope is None or not isinstance(request.auth, ClientAuth):
            return scope is None
        type_uuid, level = view.authorisation_subject(obj)
        return request.auth.allows(view.component, scope, type_uuid, level)


class ZGWViewMixin:
    """Mixed into every ZGW API view.

    After authentication the client's organisations become the tenant scope and the client
    (with the user named in its JWT) becomes the actor of the audit trail.
    """

    authentication_classes = [ZGWJWTAuthentication]
    permission_classes = [ScopePermission]
    renderer_classes = [CamelCaseJSONRenderer]
    parser_classes = [CamelCaseJSONParser]
    filter_backends = [ZGWFilterBackend]
    schema = ZGWAutoSchema()
    component: str = ""
    api_version: str = ""
    required_scopes: dict[str, Scope] = {}
    lookup_field = "uuid"

    def required_scope(self) -> Scope | None:
        action = getattr(self, "action", None) or self.request.method.lower()
        if action not in self.required_scopes:
            # An action without a declared scope is closed, never silently open.
            raise exceptions.PermissionDenied(f"Geen scope vastgelegd voor actie {action!r}.")
        return self.required_scopes[action]

    def authorisation_subject(self, obj) -> tuple[object | None, str | None]:
        """(type uuid, vertrouwelijkheidaanduiding) of a record; components override."""
        return None, None

    def initial(self, request, *args, **kwargs):
        self._context_tokens = None
        request.user  # noqa: B018 - authenticate now, so the scope is known before any query
        if isinstance(request.auth, ClientAuth):
            self._context_tokens = (
                tenancy.enter(request.auth.scope),
                context.enter_actor(request.auth.actor),
            )
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if self.api_version:
            response["API-version"] = self.api_version
        if getattr(self, "_context_tokens", None):
            scope_token, actor_token = self._context_tokens
            context.leave_actor(actor_token)
            tenancy.leave(scope_token)
            self._context_tokens = None
        return response
