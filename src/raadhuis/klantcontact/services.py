"""The door of klantcontact: the chatbot, conversations as klantcontacten, KCC handover.

Other components reach klantcontact only through these functions. Every function runs in
the caller's tenant scope; records are written for ``organisation`` only.
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from raadhuis.klantcontact import dialogue
from raadhuis.klantcontact.engine import Chatbot, Document
from raadhuis.klantcontact.models import (
    Actor,
    ActorKlantcontact,
    Betrokkene,
    ChatbotModel,
    DigitaalAdres,
    Faq,
    Gesprek,
    InterneTaak,
    InterneTaakActor,
    Klantcontact,
    Onderwerpobject,
    Partij,
    PartijIdentificator,
    Rekeningnummer,
)
from raadhuis.klantcontact.privacy import mask, mask_bsn
from raadhuis.platform import services as platform

logger = logging.getLogger(__name__)
EXAMPLES = Path(__file__).parent / "data" / "examples.jsonl"
CHATBOT_CODE = "chatbot"
MAX_MESSAGE = 1000
_cache: dict[int, tuple[object, Chatbot]] = {}
_cache_lock = threading.Lock()


class MeldingRefused(Exception):
    """The melding could not be registered; the message says why, in Dutch."""


# --- Knowledge and training --------------------------------------------------------------------


def documents_of(organisation) -> list[Document]:
    """The product pages (portal) and published FAQ of the municipality."""
    from raadhuis.portal import services as portal

    documents = [
        Document(f"product:{p['slug']}", p["name"], p["text"], p["url"], p["keywords"])
        for p in portal.published_products(organisation)
    ]
    documents += [
        Document(f"faq:{f.slug}", f.question, f.answer, f.url, f.keywords)
        for f in Faq.objects.filter(organisation=organisation, published=True).order_by("slug")
    ]
    return documents


def base_examples() -> list[tuple[str, str]]:
    """The labelled example questions shipped with Raadhuis (general, not per municipality)."""
    with EXAMPLES.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [(row["text"], row["intent"]) for row in rows]


def examples_of(documents: list[Document], faqs: list[tuple[str, str, str]] = ()) -> list[tuple[str, str]]:
    """The shipped examples plus the municipality's own: each document's title and keywords,
    and each FAQ's alternative phrasings, labelled with the intent of their kind."""
    examples = list(base_examples())
    for document in documents:
        intent = (
            "contact"
            if document.key in {f"faq:{slug}" for slug, soort, _ in faqs if soort == "contact"}
            else "product_vraag"
        )
        examples.append((document.title, intent))
        if document.keywords:
            examples.append((document.keywords, intent))
    for _slug, soort, phrasings in faqs:
        examples += [(line.strip(), soort) for line in phrasings.splitlines() if line.strip()]
    return examples


def build_chatbot(organisation) -> Chatbot:
    documents = documents_of(organisation)
    faqs = list(
        Faq.objects.filter(organisation=organisation, published=True).values_list("slug", "soort", "examples")
    )
    return Chatbot(documents, examples_of(documents, faqs))


def train(organisation) -> ChatbotModel:
    """Retrain the municipality's bot from its catalogue and FAQ and store it."""
    bot = build_chatbot(organisation)
    stored, _created = ChatbotModel.objects.update_or_create(
        organisation=organisation,
        defaults={
            "data": bot.dumps(),
            "documents": len(bot.retriever.documents),
            "examples": bot.example_count,
        },
    )
    with _cache_lock:
        _cache.pop(organisation.pk, None)
    logger.info("Chatbot of %s trained on %d documents.", organisation.slug, len(bot.retriever.documents))
    return stored


def chatbot_for(organisation) -> Chatbot:
    """The municipality's trained bot, loaded lazily and kept per process until retrained
    (the cheap ``trained_at`` query tells when another process retrained it)."""
    trained_at = (
        ChatbotModel.objects.filter(organisation=organisation).values_list("trained_at", flat=True).first()
    )
    if trained_at is None:
        trained_at = train(organisation).trained_at
    with _cache_lock:
        cached = _cache.get(organisation.pk)
        if cached and cached[0] == trained_at:
            return cached[1]
    data = ChatbotModel.objects.get(organisation=organisation).data
    bot = Chatbot.loads(bytes(data))
    with _cache_lock:
        _cache[organisation.pk] = (trained_at, bot)
    return bot


# --- Conversations -----------------------------------------------------------------------------


