from django.conf import settings
from django.contrib.auth.views import LogoutView
from django.urls import include, path

from raadhuis.platform.accounts.views import VerifyTokenView

urlpatterns = [
    path("verify/", VerifyTokenView.as_view(), name="accounts-verify"),
    # POST only (Django's LogoutView): a link or an image cannot log an employee out.
    path("logout/", LogoutView.as_view(), name="accounts-logout"),
]
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
