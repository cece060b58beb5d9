from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework_nested.routers import NestedSimpleRouter

from raadhuis.objecten.api.viewsets import ObjectTypeViewSet, ObjectVersionViewSet
from raadhuis.zgw.common.oas import schema_urlpatterns

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
}

app_name = "objecttypes"
urlpatterns = [
    path("api/v2/", include(router.urls)),
    path("api/v2/", include(versions.urls)),
    *[p for p in schema_urlpatterns("raadhuis.objecten.api.urls_objecttypes", SCHEMA_SETTINGS)],
]
