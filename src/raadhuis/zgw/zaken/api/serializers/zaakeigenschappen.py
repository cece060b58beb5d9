from __future__ import annotations

from rest_framework import serializers

from raadhuis.zgw.catalogi.models import Eigenschap
from raadhuis.zgw.zaken.api.fields import CatalogiField, LocalResourceField
from raadhuis.zgw.zaken.api.serializers import register, register_expanded
from raadhuis.zgw.zaken.api.serializers.subresources import ResourceURL, with_expand
from raadhuis.zgw.zaken.models import Zaak, ZaakEigenschap


class ZaakEigenschapSerializer(serializers.ModelSerializer):
    """A value of an eigenschap for a zaak, under /zaken/{zaak_uuid}/zaakeigenschappen. The
    ``zaak`` in the body must be the zaak of the path (the view checks it)."""

    url = ResourceURL("zaakeigenschap", nested=True)
    zaak = LocalResourceField("zaak-detail", Zaak.objects)
    eigenschap = CatalogiField("eigenschappen", Eigenschap,
                               help_text="URL-referentie naar de EIGENSCHAP (in de Catalogi API).")
    naam = serializers.CharField(read_only=True,
                                 help_text="De naam van de EIGENSCHAP (overgenomen uit de Catalogi API).")
    waarde = serializers.CharField()

    class Meta:
        model = ZaakEigenschap
        fields = ["url", "uuid", "zaak", "eigenschap", "naam", "waarde"]
        read_only_fields = ["uuid"]


ZaakEigenschapExpandedSerializer = with_expand(ZaakEigenschapSerializer, "zaakeigenschap")

register(ZaakEigenschap, ZaakEigenschapSerializer)
register_expanded("zaakeigenschap", ZaakEigenschapExpandedSerializer)
