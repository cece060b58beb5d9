"""The forms of user tasks: a BPMN user task names one with the extension property
``formulier``; the werkplek renders its fields and :func:`validate` checks the answer."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Formulier:
    toelichting: str
    velden: list[dict] = field(default_factory=list)  # {naam, label, keuzes: [(waarde, label)] or None}


FORMS: dict[str, Formulier] = {}


def register(name: str, formulier: Formulier) -> None:
    FORMS[name] = formulier


def validate(name: str, data) -> dict:
    """The answer as task data; ValueError (Dutch) when a field is missing or not a choice."""
    formulier = FORMS.get(name)
    if formulier is None:
        return {}
    answer = {}
    for veld in formulier.velden:
        value = (data.get(veld["naam"]) or "").strip()[:1000]
        keuzes = veld.get("keuzes")
        if keuzes and value not in {waarde for waarde, _label in keuzes}:
            raise ValueError(f"Kies een geldige waarde voor “{veld['label']}”.")
        if veld.get("verplicht", bool(keuzes)) and not value:
            raise ValueError(f"Vul “{veld['label']}” in.")
        answer[veld["naam"]] = value
    return answer


register(
    "beoordeling_parkeervergunning",
    Formulier(
        toelichting="De beslisregel kon de aanvraag niet automatisch toekennen. Beoordeel de aanvraag.",
        velden=[
            {
                "naam": "beoordeling",
                "label": "Beoordeling",
                "keuzes": [("verlenen", "Vergunning verlenen"), ("weigeren", "Vergunning weigeren")],
            },
            {"naam": "motivering", "label": "Motivering", "keuzes": None, "verplicht": True},
        ],
    ),
)
register(
    "melding_afhandelen",
    Formulier(
        toelichting="Handel de melding af en geef aan of het probleem is opgelost.",
        velden=[
            {"naam": "opgelost", "label": "Opgelost?", "keuzes": [("ja", "Ja, opgelost"), ("nee", "Nee")]},
            {
                "naam": "toelichting",
                "label": "Toelichting voor de melder",
                "keuzes": None,
                "verplicht": False,
            },
        ],
    ),
)
