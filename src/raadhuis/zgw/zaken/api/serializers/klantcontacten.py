from __future__ import annotations

from rest_framework import serializers

from raadhuis.zgw.zaken.api.fields import LocalResourceField
from raadhuis.zgw.zaken.api.serializers import register
from raadhuis.zgw.zaken.api.serializers.subresources import ResourceURL
from raadhuis.zgw.zaken.models import KlantContact, Zaak


class KlantContactSerializer(serializers.ModelSerializer):
    url = ResourceURL("klantcontact")
    zaak = LocalResourceField("zaak-detail", Zaak.objects, help_text="URL-referentie naar de ZAAK.")
    identificatie = serializers.CharField(max_length=14, required=False, allow_blank=True,
                                          help_text="De unieke aanduiding van een KLANTCONTACT")

    class Meta:
        model = KlantContact
        fields = ["url", "uuid", "zaak", "identificatie", "datumtijd", "kanaal", "onderwerp", "toelichting"]
        read_only_fields = ["uuid"]


register(KlantContact, KlantContactSerializer)
