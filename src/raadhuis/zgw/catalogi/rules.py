"""Business rules of the Catalogi API 1.3 (ztc-001 … ztc-016), one function per rule.

Each raises a DRF ``ValidationError`` with the code that clients see in ``invalidParams``.
They take plain values (the attributes about to be saved, and the record as it is), so the
API, the admin and the import command apply the same rules through ``services``.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from django.db.models import Q
from rest_framework.exceptions import ErrorDetail, ValidationError

from raadhuis.zgw.catalogi.constants import Afleidingswijze, FormaatEigenschap
from raadhuis.zgw.catalogi.models import Zaaktype

NON_FIELD = "non_field_errors"


def fail(field: str, message: str, code: str) -> None:
    raise ValidationError({field: [ErrorDetail(message, code=code)]})


# --- ztc-001, ztc-002: references to the Selectielijst and the referentielijsten -----------

def _points_to(url: str, collection: str) -> bool:
    parts = [part for part in urlsplit(url).path.split("/") if part]
    return len(parts) >= 2 and parts[-2] == collection


def check_selectielijst_procestype(url: str) -> None:
    """ztc-001: a Procestype of the Selectielijst API, when given."""
    if url and not _points_to(url, "procestypen"):
        fail("selectielijst_procestype", "De URL verwijst niet naar een procestype van de "
             "Selectielijst API.", "invalid-resource")


def check_resultaattype_references(resultaattypeomschrijving: str, selectielijstklasse: str) -> None:
    """ztc-002: a Resultaattypeomschrijving of the referentielijsten and a Resultaat of the
    Selectielijst. Checked by the shape of the URL: Raadhuis does not call out to validate."""
    if resultaattypeomschrijving and not _points_to(resultaattypeomschrijving,
                                                    "resultaattypeomschrijvingen"):
        fail("resultaattypeomschrijving", "De URL verwijst niet naar een "
             "resultaattypeomschrijving van de referentielijsten API.", "invalid-resource")
    if selectielijstklasse and not _points_to(selectielijstklasse, "resultaten"):
        fail("selectielijstklasse", "De URL verwijst niet naar een resultaat van de "
             "Selectielijst API.", "invalid-resource")


# --- ztc-003 … ztc-008: brondatumArchiefprocedure -------------------------------------------

# Per afleidingswijze: which sub-fields must have a value (True) or must be empty (False);
# fields not named are free. ztc-004 datumkenmerk, ztc-005 einddatumBekend, ztc-006
# objecttype, ztc-007 registratie, ztc-008 procestermijn.
AFLEIDINGSWIJZE_FIELDS = {
    Afleidingswijze.AFGEHANDELD: {"procestermijn": False, "datumkenmerk": False,
                                  "einddatum_bekend": False, "objecttype": False, "registratie": False},
    Afleidingswijze.ANDER_DATUMKENMERK: {"procestermijn": False, "datumkenmerk": True,
                                         "objecttype": True, "registratie": True},
    Afleidingswijze.EIGENSCHAP: {"procestermijn": False, "datumkenmerk": True, "objecttype": False,
                                 "registratie": False},
    Afleidingswijze.GERELATEERDE_ZAAK: {"procestermijn": False, "datumkenmerk": False,
                                        "objecttype": False, "registratie": False},
    Afleidingswijze.HOOFDZAAK: {"procestermijn": False, "datumkenmerk": False, "objecttype": False,
                                "registratie": False},
    Afleidingswijze.INGANGSDATUM_BESLUIT: {"procestermijn": False, "datumkenmerk": False,
                                           "objecttype": False, "registratie": False},
    Afleidingswijze.TERMIJN: {"procestermijn": True, "datumkenmerk": False, "einddatum_bekend": False,
                              "objecttype": False, "registratie": False},
    Afleidingswijze.VERVALDATUM_BESLUIT: {"procestermijn": False, "datumkenmerk": False,
                                          "objecttype": False, "registratie": False},
    Afleidingswijze.ZAAKOBJECT: {"procestermijn": False, "datumkenmerk": True, "objecttype": True,
                                 "registratie": False},
}


def check_brondatum_archiefprocedure(procedure: dict | None) -> None:
    """ztc-004 … ztc-008: the sub-fields that the afleidingswijze needs, and no others."""
    if not procedure:
        return
    afleidingswijze = procedure.get("afleidingswijze")
    errors = {}
    for name, needed in AFLEIDINGSWIJZE_FIELDS.get(afleidingswijze, {}).items():
        if bool(procedure.get(name)) == needed:
            continue
        message, code = (("Dit veld is vereist bij afleidingswijze `{}`.", "required") if needed
                         else ("Dit veld moet leeg zijn bij afleidingswijze `{}`.", "must-be-empty"))
        errors[f"brondatum_archiefprocedure.{name}"] = [ErrorDetail(message.format(afleidingswijze), code)]
    if errors:
        raise ValidationError(errors)


def check_afleidingswijze_for_procestermijn(afleidingswijze: str, procestermijn: str | None) -> None:
    """ztc-003: the selectielijstklasse's procestermijn fixes the afleidingswijze. Applied
    when the procestermijn of the selectielijstklasse is known (local Selectielijst data);
    an empty procestermijn allows every afleidingswijze."""
    if not procestermijn or not afleidingswijze:
        return
    nihil, bestaansduur = procestermijn == "nihil", procestermijn == "ingeschatte_bestaansduur_procesobject"
    if (nihil != (afleidingswijze == Afleidingswijze.AFGEHANDELD)
            or bestaansduur != (afleidingswijze == Afleidingswijze.TERMIJN)):
        fail("brondatum_archiefprocedure.afleidingswijze",
             f"De afleidingswijze kan niet `{afleidingswijze}` zijn bij procestermijn `{procestermijn}` "
             "van de selectielijstklasse.", "invalid-afleidingswijze-for-procestermijn")


# --- ztc-009, ztc-010: concepts -----------------------------------------------------------

def check_concept_change(instance, changed: set[str], *, force: bool) -> None:
    """ztc-009: a published type is changed only by a correction (forced), or by PATCHing
    eindeGeldigheid alone (to close the version before its successor starts)."""
    if instance is None or instance.concept or force or changed <= {"einde_geldigheid"}:
        return
    fail(NON_FIELD, "Het is niet toegestaan om een gepubliceerd (niet-concept) object bij te werken.",
         "non-concept-object")


def check_concept_delete(instance, *, force: bool) -> None:
    """ztc-009: published types are not deleted, unless forced."""
    if not instance.concept and not force:
        fail(NON_FIELD, "Alleen concepten kunnen worden verwijderd.", "non-concept-object")


def check_zaaktype_concept(zaaktype: Zaaktype | None, *, force: bool,
                           current: Zaaktype | None = None) -> None:
    """ztc-010: types of a published zaaktype are not created, changed or deleted (a
    correction is forced), and no type is moved to a published zaaktype."""
    if force:
        return
    for subject in (current, zaaktype):
        if subject is not None and not subject.concept:
            fail(NON_FIELD, "Objecten van een gepubliceerd (niet-concept) zaaktype kunnen niet "
                 "aangemaakt, gewijzigd of verwijderd worden.", "non-concept-zaaktype")


# --- ztc-013: one catalogus -----------------------------------------------------------------

def check_same_catalogus(field: str, catalogus_id: int, others) -> None:
    """ztc-013: no relations across catalogi."""
    if any(other is not None and other.catalogus.pk != catalogus_id for other in others):
        fail(field, "Relaties tussen objecttypen in verschillende catalogi zijn niet toegestaan.",
             "relations-incorrect-catalogus")


def check_names_in_catalogus(field: str, model, catalogus_id: int, names, name_field="omschrijving") -> None:
    """ztc-013 for references by name: each name exists in the same catalogus."""
    names = set(names or ())
    if not names:
        return
    found = set(model.objects.filter(catalogus_id=catalogus_id, **{f"{name_field}__in": names})
                .values_list(name_field, flat=True))
    missing = sorted(names - found)
    if missing:
        fail(field, f"Niet gevonden in de catalogus: {', '.join(missing)}.",
             "relations-incorrect-catalogus")


# --- ztc-012: publishing a zaaktype --------------------------------------------------------

def check_zaaktype_publishable(zaaktype: Zaaktype) -> None:
    """ztc-012: its besluittypen and informatieobjecttypen are published."""
    from raadhuis.zgw.catalogi.models import Besluittype, Informatieobjecttype

    iot_names = set(zaaktype.zaaktypeinformatieobjecttypen.values_list("informatieobjecttype", flat=True))
    unpublished = [
        *_unpublished(Besluittype, zaaktype.catalogus_id, zaaktype.besluittype_omschrijving),
        *_unpublished(Informatieobjecttype, zaaktype.catalogus_id, iot_names),
    ]
    if unpublished:
        fail(NON_FIELD, "Alle gerelateerde besluittypen en informatieobjecttypen moeten gepubliceerd "
             f"zijn; concept: {', '.join(sorted(unpublished))}.", "concept-relation")


def _unpublished(model, catalogus_id: int, names) -> list[str]:
    published = set(model.objects.filter(catalogus_id=catalogus_id, omschrijving__in=set(names),
                                          concept=False).values_list("omschrijving", flat=True))
    return [name for name in set(names) if name not in published]


# --- ztc-016 and uniqueness of versions -----------------------------------------------------

def check_geldigheid(model, instance, *, catalogus_id: int, lookup: dict, begin: date,
                     einde: date | None, field: str = "begin_geldigheid", published_only=False) -> None:
    """ztc-016 (and the create rule of zaaktypen): versions of one type (same identificatie
    or omschrijving in a catalogus) do not overlap in validity; an empty end is open."""
    overlapping = model.objects.filter(catalogus_id=catalogus_id, **lookup).filter(
        Q(einde_geldigheid__isnull=True) | Q(einde_geldigheid__gte=begin))
    if einde is not None:
        overlapping = overlapping.filter(begin_geldigheid__lte=einde)
    if published_only:
        overlapping = overlapping.filter(concept=False)
    if instance is not None and instance.pk:
        overlapping = overlapping.exclude(pk=instance.pk)
    if overlapping.exists():
        fail(field, f"Dit {model._meta.verbose_name} komt al voor binnen de catalogus en de opgegeven "
             "geldigheidsperiode.", "overlap")


def check_einde_after_begin(begin: date | None, einde: date | None) -> None:
    if begin and einde and einde < begin:
        fail("einde_geldigheid", "De datum einde geldigheid ligt voor de datum begin geldigheid.",
             "date-mismatch")


def check_begin_matches_zaaktype(begin: date | None, zaaktype: Zaaktype) -> None:
    """A type under a zaaktype is valid from the zaaktype's beginGeldigheid (or versiedatum)."""
    if begin and begin not in (zaaktype.begin_geldigheid, zaaktype.versiedatum):
        fail("begin_geldigheid", "De datum begin geldigheid moet gelijk zijn aan beginGeldigheid of "
             "versiedatum van het zaaktype.", "invalid-begin-geldigheid")


