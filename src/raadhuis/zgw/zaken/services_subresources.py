"""The door of the Zaken component for the records under a zaak: rollen, zaakobjecten,
zaakeigenschappen, zaakinformatieobjecten, klantcontacten, zaakcontactmomenten,
zaakverzoeken, zaaknotities and zaakbesluiten.

Like ``services`` (the zaak, its statussen and resultaten), every function runs in one
transaction that writes the record, the audit trail and the notification (kanaal ``zaken``,
hoofdObject the zaak, resource the sub-resource, kenmerken of the zaak). ``attrs`` hold
validated snake_case model values, references as records.

Authorisation is the caller's: ``force`` says the caller may change a closed zaak (scope
zaken.geforceerd-bijwerken, zrc-007). Without it, any change under a closed zaak is refused.

Other components hook in here: the Documenten component registers how to resolve an
informatieobject URL (zrc-003, zrc-017) and is told of links (zrc-005); the Besluiten
component keeps zaakbesluiten in step with :func:`link_besluit` / :func:`unlink_besluit`.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from rest_framework.exceptions import ErrorDetail, PermissionDenied, ValidationError

from raadhuis.zgw.zaken import rules
from raadhuis.zgw.zaken import services as core
from raadhuis.zgw.zaken.constants import Archiefstatus
from raadhuis.zgw.zaken.constants_subresources import NotitieStatus, ObjectType
from raadhuis.zgw.zaken.models import (
    KlantContact,
    Rol,
    Zaak,
    ZaakBesluit,
    ZaakContactMoment,
    ZaakEigenschap,
    ZaakInformatieObject,
    ZaakNotitie,
    ZaakObject,
    ZaakVerzoek,
)
from raadhuis.zgw.zaken.refs import UrlBuilder

# Resource name (notification, audit, URL name "zaken:<name>-detail") per model.
RESOURCE = {
    Rol: "rol", ZaakObject: "zaakobject", ZaakEigenschap: "zaakeigenschap",
    ZaakInformatieObject: "zaakinformatieobject", KlantContact: "klantcontact",
    ZaakContactMoment: "zaakcontactmoment", ZaakVerzoek: "zaakverzoek", ZaakNotitie: "zaaknotitie",
    ZaakBesluit: "zaakbesluit",
}
# Nested under their zaak: /zaken/{zaak_uuid}/<collection>/{uuid}.
NESTED = (ZaakEigenschap, ZaakBesluit)


# --- Hooks for the Documenten component and the klant-/verzoekregistraties -----------------

@dataclass(frozen=True)
class Informatieobject:
    """What the Zaken API needs to know of a document in the Documenten component."""

    url: str
    informatieobjecttype: Any = None  # catalogi Informatieobjecttype, None when unknown
    status: str = ""
    indicatie_gebruiksrecht: bool | None = None


@dataclass
class _Hooks:
    resolve_informatieobject: Callable[[str], Informatieobject | None] | None = None
    linked: dict[str, Callable] = None
    unlinked: dict[str, Callable] = None

    def __post_init__(self):
        self.linked, self.unlinked = {}, {}


HOOKS = _Hooks()


def register_informatieobject_resolver(resolver: Callable[[str], Informatieobject | None] | None) -> None:
    """The Documenten component says how to look up a document by URL: the record, or None
    when the URL names no document (visible to the current scope). ``None`` unregisters."""
    HOOKS.resolve_informatieobject = resolver


def on_relation(kind: str, *, linked: Callable | None = None, unlinked: Callable | None = None) -> None:
    """Be told, inside the transaction, when a zaak gets or loses a relation of ``kind``
    (``informatieobject``, ``contactmoment``, ``verzoek``): the mirror of zrc-005, zrc-024
    and zrc-025. Each callback receives the relation record."""
    for hooks, callback in ((HOOKS.linked, linked), (HOOKS.unlinked, unlinked)):
        if callback is None:
            hooks.pop(kind, None)
        else:
            hooks[kind] = callback


def resolve_informatieobject(url: str) -> Informatieobject | None:
    """The document at ``url``, or None — always None until the Documenten component has
    registered a resolver (see docs/modules/zaken.md, "Documents")."""
    resolver = HOOKS.resolve_informatieobject
    return resolver(url) if resolver is not None else None


def _notify(hooks: dict, kind: str, record) -> None:
    callback = hooks.get(kind)
    if callback is not None:
        callback(record)


# --- Reads for other components ----------------------------------------------------------

def rollen_of(zaak: Zaak) -> list[Rol]:
    return list(zaak.rollen.select_related("roltype"))


def zaken_with_informatieobject(url: str) -> list[Zaak]:
    """The zaken (in scope) a document belongs to: what the Documenten API mirrors (zrc-005)."""
    return list(Zaak.objects.filter(zaakinformatieobjecten__informatieobject=url).distinct())


def zaken_with_object(url: str) -> list[Zaak]:
    """The zaken (in scope) with a zaakobject pointing at this object URL (an Objects API
    object, or any other register's): "the cases of an object", newest first."""
    return list(Zaak.objects.filter(zaakobjecten__object=url).distinct().order_by("-registratiedatum", "-id"))


def object_urls_of(zaak: Zaak) -> list[str]:
    """The object URLs of the zaak's zaakobjecten, in the order they were added."""
    return list(zaak.zaakobjecten.exclude(object="").order_by("id").values_list("object", flat=True))


# --- Shared steps ------------------------------------------------------------------------

def _lock_zaak(zaak: Zaak, *, force: bool) -> Zaak:
    """The zaak, locked for this transaction (a status that closes it waits for us, and we
    for it); zrc-007: under a closed zaak only a forced change is allowed."""
    zaak = Zaak.objects.select_for_update().select_related("zaaktype").get(pk=zaak.pk)
    if zaak.is_closed and not force:
        raise PermissionDenied(core.CLOSED)
    return zaak


def _save(model, instance, attrs: dict, *, request, partial: bool, zaak: Zaak):
    """Create or update a record under ``zaak`` (already locked and checked) and record it."""
    oud = None if instance is None else _snapshot(instance, request)
    record = instance or model(zaak=zaak, organisation_id=zaak.organisation_id)
    for name, value in attrs.items():
        setattr(record, name, value)
    record.zaak = zaak
    record.save()
    actie = "create" if instance is None else "partial_update" if partial else "update"
    _record(record, actie, oud, request)
    return record


def _delete(record, *, request, force: bool, kind: str = "") -> None:
    with transaction.atomic():
        _lock_zaak(record.zaak, force=force)
        oud = _snapshot(record, request)
        url = _url(record, request)
        if kind:
            _notify(HOOKS.unlinked, kind, record)
        core.record_zaak_change(record.zaak, RESOURCE[type(record)], "destroy", url, oud, None,
                                request=request, weergave=str(record))
        record.delete()


def _url(record, request) -> str:
    extra = {"zaak_uuid": record.zaak.uuid} if isinstance(record, NESTED) else {}
    return UrlBuilder(request).resource(f"zaken:{RESOURCE[type(record)]}-detail", record.uuid, **extra)


def _snapshot(record, request) -> dict:
    from raadhuis.zgw.zaken.api.serializers.subresources import read_serializer

    return dict(read_serializer(type(record))(record, context={"request": request}).data)


def _record(record, actie: str, oud, request) -> None:
    # The zaak's notification and audit trail, written by the core service: one definition
    # of kanaal, hoofdObject and kenmerken for the zaak and everything under it.
    core.record_zaak_change(record.zaak, RESOURCE[type(record)], actie, _url(record, request), oud,
                            _snapshot(record, request), request=request, weergave=str(record))


@contextmanager
def _unique(field: str, message: str):
    """The database's uniqueness constraint (two clients at the same moment) as a 400."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise ValidationError({field: [ErrorDetail(message, code="unique")]}) from error


# --- Rollen ------------------------------------------------------------------------------

def create_rol(attrs: dict, *, request=None, force: bool = False) -> Rol:
    """zrc-019: the roltype belongs to the zaak's zaaktype; omschrijving and
    omschrijvingGeneriek are the roltype's."""
    with transaction.atomic():
        zaak = _lock_zaak(attrs["zaak"], force=force)
        roltype = attrs["roltype"]
        rules.check_same_zaaktype("roltype", roltype, zaak)
        if not attrs.get("betrokkene") and not attrs.get("betrokkene_identificatie"):
            rules.fail(rules.NON_FIELD, "Geef betrokkene of betrokkeneIdentificatie op.",
                       "invalid-betrokkene")
        values = {**attrs, "omschrijving": roltype.omschrijving,
                  "omschrijving_generiek": roltype.omschrijving_generiek}
        return _save(Rol, None, values, request=request, partial=False, zaak=zaak)


def delete_rol(rol: Rol, *, request=None, force: bool = False) -> None:
    _delete(rol, request=request, force=force)


# --- Zaakobjecten ------------------------------------------------------------------------

def save_zaakobject(instance: ZaakObject | None, attrs: dict, *, request=None, partial: bool = False,
                    force: bool = False) -> ZaakObject:
    with transaction.atomic():
        rules.check_immutable(instance, attrs, ("zaak",))
        zaak = _lock_zaak(attrs.get("zaak") or instance.zaak, force=force)
        values = _zaakobject_values(instance, attrs)
        if values.get("zaakobjecttype") is not None:
            rules.check_same_zaaktype("zaakobjecttype", values["zaakobjecttype"], zaak)
        return _save(ZaakObject, instance, values, request=request, partial=partial, zaak=zaak)


def _zaakobject_values(instance: ZaakObject | None, attrs: dict) -> dict:
    """The rules of the zaakobject's shape, over its values as they will be."""
    current = {} if instance is None else {
        name: getattr(instance, name) for name in ("object", "object_type", "object_type_overige",
                                                   "object_type_overige_definitie", "object_identificatie",
                                                   "zaakobjecttype")}
    attrs = dict(attrs)
    values = {**current, **attrs}
    if values.get("object_type") == ObjectType.OVERIGE and not values.get("object_type_overige"):
        rules.fail("object_type_overige", 'Geef objectTypeOverige op bij objectType "overige".',
                   "missing-object-type-overige")
    if values.get("object_type_overige_definitie") and not values.get("object"):
        # The definition describes the data behind the object URL; without it there is nothing.
        rules.fail("object", "Geef een OBJECT url op bij objectTypeOverigeDefinitie.", "required")
    if values.get("object_type_overige_definitie"):
        attrs["object_identificatie"] = None  # the standard: then objectIdentificatie is not used
    elif not values.get("object") and not values.get("object_identificatie"):
        rules.fail(rules.NON_FIELD, "Geef object of objectIdentificatie op.", "invalid-zaakobject")
    return attrs


def delete_zaakobject(zaakobject: ZaakObject, *, request=None, force: bool = False) -> None:
    _delete(zaakobject, request=request, force=force)


# --- Zaakeigenschappen -------------------------------------------------------------------

def save_zaakeigenschap(instance: ZaakEigenschap | None, attrs: dict, *, request=None,
                        partial: bool = False, force: bool = False) -> tuple[ZaakEigenschap, str]:
    """zrc-018: the eigenschap belongs to the zaak's zaaktype. A waarde that does not fit the
    eigenschap's specificatie is stored all the same (Zaken API 1.7); the second value
    returned is the warning for the client's X-Warning header ("" when it fits)."""
    with transaction.atomic():
        rules.check_immutable(instance, attrs, ("zaak",))
        zaak = _lock_zaak(attrs.get("zaak") or instance.zaak, force=force)
        eigenschap = attrs.get("eigenschap") or instance.eigenschap
        rules.check_same_zaaktype("eigenschap", eigenschap, zaak)
        record = _save(ZaakEigenschap, instance, attrs, request=request, partial=partial, zaak=zaak)
    return record, waarde_warning(eigenschap, record.waarde)


def delete_zaakeigenschap(zaakeigenschap: ZaakEigenschap, *, request=None, force: bool = False) -> None:
    _delete(zaakeigenschap, request=request, force=force)


def waarde_warning(eigenschap, waarde: str) -> str:
    """Why ``waarde`` does not fit the eigenschap's specificatie, or "" when it does."""
    from raadhuis.zgw.zaken.eigenschapwaarde import mismatch

    reason = mismatch(eigenschap, waarde)
    return f"De waarde voldoet niet aan de specificatie van eigenschap {eigenschap.naam}: {reason}" \
        if reason else ""


# --- Zaakinformatieobjecten --------------------------------------------------------------

def save_zaakinformatieobject(instance: ZaakInformatieObject | None, attrs: dict, *, request=None,
                              partial: bool = False, force: bool = False) -> ZaakInformatieObject:
    """zrc-003 the document exists, zrc-017 its informatieobjecttype belongs to the zaaktype,
    zrc-004 aardRelatie and registratiedatum by the system and the relation fixed once made,
    zrc-005 the Documenten component is told."""
    with transaction.atomic():
        rules.check_immutable(instance, attrs, ("zaak", "informatieobject"))  # zrc-004
        zaak = _lock_zaak(attrs.get("zaak") or instance.zaak, force=force)
        if instance is None:
            _check_new_document(zaak, attrs["informatieobject"])
        if attrs.get("status") is not None and attrs["status"].zaak_id != zaak.pk:
            rules.fail("status", "De opgegeven status hoort niet bij de opgegeven zaak.",
                       "zaak-status-mismatch")
        with _unique("informatieobject", "Dit informatieobject is al aan deze zaak gekoppeld."):
            record = _save(ZaakInformatieObject, instance, attrs, request=request, partial=partial, zaak=zaak)
        if instance is None:
            _notify(HOOKS.linked, "informatieobject", record)
    return record


def _check_new_document(zaak: Zaak, url: str) -> None:
    # The OAS: a zaak that is (being) archived takes no new documents.
    if zaak.archiefstatus != Archiefstatus.NOG_TE_ARCHIVEREN:
        rules.fail(rules.NON_FIELD, "De archiefstatus van de zaak moet 'nog_te_archiveren' zijn.",
                   "zaak-archiefstatus-invalid")
    if ZaakInformatieObject.objects.filter(zaak=zaak, informatieobject=url).exists():
        rules.fail("informatieobject", "Dit informatieobject is al aan deze zaak gekoppeld.", "unique")
    if HOOKS.resolve_informatieobject is None:
        return  # no Documenten component yet: the URL is taken as given (docs/modules/zaken.md)
    document = resolve_informatieobject(url)
    if document is None:  # zrc-003
        rules.fail("informatieobject", "De URL verwijst niet naar een bestaand informatieobject.", "bad-url")
    _check_informatieobjecttype(zaak, document)


def _check_informatieobjecttype(zaak: Zaak, document: Informatieobject) -> None:
    """zrc-017: any version of an informatieobjecttype that the zaaktype names."""
    from raadhuis.zgw.catalogi import services as catalogi

    iot = document.informatieobjecttype
    allowed = {(i.catalogus_id, i.omschrijving) for i in catalogi.informatieobjecttypen_for(zaak.zaaktype)}
    if iot is None or (iot.catalogus_id, iot.omschrijving) not in allowed:
        rules.fail("informatieobject", "Het informatieobjecttype van het informatieobject hoort niet bij "
                   "het zaaktype van de zaak.", "missing-zaaktype-informatieobjecttype-relation")


def delete_zaakinformatieobject(zio: ZaakInformatieObject, *, request=None, force: bool = False) -> None:
    _delete(zio, request=request, force=force, kind="informatieobject")


# --- Klantcontacten, zaakcontactmomenten, zaakverzoeken ----------------------------------

def create_klantcontact(attrs: dict, *, request=None, force: bool = False) -> KlantContact:
    with transaction.atomic():
        zaak = _lock_zaak(attrs["zaak"], force=force)
        return _save(KlantContact, None, attrs, request=request, partial=False, zaak=zaak)


def create_zaakcontactmoment(attrs: dict, *, request=None, force: bool = False) -> ZaakContactMoment:
    return _create_link(ZaakContactMoment, "contactmoment", attrs, request=request, force=force)


def delete_zaakcontactmoment(record: ZaakContactMoment, *, request=None, force: bool = False) -> None:
    _delete(record, request=request, force=force, kind="contactmoment")


def create_zaakverzoek(attrs: dict, *, request=None, force: bool = False) -> ZaakVerzoek:
    return _create_link(ZaakVerzoek, "verzoek", attrs, request=request, force=force)


def delete_zaakverzoek(record: ZaakVerzoek, *, request=None, force: bool = False) -> None:
    _delete(record, request=request, force=force, kind="verzoek")


def _create_link(model, field: str, attrs: dict, *, request, force: bool):
    """A relation to a record in another API, by URL, once per zaak (zrc-024, zrc-025)."""
    with transaction.atomic():
        zaak = _lock_zaak(attrs["zaak"], force=force)
        message = f"Deze {field} is al aan deze zaak gekoppeld."
        if model.objects.filter(zaak=zaak, **{field: attrs[field]}).exists():
            rules.fail(field, message, "unique")
        with _unique(field, message):
            record = _save(model, None, attrs, request=request, partial=False, zaak=zaak)
        _notify(HOOKS.linked, field, record)
    return record


# --- Zaaknotities ------------------------------------------------------------------------

def save_zaaknotitie(instance: ZaakNotitie | None, attrs: dict, *, request=None, partial: bool = False,
                     force: bool = False) -> ZaakNotitie:
    """Only a concept may change ("Notitie can only be modified when status is concept")."""
    with transaction.atomic():
        rules.check_immutable(instance, attrs, ("zaak",))
        if instance is not None and instance.status == NotitieStatus.DEFINITIEF:
            rules.fail("status", "Een definitieve notitie kan niet meer gewijzigd worden.",
                       "notitie-definitief")
        zaak = _lock_zaak(attrs.get("zaak") or instance.zaak, force=force)
        return _save(ZaakNotitie, instance, attrs, request=request, partial=partial, zaak=zaak)


def delete_zaaknotitie(notitie: ZaakNotitie, *, request=None, force: bool = False) -> None:
    _delete(notitie, request=request, force=force)


# --- Zaakbesluiten (kept in step by the Besluiten component) -----------------------------

def link_besluit(zaak: Zaak, besluit_url: str, *, request=None, force: bool = False) -> ZaakBesluit:
    """Record that ``besluit_url`` was taken in ``zaak`` (idempotent: an existing link, under
    any host name of ours, is returned). Call it in the transaction that saves the besluit."""
    from raadhuis.zgw.common.validators import validate_http_url

    validate_http_url(besluit_url)
    with transaction.atomic():
        zaak = _lock_zaak(zaak, force=force)
        existing = _zaakbesluit(zaak, besluit_url)
        if existing is not None:
            return existing
        return _save(ZaakBesluit, None, {"besluit": besluit_url}, request=request, partial=False, zaak=zaak)


def unlink_besluit(zaak: Zaak, besluit_url: str, *, request=None, force: bool = False) -> bool:
    """Remove the link of ``besluit_url`` (under any host name of ours) to ``zaak``; False
    when there was none."""
    record = _zaakbesluit(zaak, besluit_url)
    if record is None:
        return False
    delete_zaakbesluit(record, request=request, force=force)
    return True


def _zaakbesluit(zaak: Zaak, besluit_url: str) -> ZaakBesluit | None:
    """The zaak's zaakbesluit of this besluit, compared by path: the Besluiten component
    builds the URL from the host of its own request, which need not be the first one's."""
    from raadhuis.zgw.common.urls import same_resource

    candidates = ZaakBesluit.objects.select_related("zaak").filter(zaak=zaak).order_by("pk")
    return next((record for record in candidates if same_resource(record.besluit, besluit_url)), None)


def delete_zaakbesluit(record: ZaakBesluit, *, request=None, force: bool = False) -> None:
    _delete(record, request=request, force=force)
