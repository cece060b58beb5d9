from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularYAMLAPIView
from rest_framework.routers import DefaultRouter

from raadhuis.objecten.api import opendata
from raadhuis.objecten.api.viewsets import ObjectViewSet, PermissionViewSet

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("objects", ObjectViewSet, basename="object")
router.register("permissions", PermissionViewSet, basename="permission")

SCHEMA_SETTINGS = {
    "TITLE": "Objects API",
    "VERSION": "2.4.3",
    "DESCRIPTION": "An API to manage Objects (Raadhuis, compatible with the Objects API 2.x).",
    "SCHEMA_PATH_PREFIX": "/api/v2",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/objects/api/v2"}],
    "COMPONENT_SPLIT_REQUEST": True,
    "LICENSE": {"name": "EUPL-1.2"},
    # Field names are written as the standard spells them (camelCase, and use_fields): no camelizing.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums"],
}

_SCHEMA_VIEW = {"urlconf": "raadhuis.objecten.api.urls_objects", "custom_settings": SCHEMA_SETTINGS}
SCHEMA_URLS = [
    path("api/v2/schema", SpectacularYAMLAPIView.as_view(**_SCHEMA_VIEW), name="schema"),
    path("api/v2/schema/openapi.json", SpectacularJSONAPIView.as_view(**_SCHEMA_VIEW), name="schema-json"),
]

app_name = "objects"
urlpatterns = [
    path("api/v2/", include(router.urls)),
    path("open/<uuid:objecttype_uuid>.<str:fmt>", opendata.export_view, name="opendata"),
    path("open/", opendata.index_view, name="opendata-index"),
    *SCHEMA_URLS,
]
