"""The one door of the Besluiten component: every write, with its rules, audit and notification.

The API and any other component write through the functions below; ``attrs`` are validated
snake_case model values (``besluittype`` and ``zaak`` as records). Each write is one
transaction holding the change, the audit trail row and, for a besluit, the notification on
kanaal ``besluiten`` (kenmerken verantwoordelijkeOrganisatie and besluittype).

Authorisation is the caller's: ``force`` says the caller may change the relations of a
closed zaak (zaken.geforceerd-bijwerken), which creating, moving or deleting a besluit of
that zaak does through the Zaken component (brc-006).

URLs are built as in the other ZGW components: from the host of the request (RAADHUIS_BASE_URL
outside one), and compared by path wherever they are looked up again, so a call under another
host name, or from a job, finds what an earlier one wrote: the audit trail is filed by its
canonical hoofdObject (``zgw.common.events``, read and purged with brc-009 whatever the
spelling), the zaakbesluit is matched by path (``zaken.services_subresources``) and the
Documenten component files its mirror relations canonically.
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import IntegrityError, transaction

from raadhuis.platform import services as platform
from raadhuis.platform import tenancy
from raadhuis.zgw.besluiten import rules
from raadhuis.zgw.besluiten.models import Besluit, BesluitInformatieObject, BesluitNummerTeller
from raadhuis.zgw.common import events
from raadhuis.zgw.common.urls import absolute_url

BRON = "BRC"
KANAAL = "besluiten"
# brc-001 (besluittype) and brc-002: fixed once the besluit exists.
IMMUTABLE = ("besluittype", "identificatie", "verantwoordelijke_organisatie")


# --- Besluit -------------------------------------------------------------------------------

def create_besluit(attrs: dict, *, request=None, force: bool = False) -> Besluit:
    """Register a besluit; without an identificatie one is generated (brc-002)."""
    attrs = dict(attrs)
    with transaction.atomic():
        _validate(None, attrs)
        besluit = Besluit(organisation_id=_owning_organisation_id(attrs), **attrs)
        if not besluit.identificatie:
            besluit.identificatie = _generate_identificatie(besluit.verantwoordelijke_organisatie,
                                                            besluit.datum.year)
        _insert(besluit)
        _sync_zaak(besluit, None, request=request, force=force)
        _record(besluit, "create", None, snapshot(besluit, request), request)
    return besluit


def update_besluit(besluit: Besluit, attrs: dict, *, request=None, partial: bool = False,
                   force: bool = False) -> Besluit:
    """Change a besluit. Another zaak moves the zaakbesluit from the old zaak (brc-006); the API
    refuses that change itself, as brc-006 prescribes for besluit_(partial_)update."""
    with transaction.atomic():
        rules.check_unchanged(besluit, attrs, IMMUTABLE)
        _validate(besluit, attrs)
        oud, previous = snapshot(besluit, request), besluit.zaak
        for name, value in attrs.items():
            setattr(besluit, name, value)
        besluit.save()
        _sync_zaak(besluit, previous, request=request, force=force)
        _record(besluit, "partial_update" if partial else "update", oud, snapshot(besluit, request), request)
    return besluit


def delete_besluit(besluit: Besluit, *, request=None, force: bool = False) -> None:
    """brc-009: the besluit, its besluitinformatieobjecten (cascade) and its audit trail are
    really deleted, and the zaakbesluit with them. The notification of the deletion remains."""
    with transaction.atomic():
        url = besluit_url(besluit, request)
        _record(besluit, "destroy", snapshot(besluit, request), None, request)
        _sync_zaak(besluit, besluit.zaak, request=request, force=force, removed=True)
        for relation in besluit.informatieobjecten.all():
            _mirror(relation, request, removed=True)
        besluit.delete()
        events.purge(url)  # after _record: the row of the deletion goes with the rest


def _validate(instance: Besluit | None, attrs: dict) -> None:
    besluittype = attrs.get("besluittype") or instance.besluittype
    rules.check_besluittype_published(besluittype)  # brc-001
    if "datum" in attrs:
        rules.check_datum(attrs["datum"])
    if instance is None or "zaak" in attrs:
        zaak = attrs.get("zaak")
        if instance is not None and zaak is not None and zaak.organisation_id != instance.organisation_id:
            rules.fail("zaak", "De zaak hoort bij een andere organisatie dan het besluit.", "bad-url")
        rules.check_besluittype_of_zaak(besluittype, zaak)  # brc-007


def _owning_organisation_id(attrs: dict) -> int:
    """The zaak's organisation; without a zaak the client's own, or, for a client working for
    several organisations, the one whose RSIN is the verantwoordelijke organisatie."""
    if attrs.get("zaak") is not None:
        return attrs["zaak"].organisation_id
    ids = tenancy.require_scope().organisation_ids
    if len(ids) == 1:
        return next(iter(ids))
    rsin = attrs.get("verantwoordelijke_organisatie")
    match = [o.pk for o in platform.organisations_in_scope() if o.rsin == rsin]
    if len(match) != 1:
        rules.fail("verantwoordelijke_organisatie", "Kies met verantwoordelijkeOrganisatie voor welke "
                   "van uw organisaties het besluit is, of geef een zaak op.", "invalid")
    return match[0]


def _generate_identificatie(verantwoordelijke_organisatie: str, jaar: int) -> str:
    """brc-002: BESLUIT-<jaar>-<volgnummer>, from a counter per RSIN and year. The counter row
    stays locked until commit (on SQLite the write transaction itself is exclusive), so
    concurrent creates never draw the same number; numbers clients chose are skipped."""
    teller, _ = BesluitNummerTeller.objects.select_for_update().get_or_create(
        verantwoordelijke_organisatie=verantwoordelijke_organisatie, jaar=jaar)
    taken = Besluit.all_tenants.filter(verantwoordelijke_organisatie=verantwoordelijke_organisatie)
    while True:
        teller.laatste += 1
        identificatie = f"BESLUIT-{jaar}-{teller.laatste:010d}"
        if not taken.filter(identificatie=identificatie).exists():
            break
    teller.save(update_fields=["laatste"])
    return identificatie


def _insert(besluit: Besluit) -> None:
    """brc-002: the database's constraint (across all tenants) decides whether a chosen
    identificatie is free, also against a create at the same moment."""
    try:
        with transaction.atomic():
            besluit.save()
    except IntegrityError:
        rules.fail("identificatie", "Deze identificatie bestaat al voor deze verantwoordelijke "
                   "organisatie.", "identificatie-niet-uniek")


# --- brc-003, brc-005, brc-006: the doors of the Zaken and Documenten components --------

def _sync_zaak(besluit: Besluit, previous, *, request, force: bool, removed: bool = False) -> None:
    """brc-006: the Zaken component keeps a zaakbesluit for the besluit's zaak."""
    current = None if removed else besluit.zaak
    zaken = _door("raadhuis.zgw.zaken", "services_subresources", "link_besluit")
    if current == previous or zaken is None:
        return
    url = besluit_url(besluit, request)  # the Zaken component matches it by path
    if previous is not None:
        zaken.unlink_besluit(previous, url, request=request, force=force)
    if current is not None:
        zaken.link_besluit(current, url, request=request, force=force)


