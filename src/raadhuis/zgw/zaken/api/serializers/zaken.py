"""The Zaak resource: input validation and shape only; rules and writes are in services."""

from __future__ import annotations

import copy

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.zgw.catalogi.models import Zaaktype
from raadhuis.zgw.common.vertrouwelijkheid import VertrouwelijkheidsAanduiding
from raadhuis.zgw.zaken import children
from raadhuis.zgw.zaken.api.fields import (
    CatalogiField,
    DurationField,
    ExpandField,
    Gegevensgroep,
    GeometryField,
    HttpURLField,
    LocalResourceField,
)
from raadhuis.zgw.zaken.constants import AardRelatie, Archiefnominatie, Archiefstatus, Betalingsindicatie
from raadhuis.zgw.zaken.models import Zaak
from raadhuis.zgw.zaken.refs import builder_for

URI_LIST = {"type": "array", "items": {"type": "string", "format": "uri"}, "readOnly": True}
NULLABLE_URI = {"type": "string", "format": "uri", "nullable": True, "readOnly": True}


class Verlenging(Gegevensgroep):
    prefix = "verlenging_"
    empty_values = {"reden": "", "duur": ""}
    reden = serializers.CharField(max_length=200)
    duur = DurationField(max_length=40)

    def is_unset(self, values: dict) -> bool:
        return not values["duur"]  # a verlenging without duur is none (as Open Zaak shows it)


class Opschorting(Gegevensgroep):
    prefix = "opschorting_"
    empty_values = {"indicatie": False, "reden": ""}
    indicatie = serializers.BooleanField()
    reden = serializers.CharField(max_length=200, allow_blank=True)

    def is_unset(self, values: dict) -> bool:
        return False  # zrc-012: always the nested structure


class Processobject(Gegevensgroep):
    prefix = "processobject_"
    empty_values = {"datumkenmerk": "", "identificatie": "", "objecttype": "", "registratie": ""}
    datumkenmerk = serializers.CharField(max_length=250)
    identificatie = serializers.CharField(max_length=250)
    objecttype = serializers.CharField(max_length=250)
    registratie = serializers.CharField(max_length=250)


class ZaakKenmerkSerializer(serializers.Serializer):
    kenmerk = serializers.CharField(max_length=40)
    bron = serializers.CharField(max_length=40)


class RelevanteZaakSerializer(serializers.Serializer):
    url = LocalResourceField("zaak-detail", Zaak.objects, help_text="URL-referentie naar de ZAAK.")
    aard_relatie = serializers.ChoiceField(choices=AardRelatie.choices)

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        # zrc-011: the URL resolved to a zaak; keep the record and the URL as given.
        return {"andere_zaak": values["url"], "url": data["url"], "aard_relatie": values["aard_relatie"]}


class ChildURLs(serializers.Field):
    """URLs of the zaak's related records of one kind (loaded for the page by children.load)."""

    def __init__(self, kind: str, **kwargs):
        self.kind = kind
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, zaak):
        child = children.CHILDREN.get(self.kind)
        if child is None:  # the sub-resource is not installed (yet)
            return []
        urls = builder_for(self.context)
        extra = {"zaak_uuid": zaak.uuid} if child.nested else {}
        return [urls.resource(child.url_name, row.uuid, **extra) for row in children.rows(zaak, self.kind)]


extend_schema_field(URI_LIST)(ChildURLs)


@extend_schema_field(NULLABLE_URI)
class ChildURL(ChildURLs):
    def to_representation(self, zaak):
        urls = super().to_representation(zaak)
        return urls[0] if urls else None


