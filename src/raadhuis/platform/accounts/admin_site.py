from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite

from raadhuis.platform.accounts.verification import is_two_factor_verified


class RaadhuisAdminSite(OTPAdminSite):
    """The admin for functional administrators: a verified second factor is required."""

    site_header = _("Raadhuis beheer")
    site_title = _("Raadhuis beheer")
    index_title = _("Configuratie")

    def has_permission(self, request):
        # Like OTPAdminSite, but an OIDC login with trusted IdP MFA counts as verified too.
        return (
            request.user.is_active
            and request.user.is_staff
            and is_two_factor_verified(request)
        )

    def login(self, request, extra_context=None):
        """Employees log in through the two-factor login, never the admin's own form."""
        if request.user.is_authenticated and is_two_factor_verified(request):
            # Logging in again would not help a verified employee without admin rights.
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, reverse("two_factor:login"))
