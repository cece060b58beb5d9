"""The number of zaken per organisation, zaaktype and vertrouwelijkheidaanduiding (ADR 0021)."""

from __future__ import annotations

from django.db import models

from raadhuis.platform.counts import CountTable


class ZaakCount(CountTable):
    """Exactly the zaken of each (organisation, zaaktype, level): the keys of a client's
    visibility (zrc-006), so an unfiltered list sums a few rows instead of counting zaken.
    Kept by the services (create, delete, change of level) and by generate-data; a zaak's
    organisation and zaaktype never change."""

    counted = "zaken.Zaak"
    dimensions = ("organisation", "zaaktype", "vertrouwelijkheidaanduiding")

    zaaktype = models.ForeignKey("catalogi.Zaaktype", on_delete=models.CASCADE, related_name="+")
    vertrouwelijkheidaanduiding = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "zaaktype", "vertrouwelijkheidaanduiding"],
                                    name="zaakcount_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.zaaktype_id}/{self.vertrouwelijkheidaanduiding}: {self.n}"
