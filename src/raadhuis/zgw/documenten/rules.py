"""The behaviour rules of the Documenten API (drc-001 … drc-010) that the services apply.

Each failure is a 400 ValidatieFout with the field and a code, as the standard asks.
"""

from __future__ import annotations

import secrets
import uuid as uuidlib

from django.utils import timezone
from rest_framework.exceptions import ErrorDetail, ValidationError

from raadhuis.zgw.common.urls import absolute_url, resolve_path
from raadhuis.zgw.documenten.constants import NOT_WHEN_RECEIVED, ObjectType

NON_FIELD = "nonFieldErrors"
DOCUMENT_VIEW = "enkelvoudiginformatieobject-detail"
# Where a relation's object lives in this installation, per objectType (drc-002).
OBJECT_VIEWS = {ObjectType.ZAAK: "zaken:zaak-detail", ObjectType.BESLUIT: "besluiten:besluit-detail"}


def fail(field: str, message: str, code: str):
    raise ValidationError({field: [ErrorDetail(message, code=code)]})


# --- Enkelvoudig informatieobject ----------------------------------------------------------


def prepare(instance, attrs: dict) -> None:
    """Complete and check the values of a new version (``instance``: the one it follows)."""
    iot = attrs.get("informatieobjecttype") or instance.informatieobjecttype
    if "informatieobjecttype" in attrs and iot.concept:  # drc-001
        fail(
            "informatieobjecttype",
            "Het informatieobjecttype is nog niet gepubliceerd (concept).",
            "not-published",
        )
    if not attrs.get("vertrouwelijkheidaanduiding") and (
        instance is None or "vertrouwelijkheidaanduiding" in attrs
    ):
        attrs["vertrouwelijkheidaanduiding"] = iot.vertrouwelijkheidaanduiding  # drc-007
    _check_status(instance, attrs)
    if instance is None:
        _identificatie(attrs)


def _check_status(instance, attrs: dict) -> None:
    """drc-005: a received document is not 'in bewerking' or 'ter vaststelling'."""
    status = attrs["status"] if "status" in attrs else getattr(instance, "status", "")
    received = (
        attrs["ontvangstdatum"] if "ontvangstdatum" in attrs else getattr(instance, "ontvangstdatum", None)
    )
    if received and status in NOT_WHEN_RECEIVED:
        fail(
            "status",
            "De statuswaarden `in_bewerking` en `ter_vaststelling` zijn niet van toepassing op "
            "ontvangen documenten.",
            "invalid_for_received",
        )


def _identificatie(attrs: dict) -> None:
    """Generated when not given; unique per bronorganisatie."""
    from raadhuis.zgw.documenten.models import EnkelvoudigInformatieObject

    if not attrs.get("identificatie"):
        attrs["identificatie"] = f"DOCUMENT-{timezone.now():%Y}-{uuidlib.uuid4().hex[:16].upper()}"
        return
    taken = EnkelvoudigInformatieObject.all_tenants.filter(
        bronorganisatie=attrs["bronorganisatie"], identificatie=attrs["identificatie"]
    ).exists()
    if taken:
        fail(
            "identificatie",
            "Deze identificatie bestaat al voor deze bronorganisatie.",
            "identificatie-niet-uniek",
        )


def check_lock(document, lock: str | None) -> None:
    """drc-009: writes need the document's current lock."""
    if not document.lock:
        fail(NON_FIELD, "Het informatieobject is niet gelockt; lock het eerst.", "unlocked")
    if not lock or not secrets.compare_digest(str(lock), document.lock):
        fail("lock", "De lock-waarde is onjuist.", "incorrect-lock-id")


def check_no_relations(document) -> None:
    """drc-008: a document with objectinformatieobjecten cannot be destroyed."""
    if document.relaties.exists():
        fail(
            NON_FIELD,
            "Het informatieobject is nog gerelateerd aan zaken of besluiten; verwijder eerst die relaties.",
            "pending-relations",
        )


# --- Bestandsdelen -------------------------------------------------------------------------


def check_part_size(part, size: int) -> None:
    if size != part.omvang:
        fail("inhoud", f"Het bestandsdeel is {size} bytes; verwacht {part.omvang} bytes.", "file-size")


def check_parts_complete(parts) -> None:
    missing = [p.volgnummer for p in parts if not p.bestand]
    if missing:
        fail(
            NON_FIELD,
            f"Niet alle bestandsdelen zijn geüpload (ontbrekend: {', '.join(map(str, missing))}).",
            "incomplete-upload",
        )


