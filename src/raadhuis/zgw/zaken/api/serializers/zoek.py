from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from raadhuis.zgw.common.vertrouwelijkheid import VertrouwelijkheidsAanduiding
from raadhuis.zgw.zaken import geo
from raadhuis.zgw.zaken.api.fields import GeometryField, URLText
from raadhuis.zgw.zaken.constants import Archiefnominatie, Archiefstatus
from raadhuis.zgw.zaken.constants_subresources import BetrokkeneType, RolOmschrijving

ORDERINGS = ("startdatum", "einddatum", "publicatiedatum", "archiefactiedatum", "registratiedatum",
             "identificatie")


@extend_schema_field({"type": "object", "description": "GeoJSON geometry"})
class WithinField(GeometryField):
    """The area of ``zaakgeometrie.within``: a (Multi)Polygon."""


class GeoWithinSerializer(serializers.Serializer):
    within = WithinField(required=False)

    def validate_within(self, value):
        if value.get("type") not in ("Polygon", "MultiPolygon"):
            raise serializers.ValidationError("Zoek binnen een Polygon of MultiPolygon.", code="invalid")
        return geo.parse(value)


def _text(**kwargs) -> serializers.CharField:
    return serializers.CharField(required=False, max_length=1000, **kwargs)


def _texts() -> serializers.ListField:
    return serializers.ListField(child=serializers.CharField(max_length=1000), required=False,
                                 max_length=1000)


def _choice(choices) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices, required=False)


def _flag() -> serializers.BooleanField:
    return serializers.BooleanField(required=False)


@extend_schema_field({"type": "array", "items": {},
                      "description": "Elementen (en geneste expansies) die worden teruggegeven (zrc-029)."})
class FieldsField(serializers.ListField):
    pass


@extend_schema_serializer(component_name="ZaakZoek")
class ZaakZoekSerializer(serializers.Serializer):
    """The body of ``POST /zaken/_zoek``, named exactly as the standard names it (the request
    is not camelCased): the list's query parameters, with lists for the ``__in`` ones, and
    ``uuid__in``, ``zaaktype__in``, ``zaakgeometrie`` and ``fields`` (zrc-029). The values of
    the list's parameters are checked here for their type and by the list's filters after."""

    identificatie = _text()
    bronorganisatie = _text()
    bronorganisatie__in = _texts()
    zaaktype = _text()
    zaaktype__in = serializers.ListField(child=URLText(max_length=1000), required=False, max_length=1000)
    archiefnominatie = _choice(Archiefnominatie.choices)
    archiefnominatie__in = _texts()
    archiefactiedatum = _text()
    archiefactiedatum__isnull = _flag()
    archiefactiedatum__lt = _text()
    archiefactiedatum__gt = _text()
    archiefstatus = _choice(Archiefstatus.choices)
    archiefstatus__in = _texts()
    startdatum = _text()
    startdatum__gt = _text()
    startdatum__gte = _text()
    startdatum__lt = _text()
    startdatum__lte = _text()
    registratiedatum = _text()
    registratiedatum__gt = _text()
    registratiedatum__lt = _text()
    einddatum = _text()
    einddatum__isnull = _flag()
    einddatum__gt = _text()
    einddatum__lt = _text()
    einddatumGepland = _text()  # noqa: N815
    einddatumGepland__gt = _text()  # noqa: N815
    einddatumGepland__lt = _text()  # noqa: N815
    uiterlijkeEinddatumAfdoening = _text()  # noqa: N815
    uiterlijkeEinddatumAfdoening__gt = _text()  # noqa: N815
    uiterlijkeEinddatumAfdoening__lt = _text()  # noqa: N815
    rol__betrokkeneType = _choice(BetrokkeneType.choices)  # noqa: N815
    rol__betrokkene = _text()
    rol__omschrijvingGeneriek = _choice(RolOmschrijving.choices)  # noqa: N815
    maximaleVertrouwelijkheidaanduiding = _choice(VertrouwelijkheidsAanduiding.choices)  # noqa: N815
    rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn = _text()  # noqa: N815
    rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie = _text()  # noqa: N815
    rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer = _text()  # noqa: N815
    rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId = _text()  # noqa: N815
    rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie = _text()  # noqa: N815
    rol__betrokkeneIdentificatie__vestiging__vestigingsNummer = _text()  # noqa: N815
    rol__betrokkeneIdentificatie__medewerker__identificatie = _text()  # noqa: N815
    rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie = _text()  # noqa: N815
    ordering = _choice([value for name in ORDERINGS for value in (name, f"-{name}")])
    uuid__in = serializers.ListField(child=serializers.UUIDField(), required=False, max_length=1000)
    zaakgeometrie = GeoWithinSerializer(required=False)
    fields = FieldsField(required=False, allow_empty=False, help_text=(
        "De elementen (fields) die worden teruggegeven, conform het expand-mechanisme (zrc-029)."))
    expand = serializers.CharField(required=False, allow_blank=True, max_length=1000, help_text=(
        "Verouderd: gebruik de query-parameter expand."))

    # Handled by the view itself; the others are the list's query parameters.
    SPECIAL = frozenset({"fields", "zaakgeometrie", "uuid__in", "zaaktype__in", "expand"})

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

