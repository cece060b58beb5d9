from __future__ import annotations

from rest_framework import serializers

from raadhuis.zgw.zaken import geo
from raadhuis.zgw.zaken.api.fields import GeometryField


class GeoWithinSerializer(serializers.Serializer):
    within = GeometryField()

    def validate_within(self, value):
        if value.get("type") not in ("Polygon", "MultiPolygon"):
            raise serializers.ValidationError("Zoek binnen een Polygon of MultiPolygon.", code="invalid")
        return geo.parse(value)


class ZaakZoekSerializer(serializers.Serializer):
    """The body of ``POST /zaken/_zoek`` beyond the list filters (which the filterset checks)."""

    fields = serializers.ListField(required=False, allow_empty=False, help_text=(
        "De elementen (fields) die worden teruggegeven, conform het expand-mechanisme (zrc-029)."))
    zaakgeometrie = GeoWithinSerializer(required=False)
    uuid__in = serializers.ListField(child=serializers.UUIDField(), required=False, max_length=1000)
    zaaktype__in = serializers.ListField(child=serializers.CharField(max_length=1000), required=False,
                                         max_length=1000)
    expand = serializers.CharField(required=False, allow_blank=True, max_length=1000)

    def validate(self, attrs):
        if attrs.get("fields") and attrs.get("expand"):
            raise serializers.ValidationError(
                {"fields": [serializers.ErrorDetail("Gebruik fields óf expand, niet beide.",
                                                    code="invalid")]})
        return attrs


class ReserveringSerializer(serializers.Serializer):
    bronorganisatie = serializers.CharField(min_length=9, max_length=9, write_only=True)
    aantal = serializers.IntegerField(min_value=1, max_value=1000, default=1, write_only=True)
    zaaknummer = serializers.CharField(read_only=True)

    def validate_bronorganisatie(self, value):
        from raadhuis.platform.validators import passes_elfproef

        if not passes_elfproef(value):
            raise serializers.ValidationError("Ongeldig RSIN: 9 cijfers die voldoen aan de 11-proef.",
                                              code="invalid")
        return value
