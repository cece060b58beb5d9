from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Paths an employee reaches before the second factor: login, setup, logout, health.
OPEN_PREFIXES = ("/account/", "/accounts/", "/health/", "/metrics", "/static/", "/i18n/", "/oidc/")


class EmployeeTwoFactorMiddleware:
    """Employees must have passed two-factor authentication for every screen.

    A logged-in user without a verified device is sent to the two-factor setup (first
    time) or the login (to verify); API clients use tokens and are not affected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not self._verified(request):
            if not request.path.startswith(OPEN_PREFIXES) and not self._is_api(request):
                return redirect(f"{reverse('two_factor:setup')}")
        return self.get_response(request)

    @staticmethod
    def _verified(request) -> bool:
        return request.user.is_verified() or request.session.get("oidc_mfa_trusted", False)

    @staticmethod
    def _is_api(request) -> bool:
        return any(request.path.startswith(p) for p in getattr(settings, "API_PREFIXES", ()))
