from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak


class ZaakBesluit(InZaak):
    """A besluit (in the Besluiten API) taken in a zaak. The Besluiten component keeps it in
    step with its besluiten through ``services.link_besluit``/``unlink_besluit``; clients
    only read it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakbesluiten")
    besluit = models.CharField(_("besluit"), max_length=1000, validators=[validate_http_url])

    class Meta:
        verbose_name = _("zaakbesluit")
        verbose_name_plural = _("zaakbesluiten")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["zaak", "besluit"],
                                               name="zaakbesluit_unique_per_zaak")]

    def __str__(self) -> str:
        return self.besluit
