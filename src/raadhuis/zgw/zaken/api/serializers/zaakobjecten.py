"""The ZaakObject resource: one shape per ``objectType`` (the standard's discriminator), each
with the ``objectIdentificatie`` the OAS defines for it (stored as JSON, see the model).

For the person-like types (natuurlijk_persoon, …, medewerker) the OAS names the property
``betrokkeneIdentificatie`` and reuses the Rol shapes; besluit, enkelvoudig_document and
status have none (they are always an ``object`` URL)."""

from __future__ import annotations

from rest_framework import serializers

from raadhuis.zgw.catalogi.models import Zaakobjecttype
from raadhuis.zgw.zaken.api.fields import CatalogiField, HttpURLField, LocalResourceField
from raadhuis.zgw.zaken.api.serializers import register, register_expanded
from raadhuis.zgw.zaken.api.serializers.rollen import (
    RolMedewerker,
    RolNatuurlijkPersoon,
    RolNietNatuurlijkPersoon,
    RolOrganisatorischeEenheid,
    RolVestiging,
)
from raadhuis.zgw.zaken.api.serializers.subresources import (
    Group,
    InstanceDiscriminatedSerializer,
    ResourceURL,
    text,
    with_expand,
    without_empty,
)
from raadhuis.zgw.zaken.constants_subresources import (
    InrichtingselementType,
    KunstwerkdeelType,
    ObjectType,
    SpoorbaandeelType,
    TypeWaterdeel,
)
from raadhuis.zgw.zaken.models import Zaak, ZaakObject


def required(max_length: int, **kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, **kwargs)


IDENTIFICATIE_HELP = "De unieke identificatie van het OBJECT"
OPENBARE_RUIMTE_HELP = ("Een door het bevoegde gemeentelijke orgaan aan een OPENBARE RUIMTE toegekende "
                        "benaming")


class ObjectAdres(Group):
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    wpl_woonplaats_naam = required(80)
    gor_openbare_ruimte_naam = required(80, help_text=OPENBARE_RUIMTE_HELP)
    huisnummer = serializers.IntegerField(min_value=0, max_value=99999)
    huisletter = text(1)
    huisnummertoevoeging = text(4)
    postcode = text(7)


class ObjectBuurt(Group):
    buurt_code = required(2, help_text="De code behorende bij de naam van de buurt")
    buurt_naam = required(40, help_text="De naam van de buurt, zoals die door het CBS wordt gebruikt.")
    gem_gemeente_code = required(4)
    wyk_wijk_code = required(2, help_text="De code behorende bij de naam van de wijk")


class ObjectGemeente(Group):
    gemeente_naam = required(80, help_text="De officiële door de gemeente vastgestelde gemeentenaam.")
    gemeente_code = required(4)


class ObjectGemeentelijkeOpenbareRuimte(Group):
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    openbare_ruimte_naam = required(80, help_text=OPENBARE_RUIMTE_HELP)


class TerreinGebouwdObjectAdres(Group):
    num_identificatie = text(100)
    # Misspelt in the standard (deprecated); one of the two identificaties is required.
    oao_identificatie = text(100, help_text="Verouderd: gebruik `aoaIdentificatie`.")
    aoa_identificatie = text(100, help_text=IDENTIFICATIE_HELP)
    wpl_woonplaats_naam = required(80)
    gor_openbare_ruimte_naam = required(80, help_text=OPENBARE_RUIMTE_HELP)
    aoa_postcode = text(7)
    aoa_huisnummer = serializers.IntegerField(min_value=0, max_value=99999)
    aoa_huisletter = text(1)
    aoa_huisnummertoevoeging = text(4)
    ogo_locatie_aanduiding = text(100)

    def validate(self, attrs):
        if not attrs.get("aoa_identificatie") and not attrs.get("oao_identificatie"):
            raise serializers.ValidationError({"aoa_identificatie": [serializers.ErrorDetail(
                "Dit veld is vereist.", code="required")]})
        return attrs


class ObjectTerreinGebouwdObject(Group):
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    adres_aanduiding_grp = TerreinGebouwdObjectAdres(required=False, allow_null=True, default=None)


class ObjectHuishouden(Group):
    nummer = required(12, help_text=(
        "Uniek identificerend administratienummer van een huishouden zoals toegekend door de "
        "gemeente waarin het huishouden woonachtig is."))
    is_gehuisvest_in = ObjectTerreinGebouwdObject(required=False, allow_null=True, default=None)


class ObjectInrichtingselement(Group):
    type = serializers.ChoiceField(choices=InrichtingselementType.choices,
                                   help_text="Specificatie van de aard van het inrichtingselement.")
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    naam = text(500, help_text="De benaming van het OBJECT")


class ObjectKadastraleOnroerendeZaak(Group):
    kadastrale_identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    kadastrale_aanduiding = required(1000, help_text=(
        "De typering van de kadastrale aanduiding van een onroerende zaak conform Kadaster"))


class ObjectKunstwerkdeel(Group):
    type = serializers.ChoiceField(choices=KunstwerkdeelType.choices, help_text=(
        "Specificatie van het soort Kunstwerk waartoe het kunstwerkdeel behoort."))
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    naam = required(80)


