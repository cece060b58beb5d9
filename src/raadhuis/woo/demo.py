"""Demo data of the Woo module: the public officials of Gemeente Voorbeeldstad."""

from __future__ import annotations

from raadhuis.platform.demo import register_demo_loader
from raadhuis.woo.models import PublicTerm

OFFICIALS = [
    ("Anna Dijkstra", "burgemeester"),
    ("Kees Hoekstra", "wethouder"),
    ("Marleen Verbeek", "wethouder"),
    ("Ruud Oosterhuis", "woordvoerder"),
]


def load(voorbeeldstad, proefdorp) -> None:
    for naam, functie in OFFICIALS:
        PublicTerm.objects.get_or_create(
            organisation=voorbeeldstad,
            waarde=naam,
            defaults={"functie": functie, "soort": PublicTerm.Soort.AMBTSDRAGER},
        )


register_demo_loader("woo", load)
