"""Demo wijken for Gemeente Voorbeeldstad (the areas its demo process routes meldingen by),
and the facts of the demo zaken. Loading the demo again keeps what is there: the wijken
when the municipality has areas, the facts when it has any (``inzicht_rebuild`` redoes them)."""

from __future__ import annotations

from pathlib import Path

from raadhuis.inzicht import gebieden, kubus
from raadhuis.inzicht.models import Gebied, ZaakFeit
from raadhuis.platform.demo import register_demo_loader

WIJKEN = Path(__file__).parent / "data" / "voorbeeldstad-wijken.geojson"


def load(voorbeeldstad, proefdorp) -> None:
    if not Gebied.objects.filter(organisation=voorbeeldstad).exists():
        gebieden.load_geojson(voorbeeldstad, WIJKEN.read_bytes())
    for organisation in (voorbeeldstad, proefdorp):
        if organisation is not None and not ZaakFeit.objects.filter(organisation=organisation).exists():
            kubus.rebuild(organisation)


register_demo_loader("inzicht", load)
