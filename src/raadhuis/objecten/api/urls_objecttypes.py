from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularYAMLAPIView
from rest_framework.routers import DefaultRouter
from rest_framework_nested.routers import NestedSimpleRouter

from raadhuis.objecten.api.viewsets import ObjectTypeViewSet, ObjectVersionViewSet

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("objecttypes", ObjectTypeViewSet, basename="objecttype")
versions = NestedSimpleRouter(router, "objecttypes", lookup="objecttype")
versions.register("versions", ObjectVersionViewSet, basename="objecttypeversion")

SCHEMA_SETTINGS = {
    "TITLE": "Objecttypes API",
    "VERSION": "2.2.2",
    "DESCRIPTION": "An API to manage Objecttypes (Raadhuis, compatible with the Objecttypes API 2.x).",
    "SCHEMA_PATH_PREFIX": "/api/v2",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/objecttypes/api/v2"}],
    "COMPONENT_SPLIT_REQUEST": True,
    "LICENSE": {"name": "EUPL-1.2"},
    # Field names are written as the standard spells them (camelCase, and use_fields): no camelizing.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums"],
}

_SCHEMA_VIEW = {"urlconf": "raadhuis.objecten.api.urls_objecttypes", "custom_settings": SCHEMA_SETTINGS}
SCHEMA_URLS = [
    path("api/v2/schema", SpectacularYAMLAPIView.as_view(**_SCHEMA_VIEW), name="schema"),
    path("api/v2/schema/openapi.json", SpectacularJSONAPIView.as_view(**_SCHEMA_VIEW), name="schema-json"),
]

app_name = "objecttypes"
urlpatterns = [
    path("api/v2/", include(router.urls)),
    path("api/v2/", include(versions.urls)),
    *SCHEMA_URLS,
]
