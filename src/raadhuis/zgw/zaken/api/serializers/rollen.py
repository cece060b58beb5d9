"""The Rol resource: one shape per ``betrokkeneType`` (the standard's discriminator), each with
its ``betrokkeneIdentificatie``. The identificatie serializers are also the zaakobjecten's
for persons, establishments, departments and employees."""

from __future__ import annotations

from collections import defaultdict

from django.core.validators import RegexValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from raadhuis.platform.validators import validate_bsn
from raadhuis.zgw.catalogi.models import Roltype
from raadhuis.zgw.common.polymorphism import DiscriminatedSerializer
from raadhuis.zgw.zaken.api.fields import CatalogiField, Gegevensgroep, HttpURLField, LocalResourceField
from raadhuis.zgw.zaken.api.serializers import register, register_expanded
from raadhuis.zgw.zaken.api.serializers.subresources import (
    BlankChoiceField,
    Group,
    ResourceURL,
    text,
    with_expand,
    without_empty,
)
from raadhuis.zgw.zaken.constants_subresources import (
    BetrokkeneType,
    Geslachtsaanduiding,
    IndicatieMachtiging,
    InnRechtsvorm,
    RolOmschrijving,
)
from raadhuis.zgw.zaken.models import Rol, Status, Zaak
from raadhuis.zgw.zaken.refs import builder_for


def optional_group(group: type[Group], **kwargs) -> Group:
    return group(required=False, allow_null=True, default=None, **kwargs)


class VerblijfsAdres(Group):
    aoa_identificatie = serializers.CharField(max_length=100,
                                              help_text="De unieke identificatie van het OBJECT")
    wpl_woonplaats_naam = serializers.CharField(max_length=80)
    gor_openbare_ruimte_naam = serializers.CharField(max_length=80, help_text=(
        "Een door het bevoegde gemeentelijke orgaan aan een OPENBARE RUIMTE toegekende benaming"))
    aoa_postcode = text(7)
    aoa_huisnummer = serializers.IntegerField(min_value=0, max_value=99999)
    aoa_huisletter = text(1)
    aoa_huisnummertoevoeging = text(4)
    inp_locatiebeschrijving = text(1000)


class SubVerblijfBuitenland(Group):
    lnd_landcode = serializers.CharField(max_length=4, help_text=(
        "De code, behorende bij de landnaam, zoals opgenomen in de Land/Gebied-tabel van de BRP."))
    lnd_landnaam = serializers.CharField(max_length=40, help_text=(
        "De naam van het land, zoals opgenomen in de Land/Gebied-tabel van de BRP."))
    sub_adres_buitenland_1 = text(35)
    sub_adres_buitenland_2 = text(35)
    sub_adres_buitenland_3 = text(35)


class RolNatuurlijkPersoon(Group):
    inp_bsn = text(9, validators=[validate_bsn], help_text=(
        "Het burgerservicenummer, bedoeld in artikel 1.1 van de Wet algemene bepalingen "
        "burgerservicenummer."))
    anp_identificatie = text(17, help_text=(
        "Het door de gemeente uitgegeven unieke nummer voor een ANDER NATUURLIJK PERSOON"))
    inp_a_nummer = text(10, validators=[RegexValidator(r"^[1-9][0-9]{9}$", "Een A-nummer is 10 cijfers.")],
                        help_text="Het administratienummer van de persoon, bedoeld in de Wet BRP")
    geslachtsnaam = text(200, help_text="De stam van de geslachtsnaam.")
    voorvoegsel_geslachtsnaam = text(80)
    voorletters = text(20, help_text=(
        "De verzameling letters die gevormd wordt door de eerste letter van alle in volgorde "
        "voorkomende voornamen."))
    voornamen = text(200, help_text="Voornamen bij de naam die de persoon wenst te voeren.")
    geslachtsaanduiding = BlankChoiceField(Geslachtsaanduiding.choices)
    geboortedatum = text(18)
    verblijfsadres = optional_group(VerblijfsAdres)
    sub_verblijf_buitenland = optional_group(SubVerblijfBuitenland)


