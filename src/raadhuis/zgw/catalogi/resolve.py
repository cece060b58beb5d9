"""Reading the version-independent references of the 1.3 history model.

A zaaktype names its besluittypen by omschrijving, its deelzaaktypen by identificatie, a
zaaktype-informatieobjecttype its informatieobjecttype by omschrijving. On reading, each
name becomes the URLs of the versions that are *published and valid on the day* (today, or
the ``datumGeldigheid`` of the request) in the same catalogus — the rule of the standard's
"De url's die moeten worden teruggegeven".

One :class:`Resolver` serves one request: per catalogus it loads the valid published types
once (a handful of queries), so a page of any size costs the same.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from raadhuis.zgw.catalogi.models import (
    Besluittype,
    Informatieobjecttype,
    Resultaattype,
    Zaaktype,
    ZaaktypeInformatieobjecttype,
    geldig_op,
)


class Catalog:
    """The published, valid types of one catalogus on one day, by name."""

    def __init__(self, catalogus_id: int, day: date):
        valid = geldig_op(day)
        self.zaaktypen = list(
            Zaaktype.objects.filter(valid, catalogus_id=catalogus_id, concept=False)
            .prefetch_related(
                Prefetch("zaaktypeinformatieobjecttypen", queryset=ZaaktypeInformatieobjecttype.objects.only(
                    "zaaktype_id", "informatieobjecttype")),
                Prefetch("resultaattypen", queryset=Resultaattype.objects.order_by("pk")))
            .order_by("identificatie", "pk"))
        self.besluittypen = list(Besluittype.objects.filter(valid, catalogus_id=catalogus_id, concept=False)
                                 .order_by("omschrijving", "pk"))
        self.informatieobjecttypen = list(
            Informatieobjecttype.objects.filter(valid, catalogus_id=catalogus_id, concept=False)
            .order_by("omschrijving", "pk"))
        self.zaaktype_by_identificatie = _index(self.zaaktypen, "identificatie")
        self.besluittype_by_omschrijving = _index(self.besluittypen, "omschrijving")
        self.iot_by_omschrijving = _index(self.informatieobjecttypen, "omschrijving")
        self._all_iots = None
        self._catalogus_id = catalogus_id

    def latest_iot(self, omschrijving: str) -> Informatieobjecttype | None:
        """Any version, newest first: for a zaaktype-informatieobjecttype of a concept, whose
        informatieobjecttype may not be published yet."""
        if self._all_iots is None:
            self._all_iots = {}
            for iot in Informatieobjecttype.objects.filter(catalogus_id=self._catalogus_id).order_by(
                    "begin_geldigheid", "pk"):
                self._all_iots[iot.omschrijving] = iot
        return self._all_iots.get(omschrijving)


def _index(records, attribute: str) -> dict[str, list]:
    found = defaultdict(list)
    for record in records:
        found[getattr(record, attribute)].append(record)
    return found


class Resolver:
    def __init__(self, day: date | None = None):
        self.day = day or timezone.localdate()
        self._catalogs: dict[int, Catalog] = {}

    def catalog(self, catalogus_id: int) -> Catalog:
        if catalogus_id not in self._catalogs:
            self._catalogs[catalogus_id] = Catalog(catalogus_id, self.day)
        return self._catalogs[catalogus_id]

    # --- names → valid published versions ---------------------------------------------

    def besluittypen(self, catalogus_id: int, names) -> list[Besluittype]:
        index = self.catalog(catalogus_id).besluittype_by_omschrijving
        return [b for name in names for b in index.get(name, [])]

    def informatieobjecttypen(self, catalogus_id: int, names) -> list[Informatieobjecttype]:
        index = self.catalog(catalogus_id).iot_by_omschrijving
        return [i for name in names for i in index.get(name, [])]

    def zaaktypen(self, catalogus_id: int, identificaties) -> list[Zaaktype]:
        index = self.catalog(catalogus_id).zaaktype_by_identificatie
        return [z for name in identificaties for z in index.get(name, [])]

    def informatieobjecttype_of(self, ziot: ZaaktypeInformatieobjecttype) -> Informatieobjecttype | None:
        catalog = self.catalog(ziot.zaaktype.catalogus_id)
        valid = catalog.iot_by_omschrijving.get(ziot.informatieobjecttype)
        return valid[0] if valid else catalog.latest_iot(ziot.informatieobjecttype)

    # --- the other direction: who names this type ----------------------------------------

    def zaaktypen_with_besluittype(self, besluittype: Besluittype) -> list[Zaaktype]:
        return [z for z in self.catalog(besluittype.catalogus_id).zaaktypen
                if besluittype.omschrijving in z.besluittype_omschrijving]

    def resultaattypen_with_besluittype(self, besluittype: Besluittype) -> list[Resultaattype]:
        return [r for z in self.catalog(besluittype.catalogus_id).zaaktypen for r in z.resultaattypen.all()
                if besluittype.omschrijving in r.besluittype_omschrijving]

    def zaaktypen_with_iot(self, iot: Informatieobjecttype) -> list[Zaaktype]:
        return [z for z in self.catalog(iot.catalogus_id).zaaktypen if any(
            x.informatieobjecttype == iot.omschrijving for x in z.zaaktypeinformatieobjecttypen.all())]

    def besluittypen_with_iot(self, iot: Informatieobjecttype) -> list[Besluittype]:
        return [b for b in self.catalog(iot.catalogus_id).besluittypen
                if iot.omschrijving in b.informatieobjecttype_omschrijvingen]
