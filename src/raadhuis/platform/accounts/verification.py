"""When a session counts as two-factor verified, in one place for the middleware and admin.

Imported at start-up by the middleware, which also connects the login receiver below.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

# Set on an OIDC login when the identity provider is trusted to have enforced MFA.
OIDC_MFA_SESSION_KEY = "oidc_mfa_trusted"
OIDC_BACKEND = "raadhuis.platform.accounts.oidc.EmployeeOIDCBackend"


def is_two_factor_verified(request) -> bool:
    """A local OTP device was verified in this session, or a trusted IdP did MFA."""
    user = request.user
    if getattr(user, "is_verified", lambda: False)():
        return True
    # The setting is read on every request, so switching trust off ends it for live sessions.
    return bool(
        getattr(settings, "OIDC_TRUST_MFA", False)
        and request.session.get(OIDC_MFA_SESSION_KEY, False)
    )


@receiver(user_logged_in, dispatch_uid="raadhuis-oidc-mfa-trust")
def remember_oidc_mfa(sender, request, user, **kwargs):
    """Mark the session when the login came from the OIDC backend and its MFA is trusted."""
    if request is None or not hasattr(request, "session"):
        return
    trusted = getattr(settings, "OIDC_TRUST_MFA", False)
    if trusted and getattr(user, "backend", "") == OIDC_BACKEND:
        request.session[OIDC_MFA_SESSION_KEY] = True
    else:
        request.session.pop(OIDC_MFA_SESSION_KEY, None)
