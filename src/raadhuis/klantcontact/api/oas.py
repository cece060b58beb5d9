"""The committed OpenAPI document of the Klantinteracties API (``klantcontact/openapi.yaml``),
generated the one way the ZGW components generate theirs (``zgw.common.oas``)."""

from __future__ import annotations

from pathlib import Path

from raadhuis.zgw.common import oas

COMPONENT = oas.Component("klantinteracties", "raadhuis.klantcontact.api.urls", official="")
COMMITTED = Path(__file__).resolve().parent.parent / "openapi.yaml"


def generate_schema() -> dict:
    return oas.generate(COMPONENT)


def text() -> str:
    return oas.render(generate_schema())


def expand_property(result, generator, request, public):
    """Schema hook after the camelCase one: ``_expand`` as Open Klant spells it (camelCase
    made it ``Expand``), optional (it is there only when ``expand`` asks for it)."""
    for schema in result.get("components", {}).get("schemas", {}).values():
        properties = schema.get("properties") or {}
        if "Expand" in properties:
            properties["Expand"].pop("title", None)
            schema["properties"] = {("_expand" if k == "Expand" else k): v for k, v in properties.items()}
            schema["required"] = [name for name in schema.get("required", []) if name != "Expand"]
    return result