def chatbot_actor(organisation) -> Actor:
    actor, _created = Actor.objects.get_or_create(
        organisation=organisation,
        code=CHATBOT_CODE,
        defaults={"naam": "Digitale assistent", "soort_actor": Actor.Soort.GEAUTOMATISEERDE_ACTOR},
    )
    return actor


def employee_actor(organisation, user) -> Actor:
    actor, _created = Actor.objects.get_or_create(
        organisation=organisation,
        gebruiker=user,
        defaults={
            "naam": user.get_full_name() or user.username,
            "soort_actor": Actor.Soort.MEDEWERKER,
            "code": f"medewerker:{user.pk}",
        },
    )
    return actor


def start_gesprek(organisation, *, bsn: str = "") -> Gesprek:
    partij = partij_met_bsn(organisation, bsn) if bsn else None
    return Gesprek.objects.create(organisation=organisation, partij=partij)


BSN_IDENTIFICATOR = {"code_objecttype": "natuurlijk_persoon", "code_soort_object_id": "bsn",
                     "code_register": "brp", "sub_identificator_van": None}


def partij_met_bsn(organisation, bsn: str) -> Partij:
    """The municipality's partij of the person with this BSN (its brp/bsn identificator),
    made with that identificator on first contact. Two first contacts at once make one
    partij: the identificator is unique per organisation, the loser of the race reads the
    winner's."""
    for _attempt in range(2):
        found = PartijIdentificator.objects.filter(
            organisation=organisation, object_id=bsn, identificeerde_partij__isnull=False, **BSN_IDENTIFICATOR
        ).select_related("identificeerde_partij").first()
        if found is not None:
            return found.identificeerde_partij
        try:
            with transaction.atomic():
                partij = Partij.objects.create(organisation=organisation, soort_partij=Partij.Soort.PERSOON)
                PartijIdentificator.objects.create(organisation=organisation, identificeerde_partij=partij,
                                                   object_id=bsn, **BSN_IDENTIFICATOR)
                return partij
        except IntegrityError:
            continue
    raise RuntimeError("No partij for this BSN after two attempts.")


def get_gesprek(organisation, uuid) -> Gesprek | None:
    return Gesprek.objects.filter(organisation=organisation, uuid=uuid).first()


def _record(gesprek: Gesprek, text: str, *, actor: Actor | None = None, onderwerp: str = "") -> Klantcontact:
    contact = Klantcontact.objects.create(
        organisation=gesprek.organisation,
        gesprek=gesprek,
        actor=actor,
        had_betrokkene=actor is None,
        onderwerp=onderwerp[:200],
        inhoud=mask_bsn(text),
    )
    if actor is None:
        Betrokkene.objects.create(
            organisation=gesprek.organisation, had_klantcontact=contact, was_partij=gesprek.partij
        )
    else:
        link_actor(contact, actor)
    return contact


def link_actor(contact: Klantcontact, actor: Actor) -> ActorKlantcontact:
    """The actor took part in the contact (``hadBetrokkenActoren`` of the standard)."""
    return ActorKlantcontact.objects.create(organisation=contact.organisation, actor=actor,
                                            klantcontact=contact)


def post_message(
    gesprek: Gesprek,
    text: str,
    *,
    resident_bsn: str = "",
    photo=None,
    login_url: str = "",
    melding_url: str = "",
) -> dialogue.Reply | None:
    """The resident says ``text``; record it, let the bot answer (unless a person has taken
    over or is asked) and record the answer. Returns the bot's reply, or None when the
    conversation is with a person."""
    text = text.strip()
    if not text and photo is None:
        raise ValidationError("Een leeg bericht kan niet worden verstuurd.", code="empty")
    if len(text) > MAX_MESSAGE:
        raise ValidationError(f"Een bericht is maximaal {MAX_MESSAGE} tekens.", code="too-long")
    organisation = gesprek.organisation
    with transaction.atomic():
        gesprek = Gesprek.objects.select_for_update().get(pk=gesprek.pk)
        _record(gesprek, text or "[foto]")
        logger.info("Chat %s: resident: %s", gesprek.uuid, mask(text))
        if gesprek.overdracht in {Gesprek.Overdracht.GEVRAAGD, Gesprek.Overdracht.OVERGENOMEN}:
            gesprek.save(update_fields=["updated_at"])
            return None
        turn = dialogue.Turn(
            organisation=organisation,
            resident_bsn=resident_bsn,
            photo=photo,
            login_url=login_url,
            melding_url=melding_url,
        )
        reply = dialogue.respond(chatbot_for(organisation), gesprek.state, text, turn, _Outside)
        contact = _record(
            gesprek, _reply_text(reply), actor=chatbot_actor(organisation), onderwerp=reply.intent
        )
        if reply.zaak is not None:
            Onderwerpobject.objects.create(
                organisation=organisation,
                klantcontact=contact,
                code_objecttype="zaak",
                code_register="zrc",
                object_id=str(reply.zaak.uuid),
            )
        if reply.handover:
            gesprek.overdracht = Gesprek.Overdracht.GEVRAAGD
            InterneTaak.objects.create(
                organisation=organisation,
                aanleidinggevend_klantcontact=contact,
                gevraagde_handeling="Chatgesprek overnemen",
            )
        gesprek.save(update_fields=["state", "overdracht", "updated_at"])
    logger.info("Chat %s: bot (%s %.2f): %s", gesprek.uuid, reply.intent, reply.confidence, mask(reply.text))
    return reply


