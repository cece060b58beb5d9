"""Who may do what in the Objects API: permissions per object type for ZGW JWT clients.

Clients authenticate as in every ZGW API (``raadhuis.zgw.common.auth``: JWT with client id
and secret of an Applicatie). An applicatie with ``heeftAlleAutorisaties`` may read and write
every object type of its organisations; any other needs an :class:`ObjectTypePermission`
per object type (read only, or read and write; optionally only some data fields).
The permissions are loaded once per request, in one query.
"""

from __future__ import annotations

from dataclasses import dataclass

from rest_framework import permissions

from raadhuis.objecten.models import ObjectTypePermission, PermissionMode
from raadhuis.zgw.common.auth import ClientAuth


@dataclass(frozen=True)
class TypePermission:
    object_type_id: int
    write: bool
    fields: frozenset[str] | None  # None: all fields


class ObjectPermissions:
    def __init__(self, client: ClientAuth | None):
        self.client = client
        self.all = bool(client and client.heeft_alle_autorisaties)
        self.by_type: dict[int, TypePermission] = {}
        if client is not None and not self.all:
            for p in ObjectTypePermission.objects.filter(applicatie_uuid=client.applicatie_uuid):
                self.by_type[p.object_type_id] = TypePermission(
                    p.object_type_id,
                    p.mode == PermissionMode.READ_AND_WRITE,
                    frozenset(p.fields) if p.use_fields else None,
                )

    def readable_type_ids(self) -> list[int] | None:
        """None: every type (in the tenant scope)."""
        return None if self.all else list(self.by_type)

    def can_read(self, object_type_id: int) -> bool:
        return self.all or object_type_id in self.by_type

    def can_write(self, object_type_id: int) -> bool:
        return self.all or (object_type_id in self.by_type and self.by_type[object_type_id].write)

    def allowed_fields(self, object_type_id: int) -> frozenset[str] | None:
        if self.all:
            return None
        permission = self.by_type.get(object_type_id)
        return permission.fields if permission else frozenset()


def permissions_of(request) -> ObjectPermissions:
    cached = getattr(request, "_objecten_permissions", None)
    if cached is None:
        auth = request.auth if isinstance(getattr(request, "auth", None), ClientAuth) else None
        cached = ObjectPermissions(auth)
        request._objecten_permissions = cached
    return cached


class IsClient(permissions.BasePermission):
    """Every call of the Objects and Objecttypes APIs comes from an authenticated ZGW client."""

    def has_permission(self, request, view) -> bool:
        return isinstance(getattr(request, "auth", None), ClientAuth)


class ObjecttypesPermission(IsClient):
    """Reading object types: any client of the organisation. Changing them: only clients
    with all autorisaties (the functional administrator's integrations)."""

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        return request.method in permissions.SAFE_METHODS or request.auth.heeft_alle_autorisaties
