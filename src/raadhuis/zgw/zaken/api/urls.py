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
SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"] = [*SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"],
                                           "raadhuis.zgw.zaken.api.schema.postprocess"]

app_name = "zaken"
urlpatterns = [
    path("api/v1/zaaknummer_reserveren", reserveren, name="zaaknummer-reserveren"),
    path("api/v1/zaken/<uuid:zaak_uuid>/audittrail", audittrail_list, name="audittrail-list"),
    path("api/v1/zaken/<uuid:zaak_uuid>/audittrail/<uuid:uuid>", audittrail_detail, name="audittrail-detail"),
    path("api/v1/", include(router.urls)),
    *schema_urlpatterns("raadhuis.zgw.zaken.api.urls", SCHEMA_SETTINGS),
]

# --- Sub-resources of the zaak (rollen, zaakobjecten, …) ----------------------------------
from rest_framework_nested.routers import NestedSimpleRouter  # noqa: E402

from raadhuis.zgw.zaken.api.viewsets import subresource_viewsets as sub  # noqa: E402

_included = router.urls  # the list included above, read before these registrations
router.register("rollen", sub.RolViewSet, basename="rol")
router.register("zaakobjecten", sub.ZaakObjectViewSet, basename="zaakobject")
router.register("zaakinformatieobjecten", sub.ZaakInformatieObjectViewSet, basename="zaakinformatieobject")
router.register("klantcontacten", sub.KlantContactViewSet, basename="klantcontact")
router.register("zaakcontactmomenten", sub.ZaakContactMomentViewSet, basename="zaakcontactmoment")
router.register("zaakverzoeken", sub.ZaakVerzoekViewSet, basename="zaakverzoek")
router.register("zaaknotities", sub.ZaakNotitieViewSet, basename="zaaknotitie")
zaak_router = NestedSimpleRouter(router, "zaken", lookup="zaak")
zaak_router.include_root_view = False
zaak_router.register("zaakeigenschappen", sub.ZaakEigenschapViewSet, basename="zaakeigenschap")
zaak_router.register("besluiten", sub.ZaakBesluitViewSet, basename="zaakbesluit")
# register() made the router build its URLs anew: include those (and the nested ones) instead.
urlpatterns = [
    item for entry in urlpatterns for item in (
        [path("api/v1/", include(router.urls)), path("api/v1/", include(zaak_router.urls))]
        if getattr(entry, "urlconf_name", None) is _included else [entry])
]
SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"] = [*SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"], sub.SCHEMA_HOOK]