class RolNietNatuurlijkPersoon(Group):
    inn_nnp_id = text(9, help_text=(
        "Het door een kamer toegekend uniek nummer voor de INGESCHREVEN NIET-NATUURLIJK PERSOON"))
    ann_identificatie = text(17, help_text=(
        "Het door de gemeente uitgegeven unieke nummer voor een ANDER NIET-NATUURLIJK PERSOON"))
    statutaire_naam = text(500)
    inn_rechtsvorm = BlankChoiceField(InnRechtsvorm.choices, help_text=(
        "De juridische vorm van de NIET-NATUURLIJK PERSOON."))
    bezoekadres = text(1000, help_text="De gegevens over het adres van de NIET-NATUURLIJK PERSOON")
    sub_verblijf_buitenland = optional_group(SubVerblijfBuitenland)


class RolVestiging(Group):
    vestigings_nummer = text(24, help_text="Een korte unieke aanduiding van de Vestiging.")
    handelsnaam = serializers.ListField(child=serializers.CharField(max_length=625), required=False,
                                        default=list,
                                        help_text="De naam van de vestiging waaronder gehandeld wordt.")
    verblijfsadres = optional_group(VerblijfsAdres)
    sub_verblijf_buitenland = optional_group(SubVerblijfBuitenland)
    kvk_nummer = text(8, help_text="Een uniek nummer gekoppeld aan de onderneming.")


class RolOrganisatorischeEenheid(Group):
    identificatie = text(24, help_text="Een korte identificatie van de organisatorische eenheid.")
    naam = text(50, help_text="De feitelijke naam van de organisatorische eenheid.")
    is_gehuisvest_in = text(24)


class RolMedewerker(Group):
    identificatie = text(254, help_text="Een unieke aanduiding van de MEDEWERKER.")
    achternaam = text(200, help_text=(
        "De achternaam zoals de MEDEWERKER die in het dagelijkse verkeer gebruikt."))
    voorletters = text(20, help_text=(
        "De verzameling letters die gevormd wordt door de eerste letter van alle in volgorde "
        "voorkomende voornamen."))
    voorvoegsel_achternaam = text(10)


IDENTIFICATIE = {
    BetrokkeneType.NATUURLIJK_PERSOON: RolNatuurlijkPersoon,
    BetrokkeneType.NIET_NATUURLIJK_PERSOON: RolNietNatuurlijkPersoon,
    BetrokkeneType.VESTIGING: RolVestiging,
    BetrokkeneType.ORGANISATORISCHE_EENHEID: RolOrganisatorischeEenheid,
    BetrokkeneType.MEDEWERKER: RolMedewerker,
}


class ContactPersoonRol(Gegevensgroep):
    """contactpersoonRol, kept in the rol's ``contactpersoon_rol_*`` columns."""

    prefix = "contactpersoon_rol_"
    empty_values = {"emailadres": "", "functie": "", "telefoonnummer": "", "naam": ""}
    emailadres = serializers.EmailField(max_length=254, required=False, allow_blank=True, default="",
                                        help_text=("Elektronich postadres waaronder de contactpersoon "
                                                   "in de regel bereikbaar is."))
    functie = text(50)
    telefoonnummer = text(20)
    naam = serializers.CharField(max_length=40,
                                 help_text="De opgemaakte naam van de contactpersoon namens de BETROKKENE.")


class RolListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        rollen = list(data.all() if hasattr(data, "all") else data)
        load_statussen(self.context, rollen)
        return super().to_representation(rollen)


def load_statussen(context: dict, rollen: list[Rol]) -> None:
    """The statussen each rol set (``Status.gezetdoor`` is the rol's URL): one query for all."""
    found = context.setdefault("_rol_statussen", {})
    missing = [rol for rol in rollen if rol.uuid not in found]
    if not missing:
        return
    wanted = {str(rol.uuid) for rol in missing}
    by_rol = defaultdict(list)
    rows = Status.objects.filter(zaak_id__in={rol.zaak_id for rol in missing}).exclude(gezetdoor="")
    for gezetdoor, status_uuid in rows.order_by("pk").values_list("gezetdoor", "uuid"):
        rol_uuid = gezetdoor.rstrip("/").rsplit("/", 1)[-1].lower()
        if rol_uuid in wanted:
            by_rol[rol_uuid].append(status_uuid)
    for rol in missing:
        found[rol.uuid] = by_rol.get(str(rol.uuid), [])


