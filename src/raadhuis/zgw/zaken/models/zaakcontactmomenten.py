from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak


class ZaakContactMoment(InZaak):
    """A contactmoment (in the Contactmomenten / Klantinteracties API) about a zaak."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakcontactmomenten")
    contactmoment = models.CharField(_("contactmoment"), max_length=1000, validators=[validate_http_url])

    class Meta:
        verbose_name = _("zaakcontactmoment")
        verbose_name_plural = _("zaakcontactmomenten")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["zaak", "contactmoment"], name="zcm_unique_per_zaak")]
        indexes = [models.Index(fields=["contactmoment"], name="zcm_contactmoment_idx")]

    def __str__(self) -> str:
        return self.contactmoment
