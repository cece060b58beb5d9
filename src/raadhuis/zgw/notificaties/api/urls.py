from django.urls import include, path
from rest_framework.routers import DefaultRouter

from raadhuis.zgw.common.oas import schema_settings, schema_urlpatterns
from raadhuis.zgw.notificaties.api.viewsets import (
    AbonnementViewSet,
    KanaalViewSet,
    NotificatieViewSet,
)

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("abonnement", AbonnementViewSet, basename="abonnement")
router.register("kanaal", KanaalViewSet, basename="kanaal")
router.register("notificaties", NotificatieViewSet, basename="notificaties")

SCHEMA_SETTINGS = schema_settings("notificaties", "Notificaties API", "1.0.1")

app_name = "notificaties"
urlpatterns = [
    path("api/v1/", include(router.urls)),
    *schema_urlpatterns("raadhuis.zgw.notificaties.api.urls", SCHEMA_SETTINGS),
]
