"""OIDC login for employees, mapping the identity provider's claims to memberships."""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from raadhuis.platform.models import Membership, Organisation, Role


class EmployeeOIDCBackend(OIDCAuthenticationBackend):
    def create_user(self, claims):
        user = super().create_user(claims)
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.first_name = claims.get("given_name", "")
        user.last_name = claims.get("family_name", "")
        user.save(update_fields=["first_name", "last_name"])
        self._sync_memberships(user, claims)
        return user

    def _sync_memberships(self, user, claims) -> None:
        organisation = Organisation.objects.filter(
            slug=claims.get(settings.OIDC_ORGANISATION_CLAIM, "")
        ).first()
        if organisation is None:
            return
        roles = {r for r in claims.get(settings.OIDC_ROLES_CLAIM, []) if r in Role.values}
        Membership.objects.filter(user=user, organisation=organisation).exclude(role__in=roles).delete()
        for role in roles:
            Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
