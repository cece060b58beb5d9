"""The door of the Zaken component: every write of a zaak and its statussen and resultaten.

The API, the werkplek, the portal and the domain modules create and change zaken only
through these functions. Each runs in one transaction that also writes the audit trail and
the notification (kanaal ``zaken``, hoofdObject the zaak URL, kenmerken bronorganisatie,
zaaktype and vertrouwelijkheidaanduiding). ``attrs`` hold validated, snake_case model values
(gegevensgroepen flattened: ``verlenging_duur``, ``opschorting_indicatie``, …).

Authorisation is the caller's: ``force`` says the caller may change a closed zaak (scope
zaken.geforceerd-bijwerken), ``reopen`` that it may reopen one (zaken.heropenen).
"""

from __future__ import annotations

import importlib
from datetime import date
from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework.exceptions import PermissionDenied

from raadhuis.platform import services as platform
from raadhuis.platform import tenancy
from raadhuis.zgw.catalogi.durations import parse as parse_duration
from raadhuis.zgw.common import events
from raadhuis.zgw.zaken import archiving, geo, numbers, rules
from raadhuis.zgw.zaken.constants import Betalingsindicatie
from raadhuis.zgw.zaken.models import (
    RelevanteAndereZaak,
    ReservedIdentificatie,
    Resultaat,
    Status,
    Zaak,
    ZaakCount,
    Zaakkenmerk,
)
from raadhuis.zgw.zaken.refs import UrlBuilder

KANAAL = "zaken"
BRON = "ZRC"
MAX_RESERVERINGEN = 1000
CLOSED = "De zaak is afgesloten; wijzigen vraagt de scope zaken.geforceerd-bijwerken."
NESTED = ("kenmerken", "relevante_andere_zaken")
SHIFTED_BY_VERLENGING = ("einddatum_gepland", "uiterlijke_einddatum_afdoening")


# --- Reads for other components ----------------------------------------------------------

def get_zaak(uuid) -> Zaak | None:
    """The zaak with this uuid in the current tenant scope, or None (also for a malformed uuid)."""
    if _as_uuid(uuid) is None:
        return None
    return Zaak.objects.select_related("zaaktype").filter(uuid=uuid).first()


def _as_uuid(value) -> UUID | None:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return None


def zaak_url(zaak: Zaak, request=None) -> str:
    return UrlBuilder(request).zaak(zaak.uuid)


def current_status(zaak: Zaak) -> Status | None:
    return zaak.statussen.filter(indicatie_laatst_gezette_status=True).select_related("statustype").first()


# --- Zaken -------------------------------------------------------------------------------

def create_zaak(attrs: dict, *, request=None) -> Zaak:
    attrs = dict(attrs)
    nested = {name: attrs.pop(name) for name in NESTED if name in attrs}
    zaaktype = attrs["zaaktype"]
    rules.check_zaaktype(zaaktype)
    # zrc-009: the zaaktype's level unless the client chose one.
    attrs["vertrouwelijkheidaanduiding"] = (attrs.get("vertrouwelijkheidaanduiding")
                                            or zaaktype.vertrouwelijkheidaanduiding)
    _check(None, attrs)
    organisation_id = owning_organisation_id(attrs["bronorganisatie"])
    claimed = bool(attrs.get("identificatie"))
    if not claimed:  # drawn before the transaction: the counter is locked only for a moment
        day = attrs.get("registratiedatum") or timezone.localdate()
        attrs["identificatie"] = numbers.next_numbers(attrs["bronorganisatie"], day)[0]
    with transaction.atomic():
        if claimed:
            _claim_identificatie(attrs, organisation_id)
        zaak = Zaak(organisation_id=organisation_id, **attrs)
        _set_bbox(zaak)
        zaak.save()
        _save_nested(zaak, nested)
        zaak.as_shown = _record_created(zaak, nested, request)
        ZaakCount.created(zaak)  # last: the count's row lock is held until commit
    return zaak


