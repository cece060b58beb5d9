"""Serializer fields of the Zaken API: references by URL, gegevensgroepen, GeoJSON."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from raadhuis.platform import compiled
from raadhuis.zgw.common.urls import resolve_path
from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.zaken import geo
from raadhuis.zgw.zaken.refs import builder_for, catalogi_uuid

URL_ERRORS = {
    "bad-url": "De URL {value} is ongeldig of verwijst niet naar een bestaand object.",
    "invalid-resource": "De URL {value} verwijst niet naar een {resource}.",
    "incorrect_type": "Verwacht een URL, ontvangen {data_type}.",
    "max_length": "Een URL mag niet langer zijn dan 1000 tekens.",
}


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 1000})
class CatalogiField(serializers.Field):
    """A catalogue record by URL (``/catalogi/api/v1/<collection>/<uuid>``), looked up in the
    client's tenant: a type of another organisation is a URL that does not exist (zrc-001)."""

    default_error_messages = URL_ERRORS

    def __init__(self, collection: str, model, **kwargs):
        self.collection = collection
        self.model = model
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return builder_for(self.context).catalogi(self.collection, value.uuid)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if len(data) > 1000:
            self.fail("max_length")
        uuid = catalogi_uuid(data, self.collection)
        if uuid is None:
            self.fail("invalid-resource", value=data, resource=self.collection)
        # Compiled once per record and tenant scope: every create looks up its types (ADR 0042).
        record = compiled.first((CatalogiField, self.model, uuid),
                                lambda: self.model.objects.filter(uuid=uuid).order_by("pk"))
        if record is None:
            self.fail("bad-url", value=data)
        return record


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 1000, "minLength": 1})
class LocalResourceField(serializers.Field):
    """A resource of this component by URL; ``queryset`` is tenant-scoped, so another
    organisation's zaak is a URL that does not exist."""

    default_error_messages = URL_ERRORS

    def __init__(self, url_name: str, queryset, **kwargs):
        self.url_name = url_name
        self.queryset = queryset
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return builder_for(self.context).resource(f"zaken:{self.url_name}", value.uuid)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if len(data) > 1000:
            self.fail("max_length")
        match = resolve_path(data)
        if match is None or match.url_name != self.url_name or "uuid" not in match.kwargs:
            self.fail("invalid-resource", value=data, resource=self.url_name.split("-")[0])
        record = self.queryset.all().filter(uuid=match.kwargs["uuid"]).first()
        if record is None:
            self.fail("bad-url", value=data)
        return record


