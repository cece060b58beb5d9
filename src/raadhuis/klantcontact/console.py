"""What the KCC console does: find a resident, show their zaken and earlier contacts, record a
contact and follow up call-back tasks.

The console's views call these functions inside the tenant scope of one organisation (the
resident's municipality). Persons come from ``raadhuis.registers.services`` (each read in the
verwerkingenlog with the KCC's purpose), zaken from ``raadhuis.zgw.zaken.services`` capped at
the confidentiality the employee may see (the werkplek's rule), product answers from the
portal catalogue and FAQ. A klantcontact is written once: there is no function to change it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from raadhuis.klantcontact import services
from raadhuis.klantcontact.api.fields import resource_url
from raadhuis.klantcontact.engine import Document, Retriever
from raadhuis.klantcontact.models import (
    Actor,
    Betrokkene,
    DigitaalAdres,
    Gesprek,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
    Partij,
)
from raadhuis.platform import services as platform
from raadhuis.registers import query as brp_query
from raadhuis.registers import services as registers
from raadhuis.zgw.common.vertrouwelijkheid import ORDER

DOEL = "Klantcontact: de inwoner identificeren en zijn vraag beantwoorden"
GRONDSLAG = "AVG art. 6 lid 1 sub e: dienstverlening van de gemeente aan de inwoner (KCC)"
BRP_FIELDS = ["burgerservicenummer", "naam.volledigeNaam", "geboorte.datum",
              "adressering.adresregel1", "adressering.adresregel2"]
KANALEN = ("telefoon", "balie", "e-mail", "chat")  # as the Klantinteracties examples spell them
TERUGBELLEN = "Terugbellen"
TERMIJN_WERKDAGEN = 2  # the usual KCC promise: we call you back within two working days
BETROKKEN_ROLLEN = ("initiator", "mede_initiator", "belanghebbende")
MAX_ZAKEN = 50
MAX_CONTACTEN = 50
MAX_TAKEN = 200


class BrpNotFound(Exception):
    """The register could not be asked; the message says why, in Dutch."""


# --- Residents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Zoekvraag:
    """One of the three searches a KCC employee uses; the fields of the others stay empty."""

    bsn: str = ""
    geslachtsnaam: str = ""
    geboortedatum: date | None = None
    postcode: str = ""
    huisnummer: int | None = None
    huisletter: str = ""
    huisnummertoevoeging: str = ""

    def body(self) -> tuple[dict, str]:
        """The Haal Centraal request body and the activity name for the verwerkingenlog."""
        if self.bsn:
            return {"type": brp_query.RAADPLEEG_BSN, "burgerservicenummer": [self.bsn]}, "BSN"
        if self.postcode:
            body = {"type": brp_query.ZOEK_POSTCODE_HUISNUMMER, "postcode": self.postcode,
                    "huisnummer": self.huisnummer}
            if self.huisletter:
                body["huisletter"] = self.huisletter
            if self.huisnummertoevoeging:
                body["huisnummertoevoeging"] = self.huisnummertoevoeging
            return body, "postcode en huisnummer"
        return ({"type": brp_query.ZOEK_NAAM_GEBOORTEDATUM, "geslachtsnaam": self.geslachtsnaam,
                 "geboortedatum": self.geboortedatum.isoformat()}, "naam en geboortedatum")


def zoek_inwoners(vraag: Zoekvraag) -> list[dict]:
    """The persons of the municipality's register that match, as rows for the console:
    ``bsn``, ``naam``, ``geboortedatum``, ``adres`` (two lines), ``geheim``. Each person read
    is in the verwerkingenlog. Raises ``InvalidQuery`` for a search the standard refuses and
    :class:`BrpNotFound` when a configured remote BRP does not answer."""
    body, how = vraag.body()
    try:
        personen = registers.zoek_personen(
            {**body, "fields": BRP_FIELDS}, doel=DOEL, grondslag=GRONDSLAG,
            verwerking=f"KCC: inwoner zoeken op {how}",
        )
    except registers.BrpUnavailable as error:
        raise BrpNotFound("De BRP is nu niet bereikbaar. Probeer het later opnieuw.") from error
    return sorted((_row(p) for p in personen), key=lambda row: (row["naam"], row["bsn"]))


def inwoner(partij: Partij) -> dict | None:
    """The BRP row of a partij with a BSN (logged as a read), or None when unknown here."""
    if not partij.bsn:
        return None
    try:
        persoon = registers.get_persoon(partij.bsn, fields=BRP_FIELDS, doel=DOEL, grondslag=GRONDSLAG,
                                        verwerking="KCC: inwoner raadplegen")
    except registers.BrpUnavailable as error:
        raise BrpNotFound("De BRP is nu niet bereikbaar. Probeer het later opnieuw.") from error
    return _row(persoon) if persoon else None


def _row(persoon: dict) -> dict:
    adres = persoon.get("adressering") or {}
    geboren = (persoon.get("geboorte") or {}).get("datum") or {}
    return {
        "bsn": persoon.get("burgerservicenummer", ""),
        "naam": (persoon.get("naam") or {}).get("volledigeNaam", ""),
        "geboortedatum": geboren.get("langFormaat") or geboren.get("datum", ""),
        "adres": [line for line in (adres.get("adresregel1"), adres.get("adresregel2")) if line],
        "geheim": bool(persoon.get("geheimhoudingPersoonsgegevens")),
        "overleden": bool(persoon.get("opschortingBijhouding")),
    }


def partij_voor(organisation, bsn: str) -> Partij:
    """The municipality's partij of the person with this BSN, made on first contact."""
    if not registers.is_valid_bsn(bsn):
        raise ValidationError("Dit is geen geldig burgerservicenummer.", code="bsn")
    return services.partij_met_bsn(organisation, bsn)