def update_zaak(zaak: Zaak, attrs: dict, *, request=None, partial: bool = False,
                force: bool = False) -> Zaak:
    attrs = dict(attrs)
    nested = {name: attrs.pop(name) for name in NESTED if name in attrs}
    with transaction.atomic():
        zaak = Zaak.objects.select_for_update(of=("self",)).select_related("zaaktype").get(pk=zaak.pk)
        if zaak.is_closed and not force:
            raise PermissionDenied(CLOSED)
        rules.check_immutable(zaak, attrs, ("identificatie", "zaaktype"))
        _derive_on_update(zaak, attrs)
        _check(zaak, attrs)
        oud = snapshot(zaak, request)
        counted_as = ZaakCount.key(zaak)
        for name, value in attrs.items():
            setattr(zaak, name, value)
        _set_bbox(zaak)
        zaak.save()
        _save_nested(zaak, nested)
        zaak.as_shown = _record_zaak(zaak, "partial_update" if partial else "update", oud, request)
        ZaakCount.moved(counted_as, zaak)  # a new vertrouwelijkheidaanduiding
    return zaak


def delete_zaak(zaak: Zaak, *, request=None) -> None:
    """zrc-023: the zaak, its deelzaken and everything under them, and their audit trails.

    A zaak with besluiten is refused (``pending-besluit-relation``, as Open Zaak): a besluit
    is destroyed in the Besluiten API first (brc-009), not silently with the zaak. The
    Documenten component loses the mirrors of the zaak's zaakinformatieobjecten (zrc-005)."""
    with transaction.atomic():
        # Exactly the rows the cascade removes (deelzaken have no deelzaken, zrc-013), locked.
        ZaakCount.deleting(Zaak.all_tenants.filter(Q(pk=zaak.pk) | Q(hoofdzaak_id=zaak.pk)))
        zaken = [*zaak.deelzaken.select_related("zaaktype"), zaak]
        _refuse_with_besluiten(zaken)
        urls = UrlBuilder(request)
        for each in zaken:
            record_zaak_change(each, "zaak", "destroy", urls.zaak(each.uuid), snapshot(each, request), None,
                               request=request, weergave=str(each))
            _remove_document_mirrors(urls.zaak(each.uuid), request)
        zaak.delete()  # the foreign keys cascade to statussen, resultaten and sub-resources
        for each in zaken:
            events.purge(urls.zaak(each.uuid))


def _refuse_with_besluiten(zaken: list[Zaak]) -> None:
    besluiten = _component("raadhuis.zgw.besluiten", "besluiten_of_zaak")
    if besluiten is not None and any(besluiten.besluiten_of_zaak(each) for each in zaken):
        rules.fail(rules.NON_FIELD, "Alle besluiten van de zaak moeten verwijderd zijn voordat de zaak "
                   "verwijderd kan worden.", "pending-besluit-relation")


def _remove_document_mirrors(url: str, request) -> None:
    documenten = _component("raadhuis.zgw.documenten", "remove_mirrors_of")
    if documenten is not None:
        documenten.remove_mirrors_of(url, request=request)


def _component(app: str, function: str):
    """Another ZGW component's services, or None when it is not installed (the Zaken API
    works without the Besluiten and Documenten APIs) or does not offer ``function``."""
    from django.apps import apps

    if not apps.is_installed(app):
        return None
    services = importlib.import_module(f"{app}.services")
    return services if hasattr(services, function) else None


def reserve_zaaknummers(bronorganisatie: str, aantal: int = 1) -> list[str]:
    """Zaaknummers that no generated identificatie will ever take; a zaak claims one by
    sending it as its identificatie. A reservation holds no case data: no audit or event."""
    if not 1 <= aantal <= MAX_RESERVERINGEN:
        rules.fail("aantal", f"Reserveer 1 tot {MAX_RESERVERINGEN} zaaknummers tegelijk.", "invalid")
    with transaction.atomic():
        organisation_id = owning_organisation_id(bronorganisatie)
        reserved = numbers.next_numbers(bronorganisatie, timezone.localdate(), aantal)
        ReservedIdentificatie.objects.bulk_create([
            ReservedIdentificatie(organisation_id=organisation_id, bronorganisatie=bronorganisatie,
                                  identificatie=number) for number in reserved])
    return reserved


