from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from raadhuis.zgw.common.validators import validate_http_url
from raadhuis.zgw.zaken.constants_subresources import AardRelatieInformatieobject
from raadhuis.zgw.zaken.models.statussen import Status
from raadhuis.zgw.zaken.models.zaken import InZaak, Zaak


class ZaakInformatieObject(InZaak):
    """A document (in the Documenten API) that belongs to a zaak.

    ``informatieobject`` is the document's URL: the Documenten component is not part of
    Raadhuis yet, so it cannot be a foreign key (see docs/modules/zaken.md, "Documents").
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    zaak = models.ForeignKey(Zaak, on_delete=models.CASCADE, related_name="zaakinformatieobjecten")
    informatieobject = models.CharField(_("informatieobject"), max_length=1000,
                                        validators=[validate_http_url])
    # zrc-004: set by the system; for a zaak the RGBZ relation is always "hoort bij".
    aard_relatie = models.CharField(_("aard relatie"), max_length=20, editable=False,
                                    choices=AardRelatieInformatieobject.choices,
                                    default=AardRelatieInformatieobject.HOORT_BIJ)
    titel = models.CharField(_("titel"), max_length=200, blank=True)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    registratiedatum = models.DateTimeField(_("registratiedatum"), auto_now_add=True)
    vernietigingsdatum = models.DateTimeField(_("vernietigingsdatum"), null=True, blank=True)
    status = models.ForeignKey(Status, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="zaakinformatieobjecten",
                               verbose_name=_("status"))

    class Meta:
        verbose_name = _("zaakinformatieobject")
        verbose_name_plural = _("zaakinformatieobjecten")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["zaak", "informatieobject"], name="zio_unique_per_zaak"),
        ]
        # "Which zaken hold this document?" (the Documenten API asks it for every document).
        indexes = [models.Index(fields=["informatieobject"], name="zio_informatieobject_idx")]

    def __str__(self) -> str:
        return self.titel or self.informatieobject
