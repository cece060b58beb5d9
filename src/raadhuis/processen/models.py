"""Process definitions (BPMN 2.0 + DMN per zaaktype, versioned), running instances with
their persisted engine state, and the log of every step taken on a zaak."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel


class Procesdefinitie(TenantModel):
    """One version of the process of a zaaktype. A zaak runs the newest version that was in
    force on its registratiedatum, and keeps that version to its end (its instance carries a
    copy of the parsed specification), also when a newer version is loaded meanwhile."""

    zaaktype_identificatie = models.CharField(_("zaaktype-identificatie"), max_length=50)
    versie = models.PositiveIntegerField(_("versie"))
    naam = models.CharField(_("naam"), max_length=200)
    proces_id = models.CharField(_("BPMN-proces-id"), max_length=200)
    bpmn = models.TextField(_("BPMN 2.0 (XML)"))
    dmn = models.JSONField(_("DMN-beslistabellen (XML)"), default=list, blank=True)
    begin_geldigheid = models.DateField(_("geldig vanaf"), default=date.today)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("procesdefinitie")
        verbose_name_plural = _("procesdefinities")
        ordering = ["zaaktype_identificatie", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "zaaktype_identificatie", "versie"],
                name="procesdefinitie_unique_versie",
            )
        ]

    def __str__(self) -> str:
        return f"{self.naam} v{self.versie}"


class Procesinstantie(TenantModel):
    """The process of one zaak. ``toestand`` is SpiffWorkflow's serialised workflow: the
    instance survives restarts and is picked up by whichever worker runs its next step."""

    class Status(models.TextChoices):
        ACTIEF = "actief", _("automatische stap loopt")
        WACHT = "wacht", _("wacht op een medewerker")
        GEPARKEERD = "geparkeerd", _("automatische stap geparkeerd")
        AFGEROND = "afgerond", _("afgerond")
        OVERGENOMEN = "overgenomen", _("overgenomen door een medewerker")

    zaak_uuid = models.UUIDField(_("zaak"), unique=True)
    definitie = models.ForeignKey(Procesdefinitie, on_delete=models.PROTECT, related_name="instanties")
    toestand = models.TextField(_("toestand (SpiffWorkflow)"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIEF)
    fout = models.TextField(_("laatste fout"), blank=True)
    geparkeerde_taak = models.CharField(_("geparkeerde taak"), max_length=64, blank=True)
    gestart = models.DateTimeField(auto_now_add=True)
    bijgewerkt = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("procesinstantie")
        verbose_name_plural = _("procesinstanties")
        indexes = [models.Index(fields=["organisation", "status"], name="procesinstantie_status_idx")]


class Stap(TenantModel):
    """A step taken in a zaak's process, automatic or by a person: what rule decided, on which
    data, in which version. Shown on the case page (and to the resident on request)."""

    class Soort(models.TextChoices):
        SERVICE = "service", _("automatische taak")
        REGEL = "regel", _("beslisregel (DMN)")
        MEDEWERKER = "medewerker", _("taak van een medewerker")
        FOUT = "fout", _("geparkeerd na fouten")

    instantie = models.ForeignKey(Procesinstantie, on_delete=models.CASCADE, related_name="stappen")
    zaak_uuid = models.UUIDField(_("zaak"), db_index=True)
    taak_id = models.CharField(_("taak-id"), max_length=64)
    taak = models.CharField(_("taak"), max_length=200)
    soort = models.CharField(_("soort"), max_length=12, choices=Soort.choices)
    regel = models.CharField(_("regel"), max_length=500, blank=True)
    invoer = models.JSONField(_("gegevens"), default=dict, blank=True)
    uitkomst = models.JSONField(_("uitkomst"), default=dict, blank=True)
    versie = models.PositiveIntegerField(_("procesversie"))
    geautomatiseerd_besluit = models.BooleanField(_("geautomatiseerd besluit (art. 22 AVG)"), default=False)
    besluit_uuid = models.UUIDField(_("besluit"), null=True, blank=True)
    door = models.CharField(_("door"), max_length=255)
    tijdstip = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("processtap")
        verbose_name_plural = _("processtappen")
        ordering = ["tijdstip", "id"]