# --- Zaken and earlier contacts --------------------------------------------------------------


def zaken_van(partij: Partij, max_rank: int) -> list[dict]:
    """The zaken in which the resident takes part (as initiator, co-initiator or interested
    party), newest first, up to the confidentiality rank the employee may see."""
    from raadhuis.zgw.zaken import services as zaken

    if not partij.bsn or max_rank < 0:
        return []
    platform.log_processing(
        organisation=partij.organisation,
        verwerkingsactiviteit="KCC: zaken van de inwoner tonen",
        doelbinding=DOEL,
        grondslag=GRONDSLAG,
        betrokkene_id=partij.bsn,
        soorten_gegevens=["zaken"],
    )
    found: dict = {}
    for rol in BETROKKEN_ROLLEN:
        for zaak in (zaken.zaken_of_betrokkene(bsn=partij.bsn, omschrijving_generiek=rol)
                     .filter(organisation=partij.organisation,
                             vertrouwelijkheidaanduiding__in=ORDER[: max_rank + 1])[:MAX_ZAKEN]):
            found.setdefault(zaak.uuid, zaak)
    ordered = sorted(found.values(), key=lambda z: (z.registratiedatum, z.pk), reverse=True)[:MAX_ZAKEN]
    return [
        {
            "uuid": zaak.uuid,
            "identificatie": zaak.identificatie,
            "omschrijving": zaak.omschrijving or zaak.zaaktype.omschrijving,
            "zaaktype": zaak.zaaktype.omschrijving,
            "status": zaak.huidige_status or "",
            "registratiedatum": zaak.registratiedatum,
            "einddatum": zaak.einddatum,
        }
        for zaak in ordered
    ]


def contacten_van(partij: Partij, user) -> list[dict]:
    """The resident's earlier klantcontacten (a chat conversation counts as one), newest
    first. A confidential contact shows only its date and channel to anyone but its author."""
    contacts = (
        Klantcontact.objects.filter(betrokkenen__was_partij=partij, gesprek__isnull=True)
        .select_related("actor").prefetch_related("onderwerpobjecten", "interne_taken")
        .distinct().order_by("-plaatsgevonden_op", "-pk")[:MAX_CONTACTEN]
    )
    rows = [_contact_row(contact, user) for contact in contacts]
    for gesprek in Gesprek.objects.filter(partij=partij).order_by("-started_at")[:MAX_CONTACTEN]:
        rows.append({"uuid": None, "gesprek": gesprek, "kanaal": "chat", "op": gesprek.started_at,
                     "onderwerp": "Chatgesprek", "inhoud": "", "verborgen": False, "zaken": [],
                     "medewerker": gesprek.medewerker.naam if gesprek.medewerker_id else "",
                     "gelukt": None, "taken": []})
    rows.sort(key=lambda row: row["op"], reverse=True)
    return rows[:MAX_CONTACTEN]