class ObjectMaatschappelijkeActiviteit(Group):
    kvk_nummer = required(8, help_text=(
        "Landelijk uniek identificerend administratienummer van een MAATSCHAPPELIJKE ACTIVITEIT "
        "zoals toegewezen door de Kamer van Koophandel (KvK)."))
    handelsnaam = required(200, help_text="De naam waaronder de onderneming handelt.")


class ObjectOpenbareRuimte(Group):
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    wpl_woonplaats_naam = required(80)
    gor_openbare_ruimte_naam = required(80, help_text=OPENBARE_RUIMTE_HELP)


class ObjectOverige(Group):
    # Free-form data of an "overige" object, kept exactly as sent (no camelCase conversion).
    overige_data = serializers.DictField()


class ObjectPand(Group):
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)


class ObjectSpoorbaandeel(Group):
    type = serializers.ChoiceField(choices=SpoorbaandeelType.choices,
                                   help_text="Specificatie van het soort Spoorbaan")
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    naam = text(500, help_text="De benaming van het OBJECT")


class ObjectTerreindeel(Group):
    type = required(40)
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    naam = text(500, help_text="De benaming van het OBJECT")


class ObjectWaterdeel(Group):
    type_waterdeel = serializers.ChoiceField(choices=TypeWaterdeel.choices,
                                             help_text="Specificatie van het soort water")
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    naam = text(500, help_text="De benaming van het OBJECT")


class ObjectWegdeel(Group):
    type = required(100)
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    naam = text(500, help_text="De benaming van het OBJECT")


class ObjectWijk(Group):
    wijk_code = required(2, help_text="De code behorende bij de naam van de wijk.")
    wijk_naam = required(40, help_text="De naam van de wijk, zoals die door het CBS wordt gebruikt.")
    gem_gemeente_code = required(4)


class ObjectWoonplaats(Group):
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    woonplaats_naam = required(80, help_text=(
        "De door het bevoegde gemeentelijke orgaan aan een WOONPLAATS toegekende benaming."))


class WozObjectAdres(Group):
    aoa_identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    wpl_woonplaats_naam = required(80)
    gor_openbare_ruimte_naam = required(80, help_text=OPENBARE_RUIMTE_HELP)
    aoa_postcode = text(7)
    aoa_huisnummer = serializers.IntegerField(min_value=0, max_value=99999)
    aoa_huisletter = text(1)
    aoa_huisnummertoevoeging = text(4)
    locatie_omschrijving = text(1000)


class ObjectWozObject(Group):
    woz_object_nummer = required(100, help_text=IDENTIFICATIE_HELP)
    aanduiding_woz_object = WozObjectAdres(required=False, allow_null=True, default=None)


class ObjectWozDeelobject(Group):
    nummer_woz_deel_object = required(6, help_text=(
        "Uniek identificatienummer voor het deelobject binnen een WOZ-object."))
    is_onderdeel_van = ObjectWozObject(required=False)


class ObjectWozWaarde(Group):
    waardepeildatum = required(9, help_text="De datum waarnaar de waarde van het WOZ-object wordt bepaald.")
    is_voor = ObjectWozObject(required=False)


class ZakelijkRechtHeeftAlsGerechtigde(Group):
    natuurlijk_persoon = RolNatuurlijkPersoon(required=False)
    niet_natuurlijk_persoon = RolNietNatuurlijkPersoon(required=False)


class ObjectZakelijkRecht(Group):
    identificatie = required(100, help_text=IDENTIFICATIE_HELP)
    avg_aard = required(1000, help_text="aanduiding voor de aard van het recht")
    heeft_betrekking_op = ObjectKadastraleOnroerendeZaak(required=False)
    heeft_als_gerechtigde = ZakelijkRechtHeeftAlsGerechtigde(required=False)


OBJECT_IDENTIFICATIE = {
    ObjectType.ADRES: ObjectAdres,
    ObjectType.BUURT: ObjectBuurt,
    ObjectType.GEMEENTE: ObjectGemeente,
    ObjectType.GEMEENTELIJKE_OPENBARE_RUIMTE: ObjectGemeentelijkeOpenbareRuimte,
    ObjectType.HUISHOUDEN: ObjectHuishouden,
    ObjectType.INRICHTINGSELEMENT: ObjectInrichtingselement,
    ObjectType.KADASTRALE_ONROERENDE_ZAAK: ObjectKadastraleOnroerendeZaak,
    ObjectType.KUNSTWERKDEEL: ObjectKunstwerkdeel,
    ObjectType.MAATSCHAPPELIJKE_ACTIVITEIT: ObjectMaatschappelijkeActiviteit,
    ObjectType.OPENBARE_RUIMTE: ObjectOpenbareRuimte,
    ObjectType.OVERIGE: ObjectOverige,
    ObjectType.PAND: ObjectPand,
    ObjectType.SPOORBAANDEEL: ObjectSpoorbaandeel,
    ObjectType.TERREIN_GEBOUWD_OBJECT: ObjectTerreinGebouwdObject,
    ObjectType.TERREINDEEL: ObjectTerreindeel,
    ObjectType.WATERDEEL: ObjectWaterdeel,
    ObjectType.WEGDEEL: ObjectWegdeel,
    ObjectType.WIJK: ObjectWijk,
    ObjectType.WOONPLAATS: ObjectWoonplaats,
    ObjectType.WOZ_DEELOBJECT: ObjectWozDeelobject,
    ObjectType.WOZ_OBJECT: ObjectWozObject,
    ObjectType.WOZ_WAARDE: ObjectWozWaarde,
    ObjectType.ZAKELIJK_RECHT: ObjectZakelijkRecht,
}
# The OAS gives these types the Rol shapes under the name betrokkeneIdentificatie.
BETROKKENE_IDENTIFICATIE = {
    ObjectType.MEDEWERKER: RolMedewerker,
    ObjectType.NATUURLIJK_PERSOON: RolNatuurlijkPersoon,
    ObjectType.NIET_NATUURLIJK_PERSOON: RolNietNatuurlijkPersoon,
    ObjectType.ORGANISATORISCHE_EENHEID: RolOrganisatorischeEenheid,
    ObjectType.VESTIGING: RolVestiging,
}


