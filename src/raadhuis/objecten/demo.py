"""Demo objects in public space: six object types and a few thousand objects over Voorbeeldstad.

Generated from a fixed seed, so every demo installation has the same trees and lampposts.
Idempotent: a type that already has objects is left alone.
"""

from __future__ import annotations

import random
from datetime import date

from raadhuis.platform.demo import register_demo_loader

# Voorbeeldstad lies (fictionally) here, in WGS84.
BOUNDS = (5.08, 52.06, 5.16, 52.12)
SEED = 20261130


def _string(**extra) -> dict:
    return {"type": "string", **extra}


TYPES = {
    "boom": {
        "name_plural": "bomen",
        "description": "Bomen in de openbare ruimte (bomenregister).",
        "count": 1500,
        "geometry": "Point",
        "schema": {
            "type": "object",
            "required": ["soort", "plantjaar"],
            "properties": {
                "soort": _string(),
                "plantjaar": {"type": "integer", "minimum": 1800, "maximum": 2100},
                "hoogte": {"type": "number", "minimum": 0},
                "conditie": _string(enum=["goed", "matig", "slecht"]),
                "monumentaal": {"type": "boolean"},
            },
        },
    },
    "lichtmast": {
        "name_plural": "lichtmasten",
        "description": "Lichtmasten van de openbare verlichting.",
        "count": 900,
        "geometry": "Point",
        "schema": {
            "type": "object",
            "required": ["mastnummer"],
            "properties": {
                "mastnummer": _string(),
                "lamptype": _string(enum=["LED", "SOX", "PL"]),
                "masthoogte": {"type": "number"},
                "plaatsingsjaar": {"type": "integer"},
            },
        },
    },
    "afvalcontainer": {
        "name_plural": "afvalcontainers",
        "description": "Ondergrondse en bovengrondse afvalcontainers.",
        "count": 400,
        "geometry": "Point",
        "schema": {
            "type": "object",
            "required": ["fractie"],
            "properties": {
                "fractie": _string(enum=["rest", "papier", "glas", "pmd", "gft", "textiel"]),
                "volume_m3": {"type": "number"},
                "ondergronds": {"type": "boolean"},
                "vulgraad": {"type": "number", "minimum": 0, "maximum": 100},
            },
        },
    },
    "speeltoestel": {
        "name_plural": "speeltoestellen",
        "description": "Speeltoestellen (Attractiebesluit).",
        "count": 250,
        "geometry": "Point",
        "schema": {
            "type": "object",
            "required": ["toestel"],
            "properties": {
                "toestel": _string(enum=["schommel", "glijbaan", "klimrek", "wip", "zandbak"]),
                "leeftijdscategorie": _string(),
                "laatste_inspectie": _string(format="date"),
            },
        },
    },
    "wegvak": {
        "name_plural": "wegvakken",
        "description": "Wegvakken van het gemeentelijk wegennet.",
        "count": 600,
        "geometry": "LineString",
        "schema": {
            "type": "object",
            "required": ["wegvaknummer"],
            "properties": {
                "wegvaknummer": _string(),
                "straatnaam": _string(),
                "verharding": _string(enum=["asfalt", "klinkers", "tegels", "beton"]),
                "lengte_m": {"type": "number"},
                "conditie": {"type": "integer", "minimum": 1, "maximum": 5},
            },
        },
    },
    "parkeerzone": {
        "name_plural": "parkeerzones",
        "description": "Zones voor betaald parkeren en vergunningparkeren.",
        "count": 30,
        "geometry": "Polygon",
        "schema": {
            "type": "object",
            "required": ["zonecode"],
            "properties": {
                "zonecode": _string(),
                "tarief_per_uur": {"type": "number"},
                "vergunninghouders": {"type": "boolean"},
            },
        },
    },
}

STRATEN = [
    "Dorpsstraat",
    "Kerkstraat",
    "Stationsweg",
    "Molenweg",
    "Schoolstraat",
    "Lindelaan",
    "Beukenlaan",
    "Marktplein",
    "Nieuwe Gracht",
    "Havenkade",
]