def _contact_row(contact: Klantcontact, user) -> dict:
    hidden = contact.vertrouwelijk and not (contact.actor_id and contact.actor.gebruiker_id == user.pk)
    return {
        "uuid": contact.uuid,
        "gesprek": None,
        "kanaal": contact.kanaal,
        "op": contact.plaatsgevonden_op,
        "onderwerp": "" if hidden else contact.onderwerp,
        "inhoud": "" if hidden else contact.inhoud,
        "verborgen": hidden,
        "vertrouwelijk": contact.vertrouwelijk,
        "gelukt": contact.indicatie_contact_gelukt,
        "medewerker": contact.actor.naam if contact.actor_id else "",
        "zaken": [] if hidden else [o.object_id for o in contact.onderwerpobjecten.all()
                                    if o.code_objecttype == "zaak"],
        "taken": list(contact.interne_taken.all()),
    }


def contact(uuid) -> Klantcontact | None:
    """A klantcontact in scope recorded outside a chat (those have the chat transcript)."""
    return (Klantcontact.objects.filter(uuid=uuid, gesprek__isnull=True)
            .select_related("actor", "organisation")
            .prefetch_related("betrokkenen__was_partij", "onderwerpobjecten", "interne_taken").first())


def contact_row(record: Klantcontact, user) -> dict:
    return _contact_row(record, user)


# --- Answers from the product catalogue ------------------------------------------------------


def zoek_antwoorden(organisation, vraag: str, k: int = 5) -> list[Document]:
    """Product pages and FAQ entries that answer ``vraag``, best first (the chatbot's own
    retrieval, built from the catalogue as it is now rather than as the bot was trained)."""
    vraag = vraag.strip()[:200]
    if not vraag:
        return []
    return [document for document, _score in Retriever(services.documents_of(organisation)).search(vraag, k)]


def antwoord(organisation, key: str) -> Document | None:
    """One product page or FAQ entry by its key (``product:<slug>`` or ``faq:<slug>``)."""
    return next((d for d in services.documents_of(organisation) if d.key == key), None)


# --- Recording a contact ---------------------------------------------------------------------


@dataclass(frozen=True)
class Taakverzoek:
    """A follow-up for a team or a colleague: what, for whom, by when."""

    toegewezen_aan: str  # "team:<code>" or "medewerker:<user id>"
    uiterlijk_op: date
    toelichting: str = ""
    handeling: str = TERUGBELLEN


@dataclass(frozen=True)
class Contactgegevens:
    kanaal: str
    onderwerp: str
    vraag: str
    antwoord: str = ""
    gelukt: bool = True
    vertrouwelijk: bool = False
    zaak_uuid: str = ""
    product: str = ""  # the key of the catalogue page the answer came from
    terugbelnummer: str = ""


def registreer_contact(organisation, user, gegevens: Contactgegevens, *, partij: Partij | None = None,
                       taak: Taakverzoek | None = None) -> Klantcontact:
    """Record a contact the employee had with a resident (known or not), with what it was
    about (a zaak, a product page) and optionally a task to follow it up. One transaction;
    each record in the audit trail. The contact cannot be changed afterwards."""
    inhoud = gegevens.vraag.strip()
    if gegevens.antwoord.strip():
        inhoud += f"\n\nAntwoord:\n{gegevens.antwoord.strip()}"
    with transaction.atomic():
        record = Klantcontact.objects.create(
            organisation=organisation, actor=services.employee_actor(organisation, user),
            had_betrokkene=True, kanaal=gegevens.kanaal, onderwerp=gegevens.onderwerp.strip()[:200],
            inhoud=inhoud, indicatie_contact_gelukt=gegevens.gelukt, vertrouwelijk=gegevens.vertrouwelijk,
        )
        services.link_actor(record, record.actor)
        betrokkene = Betrokkene.objects.create(
            organisation=organisation, had_klantcontact=record, was_partij=partij,
            rol=Betrokkene.Rol.KLANT, initiator=True,
        )
        _audit("create", record)
        if gegevens.terugbelnummer:
            DigitaalAdres.objects.create(
                organisation=organisation, verstrekt_door_betrokkene=betrokkene, verstrekt_door_partij=partij,
                soort_digitaal_adres=DigitaalAdres.Soort.TELEFOON, adres=gegevens.terugbelnummer,
                omschrijving="Terugbelnummer",
            )
        if gegevens.zaak_uuid:
            _onderwerp(record, "zaak", "openzaak", "uuid", gegevens.zaak_uuid)
        if gegevens.product:
            _onderwerp(record, "product", "pdc", "key", gegevens.product)
        if taak is not None:
            maak_taak(record, user, taak)
    return record


