"""Training the event classifier and calibrating the IRI gain on simulated, labelled drives.

A window around a candidate peak gets the label of the simulated feature it lies on (within
half the feature's length plus 2.5 m), else ``geen``. The gain of a vehicle type is the
median ratio of true to estimated IRI over calibration drives.
"""

from __future__ import annotations

import numpy as np

from raadhuis.wegen.analysis import events, pipeline, simulator


def label_of(truth: simulator.Truth, distance: float) -> str:
    best, best_gap = events.NONE, np.inf
    for _, feature, position in truth.features:
        gap = abs(position - distance)
        if gap <= feature.length / 2 + 2.5 and gap < best_gap:
            best, best_gap = feature.kind, gap
    return best


def labelled_windows(city, trace, truth) -> tuple[list[np.ndarray], list[str]]:
    prepared = pipeline.prepare(trace, city.network)
    found = events.candidates(prepared.vertical, prepared.elevation, prepared.speed, prepared.good)
    distance = np.interp(prepared.t, trace.acc_t, truth.acc_distance)
    return [c.features for c in found], [label_of(truth, distance[c.sample]) for c in found]


def simulated_drives(seed: int, cities: int, drives_per_city: int, **drive_options):
    rng = np.random.default_rng(seed)
    for _ in range(cities):
        city = simulator.grid_city(rng)
        for _ in range(drives_per_city):
            yield (city, *simulator.drive(city, rng, **drive_options))


# The default classifier: 72 simulated drives in 6 cities (seed 7). The benchmark measures
# this very classifier on other seeds and cities.
DEFAULT_TRAINING = {"seed": 7, "cities": 6, "drives_per_city": 12}


def train_default():
    return train_on_simulation(**DEFAULT_TRAINING)


def train_on_simulation(seed: int, cities: int, drives_per_city: int):
    features, labels = [], []
    for city, trace, truth in simulated_drives(seed, cities, drives_per_city):
        more_features, more_labels = labelled_windows(city, trace, truth)
        features += more_features
        labels += more_labels
    return train(np.array(features), np.array(labels))


def train(features: np.ndarray, labels: np.ndarray):
    if len(set(labels)) < 2:
        raise ValueError("Er zijn minstens twee soorten gelabelde vensters nodig om te trainen.")
    classifier = events.new_classifier()
    classifier.fit(features, labels)
    return classifier


def calibrate_gain(seed: int, drives: int, vehicle_type: str = "vuilniswagen") -> float:
    """Median true/estimated IRI over simulated drives of this vehicle type."""
    ratios = []
    for city, trace, truth in simulated_drives(seed, 1, drives, vehicle_type=vehicle_type):
        result = pipeline.analyse(trace, city.network)
        ratios += [truth_iri / p.iri_raw for p, truth_iri in matched_truth(result, truth) if p.iri_raw > 0]
    return float(np.median(ratios)) if ratios else 1.0


def matched_truth(result: pipeline.Result, truth: simulator.Truth):
    """Pairs (pass, true IRI of the very traversal the pass measured).

    A route can drive a segment more than once, in either direction and after different
    neighbours; the Golden Car's IRI of a traversal depends on both (on a smooth segment the
    lead-in from a rough neighbour alone changes it by ~10 %). So each pass is paired with the
    traversal of its segment that overlaps it most in time. A pass on a segment the truck was
    not on at that time (a matching error) has no pair; ``unpaired`` counts those.
    """
    times = np.arange(truth.acc_distance.size) / simulator.ACC_RATE
    enter = np.interp(truth.route_offsets, truth.acc_distance, times)
    leave = np.append(enter[1:], times[-1])
    pairs = []
    for item in result.passes:
        overlaps = [
            (min(item.end, leave[k]) - max(item.start, enter[k]), k)
            for k, (segment, _) in enumerate(truth.route)
            if segment == item.segment
        ]
        overlap, k = max(overlaps, default=(0.0, -1))
        if overlap > 0:
            pairs.append((item, float(truth.iri[k])))
    return pairs


def unpaired(result: pipeline.Result, truth: simulator.Truth) -> int:
    """Passes that lie on a segment the truck did not drive at that time."""
    return len(result.passes) - len(matched_truth(result, truth))


def pothole_hits(
    network, result: pipeline.Result, trace, truth: simulator.Truth, tolerance: float = 5.0
) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of pothole detection on one drive.

    Every drive over a pothole counts once. A detection is right when it lies within
    ``tolerance`` m of a pothole the truck drove over within 5 s of it. Potholes on parts of
    the trace that were set aside (standstill, gaps, unmatched) do not count as missed.
    """
    passes = [
        (
            network.point_at(segment, feature.position + feature.length / 2),
            float(np.interp(position, truth.acc_distance, trace.acc_t)),
        )
        for segment, feature, position in truth.features
        if feature.kind == "gat"
    ]
    covered = [
        (xy, when) for xy, when in passes if any(p.start - 1 <= when <= p.end + 1 for p in result.passes)
    ]
    used: set[int] = set()
    false_positive = 0
    for event in result.events:
        if event.kind != "gat":
            continue
        hit = next(
            (
                k
                for k, (xy, when) in enumerate(passes)
                if k not in used
                and np.hypot(event.x - xy[0], event.y - xy[1]) <= tolerance
                and abs(event.time - when) < 5
            ),
            None,
        )
        if hit is None:
            false_positive += 1
        else:
            used.add(hit)
    true_positive = sum(1 for k, item in enumerate(passes) if k in used and item in covered)
    missed = sum(1 for k, item in enumerate(passes) if k not in used and item in covered)
    return true_positive, false_positive, missed