def _reply_text(reply: dialogue.Reply) -> str:
    sources = "".join(f"\nBron: {s['title']} ({s['url']})" for s in reply.sources)
    return f"{reply.text}{sources}"


def transcript(gesprek: Gesprek, *, after: int = 0) -> list[dict]:
    """The conversation's messages after position ``after`` (for polling), oldest first."""
    contacts = list(Klantcontact.objects.filter(gesprek=gesprek).select_related("actor"))
    return [
        {
            "n": n,
            "van": "inwoner"
            if c.actor is None
            else ("chatbot" if c.actor.code == CHATBOT_CODE else "medewerker"),
            "naam": "" if c.actor is None else c.actor.naam,
            "tekst": c.inhoud,
            "op": c.plaatsgevonden_op.isoformat(),
        }
        for n, c in enumerate(contacts, start=1)
        if n > after
    ]


# --- KCC handover ------------------------------------------------------------------------------


def handover_queue() -> list[Gesprek]:
    """Conversations in scope that wait for or are with a KCC employee, oldest first."""
    return list(
        Gesprek.objects.filter(overdracht__in=[Gesprek.Overdracht.GEVRAAGD, Gesprek.Overdracht.OVERGENOMEN])
        .select_related("organisation")
        .order_by("updated_at")
    )


def employee_reply(gesprek: Gesprek, user, text: str) -> Klantcontact:
    """A KCC employee answers in the conversation (and so takes it over)."""
    text = text.strip()
    if not text or len(text) > MAX_MESSAGE * 4:
        raise ValidationError("Schrijf een antwoord van 1 tot 4000 tekens.", code="invalid")
    with transaction.atomic():
        gesprek = Gesprek.objects.select_for_update().get(pk=gesprek.pk)
        actor = employee_actor(gesprek.organisation, user)
        contact = _record(gesprek, text, actor=actor, onderwerp="antwoord medewerker")
        if gesprek.overdracht != Gesprek.Overdracht.OVERGENOMEN:
            gesprek.overdracht, gesprek.medewerker = Gesprek.Overdracht.OVERGENOMEN, actor
            InterneTaak.objects.filter(
                aanleidinggevend_klantcontact__gesprek=gesprek, status=InterneTaak.Status.TE_VERWERKEN
            ).update(
                toegewezen_aan_actor=actor, status=InterneTaak.Status.VERWERKT, afgehandeld_op=timezone.now()
            )
        gesprek.save(update_fields=["overdracht", "medewerker", "updated_at"])
    return contact


def close_gesprek(gesprek: Gesprek) -> None:
    gesprek.overdracht = Gesprek.Overdracht.AFGESLOTEN
    gesprek.save(update_fields=["overdracht", "updated_at"])


# --- Klantinteracties API writes -----------------------------------------------------------------

API_BRON = "KC"
# The kanalen Open Klant publishes on, with the kenmerken its OAS names for each.
KANALEN = {
    "partij": ("partijen", {"nummer": "nummer", "interneNotitie": "interne_notitie",
                            "soortPartij": "soort_partij"}),
    "internetaak": ("internetaken", {"nummer": "nummer", "gevraagdeHandeling": "gevraagde_handeling",
                                     "toelichting": "toelichting", "status": "status"}),
}


