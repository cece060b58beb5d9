"""The Zaken API 1.7 at /zaken/api/v1/. One router: sub-resources register on it too
(``router.register("rollen", RolViewSet, basename="rol")``)."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from raadhuis.zgw.common.oas import schema_settings, schema_urlpatterns
from raadhuis.zgw.zaken.api import viewsets

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("zaken", viewsets.ZaakViewSet, basename="zaak")
router.register("statussen", viewsets.StatusViewSet, basename="status")
router.register("resultaten", viewsets.ResultaatViewSet, basename="resultaat")

audittrail_list = viewsets.AuditTrailViewSet.as_view({"get": "list"})
audittrail_detail = viewsets.AuditTrailViewSet.as_view({"get": "retrieve"})
reserveren = viewsets.ZaaknummerReserverenViewSet.as_view({"post": "create"})

SCHEMA_SETTINGS = schema_settings("zaken", "Zaken API", "1.7.0")

app_name = "zaken"
urlpatterns = [
    path("api/v1/zaaknummer_reserveren", reserveren, name="zaaknummer-reserveren"),
    path("api/v1/zaken/<uuid:zaak_uuid>/audittrail", audittrail_list, name="audittrail-list"),
    path("api/v1/zaken/<uuid:zaak_uuid>/audittrail/<uuid:uuid>", audittrail_detail, name="audittrail-detail"),
    path("api/v1/", include(router.urls)),
    *schema_urlpatterns("raadhuis.zgw.zaken.api.urls", SCHEMA_SETTINGS),
]
