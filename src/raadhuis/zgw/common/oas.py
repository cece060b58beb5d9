"""The OpenAPI documents of the ZGW components: which components there are, how their schema
is generated (the one way, for the served schema and the committed ``openapi.yaml`` alike)
and where the official specification of each lives."""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.urls import path
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.settings import patched_settings
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularYAMLAPIView

ZGW_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = ZGW_DIR.parents[2]


@dataclass(frozen=True)
class Component:
    name: str  # also the URL prefix: /<name>/api/v1/
    urlconf: str  # the component's api/urls.py, with SCHEMA_SETTINGS
    official: str  # file name of the official OAS in the specs directory

    @property
    def app(self) -> str:
        return f"raadhuis.zgw.{self.name}"

    @property
    def committed(self) -> Path:
        return ZGW_DIR / self.name / "openapi.yaml"

    @property
    def schema_url(self) -> str:
        return f"/{self.name}/api/v1/schema"

    @property
    def official_path(self) -> Path:
        return specs_dir() / self.official


COMPONENTS = {
    c.name: c for c in [
        Component("autorisaties", "raadhuis.zgw.autorisaties.api.urls", "autorisaties-1.1.0.openapi.yaml"),
        Component("catalogi", "raadhuis.zgw.catalogi.api.urls", "catalogi-1.3.3.openapi.yaml"),
        Component("zaken", "raadhuis.zgw.zaken.api.urls", "zaken-1.7.0.openapi.yaml"),
        Component("documenten", "raadhuis.zgw.documenten.api.urls", "documenten-1.7.0.openapi.yaml"),
        Component("besluiten", "raadhuis.zgw.besluiten.api.urls", "besluiten-1.1.0.openapi.yaml"),
        Component("notificaties", "raadhuis.zgw.notificaties.api.urls", "notificaties-1.0.1.openapi.yaml"),
    ]
}


def available() -> list[Component]:
    """The components that exist in this installation: app installed and ``api/urls.py``
    present. A component still being built joins the contract tests as soon as both hold."""
    return [c for c in COMPONENTS.values() if apps.is_installed(c.app) and _module_exists(c.urlconf)]


def _module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a parent package is missing
        return False


def specs_dir() -> Path:
    """The official specifications: ``../shared/specs/zgw`` beside the checkout, as in CI."""
    return Path(os.environ.get("RAADHUIS_ZGW_SPECS_DIR") or REPO_ROOT.parent / "shared" / "specs" / "zgw")


def load_official(component: Component) -> dict:
    return yaml.safe_load(component.official_path.read_text(encoding="utf-8"))


# --- Generation ----------------------------------------------------------------------------

def schema_settings(name: str, title: str, version: str) -> dict:
    """drf-spectacular settings of a component's schema: paths as the standard writes them
    (``/applicaties``), enums inline as in the standards (extracted enum components would
    collide for the single-value discriminators of polymorphic resources)."""
    return {
        "TITLE": title,
        "VERSION": version,
        "SCHEMA_PATH_PREFIX": "/api/v1",
        "SCHEMA_PATH_PREFIX_TRIM": True,
        "SERVERS": [{"url": f"/{name}/api/v1"}],
        "POSTPROCESSING_HOOKS": [
            "drf_spectacular.contrib.djangorestframework_camel_case.camelize_serializer_fields",
        ],
    }


def keep_expand(result, generator, request, public):
    """Schema hook after the camelCase one: ``_expand`` as the standards spell it (camelCase
    makes it ``Expand``)."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        properties = schema.get("properties") or {}
        if "Expand" in properties:
            schema["properties"] = {("_expand" if k == "Expand" else k): v for k, v in properties.items()}
    return result


def schema_urlpatterns(urlconf: str, custom_settings: dict) -> list:
    """The schema endpoints of a component: ``api/v1/schema`` (YAML) and its JSON twin."""
    return [
        path("api/v1/schema", SpectacularYAMLAPIView.as_view(
            urlconf=urlconf, custom_settings=custom_settings), name="schema"),
        path("api/v1/schema/openapi.json", SpectacularJSONAPIView.as_view(
            urlconf=urlconf, custom_settings=custom_settings), name="schema-json"),
    ]


def generate(component: Component) -> dict:
    """The component's schema, as its schema endpoint serves it."""
    module = importlib.import_module(component.urlconf)
    with patched_settings(module.SCHEMA_SETTINGS), translation.override(settings.LANGUAGE_CODE):
        generator = SchemaGenerator(urlconf=component.urlconf)
        return generator.get_schema(request=None, public=True)


def render(schema: dict) -> str:
    return OpenApiYamlRenderer().render(schema, renderer_context={}).decode("utf-8")