def record_write(actie: str, instance, *, url: str, oud: dict | None, nieuw: dict | None) -> None:
    """The audit row of a write and, for a partij or interne taak, its notification on the
    kanaal ``partijen`` / ``internetaken`` (outbox). Call inside the write's transaction."""
    from raadhuis.zgw.common import events

    model = instance._meta.model_name
    change = {"organisation": instance.organisation, "bron": API_BRON, "actie": actie, "resource": model,
              "resource_url": url, "hoofd_object": url, "resource_weergave": str(instance)[:200],
              "oud": oud, "nieuw": nieuw}
    if model in KANALEN:
        kanaal, kenmerken = KANALEN[model]
        events.record(kanaal=kanaal, kenmerken={name: getattr(instance, attribute)
                                                for name, attribute in kenmerken.items()}, **change)
    else:
        events.audit(**change)


def api_write(actie: str, write, *, describe, oud: dict | None = None):
    """One create or update of the Klantinteracties API: ``write()`` stores the record,
    ``describe(record)`` gives its URL and representation for the audit trail; both with the
    notification in one transaction."""
    with transaction.atomic():
        instance = write()
        url, nieuw = describe(instance)
        record_write(actie, instance, url=url, oud=oud, nieuw=nieuw)
    return instance


def api_delete(instance, *, url: str, oud: dict) -> None:
    with transaction.atomic():
        record_write("destroy", instance, url=url, oud=oud, nieuw=None)
        instance.delete()


def save_partij(partij: Partij | None, fields: dict, identificatoren: list[dict] | None, *,
                digitale_adressen: list | None = None, rekeningnummers: list | None = None) -> Partij:
    """Create or change a partij with its partij-identificatoren (checked by the API), as Open
    Klant does: an identificator with a uuid is updated, one without is created, and the
    partij's others are deleted. A list of digitale adressen or rekeningnummers makes those
    the partij's (and its others no longer). ``None`` leaves a list as it is."""
    with transaction.atomic():
        if partij is None:
            partij = Partij.objects.create(**fields)
        else:
            for name, value in fields.items():
                setattr(partij, name, value)
            partij.save()
        if identificatoren is not None:
            kept = [item["current"].pk for item in identificatoren if item.get("current") is not None]
            PartijIdentificator.objects.filter(identificeerde_partij=partij).exclude(pk__in=kept).delete()
            for item in identificatoren:
                values = dict(item)
                identificator = values.pop("current", None) or PartijIdentificator(
                    organisation=partij.organisation)
                for name, value in values.items():
                    setattr(identificator, name, value)
                identificator.identificeerde_partij = partij
                identificator.save()
        lists = ((digitale_adressen, DigitaalAdres, "verstrekt_door_partij", "voorkeurs_digitaal_adres"),
                 (rekeningnummers, Rekeningnummer, "partij", "voorkeurs_rekeningnummer"))
        for records, model, owner, voorkeur in lists:
            if records is None:
                continue
            kept = [record.pk for record in records]
            model.objects.filter(**{owner: partij}).exclude(pk__in=kept).update(**{owner: None})
            model.objects.filter(pk__in=kept).update(**{owner: partij})
            if getattr(partij, f"{voorkeur}_id") not in (None, *kept):  # no longer the partij's
                setattr(partij, voorkeur, None)
                partij.save(update_fields=[voorkeur])
        cache = getattr(partij, "_prefetched_objects_cache", {})
        for name in ("partij_identificatoren", "digitale_adressen", "rekeningnummers"):
            cache.pop(name, None)
    return partij


def wijs_toe(taak: InterneTaak, extra_actoren: list[Actor] | None) -> InterneTaak:
    """The actors of an interne taak after the first (``None``: as they are)."""
    if extra_actoren is not None:
        InterneTaakActor.objects.filter(taak=taak).delete()
        InterneTaakActor.objects.bulk_create(
            InterneTaakActor(organisation=taak.organisation, taak=taak, actor=actor)
            for actor in extra_actoren)
        getattr(taak, "_prefetched_objects_cache", {}).pop("extra_actoren", None)
    return taak


