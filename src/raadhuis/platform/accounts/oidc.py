"""OIDC login for employees, mapping the identity provider's claims to memberships.

For OIDC users the IdP is the source of truth for organisation and roles: each login makes
their memberships equal to what the claims say, so a leaver or mover loses access at the
next login. Memberships granted by hand to an OIDC user are therefore overwritten.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend, default_username_algo

from raadhuis.platform.models import Membership, Organisation, Role

logger = logging.getLogger(__name__)


def generate_username(email, claims=None) -> str:
    """The e-mail address, readable in the audit trail; a hash if a local user has it."""
    username = (email or "").strip().lower()[:150]
    if not username or get_user_model().objects.filter(username=username).exists():
        return default_username_algo(email, claims)
    return username


class EmployeeOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims):
        # Users are matched by e-mail, so an address the IdP has not verified is refused.
        if claims.get("email_verified") is False:
            logger.warning("OIDC login refused: e-mail address not verified by the IdP")
            return False
        return super().verify_claims(claims)

    def create_user(self, claims):
        user = super().create_user(claims)
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.first_name = (claims.get("given_name") or "")[:150]
        user.last_name = (claims.get("family_name") or "")[:150]
        user.save(update_fields=["first_name", "last_name"])
        sync_memberships(user, claims)
        return user

    def get_user(self, user_id):
        # mozilla-django-oidc skips ModelBackend's check, so a deactivated employee would
        # keep a running session; restore it.
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


@transaction.atomic
def sync_memberships(user, claims) -> None:
    """Make the user's memberships exactly the claimed roles in the claimed organisation."""
    organisation = _claimed_organisation(claims)
    roles = _claimed_roles(claims) if organisation else set()
    stale = Membership.objects.filter(user=user)
    if organisation is not None:
        stale = stale.exclude(organisation=organisation, role__in=roles)
    stale.delete()  # post_delete fires per row, so the audit trail records each removal
    for role in roles:
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)


def _claimed_organisation(claims) -> Organisation | None:
    slug = claims.get(getattr(settings, "OIDC_ORGANISATION_CLAIM", "organisation"))
    if not isinstance(slug, str) or not slug:
        return None
    organisation = Organisation.objects.filter(slug=slug, is_active=True).first()
    if organisation is None:
        logger.warning("OIDC login: unknown organisation %r in claims", slug)
    return organisation


def _claimed_roles(claims) -> set[str]:
    roles = claims.get(getattr(settings, "OIDC_ROLES_CLAIM", "roles")) or []
    if isinstance(roles, str):  # some IdPs send a single role as a plain string
        roles = [roles]
    unknown = set(roles) - set(Role.values)
    if unknown:
        logger.info("OIDC login: ignoring unknown roles %s", sorted(unknown))
    return set(roles) & set(Role.values)
