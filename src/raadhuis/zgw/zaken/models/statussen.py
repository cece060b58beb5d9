from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak


class Status(InZaak):
    """A status a zaak reached. ``indicatie_laatst_gezette_status`` is derived (the status
    with the latest datum_status_gezet of its zaak) and stored, so that lists can show and
    filter it without a query per row; the service keeps it right on every change."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="statussen")
    statustype = models.ForeignKey("catalogi.Statustype", on_delete=models.PROTECT, related_name="+")
    datum_status_gezet = models.DateTimeField(_("datum status gezet"))
    statustoelichting = models.CharField(_("statustoelichting"), max_length=1000, blank=True)
    indicatie_laatst_gezette_status = models.BooleanField(default=False, editable=False)
    # URL of the Rol (in this component) that set the status.
    gezetdoor = models.CharField(_("gezet door"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("status")
        verbose_name_plural = _("statussen")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["zaak", "datum_status_gezet"], name="status_unique_moment"),
        ]
        indexes = [models.Index(fields=["zaak", "indicatie_laatst_gezette_status"],
                                name="status_current_idx")]

    def __str__(self) -> str:
        return f"{self.statustype_id} @ {self.datum_status_gezet:%Y-%m-%d %H:%M}"