def owning_organisation_id(rsin: str) -> int:
    """The organisation a new zaak belongs to: the client's only one, or the one whose RSIN
    is the bronorganisatie when the client works for several."""
    scope = tenancy.require_scope()
    if len(scope.organisation_ids) == 1:
        return next(iter(scope.organisation_ids))
    match = [o.pk for o in platform.organisations_in_scope() if o.rsin == rsin]
    if len(match) != 1:
        rules.fail("bronorganisatie", "Kies met de bronorganisatie voor welke organisatie de zaak is.",
                   "invalid")
    return match[0]


def _check(zaak: Zaak | None, attrs: dict) -> None:
    """The rules over the zaak's values as they will be (current values plus the changes)."""
    values = {**_current(zaak), **attrs} if zaak is not None else attrs
    if zaak is not None and ("identificatie" in attrs or "bronorganisatie" in attrs):
        rules.check_identificatie(values["bronorganisatie"], values["identificatie"], zaak,
                                  zaak.organisation_id)
    if "hoofdzaak" in attrs:
        rules.check_hoofdzaak(attrs["hoofdzaak"], zaak)
    rules.check_betaling(values.get("betalingsindicatie", ""), values.get("laatste_betaaldatum"))
    rules.check_producten_of_diensten(values.get("producten_of_diensten") or [], values["zaaktype"])
    rules.check_archiefstatus(values.get("archiefstatus", "nog_te_archiveren"),
                              values.get("archiefnominatie", ""), values.get("archiefactiedatum"), zaak)


def _current(zaak: Zaak) -> dict:
    return {f.name: getattr(zaak, f.name) for f in Zaak._meta.concrete_fields}


def _claim_identificatie(attrs: dict, organisation_id: int) -> None:
    """zrc-002: an identificatie the client chose is unique; a reserved number is claimed by
    using it. (One not chosen is drawn from the counter: numbers.next_numbers.)"""
    rules.check_identificatie(attrs["bronorganisatie"], attrs["identificatie"], None, organisation_id)
    ReservedIdentificatie.all_tenants.filter(
        bronorganisatie=attrs["bronorganisatie"], identificatie=attrs["identificatie"]).delete()


def _derive_on_update(zaak: Zaak, attrs: dict) -> None:
    # zrc-014: switching to "nvt" clears a laatste betaaldatum.
    if attrs.get("betalingsindicatie") == Betalingsindicatie.NVT and "laatste_betaaldatum" not in attrs:
        attrs["laatste_betaaldatum"] = None
    _shift_by_verlenging(zaak, attrs)


def _shift_by_verlenging(zaak: Zaak, attrs: dict) -> None:
    """A (changed) verlenging moves the planned end dates by the difference in duur, unless
    the client sends those dates itself in the same request."""
    new = attrs.get("verlenging_duur", zaak.verlenging_duur)
    if new == zaak.verlenging_duur:
        return
    for name in SHIFTED_BY_VERLENGING:
        day = getattr(zaak, name)
        if name in attrs or day is None:
            continue
        if zaak.verlenging_duur:
            day = day - parse_duration(zaak.verlenging_duur)
        attrs[name] = day + parse_duration(new) if new else day


def _set_bbox(zaak: Zaak) -> None:
    (zaak.geometrie_min_x, zaak.geometrie_min_y,
     zaak.geometrie_max_x, zaak.geometrie_max_y) = geo.bbox(zaak.zaakgeometrie)


