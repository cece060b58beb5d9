"""Besluiten and their documents, after the Besluiten API 1.1 (RGBZ BESLUIT)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel
from raadhuis.platform.validators import validate_rsin
from raadhuis.zgw.common.validators import validate_http_url


class VervalReden(models.TextChoices):
    TIJDELIJK = "tijdelijk", _("Besluit met tijdelijke werking")
    INGETROKKEN_OVERHEID = "ingetrokken_overheid", _("Besluit ingetrokken door overheid")
    INGETROKKEN_BELANGHEBBENDE = "ingetrokken_belanghebbende", _("Besluit ingetrokken o.v.v. belanghebbende")


class AardRelatie(models.TextChoices):
    # brc-004: the RGBZ relation of a document to a besluit is always "legt vast".
    LEGT_VAST = "legt_vast", _("Legt vast")


class Besluit(TenantModel):
    """A decision. It belongs to the organisation of its zaak, or of the client that made it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identificatie = models.CharField(_("identificatie"), max_length=50)
    verantwoordelijke_organisatie = models.CharField(
        _("verantwoordelijke organisatie"), max_length=9, validators=[validate_rsin])
    besluittype = models.ForeignKey("catalogi.Besluittype", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("besluittype"))
    # PROTECT: a zaak with besluiten is not destroyed behind the Besluiten component's back.
    zaak = models.ForeignKey("zaken.Zaak", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("zaak"))
    datum = models.DateField(_("datum"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    bestuursorgaan = models.CharField(_("bestuursorgaan"), max_length=50, blank=True)
    ingangsdatum = models.DateField(_("ingangsdatum"))
    vervaldatum = models.DateField(_("vervaldatum"), null=True, blank=True)
    vervalreden = models.CharField(_("vervalreden"), max_length=30, blank=True, choices=VervalReden.choices)
    publicatiedatum = models.DateField(_("publicatiedatum"), null=True, blank=True)
    verzenddatum = models.DateField(_("verzenddatum"), null=True, blank=True)
    uiterlijke_reactiedatum = models.DateField(_("uiterlijke reactiedatum"), null=True, blank=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [
            # brc-002, across the installation: an RSIN names one organisation everywhere.
            models.UniqueConstraint(fields=["verantwoordelijke_organisatie", "identificatie"],
                                    name="besluit_unique_identificatie"),
        ]
        indexes = [
            # The list filters within the tenant filter.
            models.Index(fields=["organisation", "besluittype"], name="besluit_besluittype_idx"),
            models.Index(fields=["organisation", "identificatie"], name="besluit_identificatie_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.verantwoordelijke_organisatie} - {self.identificatie}"


class BesluitInformatieObject(TenantModel):
    """A document (in the Documenten API) that records (part of) a besluit."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    besluit = models.ForeignKey(Besluit, on_delete=models.CASCADE, related_name="informatieobjecten")
    informatieobject = models.CharField(_("informatieobject"), max_length=1000,
                                        validators=[validate_http_url])
    aard_relatie = models.CharField(_("aard relatie"), max_length=20, choices=AardRelatie.choices,
                                    default=AardRelatie.LEGT_VAST, editable=False)
    registratiedatum = models.DateTimeField(_("registratiedatum"), auto_now_add=True)

    class Meta:
        verbose_name = _("besluitinformatieobject")
        verbose_name_plural = _("besluitinformatieobjecten")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["besluit", "informatieobject"],
                                    name="bio_unique_informatieobject"),
        ]

    def __str__(self) -> str:
        return f"{self.besluit} - {self.informatieobject}"

    def save(self, *args, **kwargs):
        # The besluit's organisation, so that the tenant filter needs no join.
        self.organisation_id = self.besluit.organisation_id
        super().save(*args, **kwargs)


class BesluitNummerTeller(models.Model):
    """The last generated identificatie per verantwoordelijke organisatie and year (brc-002).

    Not tenant data, like the zaaknummer counter: identificatie is unique per RSIN across
    the installation, so every organisation deciding for that RSIN shares the sequence.
    """

    verantwoordelijke_organisatie = models.CharField(max_length=9)
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("besluitnummerteller")
        constraints = [models.UniqueConstraint(fields=["verantwoordelijke_organisatie", "jaar"],
                                               name="besluitnummerteller_unique")]

    def __str__(self) -> str:
        return f"{self.verantwoordelijke_organisatie}/{self.jaar}: {self.laatste}"