def maak_klantcontact(organisation, klantcontact: dict, betrokkene: dict | None, onderwerpobject: dict | None,
                      *, describe) -> tuple[Klantcontact, Betrokkene | None, Onderwerpobject | None]:
    """``/maak-klantcontact``: the klantcontact, its betrokkene and its onderwerpobject, each
    in the audit trail, all or nothing."""
    with transaction.atomic():
        contact = Klantcontact.objects.create(organisation=organisation, **klantcontact)
        made = [contact]
        if betrokkene is not None:
            made.append(Betrokkene.objects.create(organisation=organisation, had_klantcontact=contact,
                                                  **betrokkene))
        else:
            made.append(None)
        if onderwerpobject is not None:
            made.append(Onderwerpobject.objects.create(organisation=organisation, klantcontact=contact,
                                                       **onderwerpobject))
        else:
            made.append(None)
        for record in made:
            if record is not None:
                url, nieuw = describe(record)
                record_write("create", record, url=url, oud=None, nieuw=nieuw)
    return tuple(made)


# --- Retention ---------------------------------------------------------------------------------


def purge_expired(now=None) -> int:
    """Delete conversations (with their klantcontacten) older than the retention period."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.KLANTCONTACT_RETENTION_DAYS)
    deleted, _per_model = Gesprek.objects.filter(updated_at__lt=cutoff).delete()
    return deleted


# --- Other components, for the dialogue --------------------------------------------------------


class _Outside:
    """The dialogue's way to zaken and the portal (through their services)."""

    MeldingRefused = MeldingRefused

    @staticmethod
    def own_cases(organisation, bsn: str) -> list[dict]:
        from raadhuis.zgw.zaken import services as zaken

        platform.log_processing(
            organisation=organisation,
            verwerkingsactiviteit="Status van eigen zaken tonen (chat)",
            doelbinding="Informeren van de inwoner over zijn eigen zaken",
            grondslag="Awb art. 2:1",
            betrokkene_id=bsn,
            soorten_gegevens=["zaken"],
        )
        return [
            {
                "identificatie": z.identificatie,
                "omschrijving": z.omschrijving or z.zaaktype.omschrijving,
                "status": z.huidige_status or "",
                "url": reverse("portal:case", kwargs={"org": organisation.slug, "uuid": z.uuid}),
            }
            for z in zaken.zaken_of_betrokkene(bsn=bsn).filter(organisation=organisation)[:20]
        ]

    @staticmethod
    def register_melding(organisation, **data):
        from raadhuis.portal import services as portal

        try:
            return portal.create_melding(organisation, **data)
        except ValidationError as error:
            raise MeldingRefused(" ".join(error.messages)) from error
        except LookupError as error:
            raise MeldingRefused(
                "Meldingen kunnen nu niet via de chat worden gedaan. Gebruik het "
                "meldformulier of bel de gemeente."
            ) from error


# --- Management information ----------------------------------------------------------------------

HERHAALD_CONTACT_DAGEN = 7  # a new conversation of the same resident this soon: not resolved


def gesprekscijfers(organisation, van, tot) -> dict:
    """Figures of the conversations started in [van, tot) (dates) for inzicht: ``gesprekken``,
    ``door_chatbot`` (never handed to an employee: containment), ``overgedragen`` (handover
    asked or taken), and first-contact resolution of the conversations an employee handled
    for a known resident: ``kcc_bekend`` of which ``kcc_opgelost`` were not followed by
    another conversation of that resident within HERHAALD_CONTACT_DAGEN."""
    gesprekken = Gesprek.objects.filter(
        organisation=organisation, started_at__date__gte=van, started_at__date__lt=tot
    ).values_list("pk", "partij_id", "started_at", "overdracht", "medewerker_id")
    rows = list(gesprekken)
    handed = {Gesprek.Overdracht.GEVRAAGD, Gesprek.Overdracht.OVERGENOMEN}
    overgedragen = [r for r in rows if r[3] in handed or r[4] is not None]
    known = [r for r in overgedragen if r[1] is not None]
    later = Gesprek.objects.filter(organisation=organisation, partij_id__in={r[1] for r in known})
    starts: dict[int, list] = {}
    for partij_id, started_at in later.values_list("partij_id", "started_at"):
        starts.setdefault(partij_id, []).append(started_at)
    window = timedelta(days=HERHAALD_CONTACT_DAGEN)
    opgelost = sum(
        1 for _pk, partij, started, *_ in known
        if not any(started < other <= started + window for other in starts.get(partij, []))
    )
    return {
        "gesprekken": len(rows),
        "door_chatbot": len(rows) - len(overgedragen),
        "overgedragen": len(overgedragen),
        "kcc_bekend": len(known),
        "kcc_opgelost": opgelost,
    }
