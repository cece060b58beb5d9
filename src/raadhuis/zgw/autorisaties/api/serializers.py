from django.db import transaction
from rest_framework import serializers

from raadhuis.zgw.autorisaties import services
from raadhuis.zgw.autorisaties.api.validators import validate_autorisatie, validate_client_ids
from raadhuis.zgw.autorisaties.models import Applicatie, Component
from raadhuis.zgw.common.fields import URLField
from raadhuis.zgw.common.polymorphism import DiscriminatedSerializer
from raadhuis.zgw.common.scopes import known_scopes
from raadhuis.zgw.common.vertrouwelijkheid import VertrouwelijkheidsAanduiding


class AutorisatieBaseSerializer(serializers.Serializer):
    """The fields every autorisatie has; the variants below add their component's fields."""

    component = serializers.ChoiceField(
        choices=Component.choices, help_text="Component waarop autorisatie van toepassing is.")
    component_weergave = serializers.CharField(
        source="get_component_display", read_only=True, help_text="Omschrijving van `component`.")
    scopes = serializers.ListField(child=serializers.CharField(max_length=100, min_length=1))

    def validate_scopes(self, scopes):
        unknown = sorted(set(scopes) - known_scopes())
        if unknown:
            raise serializers.ValidationError(
                f"Onbekende scopes: {', '.join(unknown)}", code="invalid-scope")
        return scopes

    def validate(self, attrs):
        validate_autorisatie(attrs)  # ac-003
        return attrs

    def to_representation(self, instance):
        # An unset optional field is left out rather than sent as "": the standard's enum
        # and URI formats have no empty value.
        data = super().to_representation(instance)
        return {name: value for name, value in data.items()
                if value not in ("", None) or self.fields[name].required or self.fields[name].read_only}


def _max_vertrouwelijkheidaanduiding():
    return serializers.ChoiceField(
        choices=VertrouwelijkheidsAanduiding.choices, required=False,
        help_text="Maximaal toegelaten vertrouwelijkheidaanduiding (inclusief).")


class ZrcAutorisatieSerializer(AutorisatieBaseSerializer):
    zaaktype = URLField(max_length=1000, required=False,
                        help_text="URL naar het zaaktype waarop de autorisatie van toepassing is.")
    max_vertrouwelijkheidaanduiding = _max_vertrouwelijkheidaanduiding()


class DrcAutorisatieSerializer(AutorisatieBaseSerializer):
    informatieobjecttype = URLField(
        max_length=1000, required=False,
        help_text="URL naar het informatieobjecttype waarop de autorisatie van toepassing is.")
    max_vertrouwelijkheidaanduiding = _max_vertrouwelijkheidaanduiding()


class BrcAutorisatieSerializer(AutorisatieBaseSerializer):
    besluittype = URLField(max_length=1000, required=False,
                           help_text="URL naar het besluittype waarop de autorisatie van toepassing is.")


class AutorisatieSerializer(DiscriminatedSerializer):
    """An autorisatie: its ``component`` decides which type fields it has (the standard's
    discriminator on AutorisatieBase)."""

    discriminator = "component"
    variants = {
        Component.AC: AutorisatieBaseSerializer,
        Component.NRC: AutorisatieBaseSerializer,
        Component.ZRC: ZrcAutorisatieSerializer,
        Component.ZTC: AutorisatieBaseSerializer,
        Component.DRC: DrcAutorisatieSerializer,
        Component.BRC: BrcAutorisatieSerializer,
    }


class ApplicatieSerializer(serializers.HyperlinkedModelSerializer):
    client_ids = serializers.ListField(
        child=serializers.CharField(max_length=50, min_length=1), allow_empty=False
    )
    autorisaties = AutorisatieSerializer(many=True, required=False)

    class Meta:
        model = Applicatie
        fields = ["url", "client_ids", "label", "heeft_alle_autorisaties",
                  "alleen_is_gereed_voor_publicatie", "autorisaties"]
        extra_kwargs = {"url": {"lookup_field": "uuid", "view_name": "autorisaties:applicatie-detail"}}

    def validate(self, attrs):
        if "client_ids" in attrs:
            validate_client_ids(attrs["client_ids"], self.instance)  # ac-001
        heeft_alle = attrs.get("heeft_alle_autorisaties",
                               getattr(self.instance, "heeft_alle_autorisaties", False))
        autorisaties = attrs.get("autorisaties")
        if autorisaties is None and self.instance is not None:
            autorisaties = list(self.instance.autorisaties.all())
        if heeft_alle and autorisaties:  # ac-002
            raise serializers.ValidationError(
                "Met heeftAlleAutorisaties=true mogen geen autorisaties opgegeven worden.",
                code="ambiguous-authorizations-specified")
        if not heeft_alle and not autorisaties:
            raise serializers.ValidationError(
                "Geef autorisaties op, of zet heeftAlleAutorisaties op true.",
                code="missing-authorizations")
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        return services.save_applicatie(None, validated_data, request=self.context.get("request"))

    @transaction.atomic
    def update(self, instance, validated_data):
        return services.save_applicatie(instance, validated_data, request=self.context.get("request"))
