"""JSON Schema of object type versions (draft 2020-12 and older), and validating object data."""

from __future__ import annotations

import json

import jsonschema
from jsonschema import validators
from jsonschema.exceptions import SchemaError, ValidationError

MAX_SCHEMA_BYTES = 256 * 1024
MAX_DATA_BYTES = 1024 * 1024


class InvalidSchema(ValueError):
    pass


class InvalidData(ValueError):
    def __init__(self, message: str, path: str = ""):
        super().__init__(message)
        self.path = path


def _size(value) -> int:
    return len(json.dumps(value, separators=(",", ":")).encode("utf-8"))


def check_schema(schema) -> None:
    """A JSON Schema that its own meta-schema accepts; :class:`InvalidSchema` otherwise."""
    if not isinstance(schema, dict):
        raise InvalidSchema("Het JSON-schema moet een object zijn.")
    if _size(schema) > MAX_SCHEMA_BYTES:
        raise InvalidSchema(f"Het JSON-schema is te groot (maximaal {MAX_SCHEMA_BYTES // 1024} KiB).")
    validator_class = validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    try:
        validator_class.check_schema(schema)
    except SchemaError as error:
        raise InvalidSchema(f"Ongeldig JSON-schema: {error.message}") from error
    _refuse_remote_refs(schema)


def _refuse_remote_refs(node) -> None:
    """Remote $ref would fetch from the internet while validating: refused (offline by design)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            raise InvalidSchema("Alleen lokale $ref (beginnend met #) is toegestaan in het JSON-schema.")
        for value in node.values():
            _refuse_remote_refs(value)
    elif isinstance(node, list):
        for value in node:
            _refuse_remote_refs(value)


_validators: dict = {}


def validator(schema: dict, key=None):
    """A compiled validator, cached by ``key`` (a published version: its schema never
    changes) or else by the schema's text."""
    key = key if key is not None else json.dumps(schema, sort_keys=True)
    found = _validators.get(key)
    if found is None:
        cls = validators.validator_for(schema, default=jsonschema.Draft202012Validator)
        found = cls(schema, format_checker=cls.FORMAT_CHECKER)
        if len(_validators) > 512:
            _validators.clear()
        _validators[key] = found
    return found


def validate_data(data, schema: dict, key=None) -> None:
    if not isinstance(data, dict):
        raise InvalidData("data moet een JSON-object zijn.")
    if _size(data) > MAX_DATA_BYTES:
        raise InvalidData(f"data is te groot (maximaal {MAX_DATA_BYTES // 1024} KiB).")
    error = next(iter(sorted(validator(schema, key).iter_errors(data), key=lambda e: e.path)), None)
    if error is not None:
        path = ".".join(str(p) for p in error.absolute_path)
        where = f" (bij '{path}')" if path else ""
        raise InvalidData(f"data voldoet niet aan het schema{where}: {error.message}", path)


__all__ = ["InvalidData", "InvalidSchema", "ValidationError", "check_schema", "validate_data"]
