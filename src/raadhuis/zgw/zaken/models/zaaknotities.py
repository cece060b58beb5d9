from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.zaken.constants_subresources import NotitieStatus, NotitieType
from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak


class ZaakNotitie(InZaak):
    """A note on a zaak (new and experimental in Zaken API 1.7). ``zaak`` is the API's
    ``gerelateerdAan``. Only a concept note may be changed; a definitief one is final."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="notities",
                             verbose_name=_("gerelateerd aan"))
    onderwerp = models.CharField(_("onderwerp"), max_length=255)
    tekst = models.TextField(_("tekst"))
    aangemaakt_door = models.CharField(_("aangemaakt door"), max_length=255, blank=True)
    # Intern: employees only; extern: also the initiator. Unstated means intern, the safe side.
    notitie_type = models.CharField(_("notitietype"), max_length=6, choices=NotitieType.choices,
                                    default=NotitieType.INTERN)
    status = models.CharField(_("status"), max_length=10, choices=NotitieStatus.choices,
                              default=NotitieStatus.CONCEPT)
    aanmaakdatum = models.DateTimeField(_("aanmaakdatum"), auto_now_add=True)
    wijzigingsdatum = models.DateTimeField(_("wijzigingsdatum"), auto_now=True)

    class Meta:
        verbose_name = _("zaaknotitie")
        verbose_name_plural = _("zaaknotities")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.onderwerp
