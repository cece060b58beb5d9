"""Serializers of the Documenten API 1.7, field for field as the standard writes them.

Reads are of a version (:class:`EnkelvoudigInformatieObject`); its URL is that of the
informatieobject. Writes are validated here and carried out by ``documenten.services``.
"""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField

from raadhuis.platform.validators import validate_rsin
from raadhuis.zgw.catalogi.models import Informatieobjecttype
from raadhuis.zgw.common.fields import ResourceURLField, URLField
from raadhuis.zgw.common.urls import absolute_url
from raadhuis.zgw.common.vertrouwelijkheid import VertrouwelijkheidsAanduiding
from raadhuis.zgw.documenten.constants import (
    AardRelatie,
    Algoritme,
    ObjectType,
    OndertekeningSoort,
    PostadresType,
    Status,
)
from raadhuis.zgw.documenten.models import (
    BestandsDeel,
    EnkelvoudigInformatieObject,
    Gebruiksrechten,
    InformatieObject,
    ObjectInformatieObject,
    Verzending,
)

DOCUMENT_VIEW = "documenten:enkelvoudiginformatieobject-detail"
URL_HELP = "URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object."


@extend_schema_field({"type": "string", "format": "uri", "minLength": 1, "maxLength": 1000})
class SelfURL(serializers.Field):
    """The record's own URL (read only)."""

    def __init__(self, view: str, **kwargs):
        self.view = view
        super().__init__(read_only=True, source="*", help_text=URL_HELP, **kwargs)

    def to_representation(self, record) -> str:
        return absolute_url(self.view, self.context.get("request"), uuid=record.uuid)


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200})
class URLReference(ResourceURLField):
    """A record of this installation by its URL (``bad-url`` when the client cannot see it)."""


@extend_schema_field(OpenApiTypes.URI)
class DocumentURL(ResourceURLField):
    """``informatieobject``: the informatieobject (canonical record) by its URL."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", InformatieObject.objects.all())
        kwargs.setdefault("help_text", "URL-referentie naar het INFORMATIEOBJECT.")
        super().__init__(DOCUMENT_VIEW, **kwargs)


# --- Gegevensgroepen, kept as flat columns on the version ----------------------------------


class _Group(serializers.Serializer):
    """A nullable group of the standard stored as ``<group>_<field>`` columns."""

    prefix = ""

    def get_attribute(self, instance):
        return instance if getattr(instance, f"{self.prefix}_{self._key}") else None

    def to_representation(self, instance):
        return {
            name: field.to_representation(getattr(instance, f"{self.prefix}_{name}"))
            for name, field in self.fields.items()
            if getattr(instance, f"{self.prefix}_{name}") is not None
        }


class OndertekeningSerializer(_Group):
    prefix, _key = "ondertekening", "soort"
    soort = serializers.ChoiceField(
        choices=OndertekeningSoort.choices,
        help_text=("Aanduiding van de wijze van ondertekening van het INFORMATIEOBJECT"),
    )
    datum = serializers.DateField(
        help_text="De datum waarop de ondertekening van het INFORMATIEOBJECT heeft plaatsgevonden."
    )


class IntegriteitSerializer(_Group):
    prefix, _key = "integriteit", "algoritme"
    algoritme = serializers.ChoiceField(
        choices=Algoritme.choices, help_text=("Aanduiding van algoritme, gebruikt om de checksum te maken.")
    )
    waarde = serializers.CharField(max_length=128, help_text="De waarde van de checksum.")
    datum = serializers.DateField(help_text="Datum waarop de checksum is gemaakt.")


GROUPS = {"ondertekening": ("soort", "datum"), "integriteit": ("algoritme", "waarde", "datum")}


def flatten_groups(attrs: dict) -> dict:
    for group, names in GROUPS.items():
        if group in attrs:
            values = attrs.pop(group) or {}
            for name in names:
                attrs[f"{group}_{name}"] = values.get(name, None if name == "datum" else "")
    return attrs


# --- File contents -------------------------------------------------------------------------


class InhoudField(serializers.Field):
    """Written as base64 (``format: byte``), read as the download URL of the version."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            allow_null=True,
            source="*",
            help_text=(
                "Binaire inhoud, in base64 geëncodeerd. Bij het lezen: de download-URL van de inhoud."
            ),
            **kwargs,
        )

    def to_representation(self, version):
        if not version.bestand:
            return None
        url = absolute_url(
            "documenten:enkelvoudiginformatieobject-download",
            self.context.get("request"),
            uuid=version.document.uuid,
        )
        return f"{url}?versie={version.versie}"

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError("Verwacht base64-tekst.", code="invalid")
        return {"inhoud": data}

    def validate_empty_values(self, data):
        if data is None:
            return True, {"inhoud": None}
        return super().validate_empty_values(data)


