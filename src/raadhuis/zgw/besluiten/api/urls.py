from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework_nested.routers import NestedSimpleRouter

from raadhuis.zgw.besluiten.api.viewsets import (
    AuditTrailViewSet,
    BesluitInformatieObjectViewSet,
    BesluitViewSet,
)
from raadhuis.zgw.common.oas import schema_settings, schema_urlpatterns

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("besluiten", BesluitViewSet)
router.register("besluitinformatieobjecten", BesluitInformatieObjectViewSet)
besluit_router = NestedSimpleRouter(router, "besluiten", lookup="besluit")
besluit_router.register("audittrail", AuditTrailViewSet, basename="besluit-audittrail")

SCHEMA_SETTINGS = schema_settings("besluiten", "Besluiten API", "1.1.0")
SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"] = [*SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"],
                                           "raadhuis.zgw.common.oas.keep_expand"]

app_name = "besluiten"
urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/", include(besluit_router.urls)),
    *schema_urlpatterns("raadhuis.zgw.besluiten.api.urls", SCHEMA_SETTINGS),
]