def _document(url: str):
    """brc-003: the document exists. The Zaken component holds the one hook through which the
    Documenten component resolves documents; while none is registered the URL is accepted
    unchecked (docs/modules/besluiten.md, "Pending")."""
    zaken = _door("raadhuis.zgw.zaken", "services_subresources", "resolve_informatieobject")
    if zaken is None or zaken.HOOKS.resolve_informatieobject is None:
        return None
    document = zaken.resolve_informatieobject(url)
    if document is None:
        rules.fail("informatieobject", "De URL verwijst niet naar een bestaand informatieobject.", "bad-url")
    return document


def _mirror(relation: BesluitInformatieObject, request, *, removed: bool = False) -> None:
    """brc-005: the Documenten component keeps the objectinformatieobject of the relation (for
    a document it holds; it ignores others, "indien dit kan")."""
    documenten = _door("raadhuis.zgw.documenten", "services", "mirror_relation")
    if documenten is None:
        return
    url = besluit_url(relation.besluit, request)
    if removed:
        documenten.remove_mirror(relation.informatieobject, url, request=request)
    else:
        documenten.mirror_relation(relation.informatieobject, url, "besluit", request=request)


def _door(app: str, module: str, function: str):
    """Another component's services module, or None when that component is not installed (the
    OAS makes the Zaken and Documenten APIs optional) or does not offer ``function`` yet."""
    if not apps.is_installed(app):
        return None
    door = importlib.import_module(f"{app}.{module}")
    return door if hasattr(door, function) else None


# --- BesluitInformatieObject ---------------------------------------------------------------