class InhoudFieldScheme(OpenApiSerializerFieldExtension):
    target_class = InhoudField

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {
                "type": "string",
                "format": "byte",
                "nullable": True,
                "description": "Binaire inhoud, in base64 geëncodeerd.",
            }
        return {
            "type": "string",
            "format": "uri",
            "nullable": True,
            "description": "Download URL van de binaire inhoud.",
        }


class BestandsDeelSerializer(serializers.ModelSerializer):
    url = SelfURL("documenten:bestandsdeel-detail")
    volgnummer = serializers.IntegerField(
        read_only=True, help_text="Een volgnummer dat de volgorde van de bestandsdelen aangeeft."
    )
    omvang = serializers.IntegerField(read_only=True, help_text="De grootte van dit specifieke bestandsdeel.")
    voltooid = serializers.BooleanField(
        read_only=True, help_text="Indicatie of dit bestandsdeel volledig is geupload."
    )
    lock = serializers.CharField(help_text="Hash string, wordt gebruikt als ID voor de lock.")

    class Meta:
        model = BestandsDeel
        fields = ["url", "volgnummer", "omvang", "voltooid", "lock"]

    def to_representation(self, part):
        # The standard lists the lock here; it is handed only to the client that locked.
        return {
            **{
                name: self.fields[name].to_representation(getattr(part, name) if name != "url" else part)
                for name in ("url", "volgnummer", "omvang", "voltooid")
            },
            "lock": "",
        }


class BestandsDeelRequestSerializer(serializers.Serializer):
    """PUT /bestandsdelen/{uuid}: one part as multipart form data, with the lock."""

    inhoud = serializers.FileField(
        write_only=True,
        required=False,
        allow_empty_file=True,
        help_text="De (binaire) bestandsinhoud van dit specifieke bestandsdeel.",
    )
    lock = serializers.CharField(
        write_only=True, min_length=1, help_text=("Hash string, wordt gebruikt als ID voor de lock.")
    )

    def validate(self, attrs):
        if attrs.get("inhoud") is None:
            raise serializers.ValidationError(
                {"inhoud": [serializers.ErrorDetail("Geen bestand ontvangen.", code="required")]}
            )
        return attrs


class BestandsDeelResponseSerializer(serializers.Serializer):
    url = SelfURL("documenten:bestandsdeel-detail")
    lock = serializers.CharField(help_text="Hash string, wordt gebruikt als ID voor de lock.")
    omvang = serializers.IntegerField(required=False)
    inhoud = URLField(
        required=False, help_text="De (binaire) bestandsinhoud van dit specifieke bestandsdeel."
    )
    voltooid = serializers.BooleanField(required=False)
    volgnummer = serializers.IntegerField(required=False)

    def to_representation(self, part):
        # No URL for a part's bytes (they are only ever read to put the file together), and
        # the lock stays with the client that holds it.
        return {
            "url": self.fields["url"].to_representation(part),
            "lock": "",
            "omvang": part.omvang,
            "voltooid": part.voltooid,
            "volgnummer": part.volgnummer,
        }


# --- Enkelvoudig informatieobject ----------------------------------------------------------


def _choice(choices, help_text: str, **kwargs):
    return serializers.ChoiceField(
        choices=choices, required=False, allow_blank=True, help_text=help_text, **kwargs
    )


