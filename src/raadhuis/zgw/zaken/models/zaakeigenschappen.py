from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak


class ZaakEigenschap(InZaak):
    """The value of one eigenschap (defined by the zaaktype) for one zaak."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakeigenschappen")
    eigenschap = models.ForeignKey("catalogi.Eigenschap", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("eigenschap"))
    # The eigenschap's name, copied on save: the API shows it, and zrc-021 (afleidingswijze
    # "eigenschap") looks values up by name.
    naam = models.CharField(_("naam"), max_length=20, editable=False)
    waarde = models.TextField(_("waarde"))

    class Meta:
        verbose_name = _("zaakeigenschap")
        verbose_name_plural = _("zaakeigenschappen")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.naam}: {self.waarde[:40]}"

    def save(self, *args, **kwargs):
        self.naam = self.eigenschap.naam
        super().save(*args, **kwargs)
