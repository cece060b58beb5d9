from django.urls import include, path
from rest_framework.routers import DefaultRouter

from raadhuis.zgw.autorisaties.api.viewsets import ApplicatieViewSet
from raadhuis.zgw.common.oas import schema_settings, schema_urlpatterns

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("applicaties", ApplicatieViewSet)

SCHEMA_SETTINGS = schema_settings("autorisaties", "Autorisaties API", "1.1.0")

app_name = "autorisaties"
urlpatterns = [
    path("api/v1/", include(router.urls)),
    *schema_urlpatterns("raadhuis.zgw.autorisaties.api.urls", SCHEMA_SETTINGS),
]