class EnkelvoudigInformatieObjectSerializer(serializers.ModelSerializer):
    url = SelfURL(DOCUMENT_VIEW)
    bronorganisatie = serializers.CharField(
        max_length=9,
        validators=[validate_rsin],
        help_text=(
            "Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die het informatieobject heeft "
            "gecreëerd of heeft ontvangen en als eerste in een samenwerkingsketen heeft vastgelegd."
        ),
    )
    identificatie = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text=("Een binnen een gegeven context ondubbelzinnige referentie naar het INFORMATIEOBJECT."),
    )
    vertrouwelijkheidaanduiding = _choice(
        VertrouwelijkheidsAanduiding.choices,
        ("Aanduiding van de mate waarin het INFORMATIEOBJECT voor de openbaarheid bestemd is."),
    )
    status = _choice(Status.choices, "Aanduiding van de stand van zaken van een INFORMATIEOBJECT.")
    taal = serializers.CharField(
        min_length=3,
        max_length=3,
        help_text=("Een ISO 639-2/B taalcode waarin de inhoud van het INFORMATIEOBJECT is vastgelegd."),
    )
    inhoud = InhoudField()
    bestandsomvang = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        max_value=9223372036854775807,
        help_text=("Aantal bytes dat de inhoud van INFORMATIEOBJECT in beslag neemt."),
    )
    link = URLField(
        max_length=200,
        required=False,
        allow_blank=True,
        help_text=("De URL waarmee de inhoud van het INFORMATIEOBJECT op te vragen is."),
    )
    ondertekening = OndertekeningSerializer(required=False, allow_null=True)
    integriteit = IntegriteitSerializer(required=False, allow_null=True)
    informatieobjecttype = URLReference(
        "catalogi:informatieobjecttype-detail",
        queryset=Informatieobjecttype.objects.all(),
        help_text="URL-referentie naar het INFORMATIEOBJECTTYPE (in de Catalogi API).",
    )
    locked = serializers.SerializerMethodField(
        help_text=(
            "Geeft aan of het document gelocked is. Alleen als een document gelocked is, mogen er "
            "aanpassingen gemaakt worden."
        )
    )
    bestandsdelen = serializers.SerializerMethodField()
    trefwoorden = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=("Een lijst van één of meer trefwoorden.")
    )

    class Meta:
        model = EnkelvoudigInformatieObject
        fields = [
            "url",
            "identificatie",
            "bronorganisatie",
            "creatiedatum",
            "titel",
            "vertrouwelijkheidaanduiding",
            "is_gereed_voor_publicatie",
            "tonen_aan_initiator",
            "auteur",
            "status",
            "inhoud_is_vervallen",
            "formaat",
            "taal",
            "versie",
            "begin_registratie",
            "bestandsnaam",
            "inhoud",
            "bestandsomvang",
            "link",
            "beschrijving",
            "ontvangstdatum",
            "verzenddatum",
            "indicatie_gebruiksrecht",
            "verschijningsvorm",
            "ondertekening",
            "integriteit",
            "informatieobjecttype",
            "locked",
            "bestandsdelen",
            "trefwoorden",
        ]
        read_only_fields = ["versie", "begin_registratie"]

    def get_locked(self, version) -> bool:
        return bool(version.document.lock)

    @extend_schema_field(BestandsDeelSerializer(many=True, read_only=True))
    def get_bestandsdelen(self, version) -> list:
        if version.versie != version.document.laatste_versie:
            return []
        parts = sorted(version.document.bestandsdelen.all(), key=lambda p: p.volgnummer)
        return BestandsDeelSerializer(parts, many=True, context=self.context).data

    def validate(self, attrs):
        return flatten_groups(dict(attrs))


class Embedded(serializers.Serializer):
    """``_expand``: filled in by the view when the client asks (api/expand.py), else absent."""

    def get_attribute(self, instance):
        raise SkipField()


class EnkelvoudigInformatieObjectEmbeddedSerializer(Embedded):
    informatieobjecttype = serializers.DictField(
        required=False, help_text=("Het INFORMATIEOBJECTTYPE zoals de Catalogi API het toont.")
    )


class EnkelvoudigInformatieObjectExpandedSerializer(EnkelvoudigInformatieObjectSerializer):
    _expand = EnkelvoudigInformatieObjectEmbeddedSerializer(required=False)

    class Meta(EnkelvoudigInformatieObjectSerializer.Meta):
        fields = [*EnkelvoudigInformatieObjectSerializer.Meta.fields, "_expand"]


