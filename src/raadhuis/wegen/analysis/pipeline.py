"""From a raw trace to passes (IRI per segment) and events, with the bad parts set aside.

Steps: check and resample → detect gaps, GPS jumps, standstill and device rotation → align to
gravity per stable part → invert the vehicle's quarter car to the road elevation → map-match
the GPS fixes (HMM) and tie the speed-integrated odometer to the matched route → lay the
elevation out over distance → Golden Car per segment (calibrated per vehicle type) → events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.ndimage import median_filter

from raadhuis.wegen.analysis import events as events_module
from raadhuis.wegen.analysis import mapmatching, positioning, profiles, signals
from raadhuis.wegen.analysis.network import RoadNetwork
from raadhuis.wegen.analysis.trace import Trace, rd_to_wgs84, wgs84_to_rd
from raadhuis.wegen.analysis.vehicle import GOLDEN_CAR, IRI_SPEED, VEHICLE_TYPES, QuarterCar, simulate

MIN_RATE, MAX_RATE = 40.0, 250.0  # Hz accepted for the accelerometer
MAX_ACC_GAP = 0.1  # s
MAX_GPS_GAP = 5.0  # s
GPS_JUMP = 25.0  # m off the local track
MIN_SPEED = 2.0  # m/s (7 km/h): below it the vehicle is standing or creeping
MIN_RUN = 20.0  # s of good signal for the inversion
MIN_COVERAGE = 0.9  # share of a segment that must be measured for a pass
LEAD_IN = 15.0  # m of measured road before a segment, for the Golden Car to settle
GRID_DX = 0.1  # m
MIN_CONFIDENCE = 0.5  # mean map-matching posterior for a pass to count
REBOUND = 8.0  # m: events of one kind closer than this in one pass are one event
# m at the end of a good stretch not used for the IRI: the inversion works on whole chunks
# of signal, and at a stretch's end it lacks what follows (LEAD_IN covers the start).
RUN_OUT = 5.0


class TraceRejected(ValueError):
    """The trace cannot be analysed at all (reason in Dutch for the uploader)."""


@dataclass
class Issue:
    code: str  # gat_in_data | gps_sprong | gedraaid | stilstand | niet_gematcht
    start: float  # s
    end: float
    detail: str = ""


@dataclass
class SegmentPass:
    segment: int  # network index
    forward: bool
    start: float  # s in the trace
    end: float
    speed: float  # m/s
    iri: float  # m/km, calibrated
    iri_raw: float
    iri_100m: list[float]
    coverage: float
    confidence: float
    # The signal over the segment, per metre in the segment's direction (None: not measured):
    # the recovered road elevation (mm) and the largest vertical acceleration (m/s²).
    elevation_mm: list[int | None] = field(default_factory=list)
    acceleration: list[float | None] = field(default_factory=list)


@dataclass
class Event:
    kind: str
    segment: int
    measure: float
    x: float  # RD
    y: float
    lon: float
    lat: float
    time: float
    probability: float
    severity: str
    size: float  # m


@dataclass
class Result:
    passes: list[SegmentPass] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    good_share: float = 0.0
    duration: float = 0.0


@dataclass
class Prepared:
    """The trace on the fixed grid, with everything the analysis needs and the quality flags."""

    t: np.ndarray
    vertical: np.ndarray
    elevation: np.ndarray
    speed: np.ndarray
    good: np.ndarray
    route_leg: np.ndarray  # leg index per sample, -1 when not on a matched route
    route_pos: np.ndarray
    legs: list
    match_confidence: np.ndarray  # per sample
    issues: list[Issue]


def validate(trace: Trace) -> None:
    if trace.acc.shape[0] < 10 * MIN_RATE or trace.gps_t.size < 10:
        raise TraceRejected("De rit is te kort: minstens 10 seconden versnelling en 10 GPS-punten nodig.")
    if not (np.isfinite(trace.acc).all() and np.isfinite(trace.acc_t).all()):
        raise TraceRejected("De versnellingsdata bevat ongeldige waarden.")
    if not (np.isfinite(trace.lon).all() and np.isfinite(trace.lat).all() and np.isfinite(trace.gps_t).all()):
        raise TraceRejected("De GPS-data bevat ongeldige waarden.")
    steps = np.diff(trace.acc_t)
    if (steps <= 0).any() or (np.diff(trace.gps_t) <= 0).any():
        raise TraceRejected("De tijdstempels lopen niet strikt op.")
    rate = 1 / np.median(steps)
    if not MIN_RATE <= rate <= MAX_RATE:
        raise TraceRejected(f"De bemonsteringsfrequentie ({rate:.0f} Hz) ligt buiten 40–250 Hz.")
    gravity = np.linalg.norm(trace.acc.mean(axis=0))
    if not 7.0 < gravity < 12.5:
        raise TraceRejected("De versnelling is niet in m/s² of bevat de zwaartekracht niet.")
    if trace.vehicle_type not in VEHICLE_TYPES:
        raise TraceRejected(f"Onbekend voertuigtype {trace.vehicle_type!r}.")


def prepare(trace: Trace, network: RoadNetwork, car: QuarterCar | None = None) -> Prepared:
    validate(trace)
    car = car or VEHICLE_TYPES[trace.vehicle_type]
    issues: list[Issue] = []
    t, acc = signals.resample(trace.acc_t, trace.acc)
    good = np.ones(t.size, dtype=bool)
    _flag_gaps(trace.acc_t, MAX_ACC_GAP, t, good, issues, "versnelling")
    _flag_gaps(trace.gps_t, MAX_GPS_GAP, t, good, issues, "GPS")

    x, y = wgs84_to_rd(trace.lon, trace.lat)
    xy = np.column_stack([x, y])
    fix_ok = _gps_outliers(xy, trace.gps_t, issues)
    speed = np.interp(t, trace.gps_t, trace.speed)
    _flag_standstill(t, speed, good, issues)

    orientation = signals.orientation(acc)
    vertical = np.zeros(t.size)
    oriented = np.zeros(t.size, dtype=bool)
    for start, end, rotation in orientation.pieces:
        vertical[start:end] = signals.vertical_acceleration(acc[start:end], rotation)
        oriented[start:end] = True
    for sample in orientation.rotated_at:
        issues.append(
            Issue(
                "gedraaid",
                float(t[min(sample, t.size - 1)]),
                float(t[min(sample, t.size - 1)]),
                "het kastje is tijdens de rit gedraaid; opnieuw uitgelijnd",
            )
        )
    good &= oriented

    elevation = np.zeros(t.size)
    for start, end in _runs(good):
        if (end - start) / signals.RATE >= MIN_RUN:
            elevation[start:end] = signals.road_elevation(vertical[start:end], speed[start:end], car)
        else:
            good[start:end] = False

    route_leg, route_pos, legs, confidence = _locate(network, trace, xy, fix_ok, t, speed, issues)
    return Prepared(t, vertical, elevation, speed, good, route_leg, route_pos, legs, confidence, issues)


def analyse(
    trace: Trace, network: RoadNetwork, *, gain: float = 1.0, classifier=None, car: QuarterCar | None = None
) -> Result:
    prepared = prepare(trace, network, car)
    result = Result(issues=prepared.issues, duration=trace.duration, good_share=float(prepared.good.mean()))
    result.passes = _passes(network, prepared, gain)
    if classifier is not None:
        result.events = _events(network, prepared, classifier)
    return result


# --- quality ---------------------------------------------------------------------------------


def _flag_gaps(times, limit, t, good, issues, what) -> None:
    for index in np.flatnonzero(np.diff(times) > limit):
        start, end = times[index], times[index + 1]
        good[(t >= start - 1.0) & (t <= end + 1.0)] = False
        issues.append(Issue("gat_in_data", float(start), float(end), f"{what} ontbreekt {end - start:.1f} s"))


def _gps_outliers(xy: np.ndarray, gps_t: np.ndarray, issues: list[Issue]) -> np.ndarray:
    """Fixes far off the track that their neighbours draw (a median over 5 fixes)."""
    track = np.column_stack(
        [median_filter(xy[:, 0], size=5, mode="nearest"), median_filter(xy[:, 1], size=5, mode="nearest")]
    )
    off = np.hypot(*(xy - track).T)
    bad = off > GPS_JUMP
    for index in np.flatnonzero(bad):
        issues.append(
            Issue(
                "gps_sprong",
                float(gps_t[index]),
                float(gps_t[index]),
                f"GPS-punt {off[index]:.0f} m naast het spoor genegeerd",
            )
        )
    return ~bad


def _flag_standstill(t, speed, good, issues) -> None:
    slow = speed < MIN_SPEED
    for start, end in _runs(slow):
        if end - start >= signals.RATE:  # at least a second
            issues.append(Issue("stilstand", float(t[start]), float(t[end - 1]), "voertuig staat stil"))
    good &= ~slow


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True))


# --- location --------------------------------------------------------------------------------


def _locate(network, trace, xy, fix_ok, t, speed, issues):
    odometer_fix = np.concatenate(
        [[0.0], np.cumsum(np.diff(trace.gps_t) * 0.5 * (trace.speed[1:] + trace.speed[:-1]))]
    )
    used = np.flatnonzero(fix_ok)
    travelled = np.diff(odometer_fix[used], prepend=odometer_fix[used[0]])
    result = mapmatching.match(network, xy[used], travelled)
    legs = mapmatching.route_legs(network, result)
    unmatched = used[result.segment < 0]
    if unmatched.size:
        issues.append(
            Issue(
                "niet_gematcht",
                float(trace.gps_t[unmatched[0]]),
                float(trace.gps_t[unmatched[-1]]),
                f"{unmatched.size} GPS-punten liggen niet bij een wegvak",
            )
        )
    odometer = np.interp(t, trace.gps_t, odometer_fix)
    route_leg = np.full(t.size, -1)
    route_pos = np.full(t.size, np.nan)
    confidence = np.zeros(t.size)
    for number, leg in enumerate(legs):
        fixes = used[leg.fixes]
        if fixes.size < 3:
            continue
        times = trace.gps_t[fixes]
        direction, cross = positioning.fix_geometry(network, leg, result, xy[used])
        offset = positioning.odometer_offset(
            leg.position - odometer_fix[fixes],
            direction,
            cross - np.median(cross),  # the lane the vehicle keeps is not GNSS error
            step=float(np.median(np.diff(times))),
        )
        inside = (t >= times[0]) & (t <= times[-1])
        route_leg[inside] = number
        route_pos[inside] = odometer[inside] + np.interp(t[inside], times, offset)
        confidence[inside] = np.interp(t[inside], times, result.confidence[leg.fixes])
    return route_leg, route_pos, legs, confidence


# --- roughness -------------------------------------------------------------------------------


def _passes(network: RoadNetwork, prepared: Prepared, gain: float) -> list[SegmentPass]:
    passes = []
    usable = prepared.good & (prepared.route_leg >= 0)
    for start, end in _runs(usable):
        for number in np.unique(prepared.route_leg[start:end]):
            part = np.arange(start, end)[prepared.route_leg[start:end] == number]
            if part.size < signals.RATE * 5:
                continue
            passes.extend(_passes_of_run(network, prepared, prepared.legs[number], part, gain))
    return passes


def _passes_of_run(network, prepared, leg, samples, gain) -> list[SegmentPass]:
    position = prepared.route_pos[samples]
    order = np.maximum.accumulate(position)  # the route position never goes back
    grid = np.arange(order[0], order[-1], GRID_DX)
    if grid.size < 100:
        return []
    elevation = np.interp(grid, order, prepared.elevation[samples])
    vertical = np.interp(grid, order, prepared.vertical[samples])
    stroke = simulate(
        GOLDEN_CAR, profiles.moving_average(elevation, GRID_DX), GRID_DX / IRI_SPEED, output="rel_velocity"
    )
    slope = np.abs(stroke) / IRI_SPEED * 1000  # m/km per grid cell
    settled = (grid >= grid[0] + LEAD_IN) & (grid <= grid[-1] - RUN_OUT)
    out = []
    for (segment, forward), offset in zip(leg.segments, leg.offsets, strict=True):
        length = network.lengths[segment]
        cells = settled & (grid >= offset) & (grid < offset + length)
        coverage = cells.sum() * GRID_DX / length
        if coverage < MIN_COVERAGE:
            continue
        inside = (position >= offset) & (position < offset + length)
        confidence = float(prepared.match_confidence[samples][inside].mean())
        if confidence < MIN_CONFIDENCE:
            continue
        raw = float(slope[cells].mean())
        times = prepared.t[samples][inside]
        out.append(
            SegmentPass(
                segment=segment,
                forward=forward,
                start=float(times[0]),
                end=float(times[-1]),
                speed=float(prepared.speed[samples][inside].mean()),
                iri=raw * gain,
                iri_raw=raw,
                iri_100m=_per_100m(grid[cells] - offset, slope[cells], length, gain, forward),
                coverage=float(min(coverage, 1.0)),
                confidence=confidence,
                **_signal_per_metre(grid[cells] - offset, elevation[cells], vertical[cells], length, forward),
            )
        )
    return out


def _signal_per_metre(along, elevation, vertical, length, forward) -> dict:
    """The drill-down signal of a pass: mean elevation (mm, relative to the pass's median) and
    peak |vertical acceleration| per metre of the segment."""
    metres = max(1, int(np.ceil(length)))
    measure = along if forward else length - along
    which = np.clip(measure.astype(int), 0, metres - 1)
    count = np.bincount(which, minlength=metres)
    level = np.bincount(which, weights=elevation - np.median(elevation), minlength=metres)
    peak = np.zeros(metres)
    np.maximum.at(peak, which, np.abs(vertical))
    return {
        "elevation_mm": [
            round(float(z) * 1000 / n) if n else None for z, n in zip(level, count, strict=True)
        ],
        "acceleration": [round(float(a), 2) if n else None for a, n in zip(peak, count, strict=True)],
    }


def _per_100m(along, slope, length, gain, forward) -> list[float]:
    """IRI of each ~100 m part of the segment, in the segment's own direction."""
    parts = max(1, int(round(length / 100.0)))
    measure = along if forward else length - along
    which = np.clip((measure / length * parts).astype(int), 0, parts - 1)
    return [
        round(float(slope[which == k].mean() * gain), 2) if (which == k).any() else None for k in range(parts)
    ]


# --- events ----------------------------------------------------------------------------------


def _events(network, prepared: Prepared, classifier) -> list[Event]:
    found = events_module.candidates(prepared.vertical, prepared.elevation, prepared.speed, prepared.good)
    found = [c for c in found if prepared.route_leg[c.sample] >= 0]
    if not found:
        return []
    probabilities = classifier.predict_proba(np.array([c.features for c in found]))
    classes = list(classifier.classes_)
    out = []
    last: dict[str, tuple[int, float]] = {}  # kind → (leg, route position) of the last event kept
    for candidate, probability in zip(found, probabilities, strict=True):
        kind = classes[int(np.argmax(probability))]
        if kind == events_module.NONE:
            continue
        leg_number = int(prepared.route_leg[candidate.sample])
        position = float(prepared.route_pos[candidate.sample])
        previous = last.get(kind)
        if previous and previous[0] == leg_number and abs(position - previous[1]) < REBOUND:
            # The body bouncing after an impact looks like a second one: one event per location.
            continue
        last[kind] = (leg_number, position)
        leg = prepared.legs[leg_number]
        located = _segment_at(network, leg, float(prepared.route_pos[candidate.sample]))
        if located is None:
            continue
        segment, measure = located
        x, y = network.point_at(segment, measure)
        lon, lat = rd_to_wgs84(x, y)
        label, size = events_module.severity(kind, candidate.features)
        out.append(
            Event(
                kind,
                segment,
                measure,
                x,
                y,
                float(lon),
                float(lat),
                float(prepared.t[candidate.sample]),
                float(np.max(probability)),
                label,
                size,
            )
        )
    return out


def _segment_at(network, leg, position: float) -> tuple[int, float] | None:
    k = int(np.searchsorted(leg.offsets, position, side="right") - 1)
    if k < 0:
        return None
    segment, forward = leg.segments[k]
    along = position - leg.offsets[k]
    length = network.lengths[segment]
    if along > length + 2:
        return None
    along = float(np.clip(along, 0, length))
    return segment, along if forward else length - along
