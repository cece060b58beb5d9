from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak


class Resultaat(InZaak):
    """The outcome of a zaak: at most one per zaak. Its resultaattype rules the archiving."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.OneToOneField(Zaak, on_delete=models.CASCADE, related_name="resultaat")
    resultaattype = models.ForeignKey("catalogi.Resultaattype", on_delete=models.PROTECT, related_name="+")
    toelichting = models.CharField(_("toelichting"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.resultaattype_id} ({self.zaak_id})"
