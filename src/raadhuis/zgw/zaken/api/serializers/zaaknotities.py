from __future__ import annotations

from rest_framework import serializers

from raadhuis.zgw.zaken.api.fields import LocalResourceField
from raadhuis.zgw.zaken.api.serializers import register
from raadhuis.zgw.zaken.api.serializers.subresources import ResourceURL
from raadhuis.zgw.zaken.constants_subresources import NotitieStatus, NotitieType
from raadhuis.zgw.zaken.models import Zaak, ZaakNotitie


class ZaakNotitieSerializer(serializers.ModelSerializer):
    """A note on a zaak (Zaken API 1.7, experimental). ``gerelateerdAan`` is the zaak."""

    url = ResourceURL("zaaknotitie")
    onderwerp = serializers.CharField(max_length=255, help_text="Korte omschrijving of titel van de notitie")
    tekst = serializers.CharField(help_text="De volledige inhoud of beschrijving van de notitie")
    aangemaakt_door = serializers.CharField(max_length=255, required=False, allow_blank=True,
                                            help_text="Naam of identificatie van de auteur van de notitie")
    notitie_type = serializers.ChoiceField(choices=NotitieType.choices, required=False, help_text=(
        "Intern mag enkel een medewerker zien, extern mag gezien worden door medewerker en de initiator."))
    status = serializers.ChoiceField(choices=NotitieStatus.choices, required=False)
    gerelateerd_aan = LocalResourceField("zaak-detail", Zaak.objects, source="zaak",
                                         help_text="URL-referentie naar een ZAAK.")

    class Meta:
        model = ZaakNotitie
        fields = ["url", "onderwerp", "tekst", "aangemaakt_door", "notitie_type", "status", "aanmaakdatum",
                  "wijzigingsdatum", "gerelateerd_aan"]
        read_only_fields = ["aanmaakdatum", "wijzigingsdatum"]
        extra_kwargs = {
            "aanmaakdatum": {"help_text": "De datum waarop de handeling is gedaan."},
            "wijzigingsdatum": {"help_text": "Datum en tijd waarop de notitie voor het laatst is gewijzigd"},
        }


register(ZaakNotitie, ZaakNotitieSerializer)