# --- Relations (drc-002, drc-004) ----------------------------------------------------------


def document_uuid(url: str):
    """The uuid of the informatieobject a URL of this API names, or None."""
    match = resolve_path(url) if isinstance(url, str) else None
    if match is None or match.url_name != DOCUMENT_VIEW or match.namespace != "documenten":
        return None
    return match.kwargs.get("uuid")


def canonical(url: str) -> str:
    """A URL of this installation in its canonical spelling (RAADHUIS_BASE_URL), so that a
    relation is found again whichever host name a client used; other URLs as they are."""
    match = resolve_path(url)
    if match is None or "uuid" not in match.kwargs or not match.namespace:
        return url
    try:
        return absolute_url(f"{match.namespace}:{match.url_name}", uuid=match.kwargs["uuid"])
    except Exception:  # noqa: BLE001 - a path we cannot rebuild is kept as given
        return url


def check_object(url: str, object_type: str, document, request=None) -> None:
    """drc-002: the object exists (in this installation: other sources are not fetched);
    drc-004: its source has the relation to this document."""
    match = resolve_path(url)
    view = OBJECT_VIEWS.get(object_type)
    if view is None or match is None or f"{match.namespace}:{match.url_name}" != view:
        fail("object", "De URL verwijst niet naar een bestaand object van dit objectType.", "bad-url")
    found = _source_has(object_type, match.kwargs["uuid"], _spellings(document, request))
    if found is None:
        fail("object", "De URL verwijst niet naar een bestaand object.", "bad-url")
    if not found:
        fail(
            NON_FIELD,
            "De relatie tussen object en informatieobject bestaat niet in de bron van het object.",
            "inconsistent-relation",
        )


def relation_in_source(url: str, object_type: str, document, request=None) -> bool | None:
    """Whether a zaak/besluit of this installation still relates to the document: False when
    it or the relation is gone, None when the object is not one of ours (cannot be checked)."""
    match = resolve_path(url)
    view = OBJECT_VIEWS.get(object_type)
    if view is None or match is None or f"{match.namespace}:{match.url_name}" != view:
        return None
    return bool(_source_has(object_type, match.kwargs["uuid"], _spellings(document, request)))


def _source_has(object_type: str, object_uuid, spellings: list[str]) -> bool | None:
    """Whether the zaak/besluit relates to the document; None when the object does not exist."""
    if object_type == ObjectType.ZAAK:
        from raadhuis.zgw.zaken import services as zaken
        from raadhuis.zgw.zaken import services_subresources as zaken_sub

        if zaken.get_zaak(object_uuid) is None:
            return None
        return any(
            str(z.uuid) == str(object_uuid)
            for s in spellings
            for z in zaken_sub.zaken_with_informatieobject(s)
        )
    from raadhuis.zgw.besluiten import services as besluiten

    besluit = besluiten.get_besluit(object_uuid)
    if besluit is None:
        return None
    # The Besluiten component offers no lookup by document yet: its related records, read only.
    return besluit.informatieobjecten.filter(informatieobject__in=spellings).exists()


def _spellings(document, request) -> list[str]:
    """The document's URL as the source may hold it: canonical, or under this request's host."""
    view = f"documenten:{DOCUMENT_VIEW}"
    return list({absolute_url(view, uuid=document.uuid), absolute_url(view, request, uuid=document.uuid)})


# --- Other resources -----------------------------------------------------------------------


def check_unchanged(instance, attrs: dict, names) -> None:
    for name in names:
        if instance is not None and name in attrs and attrs[name] != getattr(instance, name):
            fail(
                name if name != "document" else "informatieobject",
                "Dit veld mag niet gewijzigd worden.",
                "wijzigen-niet-toegelaten",
            )


ADDRESSES = (
    "binnenlands_correspondentieadres",
    "buitenlands_correspondentieadres",
    "correspondentie_postadres",
    "faxnummer",
    "emailadres",
    "telefoonnummer",
)


def check_one_address(verzending) -> None:
    """A verzending goes to (or comes from) exactly one address (the standard's Verzending)."""
    given = [name for name in ADDRESSES if getattr(verzending, name)]
    given += ["mijn_overheid"] if verzending.mijn_overheid else []
    if len(given) != 1:
        fail(
            NON_FIELD,
            "Geef precies één adres op: binnenlandsCorrespondentieadres, buitenlandsCorrespondentieadres, "
            "correspondentiePostadres, faxnummer, emailadres, mijnOverheid of telefoonnummer.",
            "invalid-address",
        )
