from rest_framework import serializers
from rest_framework.fields import SkipField

from raadhuis.zgw.besluiten import services
from raadhuis.zgw.besluiten.models import Besluit, BesluitInformatieObject, VervalReden
from raadhuis.zgw.besluiten.rules import check_unchanged
from raadhuis.zgw.catalogi.models import Besluittype
from raadhuis.zgw.common import scopes
from raadhuis.zgw.common.fields import ResourceURLField, URLField
from raadhuis.zgw.zaken.models import Zaak

# brc-006 adds the zaak to what brc-001/brc-002 fix: the API does not move a besluit to
# another zaak (the service could; other doors may offer that correction).
API_IMMUTABLE = (*services.IMMUTABLE, "zaak")


class OptionalURLReference(ResourceURLField):
    """An optional reference: ``""`` (as clients of the standard send it) means none. The
    schema keeps the standard's non-nullable string; the output omits an empty value."""

    def validate_empty_values(self, data):
        if data in ("", None):
            return True, None
        return super().validate_empty_values(data)


class OptionalChoiceField(serializers.ChoiceField):
    """A choice that may be cleared with ``""``, without adding "" to the documented enum."""

    def to_internal_value(self, data):
        return "" if data == "" else super().to_internal_value(data)


class BesluitSerializer(serializers.ModelSerializer):
    url = ResourceURLField("besluiten:besluit-detail", source="*", read_only=True,
                           help_text="URL-referentie naar dit object. Dit is de unieke identificatie en "
                                     "locatie van dit object.")
    besluittype = ResourceURLField("catalogi:besluittype-detail", queryset=Besluittype.objects.all(),
                                   help_text="URL-referentie naar het BESLUITTYPE (in de Catalogi API).")
    zaak = OptionalURLReference("zaken:zaak-detail", queryset=Zaak.objects.select_related("zaaktype"),
                                required=False, help_text="URL-referentie naar de ZAAK (in de Zaken API) "
                                                          "waarvan dit besluit uitkomst is.")
    vervalreden = OptionalChoiceField(
        choices=VervalReden.choices, required=False,
        help_text="De omschrijving die aangeeft op grond waarvan het besluit is of komt te vervallen.")
    vervalreden_weergave = serializers.CharField(source="get_vervalreden_display", read_only=True)

    class Meta:
        model = Besluit
        fields = ["url", "identificatie", "verantwoordelijke_organisatie", "besluittype", "zaak", "datum",
                  "toelichting", "bestuursorgaan", "ingangsdatum", "vervaldatum", "vervalreden",
                  "vervalreden_weergave", "publicatiedatum", "verzenddatum", "uiterlijke_reactiedatum"]
        extra_kwargs = {"identificatie": {"required": False, "allow_blank": True}}
        validators = []  # brc-002 uniqueness is the service's, with the standard's error code

    def validate_zaak(self, zaak):
        """A besluit may only name a zaak the client may see (zrc autorisaties): any other is,
        to this client, a URL that does not exist."""
        auth = self.context["request"].auth
        if zaak is not None and not auth.allows(
                "zrc", scopes.ZAKEN_LEZEN, zaak.zaaktype.uuid, zaak.vertrouwelijkheidaanduiding):
            raise serializers.ValidationError(
                ResourceURLField.default_error_messages["bad-url"].format(value=self.initial_data.get("zaak")),
                code="bad-url")
        return zaak

    def validate(self, attrs):
        if self.instance is not None:
            check_unchanged(self.instance, attrs, API_IMMUTABLE)  # brc-001, brc-002, brc-006
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        # No zaak and no vervalreden are left out: the standard's uri and enum have no empty value.
        for name in ("zaak", "vervalreden"):
            if data.get(name) in ("", None):
                data.pop(name, None)
        return data


class BesluitInformatieObjectSerializer(serializers.ModelSerializer):
    url = ResourceURLField("besluiten:besluitinformatieobject-detail", source="*", read_only=True,
                           help_text="URL-referentie naar dit object. Dit is de unieke identificatie en "
                                     "locatie van dit object.")
    informatieobject = URLField(
        max_length=1000, help_text="URL-referentie naar het INFORMATIEOBJECT (in de Documenten API) "
                                   "waarin (een deel van) het besluit beschreven is.")
    besluit = ResourceURLField("besluiten:besluit-detail",
                               queryset=Besluit.objects.select_related("besluittype"),
                               help_text="URL-referentie naar het BESLUIT.")

    class Meta:
        model = BesluitInformatieObject
        fields = ["url", "informatieobject", "besluit"]
        validators = []  # uniqueness is checked by the service, with the standard's error code


class Embedded(serializers.Serializer):
    """``_expand``: filled in by the view when the client asks (api/expand.py), else absent."""

    def get_attribute(self, instance):
        raise SkipField()


class BesluitEmbeddedSerializer(Embedded):
    besluittype = serializers.DictField(required=False, help_text="Het BESLUITTYPE zoals de Catalogi API "
                                                                  "het toont.")
    zaak = serializers.DictField(required=False, help_text="De ZAAK zoals de Zaken API die toont.")


class BesluitExpandedSerializer(BesluitSerializer):
    _expand = BesluitEmbeddedSerializer(required=False)

    class Meta(BesluitSerializer.Meta):
        fields = [*BesluitSerializer.Meta.fields, "_expand"]


class BesluitInformatieObjectEmbeddedSerializer(Embedded):
    informatieobject = serializers.DictField(required=False, help_text="Het INFORMATIEOBJECT zoals de "
                                                                       "Documenten API het toont.")
    besluit = serializers.DictField(required=False, help_text="Het BESLUIT, met zijn eigen _expand.")


class BesluitInformatieObjectExpandedSerializer(BesluitInformatieObjectSerializer):
    _expand = BesluitInformatieObjectEmbeddedSerializer(required=False)

    class Meta(BesluitInformatieObjectSerializer.Meta):
        fields = [*BesluitInformatieObjectSerializer.Meta.fields, "_expand"]
