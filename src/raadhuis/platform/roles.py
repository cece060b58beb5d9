"""What each role may do: Django permissions granted through organisation memberships.

Components add their permissions with :func:`grant`; the ``RolePermissionBackend`` gives a
user the permissions of every role they hold in an active organisation, so there are no
groups to keep in sync by hand.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.backends import BaseBackend

from raadhuis.platform.models import Membership, Role

_permissions: dict[str, set[str]] = defaultdict(set)


def grant(role: str, *permissions: str) -> None:
    """Grant ``app_label.codename`` permissions to a role."""
    _permissions[role].update(permissions)


def permissions_of(roles) -> set[str]:
    return set().union(*(_permissions[role] for role in roles)) if roles else set()


class RolePermissionBackend(BaseBackend):
    """Authorises (never authenticates): permissions follow from membership roles."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        if not hasattr(user_obj, "_role_perm_cache"):
            roles = set(
                Membership.objects.filter(user=user_obj, organisation__is_active=True)
                .values_list("role", flat=True)
            )
            user_obj._role_perm_cache = permissions_of(roles)
        return user_obj._role_perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(p.startswith(f"{app_label}.") for p in self.get_all_permissions(user_obj))


grant(
    Role.BEHEERDER,
    "platform.view_auditentry",
    "platform.view_processinglogentry",
    "platform.view_outboxevent",
    "platform.view_delivery",
    "platform.change_delivery",
    "platform.view_organisation",
)
