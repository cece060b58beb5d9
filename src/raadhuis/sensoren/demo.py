"""Demo sensors of Voorbeeldstad: air quality, noise, parking and waste containers."""

from __future__ import annotations

from raadhuis.platform import tenancy
from raadhuis.platform.demo import register_demo_loader
from raadhuis.sensoren import models as m

CENTRE = (5.1214, 52.0907)
KINDS = {
    # kind: (observed property, definition, unit name, symbol, eigenaar, doel, persoonsgegevens)
    "luchtkwaliteit": ("PM2.5", "https://dd.eionet.europa.eu/vocabulary/aq/pollutant/6001",
                       "microgram per kubieke meter", "µg/m³", "Team Milieu", "Luchtkwaliteit meten", False),
    "geluid": ("Geluidsniveau", "http://vocab.nerc.ac.uk/collection/P07/current/CFSN0726/",
               "decibel", "dB(A)", "Team Milieu", "Geluidsoverlast meten", False),
    "parkeren": ("Bezetting", "https://voorbeeldstad.nl/def/parkeerbezetting", "procent", "%",
                 "Team Parkeren", "Vrije parkeerplaatsen tonen", False),
    "afvalcontainer": ("Vulgraad", "https://voorbeeldstad.nl/def/vulgraad", "procent", "%",
                       "Team Afval", "Containers legen als ze vol raken", False),
}
SENSORS_PER_KIND = 3


def demo_things(organisation) -> list[m.Datastream]:
    """Create (idempotently) the demo Things with one Datastream each; return the streams."""
    streams = []
    for kind, (prop, definition, unit, symbol, owner, purpose, personal) in KINDS.items():
        observed, _ = m.ObservedProperty.objects.get_or_create(
            organisation=organisation, name=prop, defaults={"definition": definition, "description": prop})
        sensor, _ = m.Sensor.objects.get_or_create(
            organisation=organisation, name=f"{kind}-sensor",
            defaults={"description": f"Sensor voor {kind}", "encoding_type": "text/html",
                      "metadata": "https://voorbeeldstad.nl/sensoren"})
        for number in range(1, SENSORS_PER_KIND + 1):
            name = f"{kind.capitalize()} {number}"
            thing = m.Thing.objects.filter(organisation=organisation, name=name).first()
            if thing is None:
                thing = m.Thing(organisation=organisation, name=name, description=purpose, properties={
                    "soort": kind, "eigenaar": owner, "doel": purpose, "persoonsgegevens": personal})
                thing.save()
                x, y = CENTRE[0] + 0.004 * number * (1 if kind < "m" else -1), CENTRE[1] + 0.003 * number
                location = m.Location(organisation=organisation, name=f"Plek van {name}", description=name,
                                      encoding_type="application/geo+json",
                                      location={"type": "Point", "coordinates": [x, y]},
                                      min_x=x, max_x=x, min_y=y, max_y=y)
                location.save()
                thing.locations.add(location)
            stream = m.Datastream.objects.filter(thing=thing).first()
            if stream is None:
                stream = m.Datastream(
                    organisation=organisation, name=f"{name} {prop}", description=f"{prop} van {name}",
                    observation_type="http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                    unit_of_measurement={"name": unit, "symbol": symbol, "definition": definition},
                    thing=thing, sensor=sensor, observed_property=observed)
                stream.save()
            streams.append(stream)
    return streams


def load(voorbeeldstad, proefdorp) -> None:
    with tenancy.scope_for([voorbeeldstad.pk]):
        demo_things(voorbeeldstad)


register_demo_loader("sensoren", load)
