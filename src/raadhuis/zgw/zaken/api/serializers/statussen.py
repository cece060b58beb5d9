from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.zgw.catalogi.models import Resultaattype, Statustype
from raadhuis.zgw.zaken.api.fields import CatalogiField, ExpandField, LocalResourceField, URLText
from raadhuis.zgw.zaken.models import Resultaat, Status, Zaak
from raadhuis.zgw.zaken.refs import builder_for

URI = {"type": "string", "format": "uri", "readOnly": True}


class StatusSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    zaak = LocalResourceField("zaak-detail", Zaak.objects, help_text="URL-referentie naar de ZAAK.")
    statustype = CatalogiField("statustypen", Statustype,
                               help_text="URL-referentie naar het STATUSTYPE (in de Catalogi API).")
    gezetdoor = URLText(max_length=200, required=False, allow_blank=True, help_text=(
        "Rol die de status gezet heeft: de URL van een ROL van deze zaak."))
    zaakinformatieobjecten = serializers.SerializerMethodField()

    class Meta:
        model = Status
        fields = ["url", "uuid", "zaak", "statustype", "datum_status_gezet", "statustoelichting",
                  "indicatie_laatst_gezette_status", "gezetdoor", "zaakinformatieobjecten"]
        read_only_fields = ["uuid", "indicatie_laatst_gezette_status"]
        validators = []  # uniqueness per moment is a rule in services, with its code

    @extend_schema_field(URI)
    def get_url(self, status) -> str:
        return builder_for(self.context).resource("zaken:status-detail", status.uuid)

    @extend_schema_field({"type": "array", "items": {"type": "string", "format": "uri"}, "readOnly": True})
    def get_zaakinformatieobjecten(self, status) -> list[str]:
        # ZaakInformatieObject.status (related_name "zaakinformatieobjecten"), when installed.
        if not hasattr(type(status), "zaakinformatieobjecten"):
            return []
        urls = builder_for(self.context)
        return [urls.resource("zaken:zaakinformatieobject-detail", zio.uuid)
                for zio in status.zaakinformatieobjecten.all()]

    def validate_gezetdoor(self, value):
        # A Rol of this component (zaken:rol-detail), once rollen exist; a URL until then.
        from raadhuis.zgw.common.validators import validate_http_url

        if value:
            try:
                validate_http_url(value)
            except Exception as error:  # noqa: BLE001 - Django's ValidationError, reported as DRF's
                raise serializers.ValidationError("Voer een geldige URL in.", code="bad-url") from error
        return value


class ResultaatSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    zaak = LocalResourceField("zaak-detail", Zaak.objects, help_text="URL-referentie naar de ZAAK.")
    resultaattype = CatalogiField("resultaattypen", Resultaattype,
                                  help_text="URL-referentie naar het RESULTAATTYPE (in de Catalogi API).")

    class Meta:
        model = Resultaat
        fields = ["url", "uuid", "zaak", "resultaattype", "toelichting"]
        read_only_fields = ["uuid"]
        validators = []

    @extend_schema_field(URI)
    def get_url(self, resultaat) -> str:
        return builder_for(self.context).resource("zaken:resultaat-detail", resultaat.uuid)


class StatusExpandedSerializer(StatusSerializer):
    """The Status as reads show it (``StatusExpanded``): with ``_expand`` when asked for."""

    _expand = ExpandField("status")

    class Meta(StatusSerializer.Meta):
        fields = [*StatusSerializer.Meta.fields, "_expand"]


class ResultaatExpandedSerializer(ResultaatSerializer):
    """The Resultaat as reads show it (``ResultaatExpanded``): with ``_expand`` when asked for."""

    _expand = ExpandField("resultaat")

    class Meta(ResultaatSerializer.Meta):
        fields = [*ResultaatSerializer.Meta.fields, "_expand"]
