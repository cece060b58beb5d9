from django.urls import include, path
from rest_framework.routers import DefaultRouter

from raadhuis.objecten.api import opendata
from raadhuis.objecten.api.viewsets import ObjectViewSet
from raadhuis.zgw.common.oas import schema_urlpatterns

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("objects", ObjectViewSet, basename="object")

SCHEMA_SETTINGS = {
    "TITLE": "Objects API",
    "VERSION": "2.4.3",
    "DESCRIPTION": "An API to manage Objects (Raadhuis, compatible with the Objects API 2.x).",
    "SCHEMA_PATH_PREFIX": "/api/v2",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/objects/api/v2"}],
    "COMPONENT_SPLIT_REQUEST": True,
    "LICENSE": {"name": "EUPL-1.2"},
}

app_name = "objects"
urlpatterns = [
    path("api/v2/", include(router.urls)),
    path("open/<uuid:objecttype_uuid>.<str:fmt>", opendata.export_view, name="opendata"),
    path("open/", opendata.index_view, name="opendata-index"),
    *schema_urlpatterns("raadhuis.objecten.api.urls_objects", SCHEMA_SETTINGS),
]