class RolBaseSerializer(serializers.ModelSerializer):
    url = ResourceURL("rol")
    zaak = LocalResourceField("zaak-detail", Zaak.objects, help_text="URL-referentie naar de ZAAK.")
    betrokkene = HttpURLField(required=False, allow_blank=True,
                              help_text="URL-referentie naar een betrokkene gerelateerd aan de ZAAK.")
    betrokkene_type = serializers.ChoiceField(choices=BetrokkeneType.choices,
                                              help_text="Type van de `betrokkene`.")
    roltype = CatalogiField("roltypen", Roltype,
                            help_text="URL-referentie naar een roltype binnen het ZAAKTYPE van de ZAAK.")
    omschrijving_generiek = serializers.ChoiceField(
        choices=RolOmschrijving.choices, read_only=True,
        help_text="Algemeen gehanteerde benaming van de aard van de ROL, afgeleid uit het ROLTYPE.")
    roltoelichting = serializers.CharField(max_length=1000, allow_blank=True)
    indicatie_machtiging = BlankChoiceField(IndicatieMachtiging.choices)
    contactpersoon_rol = ContactPersoonRol(help_text=(
        "De gegevens van de persoon die anderen desgevraagd in contact brengt met medewerkers van de "
        "BETROKKENE, een NIET-NATUURLIJK PERSOON of VESTIGING zijnde, of met BETROKKENE zelf, een "
        "NATUURLIJK PERSOON zijnde , vanuit het belang van BETROKKENE in haar ROL bij een ZAAK."))
    statussen = serializers.SerializerMethodField(help_text=(
        "De BETROKKENE die in zijn/haar ROL in een ZAAK heeft geregistreerd dat STATUSsen in die "
        "ZAAK bereikt zijn."))

    class Meta:
        model = Rol
        fields = ["url", "uuid", "zaak", "betrokkene", "betrokkene_type", "afwijkende_naam_betrokkene",
                  "roltype", "omschrijving", "omschrijving_generiek", "roltoelichting", "registratiedatum",
                  "indicatie_machtiging", "contactpersoon_rol", "statussen", "betrokkene_identificatie"]
        read_only_fields = ["uuid", "omschrijving", "registratiedatum"]
        extra_kwargs = {"omschrijving": {"help_text": (
            "Omschrijving van de aard van de ROL, afgeleid uit het ROLTYPE.")}}

    @extend_schema_field({"type": "array", "readOnly": True, "uniqueItems": True,
                          "items": {"type": "string", "format": "uri", "minLength": 1, "maxLength": 1000}})
    def get_statussen(self, rol) -> list[str]:
        load_statussen(self.context, [rol])
        urls = builder_for(self.context)
        uuids = self.context["_rol_statussen"][rol.uuid]
        return [urls.resource("zaken:status-detail", uuid) for uuid in uuids]

    def to_representation(self, instance):
        return without_empty(super().to_representation(instance), ("betrokkene_identificatie",))


def _variant(betrokkene_type: str) -> type[RolBaseSerializer]:
    group = IDENTIFICATIE[betrokkene_type]
    name = group.__name__.removeprefix("Rol")
    return type(f"Rol{name}Serializer", (RolBaseSerializer,), {
        "__module__": __name__,
        "betrokkene_identificatie": group(required=False),
    })


class RolSerializer(DiscriminatedSerializer):
    """A rol: the ``betrokkeneType`` decides the shape of ``betrokkeneIdentificatie``."""

    discriminator = "betrokkene_type"
    variants = {value: _variant(value) for value in BetrokkeneType.values}

    class Meta:
        list_serializer_class = RolListSerializer


class RolExpandedSerializer(DiscriminatedSerializer):
    """A rol as reads show it (``RolExpanded``): with ``_expand`` when asked for."""

    discriminator = "betrokkene_type"
    variants = {value: with_expand(_variant(value), "rol") for value in BetrokkeneType.values}

    class Meta:
        list_serializer_class = RolListSerializer


register(Rol, RolSerializer)
register_expanded("rol", RolExpandedSerializer)
