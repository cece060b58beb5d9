from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak


class ZaakVerzoek(InZaak):
    """A verzoek (in the Verzoeken / Klantinteracties API) that led to or concerns a zaak."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakverzoeken")
    verzoek = models.CharField(_("verzoek"), max_length=1000, validators=[validate_http_url])

    class Meta:
        verbose_name = _("zaakverzoek")
        verbose_name_plural = _("zaakverzoeken")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["zaak", "verzoek"],
                                               name="zaakverzoek_unique_per_zaak")]
        indexes = [models.Index(fields=["verzoek"], name="zaakverzoek_verzoek_idx")]

    def __str__(self) -> str:
        return self.verzoek
