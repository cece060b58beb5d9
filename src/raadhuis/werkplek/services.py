"""The door of the werkplek: work queues, assignment, deadlines and every case action.

Views, the processen and other modules call these functions. Every write of zaak data goes
through ``raadhuis.zgw.*.services`` (which write the audit trail and the notification in
the same transaction); the werkplek adds its own records (queue row, suspension periods,
messages) in that transaction too. Authorisation is the caller's: views check
``permissions.require`` before calling, the processen act as the system.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from raadhuis.platform import context
from raadhuis.platform import services as platform
from raadhuis.platform.models import User
from raadhuis.werkplek import termijnen, zaakdata
from raadhuis.werkplek.models import Bericht, Documenttekst, Opschorting, Team, Termijnregel, WorkItem
from raadhuis.zgw.besluiten import services as besluiten
from raadhuis.zgw.common.vertrouwelijkheid import rank
from raadhuis.zgw.zaken import services as zaken
from raadhuis.zgw.zaken import services_subresources as zaak_children

PAGE_SIZE = 25
SORTS = {
    "uiterste_datum": ("uiterste_datum", "id"),
    "-uiterste_datum": ("-uiterste_datum", "-id"),
    "registratiedatum": ("registratiedatum", "id"),
    "-registratiedatum": ("-registratiedatum", "-id"),
}
BERICHTEN_KANAAL = "berichten"


# --- Deadlines -----------------------------------------------------------------------------


def termijnregel(zaak) -> Termijnregel | None:
    return Termijnregel.objects.filter(
        organisation_id=zaak.organisation_id, zaaktype_identificatie=zaak.zaaktype.identificatie
    ).first()


def opschortingen(zaak) -> list[Opschorting]:
    return list(Opschorting.objects.filter(zaak_uuid=zaak.uuid))


def feestdagen(year: int) -> frozenset[date]:
    """The feestdagen of the Algemene termijnenwet in ``year`` (for other modules' terms)."""
    return termijnen.feestdagen(year)


def deadline_for(zaak, *, norm: str = "doorlooptijd", today: date | None = None) -> termijnen.Deadline | None:
    """The legal deadline (``doorlooptijd``) or the service norm (``servicenorm``) of a zaak."""
    duur = (
        zaak.zaaktype.doorlooptijd_behandeling
        if norm == "doorlooptijd"
        else zaak.zaaktype.servicenorm_behandeling
    )
    if not duur:
        return None
    regel = termijnregel(zaak)
    return termijnen.deadline(
        zaak.startdatum,
        duur,
        dagsoort=regel.dagsoort if regel else termijnen.Dagsoort.KALENDERDAGEN,
        opschortingen=[termijnen.Period(o.van, o.tot) for o in opschortingen(zaak)],
        verlenging=zaak.verlenging_duur,
        today=today or timezone.localdate(),
    )


def deadlines_for(zaken) -> dict:
    """{zaak uuid: legal deadline (einddatum)} of many zaken with two queries: their
    termijnregels and suspensions (for management information; ``deadline_for`` per zaak)."""
    zaken = [z for z in zaken if z.zaaktype.doorlooptijd_behandeling]
    regels = dict(
        ((organisation_id, identificatie), dagsoort)
        for organisation_id, identificatie, dagsoort in Termijnregel.objects.filter(
            organisation_id__in={z.organisation_id for z in zaken}
        ).values_list("organisation_id", "zaaktype_identificatie", "dagsoort")
    )
    periods: dict = {}
    for zaak_uuid, van, tot in Opschorting.objects.filter(zaak_uuid__in=[z.uuid for z in zaken]).values_list(
        "zaak_uuid", "van", "tot"
    ):
        periods.setdefault(zaak_uuid, []).append(termijnen.Period(van, tot))
    today, calendar = timezone.localdate(), termijnen.Dagsoort.KALENDERDAGEN
    return {
        zaak.uuid: termijnen.deadline(
            zaak.startdatum,
            zaak.zaaktype.doorlooptijd_behandeling,
            dagsoort=regels.get((zaak.organisation_id, zaak.zaaktype.identificatie), calendar),
            opschortingen=periods.get(zaak.uuid, []),
            verlenging=zaak.verlenging_duur,
            today=today,
        ).einddatum
        for zaak in zaken
    }


def apply_deadline(zaak):
    """Write the computed deadlines on the zaak (uiterlijkeEinddatumAfdoening, einddatumGepland)."""
    legal, norm = deadline_for(zaak), deadline_for(zaak, norm="servicenorm")
    attrs = {}
    if legal is not None and legal.einddatum != zaak.uiterlijke_einddatum_afdoening:
        attrs["uiterlijke_einddatum_afdoening"] = legal.einddatum
    planned = (norm or legal).einddatum if (norm or legal) else None
    if planned is not None and planned != zaak.einddatum_gepland:
        attrs["einddatum_gepland"] = planned
    if attrs and not zaak.is_closed:
        zaak = zaken.update_zaak(zaak, attrs, partial=True)
    return zaak


@dataclass(frozen=True)
class Termijnstatus:
    code: str  # "verlopen", "binnenkort", "op_tijd", "opgeschort", "geen"
    label: str
    dagen: int | None


def termijnstatus(item: WorkItem, today: date | None = None, waarschuwen: int = 5) -> Termijnstatus:
    today = today or timezone.localdate()
    if item.opgeschort:
        return Termijnstatus("opgeschort", "Opgeschort", None)
    if item.uiterste_datum is None or not item.is_open:
        return Termijnstatus("geen", "", None)
    days = (item.uiterste_datum - today).days
    if days < 0:
        return Termijnstatus("verlopen", f"{-days} dagen over de termijn", days)
    if days <= waarschuwen:
        return Termijnstatus("binnenkort", f"nog {days} dagen", days)
    return Termijnstatus("op_tijd", f"nog {days} dagen", days)


# --- The queue projection -----------------------------------------------------------------


def refresh(zaak) -> WorkItem:
    """Bring the zaak's queue row up to date (team and process fields are left alone)."""
    zaak = zaken.get_zaak(zaak.uuid) or zaak
    status = zaakdata.current_status(zaak)
    deadline = zaak.uiterlijke_einddatum_afdoening
    suspended = zaak.opschorting_indicatie
    if suspended or deadline is None:
        computed = deadline_for(zaak)
        deadline = computed.einddatum if computed else zaak.einddatum_gepland
    values = {
        "organisation_id": zaak.organisation_id,
        "identificatie": zaak.identificatie,
        "omschrijving": zaak.omschrijving,
        "zaaktype_identificatie": zaak.zaaktype.identificatie,
        "zaaktype_omschrijving": zaak.zaaktype.omschrijving[:80],
        "vertrouwelijkheid": rank(zaak.vertrouwelijkheidaanduiding),
        "status": status.statustype.omschrijving[:80] if status else "",
        "registratiedatum": zaak.registratiedatum,
        "startdatum": zaak.startdatum,
        "uiterste_datum": deadline,
        "opgeschort": suspended,
        "is_open": not zaak.is_closed,
        "einddatum": zaak.einddatum,
        "behandelaar": _behandelaar_user(zaak),
        "zoektekst": search_text(zaak),
    }
    item, _ = WorkItem.objects.update_or_create(zaak_uuid=zaak.uuid, defaults=values)
    return item


def forget(zaak_uuid) -> None:
    WorkItem.objects.filter(zaak_uuid=zaak_uuid).delete()


def _behandelaar_user(zaak) -> User | None:
    usernames = [
        (r.betrokkene_identificatie or {}).get("identificatie", "")
        for r in zaakdata.behandelaar_rollen(zaak)
        if r.betrokkene_type == "medewerker"
    ]
    usernames = [u for u in usernames if u]
    return User.objects.filter(username=usernames[-1]).first() if usernames else None


ZOEKTEKST_MAX = 300_000  # characters; PostgreSQL's tsvector takes at most 1 MB


def search_text(zaak) -> str:
    """What the werkplek search finds a zaak by: its own words, its documents' titles and texts."""
    parts = [zaak.identificatie, zaak.omschrijving, zaak.toelichting, zaak.zaaktype.omschrijving]
    titles = zaak.zaakinformatieobjecten.values_list("titel", flat=True)
    return " ".join(p for p in [*parts, *titles, *_document_texts(zaak)] if p)[:ZOEKTEKST_MAX]


def _document_texts(zaak) -> list[str]:
    """The text of the zaak's documents, each version extracted once. Only documents at or
    below the zaak's own confidentiality are searched: whoever finds the zaak may see them."""
    from raadhuis.werkplek import preview

    level, texts = rank(zaak.vertrouwelijkheidaanduiding), []
    for _relation, version in zaakdata.documenten(zaak):
        if version is None or rank(version.vertrouwelijkheidaanduiding) > level:
            continue
        key = {"document_uuid": version.document.uuid, "versie": version.versie}
        tekst = Documenttekst.objects.filter(**key).values_list("tekst", flat=True).first()
        if tekst is None:
            tekst = preview.text_of(version)
            Documenttekst.objects.get_or_create(**key, defaults={"organisation_id": zaak.organisation_id,
                                                                 "tekst": tekst})
        texts.append(tekst)
    return texts


def work_item(zaak_uuid) -> WorkItem | None:
    return WorkItem.objects.select_related("behandelaar", "team").filter(zaak_uuid=zaak_uuid).first()


def set_team(zaak, team: Team | None) -> WorkItem:
    item = work_item(zaak.uuid) or refresh(zaak)
    WorkItem.objects.filter(pk=item.pk).update(team=team)
    item.team = team
    platform.record_change(
        organisation=zaak.organisation,
        bron="werkplek",
        actie="team",
        resource="zaak",
        resource_url=zaken.zaak_url(zaak),
        hoofd_object=zaken.zaak_url(zaak),
        resource_weergave=str(zaak),
        actie_weergave="Toegewezen aan team",
        nieuw={"team": team.naam if team else None},
    )
    return item


def set_procestaak(zaak_uuid, taak: str = "", *, fout: bool | None = None) -> None:
    """Called by the processen: the open user task (shown in the queue) and parked errors."""
    values = {"procestaak": taak[:200]}
    if fout is not None:
        values["procesfout"] = fout
    WorkItem.objects.filter(zaak_uuid=zaak_uuid).update(**values)


# --- Queues ----------------------------------------------------------------------------------


def visible_items(user):
    """The queue rows the user may see: their organisations, up to their confidentiality."""
    from raadhuis.werkplek.permissions import visible_organisations

    condition = Q(pk__in=[])
    for organisation_id, max_rank in visible_organisations(user).items():
        condition |= Q(organisation_id=organisation_id, vertrouwelijkheid__lte=max_rank)
    return WorkItem.objects.filter(condition)


def visible_organisations(user) -> dict[int, int]:
    """{organisation id: highest confidentiality rank} where the user may look at zaken:
    the same rule as the queues, for other modules that list zaken (inzicht drill-down)."""
    from raadhuis.werkplek.permissions import visible_organisations as visible

    return visible(user)


def teams_of(zaak_uuids) -> dict:
    """{zaak uuid: team code} of the zaken that sit in a team queue."""
    return dict(
        WorkItem.objects.filter(zaak_uuid__in=list(zaak_uuids), team__isnull=False).values_list(
            "zaak_uuid", "team__code"
        )
    )


def teams(organisation) -> list[Team]:
    return list(Team.objects.filter(organisation=organisation))


def html_to_pdf(html: str) -> bytes:
    """A PDF from HTML as the letters are made (WeasyPrint, no URL or file fetched)."""
    from raadhuis.werkplek.letters import render_pdf

    return render_pdf(html)


@dataclass(frozen=True)
class QueueFilter:
    wie: str = "alle"  # "mij", "team", "alle", "niet_toegewezen"
    team: int | None = None
    zaaktype: str = ""
    status: str = ""
    termijn: str = ""  # "verlopen", "binnenkort"
    sort: str = "uiterste_datum"
    page: int = 1
    open: bool = True


def queue(user, spec: QueueFilter, today: date | None = None) -> tuple[list[WorkItem], bool]:
    """One page of the queue and whether there is a next one. No COUNT(*): a million rows
    would make every page pay for it; the page asks for one row more instead."""
    today = today or timezone.localdate()
    items = visible_items(user).filter(is_open=spec.open)
    if spec.wie == "mij":
        items = items.filter(behandelaar=user)
    elif spec.wie == "niet_toegewezen":
        items = items.filter(behandelaar__isnull=True)
    if spec.wie == "team" or spec.team:
        teams = [spec.team] if spec.team else list(user.werkplek_teams.values_list("pk", flat=True))
        items = items.filter(team_id__in=teams)
    if spec.zaaktype:
        items = items.filter(zaaktype_identificatie=spec.zaaktype)
    if spec.status:
        items = items.filter(status=spec.status)
    if spec.termijn == "verlopen":
        items = items.filter(uiterste_datum__lt=today, opgeschort=False)
    elif spec.termijn == "binnenkort":
        items = items.filter(
            uiterste_datum__gte=today, uiterste_datum__lte=today + timedelta(days=7), opgeschort=False
        )
    page = max(1, min(spec.page, 10_000))
    ordered = items.select_related("behandelaar", "team").order_by(
        *SORTS.get(spec.sort, SORTS["uiterste_datum"])
    )
    rows = list(ordered[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1])
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def pick_up_next(user, team: Team | None = None):
    """Assign the most urgent unassigned open zaak of the user's teams (or ``team``) that the
    user may handle, and return it; None when the queue is empty. Two employees pressing at
    once get different zaken (SKIP LOCKED on PostgreSQL, the zaak lock elsewhere)."""
    teams = [team.pk] if team else list(user.werkplek_teams.values_list("pk", flat=True))
    with transaction.atomic():
        item = next_in_queue(user, teams)
        if item is None:
            return None
        zaak = zaken.get_zaak(item.zaak_uuid)
        assign(zaak, user)
    return zaak


def next_in_queue(user, teams: list[int]) -> WorkItem | None:
    """The most urgent unassigned open queue row of ``teams`` that the user may handle, locked
    for the caller's transaction (rows other employees are picking up are skipped)."""
    from raadhuis.werkplek.permissions import Actie, may

    organisations = [o for o in visible_organisations(user) if may(user, Actie.BEHANDELEN, o)]
    query = (
        visible_items(user)
        .filter(is_open=True, behandelaar__isnull=True, team_id__in=teams, organisation_id__in=organisations)
        .order_by("uiterste_datum", "id")
    )
    if connection.features.has_select_for_update_skip_locked:
        query = query.select_for_update(skip_locked=True)
    return query.first()


# --- Actions -------------------------------------------------------------------------------


@transaction.atomic
def intake(
    *,
    organisation,
    zaaktype,
    omschrijving: str,
    toelichting: str = "",
    bsn: str = "",
    naam: str = "",
    startdatum: date | None = None,
    team: Team | None = None,
):
    """Register a new zaak as an employee does at the counter: the zaak, its first status, the
    initiator and the deadlines. The processen start on the zaak's notification."""
    today = timezone.localdate()
    zaak = zaken.create_zaak(
        {
            "zaaktype": zaaktype,
            "bronorganisatie": organisation.rsin,
            "verantwoordelijke_organisatie": organisation.rsin,
            "omschrijving": omschrijving[:80],
            "toelichting": toelichting[:1000],
            "startdatum": startdatum or today,
            "registratiedatum": today,
        }
    )
    first = next(iter(zaakdata.statustypen(zaak)), None)
    if first is not None:
        set_status(zaak, first, "Zaak geregistreerd")
    if bsn:
        add_initiator(zaak, bsn=bsn, naam=naam)
    zaak = apply_deadline(zaak)
    item = refresh(zaak)
    if team is not None:
        set_team(zaak, team)
    return zaken.get_zaak(item.zaak_uuid)


def add_initiator(zaak, *, bsn: str, naam: str = ""):
    roltype = zaakdata.roltype(zaak, "initiator")
    if roltype is None:
        return None
    return zaak_children.create_rol(
        {
            "zaak": zaak,
            "roltype": roltype,
            "betrokkene_type": "natuurlijk_persoon",
            "roltoelichting": "Aanvrager",
            "betrokkene_identificatie": {"inp_bsn": bsn, "geslachtsnaam": naam},
        }
    )


@transaction.atomic
def assign(zaak, user: User | None, *, toelichting: str = ""):
    """Make ``user`` the behandelaar (a rol "behandelaar" of betrokkeneType medewerker, as the
    ZGW standard records it); ``None`` hands the zaak back to the team queue."""
    for rol in zaakdata.behandelaar_rollen(zaak):
        zaak_children.delete_rol(rol)
    if user is not None:
        roltype = zaakdata.roltype(zaak, "behandelaar")
        if roltype is None:
            raise ValueError("Het zaaktype kent geen roltype behandelaar.")
        zaak_children.create_rol(
            {
                "zaak": zaak,
                "roltype": roltype,
                "betrokkene_type": "medewerker",
                "roltoelichting": toelichting[:1000] or "Behandelaar",
                "betrokkene_identificatie": {
                    "identificatie": user.get_username(),
                    "achternaam": user.last_name[:200],
                    "voorletters": user.first_name[:1],
                },
            }
        )
    return refresh(zaak)


@transaction.atomic
def set_status(zaak, statustype, toelichting: str = "", *, reopen: bool = False):
    status = zaken.set_status(
        {
            "zaak": zaak,
            "statustype": statustype,
            "datum_status_gezet": _now_unique(zaak),
            "statustoelichting": toelichting[:1000],
            "gezetdoor": "",
        },
        reopen=reopen,
    )
    refresh(zaak)
    return status


def _now_unique(zaak):
    """Now, or a microsecond after the zaak's latest status: two steps in one instant (an
    automatic process) still get an order and pass zrc's one-status-per-moment rule."""
    now = timezone.now()
    latest = zaakdata.statussen(zaak)[-1:] if zaak.pk else []
    if latest and latest[0].datum_status_gezet >= now:
        now = latest[0].datum_status_gezet + timedelta(microseconds=1)
    return now


@transaction.atomic
def set_resultaat(zaak, resultaattype, toelichting: str = ""):
    existing = zaakdata.resultaat(zaak)
    return zaken.save_resultaat(
        existing,
        {"zaak": zaak, "resultaattype": resultaattype, "toelichting": toelichting[:1000]},
        partial=existing is not None,
    )


@transaction.atomic
def record_besluit(
    zaak,
    besluittype,
    *,
    toelichting: str = "",
    datum: date | None = None,
    ingangsdatum: date | None = None,
    vervaldatum: date | None = None,
):
    today = timezone.localdate()
    return besluiten.create_besluit(
        {
            "verantwoordelijke_organisatie": zaak.bronorganisatie,
            "besluittype": besluittype,
            "zaak": zaak,
            "datum": datum or today,
            "ingangsdatum": ingangsdatum or datum or today,
            "vervaldatum": vervaldatum,
            "toelichting": toelichting,
            "bestuursorgaan": "college van burgemeester en wethouders",
        }
    )


@transaction.atomic
def close(zaak, resultaattype=None, toelichting: str = ""):
    """Afsluiten: the resultaat (given, or the one recorded before) and the eindstatus."""
    if resultaattype is not None:
        set_resultaat(zaak, resultaattype, toelichting)
    if zaakdata.resultaat(zaak) is None:
        raise ValueError("Een zaak afsluiten vraagt een resultaat.")
    eind = zaakdata.statustypen(zaak)[-1]
    set_status(zaak, eind, toelichting or "Zaak afgesloten")
    return zaken.get_zaak(zaak.uuid)


@transaction.atomic
def reopen(zaak, reden: str):
    """Heropenen (zrc-008): the last status before the eindstatus, with the reason."""
    statustypen = zaakdata.statustypen(zaak)
    previous = statustypen[-2] if len(statustypen) > 1 else statustypen[0]
    set_status(zaak, previous, f"Heropend: {reden}", reopen=True)
    zaak = apply_deadline(zaken.get_zaak(zaak.uuid))
    refresh(zaak)
    return zaak


@transaction.atomic
def suspend(zaak, reden: str, *, van: date | None = None):
    """Opschorten (Awb 4:15): the clock stops from ``van`` (today) until :func:`resume`."""
    if not zaak.zaaktype.opschorting_en_aanhouding_mogelijk:
        raise ValueError("Opschorten is bij dit zaaktype niet mogelijk.")
    if zaak.opschorting_indicatie:
        raise ValueError("De zaak is al opgeschort.")
    Opschorting.objects.create(
        organisation_id=zaak.organisation_id,
        zaak_uuid=zaak.uuid,
        van=van or timezone.localdate(),
        reden=reden[:200],
        door=context.current_actor().display,
    )
    zaak = zaken.update_zaak(
        zaak, {"opschorting_indicatie": True, "opschorting_reden": reden[:200]}, partial=True
    )
    refresh(zaak)
    return zaak


@transaction.atomic
def resume(zaak, *, tot: date | None = None):
    """The suspension ends (today, or ``tot``); the deadline moves by its length."""
    period = Opschorting.objects.filter(zaak_uuid=zaak.uuid, tot__isnull=True).first()
    if period is None or not zaak.opschorting_indicatie:
        raise ValueError("De zaak is niet opgeschort.")
    period.tot = max(tot or timezone.localdate(), period.van)
    period.save(update_fields=["tot"])
    zaak = zaken.update_zaak(zaak, {"opschorting_indicatie": False}, partial=True)
    zaak = apply_deadline(zaak)
    refresh(zaak)
    return zaak


@transaction.atomic
def extend(zaak, reden: str, duur: str = ""):
    """Verlengen (Awb 4:14): once, by at most the zaaktype's verlengingstermijn."""
    zaaktype = zaak.zaaktype
    if not zaaktype.verlenging_mogelijk or not zaaktype.verlengingstermijn:
        raise ValueError("Verlengen is bij dit zaaktype niet mogelijk.")
    if zaak.verlenging_duur:
        raise ValueError("De zaak is al verlengd; de wet staat één verlenging toe.")
    duur = duur or zaaktype.verlengingstermijn
    if termijnen.add_term(zaak.startdatum, duur, "kalenderdagen") > termijnen.add_term(
        zaak.startdatum, zaaktype.verlengingstermijn, "kalenderdagen"
    ):
        raise ValueError(
            f"De verlenging is langer dan de verlengingstermijn ({zaaktype.verlengingstermijn})."
        )
    zaak = zaken.update_zaak(
        zaak,
        {"verlenging_reden": reden[:200], "verlenging_duur": duur, **_deadline_attrs(zaak, duur)},
        partial=True,
    )
    refresh(zaak)
    return zaak


def _deadline_attrs(zaak, verlenging: str) -> dict:
    """The deadlines with the new verlenging, sent along so the Zaken service does not shift
    them by calendar duration on its own."""
    zaak.verlenging_duur = verlenging
    legal, norm = deadline_for(zaak), deadline_for(zaak, norm="servicenorm")
    attrs = {}
    if legal is not None:
        attrs["uiterlijke_einddatum_afdoening"] = legal.einddatum
        attrs["einddatum_gepland"] = (norm or legal).einddatum
    return attrs


def add_note(zaak, onderwerp: str, tekst: str):
    return zaak_children.save_zaaknotitie(
        None,
        {
            "zaak": zaak,
            "onderwerp": onderwerp[:255],
            "tekst": tekst,
            "aangemaakt_door": context.current_actor().display[:255],
            "notitie_type": "intern",
            "status": "definitief",
        },
    )


@transaction.atomic
def add_document(
    zaak,
    *,
    titel: str,
    inhoud: bytes,
    bestandsnaam: str,
    formaat: str,
    informatieobjecttype,
    beschrijving: str = "",
    vertrouwelijkheid: str = "",
):
    """Store a file as a document (Documenten component) and link it to the zaak."""
    from raadhuis.zgw.documenten import services as documenten

    version = documenten.create_document(
        {
            "bronorganisatie": zaak.bronorganisatie,
            "creatiedatum": timezone.localdate(),
            "titel": titel[:200],
            "auteur": context.current_actor().display[:200],
            "taal": "dut",
            "formaat": formaat[:255],
            "bestandsnaam": bestandsnaam[:255],
            "informatieobjecttype": informatieobjecttype,
            "vertrouwelijkheidaanduiding": vertrouwelijkheid
            or informatieobjecttype.vertrouwelijkheidaanduiding,
            "status": "definitief",
            "beschrijving": beschrijving[:1000],
            "inhoud": base64.b64encode(inhoud).decode("ascii"),
        }
    )
    url = documenten.document_url(version.document)
    zaak_children.save_zaakinformatieobject(
        None, {"zaak": zaak, "informatieobject": url, "titel": titel[:200], "beschrijving": beschrijving}
    )
    refresh(zaak)
    return version


@transaction.atomic
def send_message(zaak, *, onderwerp: str, tekst: str, document_url: str = "") -> Bericht:
    """A message to the resident: stored, in the zaak's audit trail, and published on kanaal
    ``berichten`` so the portal's inbox and e-mail deliver it after commit."""
    bericht = Bericht.objects.create(
        organisation_id=zaak.organisation_id,
        zaak_uuid=zaak.uuid,
        onderwerp=onderwerp[:200],
        tekst=tekst,
        document_url=document_url,
        afzender=context.current_actor().display[:255],
    )
    url = zaken.zaak_url(zaak)
    platform.record_change(
        organisation=zaak.organisation,
        bron="werkplek",
        actie="bericht",
        resource="bericht",
        resource_url=f"{url}#bericht-{bericht.uuid}",
        hoofd_object=url,
        resource_weergave=onderwerp[:200],
        actie_weergave="Bericht aan inwoner verstuurd",
        nieuw={"onderwerp": onderwerp, "bijlage": document_url},
    )
    platform.publish_event(
        organisation=zaak.organisation,
        kanaal=BERICHTEN_KANAAL,
        payload={
            "kanaal": BERICHTEN_KANAAL,
            "hoofdObject": url,
            "resource": "bericht",
            "actie": "create",
            "bericht": str(bericht.uuid),
            "onderwerp": onderwerp[:200],
            "aanmaakdatum": timezone.now().isoformat(),
        },
    )
    return bericht


def berichten_of(zaak_uuid) -> list[Bericht]:
    return list(Bericht.objects.filter(zaak_uuid=zaak_uuid))


# --- Deadline watch -------------------------------------------------------------------------


def escalate_overdue(today: date | None = None) -> int:
    """Publish ``termijn_verlopen`` once for each open zaak past its deadline (run daily by
    ``raadhuis werkplek_termijnen``), and refresh the running suspensions' provisional dates."""
    today = today or timezone.localdate()
    for item in WorkItem.objects.filter(is_open=True, opgeschort=True):
        zaak = zaken.get_zaak(item.zaak_uuid)
        if zaak is not None:
            refresh(zaak)
    count = 0
    overdue = WorkItem.objects.filter(
        is_open=True, opgeschort=False, uiterste_datum__lt=today, geescaleerd_op__isnull=True
    ).select_related("behandelaar", "team")
    for item in overdue.iterator(chunk_size=500):
        with transaction.atomic():
            platform.publish_event(
                organisation=item.organisation,
                kanaal="werkplek",
                payload={
                    "kanaal": "werkplek",
                    "actie": "termijn_verlopen",
                    "zaak": str(item.zaak_uuid),
                    "identificatie": item.identificatie,
                    "uiterste_datum": item.uiterste_datum.isoformat(),
                    "behandelaar": item.behandelaar.get_username() if item.behandelaar else "",
                    "team": item.team.code if item.team else "",
                },
            )
            WorkItem.objects.filter(pk=item.pk).update(geescaleerd_op=today)
        count += 1
    return count
