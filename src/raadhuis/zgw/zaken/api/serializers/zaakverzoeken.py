from __future__ import annotations

from rest_framework import serializers

from raadhuis.zgw.zaken.api.fields import HttpURLField, LocalResourceField
from raadhuis.zgw.zaken.api.serializers import register
from raadhuis.zgw.zaken.api.serializers.subresources import ResourceURL
from raadhuis.zgw.zaken.models import Zaak, ZaakVerzoek


class ZaakVerzoekSerializer(serializers.ModelSerializer):
    url = ResourceURL("zaakverzoek")
    zaak = LocalResourceField("zaak-detail", Zaak.objects, help_text="URL-referentie naar de ZAAK.")
    verzoek = HttpURLField(help_text="URL-referentie naar het VERZOEK (in de Klantinteractie API)")

    class Meta:
        model = ZaakVerzoek
        fields = ["url", "uuid", "zaak", "verzoek"]
        read_only_fields = ["uuid"]
        validators = []  # uniqueness per zaak is a rule in services, with its code


register(ZaakVerzoek, ZaakVerzoekSerializer)
