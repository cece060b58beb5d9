"""Business rules of the Besluiten API 1.1 (brc-001, brc-007, brc-008), one function per rule.

Each raises a DRF ``ValidationError`` with the code clients see in ``invalidParams`` (the
codes of the reference implementation). They take plain values, so every door of the
component (API, admin, other components through ``services``) applies the same rules.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from rest_framework.exceptions import ErrorDetail, ValidationError

NON_FIELD = "non_field_errors"


def fail(field: str, message: str, code: str) -> None:
    raise ValidationError({field: [ErrorDetail(message, code=code)]})


def check_besluittype_published(besluittype) -> None:
    """brc-001: a besluit is of a published besluittype (its existence: the URL field)."""
    if besluittype.concept:
        fail("besluittype", "Het besluittype is nog niet gepubliceerd (concept).", "not-published")


def check_unchanged(instance, attrs: dict, fields) -> None:
    """brc-001, brc-002 (and brc-006 in the API): these fields keep their first value."""
    for name in fields:
        if name in attrs and attrs[name] != getattr(instance, name):
            fail(name, "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")


def check_datum(datum: date) -> None:
    """The beslisdatum lies in the past or today (OAS: "datum in het verleden of nu")."""
    if datum > timezone.localdate():
        fail("datum", "De datum mag niet in de toekomst liggen.", "future_not_allowed")


def check_besluittype_of_zaak(besluittype, zaak) -> None:
    """brc-007: the besluittype is one of the zaak's zaaktype.besluittypen. The zaaktype
    names them by omschrijving within its catalogus (the 1.3 history model), so every
    version of a named besluittype qualifies."""
    if zaak is None:
        return
    zaaktype = zaak.zaaktype
    if (besluittype.catalogus_id != zaaktype.catalogus_id
            or besluittype.omschrijving not in zaaktype.besluittype_omschrijving):
        fail(NON_FIELD, "Het besluittype hoort niet bij het zaaktype van de zaak.", "zaaktype-mismatch")


def check_informatieobjecttype(besluittype, document) -> None:
    """brc-008: the document's informatieobjecttype is one of besluittype.informatieobjecttypen,
    named by omschrijving within the besluittype's catalogus (any version qualifies)."""
    iot = document.informatieobjecttype
    if (iot is None or iot.catalogus_id != besluittype.catalogus_id
            or iot.omschrijving not in besluittype.informatieobjecttype_omschrijvingen):
        fail(NON_FIELD, "Het informatieobjecttype van het informatieobject hoort niet bij het "
             "besluittype van het besluit.", "missing-besluittype-informatieobjecttype-relation")


def check_unique_informatieobject(besluit, url: str) -> None:
    if besluit.informatieobjecten.filter(informatieobject=url).exists():
        fail(NON_FIELD, "Dit informatieobject is al aan het besluit gekoppeld.", "unique")