def _save_nested(zaak: Zaak, nested: dict) -> None:
    """Kenmerken and relevante andere zaken are values of the zaak: replaced as a whole."""
    if "kenmerken" in nested:
        zaak.kenmerken.all().delete()
        Zaakkenmerk.objects.bulk_create([
            Zaakkenmerk(zaak=zaak, organisation_id=zaak.organisation_id, **item)
            for item in nested["kenmerken"]])
    if "relevante_andere_zaken" in nested:
        zaak.relevante_andere_zaken.all().delete()
        RelevanteAndereZaak.objects.bulk_create([
            RelevanteAndereZaak(zaak=zaak, organisation_id=zaak.organisation_id, **item)
            for item in nested["relevante_andere_zaken"]])


# --- Statussen ---------------------------------------------------------------------------

def set_status(attrs: dict, *, request=None, force: bool = False, reopen: bool = False) -> Status:
    """A new status (zrc-007, zrc-008, zrc-016, zrc-021). The eindstatus (highest volgnummer)
    closes the zaak, which needs a resultaat; a later other status reopens it."""
    with transaction.atomic():
        zaak = (Zaak.objects.select_for_update(of=("self",)).select_related("zaaktype", "hoofdzaak")
                .get(pk=attrs["zaak"].pk))
        statustype = attrs["statustype"]
        rules.check_same_zaaktype("statustype", statustype, zaak)
        rules.check_not_in_future("datum_status_gezet", attrs["datum_status_gezet"])
        eind = is_eindstatus(statustype)
        _authorise_status(zaak, eind, force=force, reopen=reopen)
        if zaak.statussen.filter(datum_status_gezet=attrs["datum_status_gezet"]).exists():
            rules.fail(rules.NON_FIELD, "De zaak heeft al een status op dit moment.", "unique")
        status = Status.objects.create(**{**attrs, "zaak": zaak, "organisation_id": zaak.organisation_id})
        _mark_latest(zaak)
        changed = _close(zaak, status) if eind else _reopen(zaak) if zaak.is_closed else []
        if changed:
            zaak.save(update_fields=changed)
        status.refresh_from_db(fields=["indicatie_laatst_gezette_status"])
        _record_child(status, "status", "create", None, request)
    return status


def is_eindstatus(statustype) -> bool:
    """zrc-007: the statustype with the highest volgnummer of its zaaktype."""
    highest = type(statustype).objects.filter(zaaktype_id=statustype.zaaktype_id).order_by(
        "-volgnummer").values_list("pk", flat=True).first()
    return highest == statustype.pk


def _authorise_status(zaak: Zaak, eind: bool, *, force: bool, reopen: bool) -> None:
    if not zaak.is_closed:
        return
    if not eind and not reopen:
        raise PermissionDenied("Heropenen van een afgesloten zaak vraagt de scope zaken.heropenen.")
    if eind and not force:
        raise PermissionDenied(CLOSED)


def _mark_latest(zaak: Zaak) -> None:
    latest = zaak.statussen.order_by("-datum_status_gezet", "-pk").values_list("pk", flat=True).first()
    zaak.statussen.exclude(pk=latest).update(indicatie_laatst_gezette_status=False)
    zaak.statussen.filter(pk=latest).update(indicatie_laatst_gezette_status=True)


def _close(zaak: Zaak, status: Status) -> list[str]:
    resultaat = Resultaat.objects.select_related("resultaattype").filter(zaak=zaak).first()
    if resultaat is None:
        rules.fail(rules.NON_FIELD, "De zaak heeft geen resultaat, maar moet er een hebben om af te sluiten.",
                   "resultaat-does-not-exist")
    zaak.einddatum = timezone.localdate(status.datum_status_gezet)
    parameters = archiving.on_close(zaak, resultaat.resultaattype, zaak.einddatum)
    zaak.archiefnominatie = parameters.archiefnominatie
    zaak.archiefactiedatum = parameters.archiefactiedatum
    if zaak.startdatum_bewaartermijn is None and zaak.archiefnominatie == "vernietigen":
        zaak.startdatum_bewaartermijn = parameters.brondatum
    return ["einddatum", "archiefnominatie", "archiefactiedatum", "startdatum_bewaartermijn"]


