from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from two_factor.utils import default_device

from raadhuis.platform.accounts.verification import is_two_factor_verified

# Paths an employee reaches before the second factor: login, setup, verification, logout,
# OIDC callback (all under /account/ or /accounts/), health, metrics and static files.
OPEN_PREFIXES = ("/account/", "/accounts/", "/health/", "/metrics", "/static/", "/i18n/")


class EmployeeTwoFactorMiddleware:
    """Employees must have passed two-factor authentication for every screen.

    A logged-in user without a device is sent to the two-factor setup (first login), one
    with a device to the token check. On API paths an unverified *session* is treated as
    anonymous, so session authentication cannot bypass the second factor there; API
    clients authenticate with their own credentials inside the API views.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not is_two_factor_verified(request):
            if self._is_api(request):
                request.user = AnonymousUser()
            elif not request.path.startswith(OPEN_PREFIXES):
                return second_factor_redirect(request)
        return self.get_response(request)

    @staticmethod
    def _is_api(request) -> bool:
        return request.path.startswith(tuple(getattr(settings, "API_PREFIXES", ())))


def second_factor_redirect(request):
    """Send the user to set up a device, or to verify the one they have."""
    target = reverse("accounts-verify") if default_device(request.user) else reverse(
        "two_factor:setup"
    )
    if request.method == "GET":
        return redirect_to_login(request.get_full_path(), target)
    return redirect(target)  # a POST cannot be replayed after the detour
