"""What the serializers of the zaak's sub-resources share: their URL, the polymorphic shape of
rollen and zaakobjecten, gegevensgroepen kept as JSON, and the few field names of the standard
that camelCase cannot spell (``inpA_nummer``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.zgw.common.polymorphism import DiscriminatedSerializer
from raadhuis.zgw.zaken.refs import builder_for

URI_READ_ONLY = {"type": "string", "format": "uri", "readOnly": True, "minLength": 1, "maxLength": 1000}
# Names the standard writes with an underscore that camelCase would drop (snake → exact).
EXACT_NAMES = {
    "inp_a_nummer": "inpA_nummer",
    "sub_adres_buitenland_1": "subAdresBuitenland_1",
    "sub_adres_buitenland_2": "subAdresBuitenland_2",
    "sub_adres_buitenland_3": "subAdresBuitenland_3",
}
# Free-form JSON that must reach the client exactly as it was sent (no camelCase either way).
VERBATIM_FIELDS = ("overige_data", "overigeData")


class ResourceURL(serializers.Field):
    """The record's own URL: ``zaken:<resource>-detail``, under its zaak when ``nested``."""

    def __init__(self, resource: str, nested: bool = False, **kwargs):
        self.resource, self.nested = resource, nested
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, record) -> str:
        extra = {"zaak_uuid": record.zaak.uuid} if self.nested else {}
        return builder_for(self.context).resource(f"zaken:{self.resource}-detail", record.uuid, **extra)


extend_schema_field(URI_READ_ONLY)(ResourceURL)


class Group(serializers.Serializer):
    """A gegevensgroep stored as JSON: validated whole, also within a PATCH (a partial group
    would be a different thing, not part of one)."""

    def to_internal_value(self, data):
        if self.parent is not None and self.root.partial:
            whole = type(self)(data=data, context=self.context)
            whole.is_valid(raise_exception=True)
            return dict(whole.validated_data)
        return dict(super().to_internal_value(data))

    def to_representation(self, instance):
        data = super().to_representation(instance)
        return {EXACT_NAMES.get(key, key): value for key, value in data.items()}


def text(max_length: int, **kwargs) -> serializers.CharField:
    """An optional text of the standard: absent means ""."""
    kwargs.setdefault("required", False)
    kwargs.setdefault("allow_blank", True)
    kwargs.setdefault("default", "")
    return serializers.CharField(max_length=max_length, **kwargs)


class BlankChoiceField(serializers.ChoiceField):
    """An optional enum that may be "" (the standard's ``oneOf: [XEnum, BlankEnum]``)."""

    def __init__(self, choices, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("default", "")
        super().__init__(choices, **kwargs)


class InstanceDiscriminatedSerializer(DiscriminatedSerializer):
    """A discriminated resource that can also be updated: the variant of the record's current
    value handles a PATCH that does not repeat the discriminator, and validates as partial."""

    def to_internal_value(self, data):
        if self.instance is not None and isinstance(data, dict) and self.discriminator not in data:
            data = {**data, self.discriminator: getattr(self.instance, self.discriminator)}
        return super().to_internal_value(data)

    def _variant(self, value: str) -> serializers.Serializer:
        return self.variants[value](instance=self.instance, context=self.context, partial=self.partial)


def with_expand(serializer: type[serializers.ModelSerializer], resource: str) -> type:
    """The serializer as reads show it (the standard's ``<Resource>Expanded``): with ``_expand``,
    which the view's expander fills when ``expand`` asks for it."""
    from raadhuis.zgw.zaken.api.fields import ExpandField

    meta = type("Meta", (serializer.Meta,), {"fields": [*serializer.Meta.fields, "_expand"]})
    name = serializer.__name__.removesuffix("Serializer") + "ExpandedSerializer"
    return type(name, (serializer,), {"__module__": serializer.__module__, "_expand": ExpandField(resource),
                                      "Meta": meta})


def without_empty(data: dict, names: tuple[str, ...]) -> dict:
    """Leave out optional groups that have no value: the standard does not allow null there."""
    return {key: value for key, value in data.items() if not (key in names and value is None)}


# --- Which serializer shows which model (audit snapshots, expand) --------------------------

def read_serializer(model):
    from raadhuis.zgw.zaken.api.serializers import SERIALIZERS

    _register_all()
    return SERIALIZERS[model]


def _register_all() -> None:
    """Import the sub-resource serializers, which register themselves (serializers.register)."""
    from raadhuis.zgw.zaken.api.serializers import (  # noqa: F401
        klantcontacten,
        rollen,
        zaakbesluiten,
        zaakcontactmomenten,
        zaakeigenschappen,
        zaakinformatieobjecten,
        zaaknotities,
        zaakobjecten,
        zaakverzoeken,
    )


def _join_zaak_read_side() -> None:
    # The zaak's URL lists and expand relations for the sub-resources (imported late: that
    # module reads the sub-resource models and the expand registry).
    from raadhuis.zgw.zaken.api import relations_subresources  # noqa: F401


_join_zaak_read_side()
