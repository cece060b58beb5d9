"""The Documenten API 1.7 at /documenten/api/v1/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from raadhuis.zgw.common.oas import schema_settings, schema_urlpatterns
from raadhuis.zgw.documenten.api import subresources, viewsets

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register(
    "enkelvoudiginformatieobjecten",
    viewsets.EnkelvoudigInformatieObjectViewSet,
    basename="enkelvoudiginformatieobject",
)
router.register("gebruiksrechten", subresources.GebruiksrechtenViewSet, basename="gebruiksrechten")
router.register(
    "objectinformatieobjecten", subresources.ObjectInformatieObjectViewSet, basename="objectinformatieobject"
)
router.register("verzendingen", subresources.VerzendingViewSet, basename="verzending")

bestandsdeel = subresources.BestandsDeelViewSet.as_view({"put": "update"})
audittrail_list = subresources.AuditTrailViewSet.as_view({"get": "list"})
audittrail_detail = subresources.AuditTrailViewSet.as_view({"get": "retrieve"})
EIO = "api/v1/enkelvoudiginformatieobjecten/<uuid:enkelvoudiginformatieobject_uuid>/audittrail"

SCHEMA_SETTINGS = schema_settings("documenten", "Documenten API", "1.7.0")
SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"] = [
    *SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"],
    "raadhuis.zgw.documenten.api.schema.postprocess",
]

app_name = "documenten"
urlpatterns = [
    path("api/v1/bestandsdelen/<uuid:uuid>", bestandsdeel, name="bestandsdeel-detail"),
    path(EIO, audittrail_list, name="audittrail-list"),
    path(f"{EIO}/<uuid:uuid>", audittrail_detail, name="audittrail-detail"),
    path("api/v1/", include(router.urls)),
    *schema_urlpatterns("raadhuis.zgw.documenten.api.urls", SCHEMA_SETTINGS),
]
