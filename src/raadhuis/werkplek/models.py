"""The werkplek's own records: the work queue (a projection of the zaken), teams,
deadline rules per zaaktype, suspensions, messages and letter templates.

The werkplek reads and writes zaken only through ``raadhuis.zgw.*.services``. To keep
queues fast with a million zaken it keeps :class:`WorkItem`, one row per zaak with what a
queue shows and sorts on (deadline, assignee, team, status) and indexes made for those
queries. It is refreshed in the transaction of every werkplek action and, for changes made
elsewhere (API clients, processen), by a handler of the ``zaken`` events (ADR 0010).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel
from raadhuis.werkplek.termijnen import Dagsoort

open_only = Q(is_open=True)


class Team(TenantModel):
    """A group of employees that shares a queue (e.g. "Vergunningen", "Buitendienst Noord")."""

    naam = models.CharField(_("naam"), max_length=100)
    code = models.SlugField(
        _("code"), max_length=50, help_text=_("Vaste code, gebruikt door processen om zaken te routeren.")
    )
    leden = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="werkplek_teams", blank=True, verbose_name=_("leden")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["naam"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="team_unique_code")]

    def __str__(self) -> str:
        return self.naam


class Termijnregel(TenantModel):
    """How the deadline of a zaaktype is counted. Keyed on the zaaktype's identificatie, so
    every version of the zaaktype follows the same rule; without a rule: calendar days."""

    zaaktype_identificatie = models.CharField(_("zaaktype-identificatie"), max_length=50)
    dagsoort = models.CharField(
        _("soort dagen"),
        max_length=20,
        choices=[(d.value, d.value) for d in Dagsoort],
        default=Dagsoort.KALENDERDAGEN,
    )
    waarschuwen_dagen = models.PositiveSmallIntegerField(
        _("waarschuwen (dagen vooraf)"),
        default=5,
        help_text=_("Zoveel kalenderdagen voor de uiterste datum krijgt de zaak een waarschuwing."),
    )

    class Meta:
        verbose_name = _("termijnregel")
        verbose_name_plural = _("termijnregels")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "zaaktype_identificatie"], name="termijnregel_unique_zaaktype"
            )
        ]

    def __str__(self) -> str:
        return f"{self.zaaktype_identificatie}: {self.dagsoort}"


class WorkItem(TenantModel):
    """One zaak as the queues see it. Derived data: rebuilt from the zaak at any time."""

    zaak_uuid = models.UUIDField(_("zaak"), unique=True)
    identificatie = models.CharField(_("identificatie"), max_length=40)
    omschrijving = models.CharField(_("omschrijving"), max_length=80, blank=True)
    zaaktype_identificatie = models.CharField(_("zaaktype"), max_length=50)
    zaaktype_omschrijving = models.CharField(_("zaaktype-omschrijving"), max_length=80, blank=True)
    vertrouwelijkheid = models.PositiveSmallIntegerField(
        _("vertrouwelijkheid (rang)"), help_text=_("0 = openbaar … 7 = zeer geheim.")
    )
    status = models.CharField(_("status"), max_length=80, blank=True)
    registratiedatum = models.DateField(_("registratiedatum"))
    startdatum = models.DateField(_("startdatum"))
    uiterste_datum = models.DateField(_("uiterste datum"), null=True, blank=True)
    opgeschort = models.BooleanField(_("opgeschort"), default=False)
    is_open = models.BooleanField(_("open"), default=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("behandelaar"),
    )
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("team")
    )
    procestaak = models.CharField(_("openstaande procestaak"), max_length=200, blank=True)
    geescaleerd_op = models.DateField(_("termijnoverschrijding gemeld op"), null=True, blank=True)
    procesfout = models.BooleanField(_("automatische stap geparkeerd"), default=False)
    zoektekst = models.TextField(_("zoektekst"), blank=True)
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("werkvoorraadregel")
        verbose_name_plural = _("werkvoorraad")
        indexes = [
            # One index per way a queue is cut; all end on (uiterste_datum, id), the default
            # order, so the first page is an index range scan whatever the table size.
            models.Index(
                fields=["organisation", "uiterste_datum", "id"],
                condition=open_only,
                name="workitem_open_deadline_idx",
            ),
            models.Index(
                fields=["organisation", "team", "uiterste_datum", "id"],
                condition=open_only,
                name="workitem_team_idx",
            ),
            models.Index(
                fields=["behandelaar", "uiterste_datum", "id"],
                condition=open_only,
                name="workitem_behandelaar_idx",
            ),
            models.Index(
                fields=["organisation", "zaaktype_identificatie", "uiterste_datum", "id"],
                condition=open_only,
                name="workitem_zaaktype_idx",
            ),
            models.Index(
                fields=["organisation", "status", "uiterste_datum", "id"],
                condition=open_only,
                name="workitem_status_idx",
            ),
            models.Index(
                fields=["organisation", "registratiedatum", "id"],
                condition=open_only,
                name="workitem_registratie_idx",
            ),
            # "Pick up next": the unassigned open zaken of a team, most urgent first.
            models.Index(
                fields=["organisation", "team", "uiterste_datum", "id"],
                condition=open_only & Q(behandelaar__isnull=True),
                name="workitem_unassigned_idx",
            ),
            models.Index(fields=["organisation", "identificatie"], name="workitem_identificatie_idx"),
        ]

    def __str__(self) -> str:
        return self.identificatie


class Opschorting(TenantModel):
    """A suspension period of a zaak (Awb 4:15); ``tot`` empty while it runs."""

    zaak_uuid = models.UUIDField(_("zaak"), db_index=True)
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)
    reden = models.CharField(_("reden"), max_length=200)
    door = models.CharField(_("door"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("opschorting")
        verbose_name_plural = _("opschortingen")
        ordering = ["van", "id"]


class Bericht(TenantModel):
    """A message between the municipality and the resident about a zaak.

    The werkplek writes outgoing messages here and publishes ``werkplek.bericht`` (kanaal
    ``berichten``), so the portal and e-mail can deliver them after commit.
    """

    class Richting(models.TextChoices):
        UIT = "uit", _("aan inwoner")
        IN = "in", _("van inwoner")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak_uuid = models.UUIDField(_("zaak"), db_index=True)
    richting = models.CharField(_("richting"), max_length=3, choices=Richting.choices, default=Richting.UIT)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"), max_length=10_000)
    document_url = models.CharField(_("bijlage"), max_length=1000, blank=True)
    afzender = models.CharField(_("afzender"), max_length=255, blank=True)
    verzonden = models.DateTimeField(_("verzonden"), auto_now_add=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["verzonden", "id"]


class Briefsjabloon(TenantModel):
    """A letter template of a zaaktype: a Word file (docxtpl) or HTML that becomes a PDF."""

    class Soort(models.TextChoices):
        BESLUIT = "besluit", _("besluitbrief")
        BERICHT = "bericht", _("brief bij bericht")

    class Formaat(models.TextChoices):
        DOCX = "docx", _("Word (docx)")
        PDF = "pdf", _("PDF uit HTML")

    naam = models.CharField(_("naam"), max_length=100)
    zaaktype_identificatie = models.CharField(_("zaaktype-identificatie"), max_length=50)
    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices, default=Soort.BESLUIT)
    formaat = models.CharField(_("formaat"), max_length=4, choices=Formaat.choices)
    docx = models.BinaryField(_("Word-sjabloon"), blank=True, editable=True)
    html = models.TextField(
        _("HTML-sjabloon"),
        blank=True,
        help_text=_("Django-sjabloontaal; velden zoals {{ zaak.identificatie }}."),
    )
    informatieobjecttype = models.CharField(
        _("documenttype"),
        max_length=80,
        default="Besluit",
        help_text=_("Omschrijving van het informatieobjecttype waaronder de brief wordt opgeslagen."),
    )

    class Meta:
        verbose_name = _("briefsjabloon")
        verbose_name_plural = _("briefsjablonen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "zaaktype_identificatie", "soort", "formaat"],
                name="briefsjabloon_unique",
            )
        ]

    def __str__(self) -> str:
        return self.naam


class Documenttekst(TenantModel):
    """The text of one version of a zaak's document, extracted once for the search."""

    document_uuid = models.UUIDField(_("document"))
    versie = models.PositiveIntegerField(_("versie"))
    tekst = models.TextField(_("tekst"), blank=True)

    class Meta:
        verbose_name = _("documenttekst")
        verbose_name_plural = _("documentteksten")
        constraints = [
            models.UniqueConstraint(fields=["document_uuid", "versie"], name="documenttekst_unique_versie")
        ]
