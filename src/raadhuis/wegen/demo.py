"""Demo data: Voorbeeldstad's streets as a simulated grid, a refuse truck and a few drives."""

from __future__ import annotations

import json

import numpy as np

from raadhuis.platform import tenancy
from raadhuis.platform.demo import register_demo_loader
from raadhuis.wegen import readers, services
from raadhuis.wegen.analysis import simulator
from raadhuis.wegen.models import RoadSegment

STREETS = ("Dorpsstraat", "Kerkstraat", "Molenweg", "Schoolstraat", "Stationsweg", "Beukenlaan")


def demo_city(seed: int = 2026) -> simulator.SimulatedCity:
    return simulator.grid_city(np.random.default_rng(seed), columns=4, rows=4)


def network_geojson(city: simulator.SimulatedCity) -> bytes:
    features = []
    for index, segment in enumerate(city.network.segments):
        features.append(
            {
                "type": "Feature",
                "geometry": readers.geojson_line(segment.coords),
                "properties": {
                    "WVK_ID": f"demo-{index}",
                    "STT_NAAM": STREETS[index % len(STREETS)],
                    "WEGTYPE": 6 if index % 5 else 4,
                    "VERKEERSKL": 1 + index % 4,
                    "WEGBEHNAAM": "Gemeente Voorbeeldstad",
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def load(voorbeeldstad, proefdorp) -> None:
    with tenancy.scope_for([voorbeeldstad.pk]):
        if RoadSegment.objects.filter(organisation=voorbeeldstad).exists():
            return
        city = demo_city()
        services.import_network(voorbeeldstad, network_geojson(city))
        truck = services.register_vehicle(voorbeeldstad, "VW-01", "vuilniswagen")
        rng = np.random.default_rng(11)
        for _ in range(3):
            trace, _ = simulator.drive(city, rng, length=1200)
            services.ingest_trace(truck, readers.trace_to_csv(trace))


register_demo_loader("wegen", load)