# --- Zaaktype -----------------------------------------------------------------------------

def check_verlenging(verlenging_mogelijk: bool, verlengingstermijn: str) -> None:
    if verlenging_mogelijk and not verlengingstermijn:
        fail("verlengingstermijn", "Een verlengingstermijn is vereist als verlenging mogelijk is.",
             "verlenging-mismatch")


# --- ztc-015: eigenschap specificatie -------------------------------------------------------

DATE_LENGTHS = {FormaatEigenschap.DATUM: "8", FormaatEigenschap.DATUM_TIJD: "14"}


def check_specificatie(formaat: str, lengte: str, kardinaliteit: str) -> None:
    """ztc-015: a datum has lengte 8 (YYYYMMDD), a datum_tijd 14 (YYYYMMDDhhmmss)."""
    expected = DATE_LENGTHS.get(formaat)
    if expected and lengte != expected:
        fail("specificatie.lengte", f"Bij formaat `{formaat}` is de lengte {expected}.", "invalid-length")
    if formaat == FormaatEigenschap.GETAL and not _is_getal_lengte(lengte):
        fail("specificatie.lengte", "Bij formaat `getal` is de lengte een getal, eventueel met "
             "decimalen na een komma (bijvoorbeeld 8,2).", "invalid-length")
    if formaat == FormaatEigenschap.TEKST and not lengte.isdigit():
        fail("specificatie.lengte", "Bij formaat `tekst` is de lengte een getal.", "invalid-length")
    if not (kardinaliteit.isdigit() or kardinaliteit == "N"):
        fail("specificatie.kardinaliteit", "De kardinaliteit is een getal of N.", "invalid")


def _is_getal_lengte(lengte: str) -> bool:
    whole, _, decimals = lengte.partition(",")
    return whole.isdigit() and (not decimals or decimals.isdigit())
