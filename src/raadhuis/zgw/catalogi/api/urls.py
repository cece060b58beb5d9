from django.urls import include, path
from rest_framework.routers import DefaultRouter

from raadhuis.zgw.catalogi.api import viewsets
from raadhuis.zgw.common.oas import schema_settings, schema_urlpatterns

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("catalogussen", viewsets.CatalogusViewSet, basename="catalogus")
router.register("zaaktypen", viewsets.ZaaktypeViewSet, basename="zaaktype")
router.register("informatieobjecttypen", viewsets.InformatieobjecttypeViewSet,
                basename="informatieobjecttype")
router.register("besluittypen", viewsets.BesluittypeViewSet, basename="besluittype")
router.register("statustypen", viewsets.StatustypeViewSet, basename="statustype")
router.register("roltypen", viewsets.RoltypeViewSet, basename="roltype")
router.register("eigenschappen", viewsets.EigenschapViewSet, basename="eigenschap")
router.register("resultaattypen", viewsets.ResultaattypeViewSet, basename="resultaattype")
router.register("zaakobjecttypen", viewsets.ZaakobjecttypeViewSet, basename="zaakobjecttype")
router.register("zaaktype-informatieobjecttypen", viewsets.ZaaktypeInformatieobjecttypeViewSet,
                basename="zaaktypeinformatieobjecttype")

SCHEMA_SETTINGS = schema_settings("catalogi", "Catalogi API", "1.3.3")
SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"] = ["raadhuis.zgw.catalogi.api.schema.postprocess"]

app_name = "catalogi"
urlpatterns = [
    path("api/v1/", include(router.urls)),
    *schema_urlpatterns("raadhuis.zgw.catalogi.api.urls", SCHEMA_SETTINGS),
]