@extend_schema_field(OpenApiTypes.URI)
class HttpURLField(serializers.CharField):
    """A URL elsewhere (communicatiekanaal, selectielijstklasse): checked for form only.
    Raadhuis does not fetch it (no hidden dependency on the internet, zrc-010)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)
        self.validators.append(validate_http_url)


@extend_schema_field(OpenApiTypes.URI)
class URLText(serializers.CharField):
    """Text that is a URL, which its serializer checks with its own error code."""


class DurationField(serializers.CharField):
    """An ISO 8601 duration (``P5D``), kept as text; see catalogi.durations."""

    def to_internal_value(self, data):
        from raadhuis.zgw.catalogi.durations import parse

        value = super().to_internal_value(data)
        try:
            parse(value)
        except ValueError as error:
            raise serializers.ValidationError("Voer een duur in ISO 8601-formaat in, bijvoorbeeld P5D.",
                                              code="invalid") from error
        return value


extend_schema_field({"type": "string", "format": "duration"})(DurationField)


class Gegevensgroep(serializers.Serializer):
    """A gegevensgroep (zrc-012) stored as prefixed columns: ``verlenging`` → ``verlenging_reden``,
    ``verlenging_duur``. ``null`` or absent means "no value"; an object is validated whole."""

    prefix = ""
    empty_values: dict = {}

    def __init__(self, **kwargs):
        kwargs.update(source="*", required=False, allow_null=True)
        super().__init__(**kwargs)

    def validate_empty_values(self, data):
        if data is None:
            return True, {self.prefix + k: v for k, v in self.empty_values.items()}
        if data is empty:
            raise serializers.SkipField()
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        # A group is validated whole, also in a PATCH (which skips missing fields elsewhere).
        if isinstance(data, dict):
            missing = [name for name, f in self.fields.items() if f.required and name not in data]
            if missing:
                raise serializers.ValidationError(
                    {name: [serializers.ErrorDetail("Dit veld is vereist.", code="required")]
                     for name in missing})
        values = super().to_internal_value(data)
        return {self.prefix + name: value for name, value in values.items()}

    def to_representation(self, instance):
        values = {name: getattr(instance, self.prefix + name) for name in self.fields}
        return None if self.is_unset(values) else values

    def is_unset(self, values: dict) -> bool:
        return all(value in (None, "", False) for value in values.values())


@extend_schema_field({"type": "object", "nullable": True, "description": "GeoJSON geometry"})
class GeometryField(serializers.JSONField):
    """GeoJSON (WGS84), validated with shapely (ADR 0004)."""

    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        try:
            geo.parse(data)
        except geo.InvalidGeometry as error:
            raise serializers.ValidationError(str(error), code="invalid") from error
        return data


class ExpandField(serializers.Field):
    """``_expand`` of a resource in the schema. The serializer never renders it: the view's
    expander embeds what ``expand`` asks for (api/expand.py). Its schema lists what can be
    embedded (``ExpandFieldScheme``); the standard does not mark it readOnly."""

    not_read_only_in_schema = True

    def __init__(self, resource: str, plain: tuple[str, ...] = (), **kwargs):
        """``plain``: single relations to write as the target alone, without the EmptyObject
        alternative (where the standard does so and the relation always has a value)."""
        self.resource = resource
        self.plain = frozenset(plain)
        kwargs.update(read_only=True, source="*")
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        raise serializers.SkipField()

    def to_representation(self, value):  # pragma: no cover - get_attribute skips the field
        return None


EMPTY_OBJECT = {"type": "object", "maxProperties": 0,
                "description": "Leeg object. Dit wordt teruggeven indien het te expanderen veld een null "
                               "waarde heeft."}
CATALOGI_OBJECT = {"type": "object", "additionalProperties": True,
                   "description": "De resource zoals de Catalogi API die toont (met diens eigen expand)."}
# Attributes from other APIs that are lists (zrc-025: never embedded, but in the standard's schema).
EXTERNAL_MANY = frozenset({"productenOfDiensten"})


class ExpandFieldScheme(OpenApiSerializerFieldExtension):
    """``_expand`` as the standard's ``<Resource>Embedded``: each attribute that ``expand`` can
    follow, a list of the target's expanded resource or one of them; a single relation that
    has no value embeds ``{}`` (``oneOf`` with the EmptyObject), except the zaak of a record
    under it (always there) and the field's ``plain`` attributes."""

    target_class = ExpandField

    def map_serializer_field(self, auto_schema, direction):
        from raadhuis.zgw.zaken.api import expand
        from raadhuis.zgw.zaken.api.serializers import expanded_serializer

        resource = self.target.resource
        properties = {}
        for attribute, relation in expand.RELATIONS.get(resource, {}).items():
            if relation.target in expand.CATALOGI:
                target = dict(CATALOGI_OBJECT)
            else:
                serializer = expanded_serializer(relation.target)
                target = auto_schema.resolve_serializer(serializer, direction).ref
            if relation.many:
                properties[attribute] = {"type": "array", "items": target}
            elif (relation.target in expand.CATALOGI or attribute in self.target.plain
                  or (relation.target == "zaak" and resource != "zaak")):
                properties[attribute] = target
            else:
                properties[attribute] = {"oneOf": [target, dict(EMPTY_OBJECT)]}
        for attribute in sorted(expand.EXTERNAL.get(resource, ())):
            other = {"type": "object", "description": "Een resource van een andere API: wordt niet "
                                                       "uitgebreid (zrc-025)."}
            properties[attribute] = {"type": "array", "items": other} if attribute in EXTERNAL_MANY else other
        return {"type": "object", "properties": dict(sorted(properties.items()))}
