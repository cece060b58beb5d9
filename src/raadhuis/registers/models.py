"""The local base registries: persons (BRP) and addresses (BAG) of one municipality.

Tenancy: a municipality keeps the BRP of the people registered in it (its *gemeente van
inschrijving*) and the BAG of its own territory (it is the BAG *bronhouder*). So every
record here belongs to one organisation, and a municipality's employees and API clients see
only their own register. Relations (parents, children, partners) link persons inside one
register; a relative registered elsewhere is kept as the data the BRP itself copies onto the
person (name, birth date, BSN), never as a link into another municipality's register.
"""

from __future__ import annotations

import unicodedata

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel
from raadhuis.platform.validators import validate_bsn

bag_id_validator = RegexValidator(r"^\d{16}$", _("Een BAG-identificatie bestaat uit 16 cijfers."))
woonplaats_id_validator = RegexValidator(r"^\d{4}$", _("Een woonplaatscode bestaat uit 4 cijfers."))
postcode_validator = RegexValidator(r"^[1-9]\d{3}[A-Z]{2}$",
                                    _("Een postcode is 4 cijfers en 2 hoofdletters."))
gemeentecode_validator = RegexValidator(r"^\d{4}$", _("Een gemeentecode bestaat uit 4 cijfers."))


# --- BAG ----------------------------------------------------------------------------------


class Woonplaats(TenantModel):
    identificatie = models.CharField(max_length=4, validators=[woonplaats_id_validator])
    naam = models.CharField(max_length=80)

    class Meta:
        verbose_name = _("woonplaats")
        verbose_name_plural = _("woonplaatsen")
        constraints = [models.UniqueConstraint(fields=["organisation", "identificatie"],
                                               name="registers_woonplaats_unique_id")]

    def __str__(self) -> str:
        return self.naam


class OpenbareRuimte(TenantModel):
    identificatie = models.CharField(max_length=16, validators=[bag_id_validator])
    naam = models.CharField(max_length=80)
    korte_naam = models.CharField(max_length=24, help_text=_("De naam, zo nodig verkort tot 24 tekens."))
    type = models.CharField(max_length=40, default="Weg")
    woonplaats = models.ForeignKey(Woonplaats, on_delete=models.PROTECT, related_name="openbare_ruimten")

    class Meta:
        verbose_name = _("openbare ruimte")
        verbose_name_plural = _("openbare ruimten")
        constraints = [models.UniqueConstraint(fields=["organisation", "identificatie"],
                                               name="registers_openbareruimte_unique_id")]

    def __str__(self) -> str:
        return self.naam


class Verblijfsobject(TenantModel):
    """An addressable object with its point, in RD New (EPSG:28992) and WGS84 (EPSG:4326)."""

    identificatie = models.CharField(max_length=16, validators=[bag_id_validator])
    gebruiksdoel = models.CharField(max_length=40, default="woonfunctie")
    oppervlakte = models.PositiveIntegerField(null=True, blank=True)
    rd_x = models.FloatField(_("RD x"))
    rd_y = models.FloatField(_("RD y"))
    latitude = models.FloatField(_("breedtegraad (WGS84)"))
    longitude = models.FloatField(_("lengtegraad (WGS84)"))

    class Meta:
        verbose_name = _("verblijfsobject")
        verbose_name_plural = _("verblijfsobjecten")
        constraints = [models.UniqueConstraint(fields=["organisation", "identificatie"],
                                               name="registers_verblijfsobject_unique_id")]

    def __str__(self) -> str:
        return self.identificatie


