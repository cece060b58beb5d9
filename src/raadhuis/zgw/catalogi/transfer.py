"""A catalogus as one JSON document, to move it between installations or organisations.

Types refer to each other by name (identificatie, omschrijving) as in the API, and to the
statustypen of their zaaktype by volgnummer, so a document imports anywhere: records get new
uuids, and everything is saved through ``services`` (rules, audit, notifications).
"""

from __future__ import annotations

import datetime

from django.db import models, transaction

from raadhuis.zgw.catalogi import services
from raadhuis.zgw.catalogi.models import (
    Besluittype,
    Catalogus,
    Eigenschap,
    Informatieobjecttype,
    Resultaattype,
    Roltype,
    Statustype,
    Zaakobjecttype,
    Zaaktype,
    ZaaktypeInformatieobjecttype,
)

FORMAT = "raadhuis-catalogus/1"
SKIPPED = {"id", "uuid", "organisation", "catalogus", "zaaktype", "zaakobjecttype", "concept"}
UNDER_ZAAKTYPE = [("statustypen", Statustype), ("roltypen", Roltype), ("eigenschappen", Eigenschap),
                  ("resultaattypen", Resultaattype), ("zaakobjecttypen", Zaakobjecttype),
                  ("zaaktypeinformatieobjecttypen", ZaaktypeInformatieobjecttype)]
DATE_FIELDS = {f.name for m in (Catalogus, Zaaktype, Informatieobjecttype, Besluittype, Statustype)
               for f in m._meta.get_fields() if isinstance(f, models.DateField)}


def _values(record) -> dict:
    values = {}
    for field in record._meta.concrete_fields:
        if field.name in SKIPPED:
            continue
        value = getattr(record, field.attname if not field.is_relation else field.name)
        if field.is_relation:  # a statustype of the same zaaktype, by volgnummer
            value = value.volgnummer if value is not None else None
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        values[field.name] = value
    return values


def export(catalogus: Catalogus) -> dict:
    return {
        "format": FORMAT,
        "catalogus": _values(catalogus),
        "informatieobjecttypen": [_versioned(r) for r in catalogus.informatieobjecttype_set.order_by("pk")],
        "besluittypen": [_versioned(r) for r in catalogus.besluittype_set.order_by("pk")],
        "zaaktypen": [_zaaktype(z) for z in catalogus.zaaktype_set.order_by("pk")],
    }


def _versioned(record) -> dict:
    return {**_values(record), "concept": record.concept}


def _zaaktype(zaaktype: Zaaktype) -> dict:
    data = _versioned(zaaktype)
    data["gerelateerde_zaaktypen"] = [_values(r) for r in zaaktype.gerelateerde_zaaktypen.order_by("pk")]
    for name, _model in UNDER_ZAAKTYPE:
        data[name] = [_values(r) for r in getattr(zaaktype, name).order_by("pk")]
    return data


@transaction.atomic
def import_(document: dict, organisation) -> Catalogus:
    if document.get("format") != FORMAT:
        raise ValueError(f"Geen catalogus-export ({FORMAT}).")
    attrs = {**_dates(document["catalogus"]), "rsin": organisation.rsin}
    catalogus = services.save(Catalogus, None, attrs, organisation=organisation)
    for model, key in ((Informatieobjecttype, "informatieobjecttypen"), (Besluittype, "besluittypen")):
        for data in document.get(key, []):
            record = services.save(model, None, {**_dates(data, "concept"), "catalogus": catalogus})
            _publish_unless_concept(record, data)
    for data in document.get("zaaktypen", []):
        _import_zaaktype(catalogus, data)
    return catalogus


def _import_zaaktype(catalogus, data: dict) -> None:
    nested = {name: data.get(name, []) for name, _model in UNDER_ZAAKTYPE}
    attrs = _dates(data, "concept", "gerelateerde_zaaktypen", *nested)
    attrs["gerelateerde_zaaktypen"] = [
        {k: v for k, v in r.items() if k != "id"} for r in data.get("gerelateerde_zaaktypen", [])]
    zaaktype = services.save(Zaaktype, None, {**attrs, "catalogus": catalogus})
    statustypen = {}
    for name, model in UNDER_ZAAKTYPE:
        for values in nested[name]:
            values = _dates(values)
            if "statustype" in values:
                values["statustype"] = statustypen.get(values["statustype"])
            record = services.save(model, None, {**values, "zaaktype": zaaktype})
            if model is Statustype:
                statustypen[record.volgnummer] = record
    _publish_unless_concept(zaaktype, data)


def _publish_unless_concept(record, data: dict) -> None:
    if data.get("concept") is False:
        services.publish(record)


def _dates(values: dict, *skip) -> dict:
    return {k: (datetime.date.fromisoformat(v) if k in DATE_FIELDS and isinstance(v, str) else v)
            for k, v in values.items() if k not in skip}
