from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from raadhuis.zgw.common.auth import ClientAuth
from raadhuis.zgw.common.fields import URLField
from raadhuis.zgw.notificaties import services
from raadhuis.zgw.notificaties.models import Abonnement, Kanaal


def _kenmerk_values(**kwargs) -> serializers.DictField:
    return serializers.DictField(
        child=serializers.CharField(max_length=1000, min_length=1, label="kenmerk",
                                    help_text="Een waarde behorende bij de sleutel."),
        **kwargs)


class KanaalSerializer(serializers.HyperlinkedModelSerializer):
    naam = serializers.CharField(
        max_length=50, min_length=1,
        validators=[UniqueValidator(queryset=Kanaal.objects.all(),
                                    message="Er bestaat al een kanaal met deze naam.")],
        help_text='Naam van het KANAAL (ook wel "Exchange" genoemd) dat de bron vertegenwoordigd.')
    documentatie_link = URLField(max_length=200, required=False, help_text="URL naar documentatie.")
    filters = serializers.ListField(
        child=serializers.CharField(max_length=100, min_length=1), required=False,
        help_text="Lijst van mogelijke filter kenmerken van een KANAAL. Deze filter kenmerken kunnen "
                  "worden gebruikt bij het aanmaken van een ABONNEMENT.")

    class Meta:
        model = Kanaal
        fields = ["url", "naam", "documentatie_link", "filters"]
        extra_kwargs = {"url": {"lookup_field": "uuid", "view_name": "notificaties:kanaal-detail"}}

    def create(self, validated_data):
        return services.create_kanaal(validated_data)

    def to_representation(self, instance):
        # Without a link the field is left out: "" is no URI, and the field is optional.
        data = super().to_representation(instance)
        if not data.get("documentatie_link"):
            data.pop("documentatie_link", None)
        return data


class FilterGroupSerializer(serializers.Serializer):
    filters = _kenmerk_values(
        required=False,
        help_text="Map van kenmerken (sleutel/waarde) waarop notificaties gefilterd worden. Alleen "
                  "notificaties waarvan de kenmerken voldoen aan het filter worden doorgestuurd naar "
                  "de afnemer van het ABONNEMENT.")
    naam = serializers.CharField(
        min_length=1,
        help_text="De naam van het KANAAL (`KANAAL.naam`) waarop een abonnement is of wordt genomen.")

    def to_representation(self, instance):
        return {"filters": instance.filters, "naam": instance.kanaal.naam}


class AbonnementSerializer(serializers.HyperlinkedModelSerializer):
    callback_url = URLField(
        max_length=1000, min_length=1,
        help_text="De URL waar notificaties naar toe gestuurd dienen te worden. Deze URL dient uit te "
                  "komen bij een API die geschikt is om notificaties op te ontvangen.")
    # Write-only, as in the reference implementations: it is the consumer's secret.
    auth = serializers.CharField(
        write_only=True, max_length=1000, min_length=1,
        help_text='Autorisatie header invulling voor het vesturen naar de "Callback URL". '
                  "Voorbeeld: Bearer a4daa31...")
    kanalen = FilterGroupSerializer(
        many=True, help_text="Een lijst van kanalen en filters waarop het ABONNEMENT wordt afgenomen.")

    class Meta:
        model = Abonnement
        fields = ["url", "callback_url", "auth", "kanalen"]
        extra_kwargs = {"url": {"lookup_field": "uuid", "view_name": "notificaties:abonnement-detail"}}

    def create(self, validated_data):
        return services.save_abonnement(None, validated_data, **self._client())

    def update(self, instance, validated_data):
        return services.save_abonnement(instance, validated_data, **self._client())

    def _client(self) -> dict:
        request = self.context.get("request")
        client_id = request.auth.client_id if isinstance(request.auth, ClientAuth) else ""
        return {"request": request, "client_id": client_id}


class MessageSerializer(serializers.Serializer):
    kanaal = serializers.CharField(
        max_length=50, min_length=1, label="kanaal",
        help_text="De naam van het kanaal (`KANAAL.naam`) waar het bericht op moet worden gepubliceerd.")
    hoofd_object = URLField(
        min_length=1, label="hoofd object",
        help_text="URL-referentie naar het hoofd object van de publicerende API die betrekking heeft "
                  "op de `resource`.")
    resource = serializers.CharField(max_length=100, min_length=1, label="resource",
                                     help_text="De resourcenaam waar de notificatie over gaat.")
    resource_url = URLField(min_length=1, label="resource URL",
                            help_text="URL-referentie naar de `resource` van de publicerende API.")
    actie = serializers.CharField(
        max_length=100, min_length=1, label="actie",
        help_text="De actie die door de publicerende API is gedaan. De publicerende API specificeert "
                  "de toegestane acties.")
    aanmaakdatum = serializers.DateTimeField(
        label="aanmaakdatum", help_text="Datum en tijd waarop de actie heeft plaatsgevonden.")
    kenmerken = _kenmerk_values(
        required=False, label="kenmerken",
        help_text="Mapping van kenmerken (sleutel/waarde) van de notificatie. De publicerende API "
                  "specificeert de toegestane kenmerken.")

    def message(self) -> dict:
        """The notification as it is routed: the fields as sent, the date as the client wrote it."""
        data = self.validated_data
        return {
            "kanaal": data["kanaal"], "hoofdObject": data["hoofd_object"], "resource": data["resource"],
            "resourceUrl": data["resource_url"], "actie": data["actie"],
            "aanmaakdatum": str(self.initial_data["aanmaakdatum"]), "kenmerken": data.get("kenmerken", {}),
        }
