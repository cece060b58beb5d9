"""Business rules of the Zaken API 1.7 (zrc-001 … zrc-022), one function per rule.

Each raises a DRF ``ValidationError`` with the code clients see in ``invalidParams`` (the
codes Open Zaak uses). They take plain values, so the API and the domain modules (through
``services``) apply the same rules.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from rest_framework.exceptions import ErrorDetail, ValidationError

from raadhuis.zgw.zaken.constants import Archiefstatus, Betalingsindicatie
from raadhuis.zgw.zaken.models import ReservedIdentificatie, Zaak

NON_FIELD = "non_field_errors"
LEEWAY = timedelta(seconds=5)  # clocks of client and server differ a little


def fail(field: str, message: str, code: str) -> None:
    raise ValidationError({field: [ErrorDetail(message, code=code)]})


def check_immutable(instance, attrs: dict, fields: tuple[str, ...]) -> None:
    """Values that identify a zaak (identificatie, zaaktype) are fixed once it exists."""
    if instance is None:
        return
    for name in fields:
        if name in attrs and attrs[name] != getattr(instance, name):
            fail(name, "Dit veld mag niet gewijzigd worden.", "wijzigen-niet-toegelaten")


def check_zaaktype(zaaktype) -> None:
    """zrc-001: the zaaktype exists (the field resolved it) and is published."""
    if zaaktype.concept:
        fail("zaaktype", "Het zaaktype is nog niet gepubliceerd (concept).", "not-published")


def check_identificatie(bronorganisatie: str, identificatie: str, instance, organisation_id) -> None:
    """zrc-002: unique within the bronorganisatie, across all tenants (the standard's rule).
    A reserved number may be claimed only by the organisation that reserved it."""
    others = Zaak.all_tenants.filter(bronorganisatie=bronorganisatie, identificatie=identificatie)
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    reserved_elsewhere = ReservedIdentificatie.all_tenants.filter(
        bronorganisatie=bronorganisatie, identificatie=identificatie).exclude(organisation_id=organisation_id)
    if others.exists() or reserved_elsewhere.exists():
        fail("identificatie", f"Deze identificatie ({identificatie}) bestaat al voor deze bronorganisatie.",
             "identificatie-niet-uniek")


def check_hoofdzaak(hoofdzaak, instance) -> None:
    """zrc-013: no deelzaak of a deelzaak, and a zaak is not its own deelzaak."""
    if hoofdzaak is None:
        return
    if instance is not None and hoofdzaak.pk == instance.pk:
        fail("hoofdzaak", "Een zaak mag geen deelzaak van zichzelf zijn.", "self-forbidden")
    if hoofdzaak.hoofdzaak_id is not None:
        fail("hoofdzaak", "Deelzaken van deelzaken worden niet ondersteund.", "deelzaak-als-hoofdzaak")
    if instance is not None and instance.deelzaken.exists():
        # It would make this zaak's deelzaken deelzaken of a deelzaak.
        fail("hoofdzaak", "Een zaak met deelzaken kan geen deelzaak worden.", "deelzaak-als-hoofdzaak")


def check_betaling(betalingsindicatie: str, laatste_betaaldatum) -> None:
    """zrc-014: no laatsteBetaaldatum when nothing is to be paid; never in the future."""
    if laatste_betaaldatum is None:
        return
    if betalingsindicatie == Betalingsindicatie.NVT:
        fail("laatste_betaaldatum",
             'Laatste betaaldatum kan niet gezet worden als de betalingsindicatie "nvt" is.', "betaling-nvt")
    if laatste_betaaldatum > timezone.now() + LEEWAY:
        fail("laatste_betaaldatum", "Deze datum mag niet in de toekomst zijn.", "date-in-future")


def check_producten_of_diensten(producten: list[str], zaaktype) -> None:
    """zrc-015: a subset of the zaaktype's productenOfDiensten."""
    if producten and not set(producten) <= set(zaaktype.producten_of_diensten or ()):
        fail("producten_of_diensten",
             "Niet alle producten/diensten komen voor in de producten/diensten op het zaaktype.",
             "invalid-products-services")


def check_archiefstatus(archiefstatus: str, archiefnominatie: str, archiefactiedatum, zaak) -> None:
    """zrc-022: archiving needs nominatie and actiedatum, and every document archived."""
    from raadhuis.zgw.zaken import archiving

    if archiefstatus == Archiefstatus.NOG_TE_ARCHIVEREN:
        return
    for name, value in (("archiefnominatie", archiefnominatie), ("archiefactiedatum", archiefactiedatum)):
        if not value:
            fail(name, "Moet van een waarde voorzien zijn als de 'Archiefstatus' een waarde heeft "
                       "anders dan 'nog_te_archiveren'.", f"{name}-not-set")
    if zaak is not None and not archiving.documents_archived(zaak):
        fail("archiefstatus", "Er zijn gerelateerde informatieobjecten waarvan de `status` nog niet "
                              "gelijk is aan `gearchiveerd`.", "documents-not-archived")


def check_same_zaaktype(field: str, type_record, zaak) -> None:
    """zrc-016, zrc-020: the statustype/resultaattype belongs to the zaak's zaaktype."""
    if type_record.zaaktype_id != zaak.zaaktype_id:
        fail(field, "De referentie hoort niet bij het zaaktype van de zaak.", "zaaktype-mismatch")


def check_not_in_future(field: str, moment) -> None:
    if moment is not None and moment > timezone.now() + LEEWAY:
        fail(field, "Deze datum mag niet in de toekomst zijn.", "date-in-future")