def _onderwerp(record: Klantcontact, objecttype: str, register: str, soort: str, object_id: str) -> None:
    Onderwerpobject.objects.create(
        organisation=record.organisation, klantcontact=record, code_objecttype=objecttype,
        code_register=register, code_soort_object_id=soort, object_id=str(object_id),
    )


def _audit(actie: str, instance, oud=None, nieuw=None) -> None:
    """In the audit trail; an interne taak also notified on the kanaal ``internetaken``."""
    services.record_write(actie, instance, url=resource_url(instance, None), oud=oud,
                          nieuw=nieuw or _snapshot(instance))


def _snapshot(instance) -> dict:
    if isinstance(instance, InterneTaak):
        return {"status": instance.status, "gevraagdeHandeling": instance.gevraagde_handeling,
                "uiterlijkOp": instance.uiterlijk_op.isoformat() if instance.uiterlijk_op else None,
                "opgepaktDoor": str(instance.opgepakt_door.uuid) if instance.opgepakt_door_id else None}
    return {"kanaal": instance.kanaal, "onderwerp": instance.onderwerp,
            "vertrouwelijk": instance.vertrouwelijk}


# --- Interne taken ---------------------------------------------------------------------------


def standaard_termijn(vandaag: date | None = None) -> date:
    """Two working days after today (weekends and Atw feestdagen do not count)."""
    from raadhuis.werkplek import services as werkplek

    day, count = vandaag or timezone.localdate(), TERMIJN_WERKDAGEN
    while count:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in werkplek.feestdagen(day.year):
            count -= 1
    return day


def toewijsbaar(organisation) -> list[tuple[str, str]]:
    """Who a task can go to: the organisation's teams, then its employees (value, label)."""
    from raadhuis.platform.models import Membership
    from raadhuis.werkplek import services as werkplek

    teams = [(f"team:{team.code}", f"Team {team.naam}") for team in werkplek.teams(organisation)]
    users = {m.user for m in Membership.objects.filter(organisation=organisation, user__is_active=True)
             .select_related("user")}
    people = sorted(((f"medewerker:{u.pk}", u.get_full_name() or u.username) for u in users),
                    key=lambda choice: choice[1].lower())
    return teams + people


def _actor_for(organisation, toegewezen_aan: str) -> Actor:
    """The actor of a choice from :func:`toewijsbaar` (a team becomes an organisatorische
    eenheid with code ``team:<code>``)."""
    choices = dict(toewijsbaar(organisation))
    if toegewezen_aan not in choices:
        raise ValidationError("Kies een team of medewerker van deze gemeente.", code="toegewezen_aan")
    soort, key = toegewezen_aan.split(":", 1)
    if soort == "team":
        actor, _created = Actor.objects.get_or_create(
            organisation=organisation, code=toegewezen_aan,
            defaults={"naam": choices[toegewezen_aan], "soort_actor": Actor.Soort.ORGANISATORISCHE_EENHEID},
        )
        return actor
    from raadhuis.platform.models import User

    return services.employee_actor(organisation, User.objects.get(pk=int(key)))


