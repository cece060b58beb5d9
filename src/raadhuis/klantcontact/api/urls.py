from django.urls import include, path
from rest_framework.routers import DefaultRouter

from raadhuis.klantcontact.api import viewsets
from raadhuis.zgw.common.oas import schema_settings, schema_urlpatterns

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("partijen", viewsets.PartijViewSet)
router.register("partij-identificatoren", viewsets.PartijIdentificatorViewSet)
router.register("vertegenwoordigingen", viewsets.VertegenwoordigdenViewSet)
router.register("rekeningnummers", viewsets.RekeningnummerViewSet)
router.register("categorieen", viewsets.CategorieViewSet)
router.register("categorie-relaties", viewsets.CategorieRelatieViewSet)
router.register("digitaleadressen", viewsets.DigitaalAdresViewSet)
router.register("actoren", viewsets.ActorViewSet)
router.register("klantcontacten", viewsets.KlantcontactViewSet)
router.register("actorklantcontacten", viewsets.ActorKlantcontactViewSet)
router.register("maak-klantcontact", viewsets.MaakKlantcontactViewSet, basename="maak-klantcontact")
router.register("betrokkenen", viewsets.BetrokkeneViewSet)
router.register("onderwerpobjecten", viewsets.OnderwerpobjectViewSet)
router.register("bijlagen", viewsets.BijlageViewSet)
router.register("internetaken", viewsets.InterneTaakViewSet)

SCHEMA_SETTINGS = {
    **schema_settings("klantinteracties", "Klantinteracties API", viewsets.API_VERSION),
    "DESCRIPTION": "Klantinteracties API of Raadhuis, after the VNG Klantinteracties standard as Open Klant "
                   "2.x publishes it. Klantcontacten are records: they cannot be changed once recorded.",
    "CAMELIZE_NAMES": True,
    "LICENSE": {"name": "EUPL-1.2"},
}
SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"] = [*SCHEMA_SETTINGS["POSTPROCESSING_HOOKS"],
                                           "raadhuis.klantcontact.api.oas.expand_property"]

app_name = "klantinteracties"
urlpatterns = [
    path("api/v1/", include(router.urls)),
    *schema_urlpatterns("raadhuis.klantcontact.api.urls", SCHEMA_SETTINGS),
]