def _reopen(zaak: Zaak) -> list[str]:
    """zrc-008: a reopened zaak loses its end and its archiving parameters."""
    zaak.einddatum = None
    zaak.archiefactiedatum = None
    zaak.archiefnominatie = ""
    return ["einddatum", "archiefactiedatum", "archiefnominatie"]


# --- Resultaten --------------------------------------------------------------------------

def save_resultaat(instance: Resultaat | None, attrs: dict, *, request=None, partial: bool = False,
                   force: bool = False) -> Resultaat:
    """zrc-020: the resultaattype belongs to the zaak's zaaktype; one resultaat per zaak."""
    attrs = dict(attrs)
    with transaction.atomic():
        rules.check_immutable(instance, attrs, ("zaak",))
        zaak = Zaak.objects.select_for_update().get(pk=(attrs.get("zaak") or instance.zaak).pk)
        if zaak.is_closed and not force:
            raise PermissionDenied(CLOSED)
        if "resultaattype" in attrs:
            rules.check_same_zaaktype("resultaattype", attrs["resultaattype"], zaak)
        if instance is None and Resultaat.objects.filter(zaak=zaak).exists():
            rules.fail("zaak", "Deze zaak heeft al een resultaat.", "unique")
        oud = None if instance is None else snapshot(instance, request)
        resultaat = instance or Resultaat(zaak=zaak)
        for name, value in attrs.items():
            setattr(resultaat, name, value)
        resultaat.save()
        actie = "create" if instance is None else "partial_update" if partial else "update"
        _record_child(resultaat, "resultaat", actie, oud, request)
    return resultaat


def delete_resultaat(resultaat: Resultaat, *, request=None, force: bool = False) -> None:
    with transaction.atomic():
        if resultaat.zaak.is_closed and not force:
            raise PermissionDenied(CLOSED)
        oud = snapshot(resultaat, request)
        url = UrlBuilder(request).resource("zaken:resultaat-detail", resultaat.uuid)
        record_zaak_change(resultaat.zaak, "resultaat", "destroy", url, oud, None, request=request,
                           weergave=str(resultaat))
        resultaat.delete()


# --- Audit and notification --------------------------------------------------------------

def snapshot(instance, request=None) -> dict:
    """The record as the API shows it: ``oud``/``nieuw`` of the audit trail."""
    from raadhuis.zgw.zaken.api.serializers import serializer_for

    return dict(serializer_for(instance)(instance, context={"request": request}).data)


def _record_zaak(zaak: Zaak, actie: str, oud, request) -> dict:
    """Records the change; returns the zaak as the API now shows it (the trail's ``nieuw``)."""
    zaak = Zaak.objects.select_related("zaaktype", "hoofdzaak").get(pk=zaak.pk)
    nieuw = snapshot(zaak, request)
    record_zaak_change(zaak, "zaak", actie, UrlBuilder(request).zaak(zaak.uuid), oud, nieuw,
                       request=request, weergave=str(zaak))
    return nieuw


def _record_created(zaak: Zaak, nested: dict, request) -> dict:
    """``_record_zaak`` for a new zaak, shown from memory: the same body without reading the
    zaak and the records under it back (a create's largest cost, ADR 0042)."""
    from raadhuis.zgw.zaken.api import rows

    urls = UrlBuilder(request)
    nieuw = rows.represent_created(zaak, nested, urls)
    record_zaak_change(zaak, "zaak", "create", urls.zaak(zaak.uuid), None, nieuw, request=request,
                       weergave=str(zaak))
    return nieuw


def _record_child(instance, resource: str, actie: str, oud, request) -> None:
    url = UrlBuilder(request).resource(f"zaken:{resource}-detail", instance.uuid)
    record_zaak_change(instance.zaak, resource, actie, url, oud, snapshot(instance, request), request=request,
                       weergave=str(instance))