def maak_taak(record: Klantcontact, user, verzoek: Taakverzoek) -> InterneTaak:
    """A follow-up task (e.g. a call-back) for a team or colleague, due ``uiterlijk_op``."""
    if verzoek.uiterlijk_op < timezone.localdate():
        raise ValidationError("De termijn kan niet in het verleden liggen.", code="uiterlijk_op")
    taak = InterneTaak.objects.create(
        organisation=record.organisation, aanleidinggevend_klantcontact=record,
        gevraagde_handeling=verzoek.handeling[:200],
        toegewezen_aan_actor=_actor_for(record.organisation, verzoek.toegewezen_aan),
        toelichting=verzoek.toelichting.strip(), uiterlijk_op=verzoek.uiterlijk_op,
    )
    _audit("create", taak)
    return taak


def open_taken(user, *, alleen_mijn: bool) -> list[InterneTaak]:
    """The open tasks in scope (not the chat handovers: those have their own queue), the
    first deadline first. ``alleen_mijn``: assigned to or picked up by the user, or assigned
    to a team the user is a member of."""
    taken = InterneTaak.objects.filter(status=InterneTaak.Status.TE_VERWERKEN).exclude(
        aanleidinggevend_klantcontact__gesprek__isnull=False
    )
    if alleen_mijn:
        teams = _team_codes(user)
        mine = InterneTaak.objects.filter(
            Q(extra_actoren__actor__gebruiker=user) | Q(extra_actoren__actor__code__in=teams)).values("pk")
        taken = taken.filter(
            Q(toegewezen_aan_actor__gebruiker=user) | Q(opgepakt_door__gebruiker=user)
            | Q(toegewezen_aan_actor__code__in=teams) | Q(pk__in=mine)
        )
    return list(
        taken.select_related("toegewezen_aan_actor", "opgepakt_door", "organisation",
                             "aanleidinggevend_klantcontact")
        .prefetch_related("aanleidinggevend_klantcontact__betrokkenen__was_partij",
                          "aanleidinggevend_klantcontact__betrokkenen__digitale_adressen")
        .order_by("uiterlijk_op", "toegewezen_op", "pk")[:MAX_TAKEN]
    )


def _team_codes(user) -> list[str]:
    from raadhuis.werkplek import services as werkplek

    codes = []
    for organisation in platform.organisations_in_scope():
        codes += [f"team:{team.code}" for team in werkplek.teams(organisation)
                  if team.leden.filter(pk=user.pk).exists()]
    return codes


def taak(uuid) -> InterneTaak | None:
    return InterneTaak.objects.filter(uuid=uuid).select_related("organisation").first()


def oppakken(taak: InterneTaak, user) -> InterneTaak:
    """The employee takes the task; a task someone else took stays theirs."""
    with transaction.atomic():
        taak, actor = _open_task_for(taak, user, "Deze taak is al opgepakt door {naam}.")
        oud = _snapshot(taak)
        taak.opgepakt_door = actor
        taak.save(update_fields=["opgepakt_door"])
        _audit("partial_update", taak, oud)
    return taak


def afronden(taak: InterneTaak, user, toelichting: str = "") -> InterneTaak:
    """The task is done: status ``verwerkt`` with the moment, and what was done."""
    with transaction.atomic():
        taak, actor = _open_task_for(taak, user, "Deze taak is opgepakt door {naam}.")
        oud = _snapshot(taak)
        taak.opgepakt_door, taak.status = actor, InterneTaak.Status.VERWERKT
        taak.afgehandeld_op = timezone.now()
        if toelichting.strip():
            done = f"Afgerond door {actor.naam}: {toelichting.strip()}"
            taak.toelichting = f"{taak.toelichting}\n\n{done}".strip()
        taak.save(update_fields=["opgepakt_door", "status", "afgehandeld_op", "toelichting"])
        _audit("partial_update", taak, oud)
    return taak


def _open_task_for(taak: InterneTaak, user, taken_by_other: str) -> tuple[InterneTaak, object]:
    """The task locked, with the employee's actor; refused when it is done or someone else's."""
    taak = InterneTaak.objects.select_for_update().get(pk=taak.pk)
    if taak.status != InterneTaak.Status.TE_VERWERKEN:
        raise ValidationError("Deze taak is al afgerond.", code="afgerond")
    actor = services.employee_actor(taak.organisation, user)
    if taak.opgepakt_door_id and taak.opgepakt_door_id != actor.pk:
        raise ValidationError(taken_by_other.format(naam=taak.opgepakt_door.naam), code="opgepakt")
    return taak, actor