class Nummeraanduiding(TenantModel):
    identificatie = models.CharField(max_length=16, validators=[bag_id_validator])
    huisnummer = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(99999)])
    huisletter = models.CharField(max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(max_length=4, blank=True)
    postcode = models.CharField(max_length=6, validators=[postcode_validator])
    openbare_ruimte = models.ForeignKey(OpenbareRuimte, on_delete=models.PROTECT,
                                        related_name="nummeraanduidingen")
    adresseerbaar_object = models.ForeignKey(Verblijfsobject, on_delete=models.PROTECT,
                                             related_name="nummeraanduidingen")

    class Meta:
        verbose_name = _("nummeraanduiding")
        verbose_name_plural = _("nummeraanduidingen")
        constraints = [models.UniqueConstraint(fields=["organisation", "identificatie"],
                                               name="registers_nummeraanduiding_unique_id")]
        # Person searches reach addresses through a join that carries no organisation filter:
        # the index must lead with the postcode.
        indexes = [models.Index(fields=["postcode", "huisnummer"], name="registers_na_postcode_huisnr")]

    def __str__(self) -> str:
        return f"{self.openbare_ruimte.naam} {self.huisnummer}{self.huisletter}{self.huisnummertoevoeging}"


# --- BRP ----------------------------------------------------------------------------------


def search_form(text: str) -> str:
    """Names as the BRP searches them: case- and diacritic-insensitive ("Müller" = "muller")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


class Geslacht(models.TextChoices):
    MAN = "M", _("man")
    VROUW = "V", _("vrouw")
    ONBEKEND = "O", _("onbekend")


class Naamgebruik(models.TextChoices):
    EIGEN = "E", _("eigen geslachtsnaam")
    PARTNER = "P", _("geslachtsnaam echtgenoot/geregistreerd partner")
    PARTNER_EIGEN = "V", _("geslachtsnaam echtgenoot/geregistreerd partner na eigen geslachtsnaam")
    EIGEN_PARTNER = "N", _("eigen geslachtsnaam gevolgd door geslachtsnaam partner")


class AdellijkeTitelPredicaat(models.TextChoices):
    """The national table 'Adellijke titel/predicaat' (subset in use)."""

    GEEN = "", _("geen")
    BARON = "B", _("baron")
    BARONES = "BS", _("barones")
    GRAAF = "G", _("graaf")
    GRAVIN = "GI", _("gravin")
    JONKHEER = "JH", _("jonkheer")
    JONKVROUW = "JV", _("jonkvrouw")
    RIDDER = "R", _("ridder")


PREDICATEN = {AdellijkeTitelPredicaat.JONKHEER, AdellijkeTitelPredicaat.JONKVROUW}


class Persoon(TenantModel):
    """A person registered (ingeschreven) in the municipality's BRP."""

    burgerservicenummer = models.CharField(max_length=9, validators=[validate_bsn])
    a_nummer = models.CharField(max_length=10, blank=True)
    voornamen = models.CharField(max_length=200, blank=True)
    adellijke_titel_predicaat = models.CharField(max_length=2, blank=True,
                                                 choices=AdellijkeTitelPredicaat.choices)
    voorvoegsel = models.CharField(max_length=10, blank=True)
    geslachtsnaam = models.CharField(max_length=200)
    aanduiding_naamgebruik = models.CharField(max_length=1, choices=Naamgebruik.choices,
                                              default=Naamgebruik.EIGEN)
    geslacht = models.CharField(max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    geboortedatum = models.DateField(null=True, blank=True)
    geboorteplaats = models.CharField(max_length=80, blank=True)
    geboorteplaats_code = models.CharField(max_length=4, blank=True)
    geboorteland = models.CharField(max_length=80, default="Nederland")
    geboorteland_code = models.CharField(max_length=4, default="6030")
    overlijdensdatum = models.DateField(null=True, blank=True)
    overlijdensplaats = models.CharField(max_length=80, blank=True)
    overlijdensplaats_code = models.CharField(max_length=4, blank=True)
    nationaliteiten = models.JSONField(
        default=list, blank=True,
        help_text=_('Lijst van {"code": "0001", "omschrijving": "Nederlandse"}.'))
    verblijfplaats = models.ForeignKey(Nummeraanduiding, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="bewoners")
    datum_aanvang_adreshouding = models.DateField(null=True, blank=True)
    gemeente_van_inschrijving = models.CharField(max_length=4, validators=[gemeentecode_validator])
    gemeente_van_inschrijving_naam = models.CharField(max_length=80)
    datum_inschrijving_in_gemeente = models.DateField(null=True, blank=True)
    indicatie_geheim = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(7)],
        help_text=_("0 = geen beperking; 1-7 = geen verstrekking aan derden (geheimhouding)."))
    indicatie_curatele_register = models.BooleanField(default=False)
    # The names in search form (see search_form), kept by save() and the bulk loaders.
    zoek_geslachtsnaam = models.CharField(max_length=200, editable=False, default="")
    zoek_voornamen = models.CharField(max_length=200, editable=False, default="")

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        constraints = [models.UniqueConstraint(fields=["organisation", "burgerservicenummer"],
                                               name="registers_persoon_unique_bsn")]
        indexes = [
            models.Index(fields=["organisation", "geboortedatum"], name="registers_persoon_geboorte"),
            models.Index(fields=["organisation", "gemeente_van_inschrijving"],
                         name="registers_persoon_gemeente"),
            # Name searches: equality or a range (prefix wildcard) on the search form.
            models.Index(fields=["zoek_geslachtsnaam", "geboortedatum"], name="registers_persoon_zoeknaam"),
        ]

    def __str__(self) -> str:
        return f"{self.burgerservicenummer} {self.voornamen} {self.voorvoegsel} {self.geslachtsnaam}".replace(
            "  ", " ")

    def save(self, *args, **kwargs):
        self.fill_search_fields()
        super().save(*args, **kwargs)

    def fill_search_fields(self) -> None:
        self.zoek_geslachtsnaam = search_form(self.geslachtsnaam)
        self.zoek_voornamen = search_form(self.voornamen)

    @property
    def is_overleden(self) -> bool:
        return self.overlijdensdatum is not None


class Ouderschap(TenantModel):
    """Parent 1 or 2 of a person (BRP categories 02 and 03), both persons in this register."""

    kind = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="ouderschappen")
    ouder = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="kindschappen")
    ouder_aanduiding = models.CharField(max_length=1, choices=[("1", "1"), ("2", "2")])
    datum_ingang_familierechtelijke_betrekking = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("ouderschap")
        verbose_name_plural = _("ouderschappen")
        constraints = [models.UniqueConstraint(fields=["kind", "ouder_aanduiding"],
                                               name="registers_ouderschap_unique_aanduiding")]


class SoortVerbintenis(models.TextChoices):
    HUWELIJK = "H", _("huwelijk")
    PARTNERSCHAP = "P", _("geregistreerd partnerschap")


class Partnerschap(TenantModel):
    """A marriage or registered partnership between two persons in this register."""

    persoon_1 = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="partnerschappen_1")
    persoon_2 = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="partnerschappen_2")
    soort_verbintenis = models.CharField(max_length=1, choices=SoortVerbintenis.choices,
                                         default=SoortVerbintenis.HUWELIJK)
    datum_aangaan = models.DateField(null=True, blank=True)
    plaats_aangaan = models.CharField(max_length=80, blank=True)
    plaats_aangaan_code = models.CharField(max_length=4, blank=True)
    land_aangaan = models.CharField(max_length=80, default="Nederland")
    land_aangaan_code = models.CharField(max_length=4, default="6030")
    datum_ontbinding = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("partnerschap")
        verbose_name_plural = _("partnerschappen")
