"""Zaaknummers: a counter per bronorganisatie and year, and reserved numbers (zrc-002).

The counter is not tenant data: ``identificatie`` is unique per bronorganisatie across the
installation (the standard's rule), so the sequence must be shared by every organisation that
creates zaken for that bronorganisatie. It holds a number, nothing about any case.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.platform.tenancy import TenantModel


class ZaakNummerTeller(models.Model):
    bronorganisatie = models.CharField(max_length=9)
    jaar = models.PositiveSmallIntegerField()
    laatste = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("zaaknummerteller")
        constraints = [models.UniqueConstraint(fields=["bronorganisatie", "jaar"],
                                               name="zaaknummerteller_unique")]

    def __str__(self) -> str:
        return f"{self.bronorganisatie}/{self.jaar}: {self.laatste}"


class ReservedIdentificatie(TenantModel):
    """A zaaknummer handed out by ``zaaknummer_reserveren``; a zaak may claim it explicitly."""

    bronorganisatie = models.CharField(max_length=9)
    identificatie = models.CharField(max_length=40)
    gereserveerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gereserveerd zaaknummer")
        verbose_name_plural = _("gereserveerde zaaknummers")
        constraints = [models.UniqueConstraint(fields=["bronorganisatie", "identificatie"],
                                               name="reserved_identificatie_unique")]

    def __str__(self) -> str:
        return f"{self.bronorganisatie} - {self.identificatie}"
