"""Resources whose fields depend on one field's value, as the ZGW standards model them with an
OpenAPI discriminator (Autorisatie by ``component``, Rol by ``betrokkeneType``)."""

from __future__ import annotations

from collections.abc import Mapping

from rest_framework import serializers
from rest_framework.settings import api_settings


class DiscriminatedSerializer(serializers.Serializer):
    """Reads and writes through the variant serializer that the discriminator value selects.

    Subclasses set ``discriminator`` (the snake_case field name) and ``variants``
    (value → serializer class, which declares the discriminator field itself). Each variant
    is narrowed to accept only its own value, which keeps the generated ``oneOf`` exclusive.
    """

    discriminator: str = ""
    variants: dict[str, type[serializers.Serializer]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.variants = {
            str(value): _narrowed(cls, variant, str(value)) for value, variant in cls.variants.items()
        }

    def to_representation(self, instance):
        return self._variant(getattr(instance, self.discriminator)).to_representation(instance)

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            raise serializers.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [serializers.ErrorDetail(
                    f"Verwacht een object, ontvangen {type(data).__name__}.", code="invalid")]})
        value = data.get(self.discriminator)
        if not isinstance(value, str) or value not in self.variants:
            raise serializers.ValidationError({self.discriminator: [self._bad_value(value)]})
        return self._variant(value).run_validation(data)

    def _variant(self, value: str) -> serializers.Serializer:
        return self.variants[value](context=self.context)

    def _bad_value(self, value) -> serializers.ErrorDetail:
        if value is None:
            return serializers.ErrorDetail("Dit veld is vereist.", code="required")
        return serializers.ErrorDetail(f'"{value}" is geen geldige keuze.', code="invalid_choice")


def _narrowed(owner: type, variant: type[serializers.Serializer], value: str) -> type:
    """The variant with a discriminator field that only takes ``value``."""
    field = variant._declared_fields[owner.discriminator]
    label = dict(field.choices).get(value, value)
    narrowed = serializers.ChoiceField(choices=[(value, label)], help_text=field.help_text)
    attributes = {
        owner.discriminator: narrowed,
        "__module__": owner.__module__,
        "__doc__": f"{owner.__doc__ or owner.__name__}\n\nVariant: `{owner.discriminator}` = `{value}`.",
    }
    return type(f"{value.capitalize()}{owner.__name__}", (variant,), attributes)