def _point(rng: random.Random) -> tuple[float, float]:
    return (round(rng.uniform(BOUNDS[0], BOUNDS[2]), 6), round(rng.uniform(BOUNDS[1], BOUNDS[3]), 6))


def _geometry(kind: str, rng: random.Random) -> dict:
    x, y = _point(rng)
    if kind == "Point":
        return {"type": "Point", "coordinates": [x, y]}
    if kind == "LineString":
        dx, dy = rng.uniform(-0.003, 0.003), rng.uniform(-0.002, 0.002)
        return {"type": "LineString", "coordinates": [[x, y], [round(x + dx, 6), round(y + dy, 6)]]}
    w, h = rng.uniform(0.002, 0.006), rng.uniform(0.001, 0.004)
    ring = [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]]
    return {"type": "Polygon", "coordinates": [[[round(a, 6), round(b, 6)] for a, b in ring]]}


def _data(name: str, number: int, rng: random.Random) -> dict:
    if name == "boom":
        return {
            "soort": rng.choice(
                [
                    "Tilia europaea",
                    "Quercus robur",
                    "Platanus acerifolia",
                    "Acer campestre",
                    "Fraxinus excelsior",
                ]
            ),
            "plantjaar": rng.randint(1920, 2024),
            "hoogte": round(rng.uniform(2, 28), 1),
            "conditie": rng.choice(["goed", "goed", "matig", "slecht"]),
            "monumentaal": rng.random() < 0.03,
        }
    if name == "lichtmast":
        return {
            "mastnummer": f"LM-{number:05d}",
            "lamptype": rng.choice(["LED", "LED", "SOX", "PL"]),
            "masthoogte": rng.choice([4, 6, 8, 10]),
            "plaatsingsjaar": rng.randint(1975, 2024),
        }
    if name == "afvalcontainer":
        return {
            "fractie": rng.choice(["rest", "papier", "glas", "pmd", "gft", "textiel"]),
            "volume_m3": rng.choice([1.1, 3, 5]),
            "ondergronds": rng.random() < 0.7,
            "vulgraad": rng.randint(0, 100),
        }
    if name == "speeltoestel":
        return {
            "toestel": rng.choice(["schommel", "glijbaan", "klimrek", "wip", "zandbak"]),
            "leeftijdscategorie": rng.choice(["0-4", "4-12", "12+"]),
            "laatste_inspectie": date(2026, rng.randint(1, 10), rng.randint(1, 28)).isoformat(),
        }
    if name == "wegvak":
        return {
            "wegvaknummer": f"WV-{number:05d}",
            "straatnaam": rng.choice(STRATEN),
            "verharding": rng.choice(["asfalt", "klinkers", "tegels", "beton"]),
            "lengte_m": round(rng.uniform(20, 400), 1),
            "conditie": rng.randint(1, 5),
        }
    return {
        "zonecode": f"Z{number:02d}",
        "tarief_per_uur": rng.choice([1.5, 2.4, 3.2]),
        "vergunninghouders": rng.random() < 0.5,
    }


def load(voorbeeldstad, proefdorp) -> None:
    from raadhuis.objecten import services

    rng = random.Random(SEED)  # noqa: S311 - demo data, reproducible on purpose
    for name, spec in TYPES.items():
        ref = services.ensure_objecttype(
            organisation=voorbeeldstad,
            name=name,
            json_schema=spec["schema"],
            name_plural=spec["name_plural"],
            description=spec["description"],
            maintainer_organization="Gemeente Voorbeeldstad",
            update_frequency="monthly",
            labels={"domein": "openbare ruimte"},
            is_public=name in ("boom", "afvalcontainer", "speeltoestel"),
        )
        rows = [
            {"data": _data(name, n, rng), "geometry": _geometry(spec["geometry"], rng)}
            for n in range(1, spec["count"] + 1)
        ]
        if not services.find_objects(ref, limit=1):
            services.bulk_create_objects(ref, rows)


register_demo_loader("objecten", load)
