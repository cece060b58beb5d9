"""Demo teams, deadline rules and letter templates for Gemeente Voorbeeldstad."""

from __future__ import annotations

from pathlib import Path

from raadhuis.platform.demo import register_demo_loader
from raadhuis.platform.models import Membership, Role
from raadhuis.werkplek.models import Briefsjabloon, Team, Termijnregel

SJABLONEN = Path(__file__).parent / "data"
TEAMS = [
    ("Vergunningen", "vergunningen"),
    ("Meldpunt openbare ruimte", "meldpunt"),
    ("Afval", "afval"),
    ("Groen", "groen"),
    ("Buitendienst Noord", "buitendienst-noord"),
    ("Buitendienst Zuid", "buitendienst-zuid"),
]


def load(voorbeeldstad, proefdorp) -> None:
    behandelaars = [
        m.user
        for m in Membership.objects.filter(
            organisation=voorbeeldstad, role__in=[Role.BEHANDELAAR, Role.WEGBEHEERDER]
        ).select_related("user")
    ]
    for naam, code in TEAMS:
        team, created = Team.objects.get_or_create(
            organisation=voorbeeldstad, code=code, defaults={"naam": naam}
        )
        if created:
            team.leden.add(*behandelaars)
    Termijnregel.objects.get_or_create(
        organisation=voorbeeldstad,
        zaaktype_identificatie="VERHUIZING",
        defaults={"dagsoort": "werkdagen", "waarschuwen_dagen": 2},
    )
    Briefsjabloon.objects.get_or_create(
        organisation=voorbeeldstad,
        zaaktype_identificatie="PARKVERG",
        soort=Briefsjabloon.Soort.BESLUIT,
        formaat=Briefsjabloon.Formaat.DOCX,
        defaults={
            "naam": "Besluit parkeervergunning (Word)",
            "informatieobjecttype": "Besluit",
            "docx": (SJABLONEN / "besluit_parkeervergunning.docx").read_bytes(),
        },
    )


register_demo_loader("werkplek", load)
