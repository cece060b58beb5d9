"""Virtual trucks over a road network with known profiles: the ground truth for the benchmark,
the demo and the tests. Seeded and deterministic.

Each segment gets an ISO 8608 profile of its class and known features (potholes, bumps,
speed humps, joints). A truck drives a random route at 20–60 km/h; its quarter car (the
nominal model of its type, perturbed per truck) responds to the profile at 500 Hz; the
sensor sees that response decimated to 100 Hz, rotated by its mounting, with gravity, bias
and noise. GPS fixes come at 1 Hz with correlated errors of 3–5 m.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import signal
from scipy.spatial.transform import Rotation

from raadhuis.wegen.analysis import profiles
from raadhuis.wegen.analysis.network import RoadNetwork, SegmentGeometry
from raadhuis.wegen.analysis.trace import Trace, rd_to_wgs84
from raadhuis.wegen.analysis.vehicle import VEHICLE_TYPES, simulate

GRAVITY = 9.81
SIM_RATE = 500.0
ACC_RATE = 100.0
GPS_RATE = 1.0
ORIGIN_RD = (155000.0, 463000.0)  # Amersfoort, the middle of RD New


@dataclass
class SimulatedRoad:
    profile: np.ndarray  # elevation every PROFILE_DX m from the segment start
    roughness_class: str
    features: list[profiles.RoadFeature]


@dataclass
class SimulatedCity:
    network: RoadNetwork
    roads: list[SimulatedRoad]


@dataclass
class Truth:
    route: list[tuple[int, bool]]  # (segment index, driven from start to end)
    route_offsets: np.ndarray  # route distance where each route segment starts
    acc_distance: np.ndarray  # true route distance at each accelerometer sample
    features: list[tuple[int, profiles.RoadFeature, float]]  # (segment, feature, route position)
    iri: np.ndarray  # true IRI (m/km) of each route segment
    extra: dict = field(default_factory=dict)


def grid_city(
    rng: np.random.Generator,
    columns: int = 6,
    rows: int = 6,
    block: float = 100.0,
    classes: str = "ABCDE",
    potholes_per_km: float = 6.0,
) -> SimulatedCity:
    """A street grid of ``block`` m segments, every segment with a random class and features."""
    x0, y0 = ORIGIN_RD
    segments: list[SegmentGeometry] = []
    for row in range(rows):
        for column in range(columns):
            here = np.array([x0 + column * block, y0 + row * block])
            if column + 1 < columns:
                segments.append(_straight(len(segments), here, here + [block, 0]))
            if row + 1 < rows:
                segments.append(_straight(len(segments), here, here + [0, block]))
    network = RoadNetwork(segments)
    roads = [simulated_road(length, rng, classes, potholes_per_km) for length in network.lengths]
    return SimulatedCity(network, roads)


def _straight(key: int, start: np.ndarray, end: np.ndarray) -> SegmentGeometry:
    return SegmentGeometry(key=key, coords=np.array([start, end], dtype=float))


def simulated_road(
    length: float, rng: np.random.Generator, classes: str = "ABCDE", potholes_per_km: float = 6.0
) -> SimulatedRoad:
    roughness_class = str(rng.choice(list(classes)))
    base = profiles.iso8608_profile(length, roughness_class, rng)
    features = random_features(length, rng, potholes_per_km)
    return SimulatedRoad(profiles.add_features(base, features), roughness_class, features)


def random_features(
    length: float, rng: np.random.Generator, potholes_per_km: float
) -> list[profiles.RoadFeature]:
    """Features at least 12 m apart and 8 m from the ends (junctions)."""
    wanted = {
        "gat": rng.poisson(potholes_per_km * length / 1000),
        "drempel": rng.poisson(1.5 * length / 1000),
        "verkeersdrempel": rng.poisson(1.5 * length / 1000),
        "voeg": rng.poisson(2.0 * length / 1000),
    }
    kinds = [kind for kind, count in wanted.items() for _ in range(count)]
    rng.shuffle(kinds)
    features: list[profiles.RoadFeature] = []
    taken: list[float] = []
    for kind in kinds:
        size, height = _feature_size(kind, rng)
        for _ in range(20):
            position = float(rng.uniform(8, max(8.5, length - 8 - size)))
            if all(abs(position - other) > 12 for other in taken):
                taken.append(position)
                features.append(profiles.RoadFeature(kind, position, size, height))
                break
    return sorted(features, key=lambda feature: feature.position)


def _feature_size(kind: str, rng: np.random.Generator) -> tuple[float, float]:
    if kind == "gat":
        return float(rng.uniform(0.3, 1.2)), -float(rng.uniform(0.03, 0.10))
    if kind == "drempel":
        return float(rng.uniform(0.3, 0.8)), float(rng.uniform(0.02, 0.05))
    if kind == "verkeersdrempel":
        return float(rng.uniform(3.0, 5.0)), float(rng.uniform(0.06, 0.10))
    return float(rng.uniform(0.08, 0.2)), float(rng.choice([-1, 1]) * rng.uniform(0.01, 0.02))


def random_route(network: RoadNetwork, rng: np.random.Generator, length: float) -> list[tuple[int, bool]]:
    """A random drive without U-turns of at least ``length`` metres."""
    index = int(rng.integers(len(network.segments)))
    forward = bool(rng.integers(2))
    route = [(index, forward)]
    total = network.lengths[index]
    while total < length:
        options = network.neighbours(index, at_end=forward)
        if not options:
            options = [(index, not forward)]
        index, forward = options[int(rng.integers(len(options)))]
        route.append((index, forward))
        total += network.lengths[index]
    return route


def route_profile(city: SimulatedCity, route: list[tuple[int, bool]]) -> tuple[np.ndarray, np.ndarray]:
    """The elevation along the route and where each route segment starts (m)."""
    parts, offsets, total = [], [], 0.0
    for index, forward in route:
        profile = city.roads[index].profile
        parts.append(profile if forward else profile[::-1])
        offsets.append(total)
        total += (profile.size - 1) * profiles.PROFILE_DX
    joined = np.concatenate([part[:-1] for part in parts[:-1]] + [parts[-1]])
    return joined, np.array(offsets)


def speed_profile(rng: np.random.Generator, duration: float, mean_kmh: float, rate: float) -> np.ndarray:
    """A speed (m/s) around ``mean_kmh`` that wanders ±10 % slowly (traffic, corners)."""
    count = int(duration * rate)
    knots = rng.normal(0, 0.06, size=int(duration / 8) + 3)
    wander = np.interp(np.arange(count) / rate, np.arange(knots.size) * 8.0, knots)
    return mean_kmh / 3.6 * np.clip(1 + wander, 0.85, 1.15)


def drive(
    city: SimulatedCity,
    rng: np.random.Generator,
    *,
    length: float = 1500.0,
    speed_kmh: float | None = None,
    vehicle_type: str = "vuilniswagen",
    gps_sigma: float = 3.5,
    acc_noise: float = 0.03,
    vehicle_spread: float = 0.1,
    route: list | None = None,
) -> tuple[Trace, Truth]:
    """One truck over one route: the trace the sensor box would upload, and the truth."""
    route = route or random_route(city.network, rng, length)
    elevation, offsets = route_profile(city, route)
    route_length = (elevation.size - 1) * profiles.PROFILE_DX
    speed_kmh = float(rng.uniform(20, 60)) if speed_kmh is None else speed_kmh
    duration = route_length / (speed_kmh / 3.6)
    speed = speed_profile(rng, duration * 1.3, speed_kmh, SIM_RATE)
    distance = np.concatenate([[0.0], np.cumsum(speed[:-1]) / SIM_RATE])
    inside = distance <= route_length - 1.0
    speed, distance = speed[inside], distance[inside]
    t = np.arange(distance.size) / SIM_RATE

    car = VEHICLE_TYPES[vehicle_type].perturbed(rng, vehicle_spread)
    road = np.interp(
        distance,
        np.arange(elevation.size) * profiles.PROFILE_DX,
        profiles.moving_average(elevation, profiles.PROFILE_DX),
    )
    vertical = simulate(car, road, 1 / SIM_RATE)
    longitudinal = np.gradient(speed, 1 / SIM_RATE)
    step = int(SIM_RATE / ACC_RATE)
    body = np.column_stack(
        [
            signal.decimate(longitudinal, step, ftype="fir"),
            np.zeros(distance[::step].size),
            signal.decimate(vertical, step, ftype="fir") + GRAVITY,
        ]
    )
    acc_t = t[::step]
    mounting = Rotation.from_euler("xyz", rng.uniform(-25, 25, size=3), degrees=True)
    acc = mounting.inv().apply(body) + rng.normal(0, 0.01, size=3)  # mounting and bias
    acc += rng.normal(0, acc_noise, size=acc.shape)

    gps_t = np.arange(0, acc_t[-1], 1 / GPS_RATE)
    gps_distance = np.interp(gps_t, t, distance)
    xy = _positions(city.network, route, offsets, gps_distance)
    xy += _gps_error(rng, gps_t.size, gps_sigma)
    lon, lat = rd_to_wgs84(xy[:, 0], xy[:, 1])
    gps_speed = np.interp(gps_t, t, speed) + rng.normal(0, 0.1, size=gps_t.size)

    trace = Trace(gps_t, lon, lat, np.maximum(gps_speed, 0), acc_t, acc, vehicle_type)
    truth = Truth(
        route,
        offsets,
        distance[::step],
        _route_features(city, route, offsets),
        _true_iri(elevation, offsets, route_length),
        extra={"mounting": mounting},
    )
    return trace, truth


def _positions(network: RoadNetwork, route, offsets: np.ndarray, distances: np.ndarray) -> np.ndarray:
    out = np.zeros((distances.size, 2))
    which = np.clip(np.searchsorted(offsets, distances, side="right") - 1, 0, len(route) - 1)
    for position, (index, forward) in enumerate(route):
        mask = which == position
        if mask.any():
            along = distances[mask] - offsets[position]
            measure = along if forward else network.lengths[index] - along
            out[mask] = network.points_at(index, measure)
    return out


def _gps_error(rng: np.random.Generator, count: int, sigma: float) -> np.ndarray:
    """GNSS error as an AR(1) process per axis (errors of consecutive fixes are correlated)."""
    rho = 0.7
    noise = rng.normal(0, sigma * np.sqrt(1 - rho**2), size=(count, 2))
    error = np.zeros((count, 2))
    error[0] = rng.normal(0, sigma, size=2)
    for index in range(1, count):
        error[index] = rho * error[index - 1] + noise[index]
    return error / np.sqrt(2)  # sigma is the horizontal (2-D) error


def _route_features(city: SimulatedCity, route, offsets) -> list:
    out = []
    for position, (index, forward) in enumerate(route):
        length = city.network.lengths[index]
        for feature in city.roads[index].features:
            centre = feature.position + feature.length / 2
            along = centre if forward else length - centre
            out.append((index, feature, float(offsets[position] + along)))
    return out


def _true_iri(elevation: np.ndarray, offsets: np.ndarray, route_length: float) -> np.ndarray:
    return iri_over_ranges(
        elevation, profiles.PROFILE_DX, np.column_stack([offsets, np.append(offsets[1:], route_length)])
    )


def iri_over_ranges(elevation: np.ndarray, dx: float, ranges: np.ndarray) -> np.ndarray:
    """IRI (m/km) of the profile over each (start, end) range in metres, the Golden Car running
    continuously over the whole profile (so each range has its real lead-in)."""
    per_sample = profiles.iri_per_section(elevation, dx, section=dx)
    cumulative = np.concatenate([[0.0], np.cumsum(per_sample)])
    start = np.clip((ranges[:, 0] / dx).astype(int), 0, per_sample.size)
    end = np.clip((ranges[:, 1] / dx).astype(int), 0, per_sample.size)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (cumulative[end] - cumulative[start]) / (end - start)
