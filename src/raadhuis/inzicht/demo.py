"""Demo wijken for Gemeente Voorbeeldstad (the areas its demo process routes meldingen by),
and its facts built from the demo zaken."""

from __future__ import annotations

from pathlib import Path

from raadhuis.inzicht import gebieden, kubus
from raadhuis.platform.demo import register_demo_loader

WIJKEN = Path(__file__).parent / "data" / "voorbeeldstad-wijken.geojson"


def load(voorbeeldstad, proefdorp) -> None:
    gebieden.load_geojson(voorbeeldstad, WIJKEN.read_bytes())
    for organisation in (voorbeeldstad, proefdorp):
        kubus.rebuild(organisation)


register_demo_loader("inzicht", load)
