"""A schema hook for the field names that camelCase cannot spell: the standard writes
``inpA_nummer`` and ``subAdresBuitenland_1``, which the camelCase hook turns into
``inpANummer``/``subAdresBuitenland1``. It runs after that hook and puts them back."""

from __future__ import annotations

from djangorestframework_camel_case.util import camelize_re, underscore_to_camel

from raadhuis.zgw.zaken.api.serializers.subresources import EXACT_NAMES

HOOK = "raadhuis.zgw.zaken.api.schema_subresources.exact_names"
_RENAMES = {camelize_re.sub(underscore_to_camel, snake): exact for snake, exact in EXACT_NAMES.items()}


def exact_names(result, generator, request, public):
    for schema in result.get("components", {}).get("schemas", {}).values():
        _rename(schema)
    return result


def _rename(schema: dict) -> None:
    properties = schema.get("properties")
    if properties and _RENAMES.keys() & properties.keys():
        schema["properties"] = {_RENAMES.get(name, name): value for name, value in properties.items()}
        if "required" in schema:
            schema["required"] = [_RENAMES.get(name, name) for name in schema["required"]]
