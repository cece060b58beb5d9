from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.zgw.zaken.api.fields import HttpURLField, LocalResourceField
from raadhuis.zgw.zaken.api.serializers import register, register_expanded
from raadhuis.zgw.zaken.api.serializers.subresources import ResourceURL, with_expand
from raadhuis.zgw.zaken.constants_subresources import AardRelatieInformatieobject
from raadhuis.zgw.zaken.models import Status, Zaak, ZaakInformatieObject

# The standard's aardRelatieWeergave values: fixed Dutch text, not translated.
AARD_RELATIE_WEERGAVE = {
    AardRelatieInformatieobject.HOORT_BIJ: "Hoort bij, omgekeerd: kent",
    AardRelatieInformatieobject.LEGT_VAST: "Legt vast, omgekeerd: kan vastgelegd zijn als",
}


@extend_schema_field({"type": "string", "enum": list(AARD_RELATIE_WEERGAVE.values()), "readOnly": True})
class AardRelatieWeergave(serializers.Field):
    def __init__(self, **kwargs):
        kwargs.update(source="aard_relatie", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        return AARD_RELATIE_WEERGAVE[value]


class ZaakInformatieObjectSerializer(serializers.ModelSerializer):
    """A document of a zaak (zrc-003, zrc-004, zrc-005, zrc-017). ``informatieobject`` is a
    URL in the Documenten API, checked for form (and for existence once that component
    registers a resolver, see services_subresources)."""

    url = ResourceURL("zaakinformatieobject")
    informatieobject = HttpURLField(help_text=(
        "URL-referentie naar het INFORMATIEOBJECT (in de Documenten API), waar ook de "
        "relatieinformatie opgevraagd kan worden."))
    zaak = LocalResourceField("zaak-detail", Zaak.objects, help_text="URL-referentie naar de ZAAK.")
    aard_relatie_weergave = AardRelatieWeergave()
    titel = serializers.CharField(max_length=200, required=False, allow_blank=True, help_text=(
        "De naam waaronder het INFORMATIEOBJECT binnen het OBJECT bekend is."))
    beschrijving = serializers.CharField(required=False, allow_blank=True, help_text=(
        "Een op het object gerichte beschrijving van de inhoud vanhet INFORMATIEOBJECT."))
    status = LocalResourceField("status-detail", Status.objects, required=False, allow_null=True, help_text=(
        "De bij de desbetreffende ZAAK behorende STATUS waarvoor het ZAAK-INFORMATIEOBJECT relevant "
        "is (geweest) met het oog op het bereiken van die STATUS en/of de communicatie daarover."))

    class Meta:
        model = ZaakInformatieObject
        fields = ["url", "uuid", "informatieobject", "zaak", "aard_relatie_weergave", "titel",
                  "beschrijving", "registratiedatum", "vernietigingsdatum", "status"]
        read_only_fields = ["uuid", "registratiedatum"]
        validators = []  # uniqueness per zaak is a rule in services, with its code
        extra_kwargs = {"vernietigingsdatum": {"help_text": (
            "De datum waarop het informatieobject uit het zaakdossier verwijderd moet worden.")}}


ZaakInformatieObjectExpandedSerializer = with_expand(ZaakInformatieObjectSerializer, "zaakinformatieobject")

register(ZaakInformatieObject, ZaakInformatieObjectSerializer)
register_expanded("zaakinformatieobject", ZaakInformatieObjectExpandedSerializer)
