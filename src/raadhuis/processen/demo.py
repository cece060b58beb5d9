"""Demo processes for Gemeente Voorbeeldstad: the parkeervergunning (decided by a DMN table
when it can be) and the melding openbare ruimte (routed by category and location)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from raadhuis.platform.demo import register_demo_loader
from raadhuis.processen import services
from raadhuis.processen.models import Procesdefinitie

DEFINITIES = Path(__file__).parent / "data" / "definities"
DEMO = [
    ("PARKVERG", "Parkeervergunning", "parkeervergunning", "parkeervergunning"),
    ("MOR", "Melding openbare ruimte", "melding_openbare_ruimte", "melding_openbare_ruimte"),
]


def shipped(name: str) -> tuple[str, list[str]]:
    bpmn = (DEFINITIES / f"{name}.bpmn").read_text(encoding="utf-8")
    dmn = DEFINITIES / f"{name}.dmn"
    return bpmn, [dmn.read_text(encoding="utf-8")] if dmn.exists() else []


def load(voorbeeldstad, proefdorp) -> None:
    for zaaktype, naam, bestand, proces_id in DEMO:
        if Procesdefinitie.objects.filter(
            organisation=voorbeeldstad, zaaktype_identificatie=zaaktype
        ).exists():
            continue
        bpmn, dmn = shipped(bestand)
        services.load_definition(
            organisation=voorbeeldstad,
            zaaktype_identificatie=zaaktype,
            naam=naam,
            bpmn=bpmn,
            dmn=dmn,
            proces_id=proces_id,
            begin_geldigheid=date(2024, 1, 1),
        )


register_demo_loader("processen", load)