class ObjectTypeOverigeDefinitie(Group):
    url = HttpURLField(help_text=(
        "URL-referentie naar de objecttype resource in een API. Deze resource moet de "
        "JSON-schema-definitie van het objecttype bevatten."))
    schema = required(100, help_text="Een geldige jq expressie, bijvoorbeeld `.jsonSchema`.")
    object_data = required(100, help_text="Een geldige jq expressie, bijvoorbeeld `.record.data`.")


class ZaakObjectBaseSerializer(serializers.ModelSerializer):
    url = ResourceURL("zaakobject")
    zaak = LocalResourceField("zaak-detail", Zaak.objects, help_text="URL-referentie naar de ZAAK.")
    object = HttpURLField(required=False, allow_blank=True,
                          help_text="URL-referentie naar de resource die het OBJECT beschrijft.")
    zaakobjecttype = CatalogiField("zaakobjecttypen", Zaakobjecttype, required=False, help_text=(
        "URL-referentie naar het ZAAKOBJECTTYPE (in de Catalogi API)."))
    object_type = serializers.ChoiceField(choices=ObjectType.choices, help_text=(
        "Beschrijft het type OBJECT gerelateerd aan de ZAAK. Als er geen passend type is, dan moet "
        "het type worden opgegeven onder `objectTypeOverige`."))
    object_type_overige = serializers.RegexField(
        r"[a-z\_]+", max_length=100, required=False, allow_blank=True,
        help_text='Beschrijft het type OBJECT als `objectType` de waarde "overige" heeft.')
    object_type_overige_definitie = ObjectTypeOverigeDefinitie(required=False, allow_null=True, help_text=(
        'Verwijzing naar het schema van het type OBJECT als `objectType` de waarde "overige" heeft.'))
    relatieomschrijving = serializers.CharField(
        max_length=80, required=False, allow_blank=True,
        help_text="Omschrijving van de betrekking tussen de ZAAK en het OBJECT.")

    class Meta:
        model = ZaakObject
        fields = ["url", "uuid", "zaak", "object", "zaakobjecttype", "object_type", "object_type_overige",
                  "object_type_overige_definitie", "relatieomschrijving"]
        read_only_fields = ["uuid"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        return without_empty(data, ("object_identificatie", "betrokkene_identificatie", "zaakobjecttype"))


def _variant(object_type: str) -> type[ZaakObjectBaseSerializer]:
    attributes = {"__module__": __name__}
    fields = list(ZaakObjectBaseSerializer.Meta.fields)
    if object_type in OBJECT_IDENTIFICATIE:
        attributes["object_identificatie"] = OBJECT_IDENTIFICATIE[object_type](required=False)
        fields.append("object_identificatie")
    elif object_type in BETROKKENE_IDENTIFICATIE:
        attributes["betrokkene_identificatie"] = BETROKKENE_IDENTIFICATIE[object_type](
            required=False, source="object_identificatie")
        fields.append("betrokkene_identificatie")
    attributes["Meta"] = type("Meta", (ZaakObjectBaseSerializer.Meta,), {"fields": fields})
    name = "".join(part.capitalize() for part in object_type.split("_"))
    return type(f"ZaakObject{name}Serializer", (ZaakObjectBaseSerializer,), attributes)


class ZaakObjectSerializer(InstanceDiscriminatedSerializer):
    """A zaakobject: the ``objectType`` decides the shape of its identificatie."""

    discriminator = "object_type"
    variants = {value: _variant(value) for value in ObjectType.values}


class ZaakObjectExpandedSerializer(InstanceDiscriminatedSerializer):
    """A zaakobject as reads show it (``ZaakObjectExpanded``): with ``_expand`` when asked for."""

    discriminator = "object_type"
    variants = {value: with_expand(_variant(value), "zaakobject") for value in ObjectType.values}


register(ZaakObject, ZaakObjectSerializer)
register_expanded("zaakobject", ZaakObjectExpandedSerializer)
