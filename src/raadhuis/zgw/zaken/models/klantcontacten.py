from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak


class KlantContact(InZaak):
    """A contact with a customer about a zaak (deprecated in the standard in favour of the
    Contactmomenten API; kept because clients still use it)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="klantcontacten")
    identificatie = models.CharField(_("identificatie"), max_length=14)
    datumtijd = models.DateTimeField(_("datumtijd"))
    kanaal = models.CharField(_("kanaal"), max_length=20, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=200, blank=True)
    toelichting = models.CharField(_("toelichting"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("klantcontact")
        verbose_name_plural = _("klantcontacten")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.identificatie} ({self.datumtijd:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if not self.identificatie:
            # "Indien geen identificatie gegeven is, dan wordt deze automatisch gegenereerd."
            self.identificatie = f"KC{uuid.uuid4().hex[:12].upper()}"
        super().save(*args, **kwargs)
