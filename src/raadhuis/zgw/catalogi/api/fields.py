"""Serializer fields of the Catalogi API, typed in OpenAPI as the standard writes them."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from raadhuis.zgw.catalogi.durations import validate_duration
from raadhuis.zgw.common.fields import URLField
from raadhuis.zgw.common.urls import resolve_path

URI_LIST = {"type": "array", "items": {"type": "string", "format": "uri"}}
STRING_LIST = {"type": "array", "items": {"type": "string"}}


class BlankForNull(serializers.CharField):
    """A nullable text that the model keeps as "" (no NULLs in text columns)."""

    def validate_empty_values(self, data):
        if data is None and self.allow_null:
            return True, ""
        return super().validate_empty_values(data)


@extend_schema_field({"type": "string", "format": "duration"})
class DurationField(BlankForNull):
    """An ISO 8601 duration (``P8W``), kept as text: see durations.py."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_duration)

    def to_representation(self, value):
        return value or (None if self.allow_null else "")


class Computed(serializers.Field):
    """A value computed from the record (and the request's resolver), typed by ``schema``.

    ``read_only`` follows the standard's readOnly flag: some computed values (the URLs of
    version-independent references) are writable in the standard's model, written through
    the write serializers by name."""

    def __init__(self, compute, schema: dict, **kwargs):
        kwargs.setdefault("source", "*")
        self.compute = compute
        super().__init__(**kwargs)
        extend_schema_field(schema)(self)

    def to_representation(self, instance):
        return self.compute(instance, self.context)

    def to_internal_value(self, data):
        # Computed values are not taken from requests: a client sending one is ignored.
        raise serializers.SkipField()


class NameRefField(serializers.CharField):
    """A version-independent reference: the name (omschrijving or identificatie) of a type.

    A URL of a local type is accepted too and stands for that type's name, so clients
    that still send URLs (as before 1.3) keep working."""

    def __init__(self, model=None, name_field="omschrijving", **kwargs):
        self.model, self.name_field = model, name_field
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if self.model is None or not value.startswith(("http://", "https://")):
            return value
        match = resolve_path(value)
        record = None
        if match is not None and "uuid" in match.kwargs:
            record = self.model.objects.filter(uuid=match.kwargs["uuid"]).first()
        if record is None:
            raise serializers.ValidationError(
                f"De URL {value} is ongeldig of verwijst niet naar een bestaand object.", code="bad-url")
        return getattr(record, self.name_field)


@extend_schema_field(OpenApiTypes.URI)
class NameOrURLField(NameRefField):
    """A NameRefField where the standard types the value as a URL."""


class LenientListField(serializers.ListField):
    """A list the standard marks required where clients often leave it out: missing is
    fine (the value is derived), so the documented contract is kept without refusing them."""

    def validate_empty_values(self, data):
        if data is empty:
            raise serializers.SkipField()
        return super().validate_empty_values(data)

    def get_attribute(self, instance):
        return []  # derived: the serializer fills it in


def drop_blank_formatted(data: dict, fields) -> dict:
    """Leave out an optional URL or e-mail address that is not set: "" is no valid URI or
    e-mail in the standard's schema, and an optional field may be absent."""
    for name, field in fields.items():
        if isinstance(field, URLField | serializers.EmailField) and not field.required \
                and data.get(name) == "":
            del data[name]
    return data


class Group(serializers.Serializer):
    """A gegevensgroep of the standard (referentieproces, specificatie, …) kept in prefixed
    columns of the record: its fields name their column as ``source``."""

    def to_representation(self, instance):
        return drop_blank_formatted(super().to_representation(instance), self.fields)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("source", "*")
        super().__init__(*args, **kwargs)

    def validate_empty_values(self, data):
        if data is None and self.allow_null:
            return True, self.cleared()
        return super().validate_empty_values(data)

    def cleared(self) -> dict:
        """Column values of an emptied group."""
        return {field.source: field.default if field.default is not empty else ""
                for field in self.fields.values()}