class EnkelvoudigInformatieObjectCreateLockSerializer(EnkelvoudigInformatieObjectSerializer):
    """Create: the answer includes the lock when the file is to be uploaded in parts."""

    lock = serializers.SerializerMethodField(
        help_text=("Lock om het document te kunnen bewerken; gezet wanneer de inhoud in bestandsdelen volgt.")
    )

    class Meta(EnkelvoudigInformatieObjectSerializer.Meta):
        fields = [*EnkelvoudigInformatieObjectSerializer.Meta.fields, "lock"]

    def get_lock(self, version) -> str:
        return version.document.lock


class EnkelvoudigInformatieObjectWithLockSerializer(EnkelvoudigInformatieObjectSerializer):
    """Update: only with the lock (drc-009)."""

    lock = serializers.CharField(
        write_only=True,
        min_length=1,
        help_text=(
            "Tijdens het updaten van een document (PATCH, PUT) moet het `lock` veld opgegeven worden. "
            "Bij het aanmaken (POST) mag het geen waarde hebben."
        ),
    )

    class Meta(EnkelvoudigInformatieObjectSerializer.Meta):
        fields = [*EnkelvoudigInformatieObjectSerializer.Meta.fields, "lock"]


class LockEnkelvoudigInformatieObjectSerializer(serializers.Serializer):
    lock = serializers.CharField(read_only=True, help_text="Hash string, wordt gebruikt als ID voor de lock.")


class UnlockEnkelvoudigInformatieObjectSerializer(serializers.Serializer):
    lock = serializers.CharField(required=False, allow_blank=True, max_length=100)


class EIOZoekSerializer(serializers.Serializer):
    uuid__in = serializers.ListField(
        child=serializers.UUIDField(), help_text="Array of unieke resource identifiers (UUID4)"
    )
    identificatie = serializers.CharField(
        required=False,
        help_text=("Een binnen een gegeven context ondubbelzinnige referentie naar het INFORMATIEOBJECT."),
    )
    bronorganisatie = serializers.CharField(
        required=False,
        help_text=(
            "Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die het informatieobject heeft "
            "gecreëerd of heeft ontvangen en als eerste in een samenwerkingsketen heeft vastgelegd."
        ),
    )
    expand = serializers.CharField(
        required=False,
        help_text=(
            "Haal details van gelinkte resources direct op. Als je meerdere resources tegelijk wilt ophalen "
            "kun je deze scheiden met een komma. Voor het ophalen van resources die een laag dieper genest "
            "zijn wordt de punt-notatie gebruikt."
        ),
    )


# --- Gebruiksrechten, objectinformatieobjecten, verzendingen -------------------------------


class GebruiksrechtenSerializer(serializers.ModelSerializer):
    url = SelfURL("documenten:gebruiksrechten-detail")
    informatieobject = DocumentURL(source="document")

    class Meta:
        model = Gebruiksrechten
        fields = ["url", "informatieobject", "startdatum", "einddatum", "omschrijving_voorwaarden"]


class ObjectInformatieObjectSerializer(serializers.ModelSerializer):
    url = SelfURL("documenten:objectinformatieobject-detail")
    informatieobject = DocumentURL(source="document")
    object = URLField(
        max_length=1000,
        min_length=1,
        help_text=("URL-referentie naar het gerelateerde OBJECT (in deze of een andere API)."),
    )
    object_type = serializers.ChoiceField(
        choices=ObjectType.choices, help_text="Het type van het gerelateerde OBJECT."
    )

    class Meta:
        model = ObjectInformatieObject
        fields = ["url", "informatieobject", "object", "object_type"]


class BinnenlandsCorrespondentieadresVerzendingSerializer(serializers.Serializer):
    huisletter = serializers.CharField(max_length=1, required=False, allow_blank=True)
    huisnummer = serializers.IntegerField(min_value=1, max_value=99999)
    huisnummer_toevoeging = serializers.CharField(max_length=4, required=False, allow_blank=True)
    naam_openbare_ruimte = serializers.CharField(max_length=80)
    postcode = serializers.CharField(max_length=6, required=False, allow_blank=True)
    woonplaatsnaam = serializers.CharField(max_length=80)


class BuitenlandsCorrespondentieadresVerzendingSerializer(serializers.Serializer):
    adres_buitenland_1 = serializers.CharField(max_length=35)
    adres_buitenland_2 = serializers.CharField(max_length=35, required=False, allow_blank=True)
    adres_buitenland_3 = serializers.CharField(max_length=35, required=False, allow_blank=True)
    land_postadres = URLField(max_length=200)


