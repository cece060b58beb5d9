"""The token check for a signed-in employee whose session has no second factor yet.

two_factor's login asks password and token together; this view asks only the token, for
sessions that passed the first factor elsewhere (an OIDC login without trusted MFA, or a
session whose verification was lost), so they need not, or cannot, type a password again.
"""

import django_otp
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, resolve_url
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from two_factor.forms import AuthenticationTokenForm
from two_factor.utils import default_device


@method_decorator(never_cache, name="dispatch")
class VerifyTokenView(LoginRequiredMixin, FormView):
    form_class = AuthenticationTokenForm
    template_name = "two_factor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if request.user.is_verified():
                return redirect(self.get_success_url())
            if not default_device(request.user):
                return redirect("two_factor:setup")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(user=self.request.user, initial_device=default_device(self.request.user))
        return kwargs

    def form_valid(self, form):
        # The session gains rights here, so it gets a new key (as at a login).
        self.request.session.cycle_key()
        django_otp.login(self.request, self.request.user.otp_device)
        return redirect(self.get_success_url())

    def get_success_url(self):
        next_url = self.request.POST.get("next", self.request.GET.get("next", ""))
        safe = url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return next_url if safe else resolve_url(settings.LOGIN_REDIRECT_URL)
