from django.db import transaction
from rest_framework import serializers

from raadhuis.zgw.autorisaties import services
from raadhuis.zgw.autorisaties.api.validators import validate_autorisatie, validate_client_ids
from raadhuis.zgw.autorisaties.models import Applicatie, Autorisatie
from raadhuis.zgw.common.scopes import known_scopes


class AutorisatieSerializer(serializers.ModelSerializer):
    component_weergave = serializers.CharField(source="get_component_display", read_only=True)
    scopes = serializers.ListField(child=serializers.CharField(max_length=100, min_length=1))

    class Meta:
        model = Autorisatie
        fields = ["component", "component_weergave", "scopes", "zaaktype", "informatieobjecttype",
                  "besluittype", "max_vertrouwelijkheidaanduiding"]
        extra_kwargs = {
            "zaaktype": {"required": False},
            "informatieobjecttype": {"required": False},
            "besluittype": {"required": False},
            "max_vertrouwelijkheidaanduiding": {"required": False},
        }

    def validate_scopes(self, scopes):
        unknown = sorted(set(scopes) - known_scopes())
        if unknown:
            raise serializers.ValidationError(
                f"Onbekende scopes: {', '.join(unknown)}", code="invalid-scope")
        return scopes

    def validate(self, attrs):
        validate_autorisatie(attrs)  # ac-003
        return attrs


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
