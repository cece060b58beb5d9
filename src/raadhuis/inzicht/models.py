"""iNzicht's own records: areas (wijken, buurten), one fact row per zaak, the pre-aggregated
cells the dashboards read, figures of the other modules per month, and the queue of zaken
whose facts must be refreshed.

All of it is derived data (ADR 0023): ``raadhuis inzicht_rebuild`` makes it again from the
zaken. Dashboards never read the zaken themselves: they sum :class:`ZaakCel` rows, a few
thousand per municipality whatever the number of zaken.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel


class Gebied(TenantModel):
    """A wijk or buurt of the municipality (CBS wijk- en buurtkaart), to place zaken on the map."""

    class Soort(models.TextChoices):
        WIJK = "wijk", _("wijk")
        BUURT = "buurt", _("buurt")

    code = models.CharField(
        _("code"), max_length=20, help_text=_("CBS-code, bijvoorbeeld WK034401 of BU03440101.")
    )
    naam = models.CharField(_("naam"), max_length=100)
    soort = models.CharField(_("soort"), max_length=5, choices=Soort.choices)
    wijk_code = models.CharField(
        _("wijkcode"), max_length=20, blank=True, help_text=_("Bij een buurt: de wijk.")
    )
    geometrie = models.JSONField(_("geometrie (GeoJSON, WGS84)"))
    min_x = models.FloatField()
    min_y = models.FloatField()
    max_x = models.FloatField()
    max_y = models.FloatField()

    class Meta:
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        ordering = ["soort", "code"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="gebied_unique_code")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


class Kanaal(models.TextChoices):
    """How a zaak came in, from who registered it (the audit trail of its creation)."""

    PORTAAL = "portaal", _("Mijn gemeente (portaal)")
    CHAT = "chat", _("chatbot")
    API = "api", _("ander systeem (API)")
    BALIE = "balie", _("medewerker (balie, telefoon, post)")
    SYSTEEM = "systeem", _("automatisch (sensoren, processen)")
    ONBEKEND = "onbekend", _("onbekend")


DIGITAAL = (Kanaal.PORTAAL, Kanaal.CHAT, Kanaal.API)


class ZaakFeit(TenantModel):
    """The facts of one zaak that the KPIs need, and the drill-down lists show."""

    zaak_uuid = models.UUIDField(_("zaak"), unique=True)
    identificatie = models.CharField(_("identificatie"), max_length=40)
    omschrijving = models.CharField(_("omschrijving"), max_length=80, blank=True)
    zaaktype = models.CharField(_("zaaktype"), max_length=50)
    team = models.CharField(_("team"), max_length=50, blank=True)
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)
    wijk = models.CharField(_("wijk"), max_length=20, blank=True)
    buurt = models.CharField(_("buurt"), max_length=20, blank=True)
    categorie = models.CharField(_("categorie"), max_length=80, blank=True)
    vertrouwelijkheid = models.PositiveSmallIntegerField(_("vertrouwelijkheid (rang)"))
    registratiedatum = models.DateField(_("registratiedatum"))
    startdatum = models.DateField(_("startdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    uiterste_datum = models.DateField(_("uiterste datum"), null=True, blank=True)
    opgeschort = models.BooleanField(_("ooit opgeschort"), default=False)
    verlengd = models.BooleanField(_("verlengd"), default=False)
    heropend = models.PositiveSmallIntegerField(_("keren heropend"), default=0)
    geautomatiseerd = models.BooleanField(_("automatisch afgehandeld"), default=False)
    besluiten = models.PositiveSmallIntegerField(_("besluiten"), default=0)
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("zaakfeit")
        verbose_name_plural = _("zaakfeiten")
        indexes = [
            # Drill-down lists: one organisation, a month of registration or closing.
            models.Index(fields=["organisation", "registratiedatum", "id"], name="zaakfeit_registratie_idx"),
            models.Index(fields=["organisation", "einddatum", "id"], name="zaakfeit_eind_idx"),
            models.Index(
                fields=["organisation", "registratiedatum", "id"],
                condition=Q(einddatum__isnull=True),
                name="zaakfeit_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.identificatie

    @property
    def is_open(self) -> bool:
        return self.einddatum is None

    @property
    def doorlooptijd(self) -> int | None:
        return (self.einddatum - self.startdatum).days if self.einddatum else None

    @property
    def binnen_termijn(self) -> bool | None:
        if self.einddatum is None or self.uiterste_datum is None:
            return None
        return self.einddatum <= self.uiterste_datum


class ZaakCel(TenantModel):
    """Pre-aggregated zaak figures for one month, confidentiality rank and combination of the
    dimensions, where ``*`` means "all values" (ADR 0023): every grouping set of ``LATTICE``
    (none, each dimension, each pair, all) has its own cells, so a chart reads few of them.

    A zaak counts as ``geopend`` (and ``open`` while it is) in its registration month and as
    ``gesloten`` with its other measures in the month of its einddatum. Facts change by
    deltas: the old contribution of a zaak is subtracted, the new one added.
    ``doorlooptijden`` is a histogram {days: count} so medians and percentiles stay exact.
    """

    maand = models.DateField(_("maand"))
    zaaktype = models.CharField(_("zaaktype"), max_length=50)
    team = models.CharField(_("team"), max_length=50, blank=True)
    kanaal = models.CharField(_("kanaal"), max_length=10)
    wijk = models.CharField(_("wijk"), max_length=20, blank=True)
    categorie = models.CharField(_("categorie"), max_length=80, blank=True)
    vertrouwelijkheid = models.PositiveSmallIntegerField(_("vertrouwelijkheid (rang)"))
    niveau = models.PositiveSmallIntegerField(
        _("groepering"), default=31, help_text=_("Eén bit per dimensie die de cel uitsplitst (niet *).")
    )
    geopend = models.IntegerField(default=0)
    open = models.IntegerField(default=0)
    gesloten = models.IntegerField(default=0)
    met_termijn = models.IntegerField(default=0)
    binnen_termijn = models.IntegerField(default=0)
    opgeschort = models.IntegerField(default=0)
    verlengd = models.IntegerField(default=0)
    heropend = models.IntegerField(default=0)
    geautomatiseerd = models.IntegerField(default=0)
    besluiten = models.IntegerField(default=0)
    doorlooptijd_som = models.BigIntegerField(default=0)
    doorlooptijden = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("zaakcel")
        verbose_name_plural = _("zaakcellen")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "organisation",
                    "maand",
                    "zaaktype",
                    "team",
                    "kanaal",
                    "wijk",
                    "categorie",
                    "vertrouwelijkheid",
                ],
                name="zaakcel_unique_key",
            )
        ]
        # A chart reads one grouping set (niveau) of one organisation over a range of months.
        indexes = [models.Index(fields=["organisation", "niveau", "maand"], name="zaakcel_niveau_idx")]


class TeVerversen(TenantModel):
    """A zaak whose facts changed (an event arrived) and wait for the background refresh."""

    zaak_uuid = models.UUIDField(unique=True)
    sinds = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("te verversen zaak")
        verbose_name_plural = _("te verversen zaken")


class Kengetal(TenantModel):
    """A monthly figure from another module (klantcontact, Woo, wegen, sensoren): a ratio
    ``teller / noemer`` or a count (``noemer`` 1), per optional dimension."""

    bron = models.CharField(_("bron"), max_length=20)
    naam = models.CharField(_("kengetal"), max_length=40)
    maand = models.DateField(_("maand"))
    dimensie = models.CharField(_("dimensie"), max_length=80, blank=True)
    teller = models.FloatField(default=0)
    noemer = models.FloatField(default=0)
    berekend = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kengetal")
        verbose_name_plural = _("kengetallen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "bron", "naam", "maand", "dimensie"], name="kengetal_unique"
            )
        ]


class Rapportsjabloon(TenantModel):
    """What a municipality puts in its monthly report for the council: its own title, opening
    and closing words, which key figures in which order, and whether the charts are included.
    The layout stays the platform's (WeasyPrint, accessible tables beside every chart)."""

    titel = models.CharField(_("titel"), max_length=120, default="Maandrapportage")
    inleiding = models.TextField(
        _("inleiding"), blank=True, help_text=_("Boven de kerncijfers. Een lege regel begint een alinea.")
    )
    kengetallen = models.JSONField(
        _("kengetallen"),
        default=list,
        blank=True,
        help_text=_("Codes van de kerncijfers, in de volgorde van het rapport; leeg: alle."),
    )
    grafieken = models.BooleanField(_("grafieken opnemen"), default=True)
    afsluiting = models.TextField(_("afsluiting"), blank=True, help_text=_("Tekst onder de grafieken."))
    ondertekening = models.CharField(_("ondertekening"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("rapportsjabloon")
        verbose_name_plural = _("rapportsjablonen")
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="rapportsjabloon_per_organisatie")
        ]

    def __str__(self):
        return f"{self.titel} ({self.organisation})"

    def clean(self):
        from django.core.exceptions import ValidationError

        from raadhuis.inzicht.kpi import DEFINITIES

        unknown = [code for code in self.kengetallen or [] if code not in DEFINITIES]
        if unknown:
            raise ValidationError({"kengetallen": _("Onbekende kengetallen: %(codes)s") % {
                "codes": ", ".join(map(str, unknown))}})

    def kies(self, tegels: list) -> list:
        """The key figures of the report, in the chosen order (all, in the dashboard's, if none chosen)."""
        if not self.kengetallen:
            return tegels
        by_code = {t.definitie.code: t for t in tegels}
        return [by_code[code] for code in self.kengetallen if code in by_code]
