from django.utils.translation import gettext_lazy as _
from django_otp.admin import OTPAdminSite


class RaadhuisAdminSite(OTPAdminSite):
    """The admin for functional administrators: a verified second factor is required."""

    site_header = _("Raadhuis beheer")
    site_title = _("Raadhuis beheer")
    index_title = _("Configuratie")
    login_template = None  # employees log in through the two-factor login, not the admin's form

    def login(self, request, extra_context=None):
        from django.shortcuts import redirect
        from django.urls import reverse

        return redirect(f"{reverse('two_factor:login')}?next={request.get_full_path()}")