class BuitenlandsCorrespondentiepostadresVerzendingSerializer(serializers.Serializer):
    post_bus_of_antwoordnummer = serializers.IntegerField(min_value=1, max_value=9999)
    postadres_postcode = serializers.CharField(max_length=6)
    postadres_type = serializers.ChoiceField(choices=PostadresType.choices)
    woonplaatsnaam = serializers.CharField(max_length=80)


class VerzendingSerializer(serializers.ModelSerializer):
    url = SelfURL("documenten:verzending-detail")
    informatieobject = DocumentURL(
        source="document",
        help_text=("URL-referentie naar het informatieobject dat is ontvangen of verzonden."),
    )
    betrokkene = URLField(
        max_length=200,
        help_text=(
            "URL-referentie naar de betrokkene waarvan het informatieobject is ontvangen of waaraan dit is "
            "verzonden."
        ),
    )
    aard_relatie = serializers.ChoiceField(
        choices=AardRelatie.choices,
        help_text=("Omschrijving van de aard van de relatie van de BETROKKENE tot het INFORMATIEOBJECT."),
    )
    contact_persoon = URLField(
        max_length=1000,
        help_text=(
            "URL-referentie naar de persoon die als aanspreekpunt fungeert voor de BETROKKENE inzake het "
            "ontvangen of verzonden INFORMATIEOBJECT."
        ),
    )
    binnenlands_correspondentieadres = BinnenlandsCorrespondentieadresVerzendingSerializer(
        required=False, allow_null=True
    )
    buitenlands_correspondentieadres = BuitenlandsCorrespondentieadresVerzendingSerializer(
        required=False, allow_null=True
    )
    correspondentie_postadres = BuitenlandsCorrespondentiepostadresVerzendingSerializer(
        required=False, allow_null=True
    )
    faxnummer = serializers.CharField(max_length=15, required=False, allow_null=True, allow_blank=True)
    emailadres = serializers.EmailField(max_length=100, required=False, allow_null=True, allow_blank=True)
    telefoonnummer = serializers.CharField(max_length=15, required=False, allow_null=True, allow_blank=True)

    class Meta:
        model = Verzending
        fields = [
            "url",
            "betrokkene",
            "informatieobject",
            "aard_relatie",
            "toelichting",
            "ontvangstdatum",
            "verzenddatum",
            "contact_persoon",
            "contactpersoonnaam",
            "binnenlands_correspondentieadres",
            "buitenlands_correspondentieadres",
            "correspondentie_postadres",
            "faxnummer",
            "emailadres",
            "mijn_overheid",
            "telefoonnummer",
        ]


class GebruiksrechtenEmbeddedSerializer(Embedded):
    informatieobject = EnkelvoudigInformatieObjectSerializer(required=False)


class DocumentEmbeddedSerializer(Embedded):
    informatieobject = EnkelvoudigInformatieObjectExpandedSerializer(required=False)


class GebruiksrechtenExpandedSerializer(GebruiksrechtenSerializer):
    _expand = GebruiksrechtenEmbeddedSerializer(required=False)

    class Meta(GebruiksrechtenSerializer.Meta):
        fields = [*GebruiksrechtenSerializer.Meta.fields, "_expand"]


class ObjectInformatieObjectExpandedSerializer(ObjectInformatieObjectSerializer):
    _expand = DocumentEmbeddedSerializer(required=False)

    class Meta(ObjectInformatieObjectSerializer.Meta):
        fields = [*ObjectInformatieObjectSerializer.Meta.fields, "_expand"]


class VerzendingExpandedSerializer(VerzendingSerializer):
    _expand = DocumentEmbeddedSerializer(required=False)

    class Meta(VerzendingSerializer.Meta):
        fields = [*VerzendingSerializer.Meta.fields, "_expand"]


class PatchedEnkelvoudigInformatieObjectWithLockSerializer(EnkelvoudigInformatieObjectWithLockSerializer):
    """The schema of a PATCH body: the 1.7 OAS leaves ``tonenAanInitiator`` out there (it is
    still accepted, as in PUT)."""

    class Meta(EnkelvoudigInformatieObjectWithLockSerializer.Meta):
        fields = [
            f for f in EnkelvoudigInformatieObjectWithLockSerializer.Meta.fields if f != "tonen_aan_initiator"
        ]
