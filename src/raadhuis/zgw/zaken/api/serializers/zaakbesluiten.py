from __future__ import annotations

from rest_framework import serializers

from raadhuis.zgw.zaken.api.fields import HttpURLField
from raadhuis.zgw.zaken.api.serializers import register, register_expanded
from raadhuis.zgw.zaken.api.serializers.subresources import ResourceURL, with_expand
from raadhuis.zgw.zaken.models import ZaakBesluit


class ZaakBesluitSerializer(serializers.ModelSerializer):
    """A besluit taken in a zaak, under /zaken/{zaak_uuid}/besluiten; kept in step by the
    Besluiten component."""

    url = ResourceURL("zaakbesluit", nested=True)
    besluit = HttpURLField(help_text=(
        "URL-referentie naar het BESLUIT (in de Besluiten API), waar ook de relatieinformatie "
        "opgevraagd kan worden."))

    class Meta:
        model = ZaakBesluit
        fields = ["url", "uuid", "besluit"]
        read_only_fields = ["uuid"]
        validators = []  # uniqueness per zaak: link_besluit is idempotent


ZaakBesluitExpandedSerializer = with_expand(ZaakBesluitSerializer, "zaakbesluit")

register(ZaakBesluit, ZaakBesluitSerializer)
register_expanded("zaakbesluit", ZaakBesluitExpandedSerializer)
