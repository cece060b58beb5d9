"""What the chatbot says: one turn of the dialogue, given the conversation's state.

The state is a small dict stored with the gesprek: ``flow`` ("melding" while filling the
slots wat/waar/foto), the slots, and counters of turns the bot did not understand (after two
it offers a person). Facts in replies come only from the documents the retriever found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from raadhuis.klantcontact.engine import Chatbot, Prediction, content_stems

MIN_SCORE = 0.35  # a retrieval score below this is no answer: ask the resident to rephrase
MAX_UNCLEAR = 2
SURE = 0.5  # a dialogue (melding) starts, or is left for a person, only at this probability
POSTCODE = re.compile(r"\b([1-9][0-9]{3})\s?([A-Za-z]{2})\s*(?:,|\s)\s*(\d{1,5})\b")
ZAAKNUMMER = re.compile(r"\b[A-Z]{2,10}-?\d{2,4}-\d{4,10}\b|\bZAAK-[\w-]+\b", re.IGNORECASE)
NO = {"nee", "neen", "geen", "nee dank", "nee bedankt", "geen foto", "zonder foto", "n", "no"}
STOP = {"stop", "annuleer", "annuleren", "laat maar", "toch niet", "afbreken"}
# Words of "I want to report something" that say nothing about what is wrong.
GENERIC_MELDING = set(content_stems("ik wil graag een melding doen maken melden iets buiten openbare ruimte"))
CATEGORY_WORDS = {
    "verlichting": "lantaarn lantaren lamp verlichting licht straatverlichting donker",
    "afval": "afval zwerfvuil vuil container vuilnis rommel gedumpt dumping prullenbak zak",
    "bestrating": "stoep stoeptegel tegel gat weg bestrating straat asfalt kuil fietspad",
    "groen": "boom bomen tak takken gras struik groen onkruid blad",
    "overlast": "overlast graffiti vandalisme herrie lawaai fietswrak wrak",
}


@dataclass
class Reply:
    text: str
    intent: str = ""
    confidence: float = 0.0
    sources: list[dict] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    zaak: object = None  # the zaak a melding created
    handover: bool = False
    login_required: bool = False


@dataclass
class Turn:
    """What the dialogue needs to know of the outside world for one turn."""

    organisation: object
    resident_bsn: str = ""
    photo: object = None
    login_url: str = ""
    melding_url: str = ""


def respond(bot: Chatbot, state: dict, text: str, turn: Turn, services) -> Reply:
    """The bot's reply to ``text``; updates ``state`` in place. ``services`` is the module that
    reaches other components (zaken, portal), passed in so the dialogue stays testable."""
    text = text.strip()
    if state.get("flow") == "melding":
        intent, confidence = bot.classify(text)
        if intent == "mens_spreken" and confidence >= SURE:
            state.pop("flow", None)
            state.pop("slots", None)
            return _handover()
        return _melding_turn(state, text, turn, services)
    prediction = bot.understand(text)
    reply = _answer(prediction, state, text, turn, services)
    reply.intent, reply.confidence = prediction.intent, prediction.confidence
    return reply


def _answer(prediction: Prediction, state: dict, text: str, turn: Turn, services) -> Reply:
    intent = prediction.intent
    if prediction.unsure and intent not in {"begroeting", "bedankt"}:
        return _unclear(
            state,
            _("Ik weet niet zeker wat u bedoelt. Kunt u uw vraag anders stellen?"),
            [d.title for d, _score in prediction.documents[:2]] or _default_options(),
        )
    if intent == "begroeting":
        return Reply(
            _(
                "Goedendag! Ik ben de digitale assistent van de gemeente. Stel uw vraag in een paar "
                "woorden, bijvoorbeeld: 'Hoe vraag ik een parkeervergunning aan?'"
            )
        )
    if intent == "bedankt":
        return Reply(_("Graag gedaan. Heeft u nog een andere vraag?"))
    if intent == "mens_spreken":
        return _handover()
    if intent == "out_of_scope":
        return _unclear(
            state,
            _(
                "Daar kan ik u helaas niet mee helpen. Ik beantwoord vragen over de "
                "gemeente: producten, meldingen, uw aanvragen en contact."
            ),
            _default_options(),
        )
    if intent == "zaak_status":
        return _case_status(text, turn, services)
    if intent == "melding_doen":
        if prediction.confidence < SURE:
            return _unclear(
                state,
                _(
                    "Wilt u iets melden over de openbare ruimte, of heeft u een vraag? Kunt u "
                    "het anders zeggen?"
                ),
                _default_options(),
            )
        return _start_melding(state, text, turn, services)
    return _document_answer(prediction, state)


def _default_options() -> list[str]:
    return [_("Een melding doen"), _("Status van mijn aanvraag"), _("Een medewerker spreken")]


def _unclear(state: dict, text: str, options: list[str]) -> Reply:
    state["unclear"] = state.get("unclear", 0) + 1
    if state["unclear"] >= MAX_UNCLEAR:
        text = f"{text} " + _("Wilt u liever een medewerker spreken? Typ dan 'medewerker'.")
    return Reply(text, options=options)


def _handover() -> Reply:
    return Reply(
        _(
            "Ik zet uw vraag door naar een medewerker van het Klantcontactcentrum. Blijf in dit "
            "venster; een medewerker leest het gesprek en antwoordt hier."
        ),
        handover=True,
    )


def _document_answer(prediction: Prediction, state: dict) -> Reply:
    found = [(d, s) for d, s in prediction.documents if s >= MIN_SCORE]
    if not found:
        return _unclear(
            state,
            _("Ik heb daar geen antwoord op gevonden. Kunt u uw vraag anders stellen?"),
            [d.title for d, _score in prediction.documents[:3]],
        )
    state["unclear"] = 0
    best = found[0][0]
    return Reply(
        best.text,
        sources=[{"title": d.title, "url": d.url} for d, _score in found[:1]],
        options=[d.title for d, _score in found[1:3]],
    )


def _case_status(text: str, turn: Turn, services) -> Reply:
    if not turn.resident_bsn:
        return Reply(
            _("Om de status van uw aanvraag of melding te zien, logt u eerst in met DigiD."),
            sources=[{"title": _("Inloggen"), "url": turn.login_url}] if turn.login_url else [],
            login_required=True,
        )
    cases = services.own_cases(turn.organisation, turn.resident_bsn)
    asked = {m.group(0).upper() for m in ZAAKNUMMER.finditer(text)}
    if asked:
        cases = [c for c in cases if c["identificatie"].upper() in asked]
        if not cases:
            return Reply(
                _("Ik vind bij u geen zaak met dat nummer. Controleer het nummer in uw bevestiging.")
            )
    if not cases:
        return Reply(_("Ik vind geen lopende aanvragen of meldingen op uw naam."))
    lines = [
        f"{c['identificatie']} – {c['omschrijving']}: {c['status'] or _('ontvangen')}" for c in cases[:5]
    ]
    return Reply(
        _("Dit zijn uw zaken:") + "\n" + "\n".join(lines),
        sources=[{"title": _("Mijn zaken"), "url": c["url"]} for c in cases[:1]],
    )


def _start_melding(state: dict, text: str, turn: Turn, services) -> Reply:
    state.update(flow="melding", slots={}, unclear=0)
    if len(set(content_stems(text)) - GENERIC_MELDING) >= 2:
        state["slots"]["wat"] = text
        return Reply(
            _(
                "Waar is het? Geef een postcode en huisnummer in de buurt (bijvoorbeeld 1234 AB 10) of "
                "omschrijf de plek."
            )
        )
    return Reply(_("Wat wilt u melden? Beschrijf kort wat er aan de hand is."))


def _melding_turn(state: dict, text: str, turn: Turn, services) -> Reply:
    slots = state.setdefault("slots", {})
    if text.lower().strip(" .!") in STOP:
        state.pop("flow", None)
        state.pop("slots", None)
        return Reply(_("Ik heb de melding gestopt. Waarmee kan ik u nog helpen?"), intent="melding_doen")
    if "wat" not in slots:
        if len(text) < 10:
            return Reply(_("Beschrijf wat er aan de hand is in minimaal 10 tekens."), intent="melding_doen")
        slots["wat"] = text
        return Reply(
            _(
                "Waar is het? Geef een postcode en huisnummer in de buurt (bijvoorbeeld 1234 AB 10) of "
                "omschrijf de plek."
            ),
            intent="melding_doen",
        )
    if "waar" not in slots:
        if len(text) < 3:
            return Reply(
                _("Waar is het precies? Een straat, postcode of herkenningspunt."), intent="melding_doen"
            )
        slots["waar"] = text[:300]
        return Reply(
            _("Wilt u een foto toevoegen? Stuur een foto (JPG of PNG), of antwoord 'nee'."),
            intent="melding_doen",
        )
    if turn.photo is None and text.lower().strip(" .!") not in NO:
        return Reply(_("Stuur een foto, of antwoord 'nee' als u geen foto heeft."), intent="melding_doen")
    return _register_melding(state, slots, turn, services)


def _register_melding(state: dict, slots: dict, turn: Turn, services) -> Reply:
    postcode, huisnummer = "", None
    match = POSTCODE.search(slots["waar"])
    if match:
        postcode, huisnummer = f"{match.group(1)}{match.group(2).upper()}", int(match.group(3))
    try:
        zaak = services.register_melding(
            turn.organisation,
            category=category_of(slots["wat"]),
            description=slots["wat"],
            location_text=slots["waar"],
            postcode=postcode,
            huisnummer=huisnummer,
            photo=turn.photo,
        )
    except services.MeldingRefused as refused:
        return Reply(str(refused), intent="melding_doen")
    state.pop("flow", None)
    state.pop("slots", None)
    return Reply(
        _("Bedankt. Uw melding is geregistreerd met nummer %(nummer)s.") % {"nummer": zaak.identificatie},
        intent="melding_doen",
        zaak=zaak,
        sources=[{"title": _("Melding openbare ruimte"), "url": turn.melding_url}]
        if turn.melding_url
        else [],
    )


def category_of(description: str) -> str:
    """The melding category whose words the description uses most (a word counts when it
    starts with a category word's stem: "lantaarnpaal" matches "lantaarn")."""
    words = content_stems(description)
    scores = {
        key: sum(any(word.startswith(stem) for word in words) for stem in content_stems(vocabulary))
        for key, vocabulary in CATEGORY_WORDS.items()
    }
    best = max(scores, key=scores.get)
    return best if scores[best] else "overig"
