from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularYAMLAPIView
from rest_framework.routers import DefaultRouter

from raadhuis.zgw.autorisaties.api.viewsets import ApplicatieViewSet

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("applicaties", ApplicatieViewSet)

SCHEMA_SETTINGS = {
    "TITLE": "Autorisaties API",
    "VERSION": "1.1.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/autorisaties/api/v1"}],
}

app_name = "autorisaties"
urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/schema", SpectacularYAMLAPIView.as_view(
        urlconf="raadhuis.zgw.autorisaties.api.urls", custom_settings=SCHEMA_SETTINGS), name="schema"),
    path("api/v1/schema/openapi.json", SpectacularJSONAPIView.as_view(
        urlconf="raadhuis.zgw.autorisaties.api.urls", custom_settings=SCHEMA_SETTINGS)),
]
