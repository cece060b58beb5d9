from django.urls import include, path

from django.conf import settings

urlpatterns = []
if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
