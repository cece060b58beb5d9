from __future__ import annotations

from rest_framework import serializers

from raadhuis.zgw.zaken.api.fields import HttpURLField, LocalResourceField
from raadhuis.zgw.zaken.api.serializers import register
from raadhuis.zgw.zaken.api.serializers.subresources import ResourceURL
from raadhuis.zgw.zaken.models import Zaak, ZaakContactMoment


class ZaakContactMomentSerializer(serializers.ModelSerializer):
    url = ResourceURL("zaakcontactmoment")
    zaak = LocalResourceField("zaak-detail", Zaak.objects, help_text="URL-referentie naar de ZAAK.")
    contactmoment = HttpURLField(
        help_text="URL-referentie naar het CONTACTMOMENT (in de Klantinteractie API)")

    class Meta:
        model = ZaakContactMoment
        fields = ["url", "uuid", "zaak", "contactmoment"]
        read_only_fields = ["uuid"]
        validators = []  # uniqueness per zaak is a rule in services, with its code


register(ZaakContactMoment, ZaakContactMomentSerializer)