def record_zaak_change(zaak: Zaak, resource: str, actie: str, url: str, oud, nieuw, *, request=None,
                       weergave: str = "") -> None:
    """The audit row and notification of a change of ``zaak`` or of a record under it
    (``resource`` at ``url``): kanaal zaken, hoofdObject the zaak, the zaak's kenmerken. Call
    it inside the change's transaction; ``oud``/``nieuw`` are the API bodies (None for a
    creation or deletion)."""
    urls = UrlBuilder(request)
    events.record(
        organisation=zaak.organisation_id, bron=BRON, kanaal=KANAAL, actie=actie, resource=resource,
        resource_url=url, hoofd_object=urls.zaak(zaak.uuid),
        kenmerken={
            "bronorganisatie": zaak.bronorganisatie,
            "zaaktype": urls.catalogi("zaaktypen", zaak.zaaktype.uuid),
            "vertrouwelijkheidaanduiding": zaak.vertrouwelijkheidaanduiding,
        },
        oud=oud, nieuw=nieuw, resource_weergave=weergave, toelichting=_toelichting(request),
    )


def _toelichting(request) -> str:
    """The X-Audit-Toelichting header of the standard: why the change was made."""
    return (request.headers.get("X-Audit-Toelichting", "") if request is not None else "")[:1000]


def today() -> date:
    return timezone.localdate()


# --- Reads for the resident portal (Mijn zaken) ----------------------------------------------

def zaken_of_betrokkene(*, bsn: str = "", ann_identificatie: str = "",
                        omschrijving_generiek: str = "initiator"):
    """The zaken (in scope) where this person (BSN) or business is betrokkene in the role,
    newest first, with their zaaktype and the omschrijving of their current status
    (``huidige_status``): one query, an index lookup on the rol's search column."""
    if not bsn and not ann_identificatie:
        return Zaak.objects.none()
    from django.db.models import Exists, OuterRef, Subquery

    from raadhuis.zgw.zaken.models import Rol

    lookup = {"inp_bsn": bsn} if bsn else {"ann_identificatie": ann_identificatie}
    betrokken = Rol.objects.filter(zaak=OuterRef("pk"), omschrijving_generiek=omschrijving_generiek, **lookup)
    latest = Status.objects.filter(zaak=OuterRef("pk"), indicatie_laatst_gezette_status=True)
    return (Zaak.objects.filter(Exists(betrokken)).select_related("zaaktype")
            .annotate(huidige_status=Subquery(latest.values("statustype__omschrijving")[:1]))
            .order_by("-registratiedatum", "-pk"))


def statussen_of(zaak: Zaak) -> list[Status]:
    """The zaak's statussen, oldest first, with their statustype."""
    return list(zaak.statussen.select_related("statustype").order_by("datum_status_gezet", "pk"))


def get_status(uuid) -> Status | None:
    if _as_uuid(uuid) is None:
        return None
    return Status.objects.select_related("statustype", "zaak", "zaak__zaaktype").filter(uuid=uuid).first()


def informatieobject_urls_of(zaak: Zaak) -> list[str]:
    return list(zaak.zaakinformatieobjecten.order_by("registratiedatum", "pk")
                .values_list("informatieobject", flat=True))


def zaken_in_area(*, zaaktype_identificatie: str, min_x: float, min_y: float, max_x: float, max_y: float,
                  open_only: bool = True) -> list[Zaak]:
    """Zaken of the zaaktype (by identificatie) in the current scope whose zaakgeometrie's
    bounding box (WGS84) meets the box; with ``open_only`` only those without einddatum.
    For domain modules that relate locations to meldingen (wegen); the exact geometry test
    is the caller's."""
    zaken = Zaak.objects.select_related("zaaktype").filter(
        zaaktype__identificatie=zaaktype_identificatie,
        geometrie_min_x__lte=max_x, geometrie_max_x__gte=min_x,
        geometrie_min_y__lte=max_y, geometrie_max_y__gte=min_y,
    )
    if open_only:
        zaken = zaken.filter(einddatum__isnull=True)
    return list(zaken.order_by("pk"))


# --- Reads for management information (inzicht) ----------------------------------------------

def zaken_by_uuid(uuids) -> list[Zaak]:
    """The zaken in scope with these uuids (malformed ones ignored), with their zaaktype."""
    valid = [u for u in map(_as_uuid, uuids) if u is not None]
    return list(Zaak.objects.select_related("zaaktype").filter(uuid__in=valid).order_by("pk"))