class Kenmerken(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(child=ZaakKenmerkSerializer(), required=False, **kwargs)

    def get_attribute(self, zaak):
        return zaak

    def to_representation(self, zaak):
        return [{"kenmerk": row.a, "bron": row.b} for row in children.rows(zaak, "kenmerken")]


class RelevanteAndereZaken(serializers.ListField):
    def __init__(self, **kwargs):
        super().__init__(child=RelevanteZaakSerializer(), required=False, **kwargs)

    def get_attribute(self, zaak):
        return zaak

    def to_representation(self, zaak):
        rows = children.rows(zaak, "relevante_andere_zaken")
        return [{"url": row.a, "aard_relatie": row.b} for row in rows]


class BlankableChoiceField(serializers.ChoiceField):
    """An enum that may be empty: ``""`` or ``null`` in, ``""``/``null`` out as the OAS says."""

    def __init__(self, choices, null_out: bool = False, **kwargs):
        self.null_out = null_out
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("required", False)
        super().__init__(choices, **kwargs)

    def to_internal_value(self, data):
        return "" if data is None else super().to_internal_value(data)

    def to_representation(self, value):
        return (None if self.null_out else "") if value in ("", None) else value


class ZaakListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        zaken = list(data.all() if hasattr(data, "all") else data)
        children.load([z for z in zaken if not hasattr(z, "_children")])
        return [self.child.to_representation(zaak) for zaak in zaken]


# DRF builds a ModelSerializer's fields from the model for every serializer (~1.3 ms for a
# zaak, twice per create: validation and the audit body). They depend on the class only, so
# they are built once per class and deep-copied, as DRF itself copies declared fields (~0.5
# ms). (A comment, not a docstring: drf-spectacular would take it as the schema's description.)
class FieldsBuiltOnce:
    def get_fields(self):
        cls = type(self)
        prototype = cls.__dict__.get("_fields_prototype")
        if prototype is None:
            prototype = super().get_fields()
            cls._fields_prototype = prototype
        return copy.deepcopy(prototype)


class ZaakSerializer(FieldsBuiltOnce, serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    zaaktype = CatalogiField("zaaktypen", Zaaktype, help_text=(
        "URL-referentie naar het ZAAKTYPE (in de Catalogi API) in de CATALOGUS waar deze voorkomt"))
    identificatie = serializers.CharField(max_length=40, required=False, allow_blank=True)
    communicatiekanaal = HttpURLField(required=False, allow_blank=True)
    selectielijstklasse = HttpURLField(required=False, allow_blank=True)
    producten_of_diensten = serializers.ListField(child=HttpURLField(), required=False)
    vertrouwelijkheidaanduiding = serializers.ChoiceField(
        choices=VertrouwelijkheidsAanduiding.choices, required=False)
    betalingsindicatie = BlankableChoiceField(Betalingsindicatie.choices, allow_null=False)
    betalingsindicatie_weergave = serializers.SerializerMethodField()
    zaakgeometrie = GeometryField(required=False, allow_null=True)
    verlenging = Verlenging()
    opschorting = Opschorting()
    processobject = Processobject()
    hoofdzaak = LocalResourceField("zaak-detail", Zaak.objects, required=False, allow_null=True)
    deelzaken = ChildURLs("deelzaken")
    relevante_andere_zaken = RelevanteAndereZaken()
    eigenschappen = ChildURLs("eigenschappen")
    rollen = ChildURLs("rollen")
    status = ChildURL("status")
    zaakinformatieobjecten = ChildURLs("zaakinformatieobjecten")
    zaakobjecten = ChildURLs("zaakobjecten")
    kenmerken = Kenmerken()
    archiefnominatie = BlankableChoiceField(Archiefnominatie.choices, null_out=True)
    archiefstatus = serializers.ChoiceField(choices=Archiefstatus.choices, required=False)
    resultaat = ChildURL("resultaat")
    processobjectaard = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                              allow_null=True)

    class Meta:
        model = Zaak
        list_serializer_class = ZaakListSerializer
        fields = [
            "url", "uuid", "identificatie", "bronorganisatie", "omschrijving", "toelichting", "zaaktype",
            "registratiedatum", "verantwoordelijke_organisatie", "startdatum", "einddatum",
            "einddatum_gepland", "uiterlijke_einddatum_afdoening", "publicatiedatum", "communicatiekanaal",
            "producten_of_diensten", "vertrouwelijkheidaanduiding", "betalingsindicatie",
            "betalingsindicatie_weergave", "laatste_betaaldatum", "zaakgeometrie", "verlenging",
            "opschorting", "selectielijstklasse", "hoofdzaak", "deelzaken", "relevante_andere_zaken",
            "eigenschappen", "rollen", "status", "zaakinformatieobjecten", "zaakobjecten", "kenmerken",
            "archiefnominatie", "archiefstatus", "archiefactiedatum", "resultaat",
            "opdrachtgevende_organisatie", "processobjectaard", "startdatum_bewaartermijn", "processobject",
        ]
        read_only_fields = ["uuid", "einddatum"]
        validators = []  # zrc-002 is a rule in services, with the standard's error code
        extra_kwargs = {"registratiedatum": {"required": False}}

    @extend_schema_field({"type": "string", "format": "uri", "readOnly": True})
    def get_url(self, zaak) -> str:
        return builder_for(self.context).zaak(zaak.uuid)

    def get_betalingsindicatie_weergave(self, zaak) -> str:
        return zaak.get_betalingsindicatie_display() if zaak.betalingsindicatie else ""

    def validate_processobjectaard(self, value):
        return value or ""


class ZaakExpandedSerializer(ZaakSerializer):
    """The Zaak as reads show it (``ZaakExpanded``): with ``_expand`` when asked for."""

    _expand = ExpandField("zaak")

    class Meta(ZaakSerializer.Meta):
        fields = [*ZaakSerializer.Meta.fields, "_expand"]