def create_besluitinformatieobject(besluit: Besluit, informatieobject: str, *,
                                   request=None) -> BesluitInformatieObject:
    """Relate a document to a besluit. aardRelatie and registratiedatum are set here (brc-004),
    and the relation is mirrored in the Documenten component (brc-005)."""
    with transaction.atomic():
        document = _document(informatieobject)  # brc-003
        if document is not None:
            rules.check_informatieobjecttype(besluit.besluittype, document)  # brc-008
        rules.check_unique_informatieobject(besluit, informatieobject)
        relation = BesluitInformatieObject(besluit=besluit, informatieobject=informatieobject)
        try:
            with transaction.atomic():
                relation.save()
        except IntegrityError:  # the same relation, created concurrently
            rules.fail(rules.NON_FIELD, "Dit informatieobject is al aan het besluit gekoppeld.", "unique")
        _mirror(relation, request)
        _record_relation(relation, "create", None, snapshot_relation(relation, request), request)
    return relation


def delete_besluitinformatieobject(relation: BesluitInformatieObject, *, request=None) -> None:
    with transaction.atomic():
        _record_relation(relation, "destroy", snapshot_relation(relation, request), None, request)
        _mirror(relation, request, removed=True)
        relation.delete()


# --- Audit and notification ----------------------------------------------------------------

def besluit_url(besluit: Besluit, request=None) -> str:
    """The besluit's URL under the request's host (RAADHUIS_BASE_URL without a request)."""
    return absolute_url("besluiten:besluit-detail", request, uuid=besluit.uuid)


def besluittype_url(besluittype, request=None) -> str:
    return absolute_url("catalogi:besluittype-detail", request, uuid=besluittype.uuid)


def snapshot(besluit: Besluit, request=None) -> dict:
    """The besluit as the API shows it: ``oud``/``nieuw`` of the audit trail."""
    from raadhuis.zgw.besluiten.api.serializers import BesluitSerializer

    return dict(BesluitSerializer(besluit, context={"request": request}).data)


def snapshot_relation(relation: BesluitInformatieObject, request=None) -> dict:
    from raadhuis.zgw.besluiten.api.serializers import BesluitInformatieObjectSerializer

    return dict(BesluitInformatieObjectSerializer(relation, context={"request": request}).data)


def _toelichting(request) -> str:
    """The X-Audit-Toelichting header of the standard: why the change was made."""
    return (request.headers.get("X-Audit-Toelichting", "") if request is not None else "")[:1000]


def _record(besluit: Besluit, actie: str, oud, nieuw, request) -> None:
    url = besluit_url(besluit, request)
    events.record(
        organisation=besluit.organisation, bron=BRON, kanaal=KANAAL, actie=actie, resource="besluit",
        resource_url=url, hoofd_object=url, oud=oud, nieuw=nieuw, resource_weergave=str(besluit),
        toelichting=_toelichting(request),
        kenmerken={"verantwoordelijkeOrganisatie": besluit.verantwoordelijke_organisatie,
                   "besluittype": besluittype_url(besluit.besluittype, request)},
    )


def _record_relation(relation: BesluitInformatieObject, actie: str, oud, nieuw, request) -> None:
    """In the besluit's audit trail, not notified: the OAS notifies ``besluit`` actions only."""
    events.audit(
        organisation=relation.organisation, bron=BRON, actie=actie, resource="besluitinformatieobject",
        resource_url=absolute_url("besluiten:besluitinformatieobject-detail", request, uuid=relation.uuid),
        hoofd_object=besluit_url(relation.besluit, request), oud=oud, nieuw=nieuw,
        resource_weergave=str(relation), toelichting=_toelichting(request),
    )


# --- Reads for other components ------------------------------------------------------------

def get_besluit(uuid) -> Besluit | None:
    """The besluit with this uuid in the current tenant scope, or None."""
    return Besluit.objects.select_related("besluittype", "zaak").filter(uuid=uuid).first()


def besluiten_of_zaak(zaak) -> list[Besluit]:
    """The besluiten of a zaak (a zaak with besluiten cannot be deleted: PROTECT)."""
    return list(Besluit.objects.filter(zaak=zaak).order_by("id"))


def has_informatieobject(besluit: Besluit, urls) -> bool:
    """Whether the besluit relates to the document under any of these URLs (spellings)."""
    return besluit.informatieobjecten.filter(informatieobject__in=list(urls)).exists()


def audit_trail(besluit: Besluit):
    """The besluit's audit trail, its besluitinformatieobjecten included, oldest first."""
    return events.trail(besluit_url(besluit))


def aantal_per_zaak(zaak_ids) -> dict[int, int]:
    """{zaak id: number of besluiten} for the zaken that have any (management information)."""
    from django.db.models import Count

    rows = (Besluit.objects.filter(zaak_id__in=list(zaak_ids)).values("zaak_id")
            .annotate(n=Count("pk")).order_by().values_list("zaak_id", "n"))
    return dict(rows)