def heropeningen(zaak_ids) -> dict[int, int]:
    """How often each zaak was reopened (zrc-008): a status after its eindstatus (the
    zaaktype's highest volgnummer). Zaken never reopened are left out. One query."""
    from django.db.models import OuterRef, Subquery

    from raadhuis.zgw.catalogi.models import Statustype

    highest = Statustype.objects.filter(zaaktype=OuterRef("statustype__zaaktype")).order_by("-volgnummer")
    rows = (Status.objects.filter(zaak_id__in=list(zaak_ids))
            .annotate(eind=Subquery(highest.values("volgnummer")[:1]))
            .order_by("zaak_id", "datum_status_gezet", "pk")
            .values_list("zaak_id", "statustype__volgnummer", "eind"))
    counts: dict[int, int] = {}
    previous: tuple[int, bool] | None = None
    for zaak_id, volgnummer, eind in rows:
        if previous is not None and previous == (zaak_id, True) and volgnummer != eind:
            counts[zaak_id] = counts.get(zaak_id, 0) + 1
        previous = (zaak_id, volgnummer == eind)
    return counts


def aangemaakt_door(zaken) -> dict[UUID, tuple[str, str]]:
    """Who registered each zaak, from its audit trail: (applicatie_id, gebruikers_id) of the
    creation. Tells a zaak made in the portal or by a chatbot from one made at the counter."""
    from raadhuis.platform.models import AuditEntry

    urls = UrlBuilder(None)
    by_url = {urls.zaak(z.uuid): z.uuid for z in zaken}
    rows = (AuditEntry.objects.filter(hoofd_object__in=list(by_url), resource="zaak", actie="create")
            .values_list("hoofd_object", "applicatie_id", "gebruikers_id"))
    return {by_url[url]: (applicatie, gebruiker) for url, applicatie, gebruiker in rows}


def zaken_in_chunks(organisation, chunk: int = 5000):
    """All zaken of the organisation in lists of ``chunk``, by id (for bulk rebuilds of
    other modules' derived tables): one query per chunk."""
    last = 0
    while batch := list(Zaak.objects.select_related("zaaktype").filter(organisation=organisation, pk__gt=last)
                        .order_by("pk")[:chunk]):
        yield batch
        last = batch[-1].pk


# --- Reads for the other ZGW APIs ------------------------------------------------------------

def zaken_as_shown(zaak_ids, *, request, expand: str = "") -> dict[int, dict]:
    """The zaken with these ids as the Zaken API shows them to the request's client, for an
    ``expand`` of another API (the Besluiten API's ``zaak``): camelCase JSON, with the zaak's
    own expansions ``expand`` (``status.statustype``; checked as zrc-025 … 028 say, also when
    there are no ids). A zaak the client may not see (zrc-006) is left out."""
    from djangorestframework_camel_case.util import camelize

    from raadhuis.zgw.zaken import scopes
    from raadhuis.zgw.zaken.api import expand as expansion
    from raadhuis.zgw.zaken.api.serializers import ZaakSerializer
    from raadhuis.zgw.zaken.api.viewsets.base import COMPONENT, ZakenRenderer

    node = expansion.parse_expand(expand)
    expansion.validate(node, "zaak")
    visible = Zaak.objects.filter(request.auth.visibility(COMPONENT, scopes.LEZEN, "zaaktype__uuid",
                                                          "vertrouwelijkheidaanduiding"))
    zaken = list(visible.filter(pk__in=set(zaak_ids)).select_related("zaaktype", "hoofdzaak"))
    context = {"request": request}
    datas = list(ZaakSerializer(zaken, many=True, context=context).data)
    expansion.Expander(request, visible, context).apply(zaken, datas, "zaak", node)
    options = ZakenRenderer.json_underscoreize
    return {zaak.pk: camelize(data, **options) for zaak, data in zip(zaken, datas, strict=True)}
