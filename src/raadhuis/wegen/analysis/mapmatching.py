"""Hidden-Markov map matching after Newson & Krumm (2009), with confidence.

States are candidate positions (segment, measure) within ``RADIUS`` of each GPS fix. The
emission is a Gaussian of the GPS distance; the transition penalises the difference between
the driving distance over the network and the distance the vehicle travelled between the
fixes. We take that distance from the GNSS Doppler speed when the trace has it (it is far
less noisy than the difference of two positions, which is what tells parallel roads apart),
else the great-circle distance. Viterbi gives the path, forward-backward the posterior
probability of each chosen state: the confidence.

Written here (≈100 lines of numpy) because the maintained libraries need a routing engine
(Valhalla, OSRM) or are unmaintained; see ADR 0018.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp

from raadhuis.wegen.analysis.network import RoadNetwork

RADIUS = 30.0  # m, candidates farther from the fix are not considered
SIGMA = 4.0  # m, GPS error
BETA = 3.0  # m, scale of the route-vs-travelled distance difference
JUNCTION = 12.0  # m from a junction, where a fix fits the crossing roads as well


@dataclass
class Match:
    segment: np.ndarray  # index per fix, -1 when unmatched
    measure: np.ndarray  # m along the segment
    distance: np.ndarray  # m from the fix to the segment
    confidence: np.ndarray  # posterior probability of the chosen state, 0 when unmatched


def match(network: RoadNetwork, xy: np.ndarray, travelled: np.ndarray | None = None) -> Match:
    """Match fixes ``xy`` (n, 2, RD metres). ``travelled[i]``: distance driven from fix i-1 to i."""
    count = xy.shape[0]
    segment = np.full(count, -1)
    measure = np.zeros(count)
    distance = np.full(count, np.inf)
    confidence = np.zeros(count)
    candidates = [network.candidates(x, y, RADIUS) for x, y in xy]
    start = 0
    while start < count:
        # A fix without candidates breaks the chain; each run is matched on its own.
        if not candidates[start]:
            start += 1
            continue
        end = start
        while end + 1 < count and candidates[end + 1]:
            end += 1
        _match_run(network, xy, travelled, candidates, start, end, segment, measure, distance, confidence)
        start = end + 1
    return Match(segment, measure, distance, confidence)


def _match_run(network, xy, travelled, candidates, start, end, segment, measure, distance, confidence):
    emissions = [np.array([-0.5 * (c[1] / SIGMA) ** 2 for c in candidates[i]]) for i in range(start, end + 1)]
    transitions = []
    for i in range(start + 1, end + 1):
        moved = travelled[i] if travelled is not None else float(np.hypot(*(xy[i] - xy[i - 1])))
        table = np.empty((len(candidates[i - 1]), len(candidates[i])))
        for a, (seg_a, _, m_a) in enumerate(candidates[i - 1]):
            for b, (seg_b, _, m_b) in enumerate(candidates[i]):
                route = network.route_distance(seg_a, m_a, seg_b, m_b)
                table[a, b] = -abs(route - moved) / BETA
        transitions.append(table)
    path = _viterbi(emissions, transitions)
    posterior = _posterior(emissions, transitions)
    for offset, state in enumerate(path):
        index = start + offset
        seg, dist, meas = candidates[index][state]
        segment[index], measure[index], distance[index] = seg, meas, dist
        confidence[index] = posterior[offset][state]


def _viterbi(emissions, transitions) -> list[int]:
    score = emissions[0].copy()
    back = []
    for table, emission in zip(transitions, emissions[1:], strict=True):
        total = score[:, None] + table
        back.append(np.argmax(total, axis=0))
        score = total.max(axis=0) + emission
    state = int(np.argmax(score))
    path = [state]
    for pointers in reversed(back):
        state = int(pointers[state])
        path.append(state)
    return path[::-1]


def _posterior(emissions, transitions) -> list[np.ndarray]:
    forward = [emissions[0] - logsumexp(emissions[0])]
    for table, emission in zip(transitions, emissions[1:], strict=True):
        step = logsumexp(forward[-1][:, None] + table, axis=0) + emission
        forward.append(step - logsumexp(step))
    backward = [np.zeros_like(emissions[-1])]
    for table, emission in zip(reversed(transitions), reversed(emissions[1:]), strict=True):
        step = logsumexp(table + (emission + backward[0])[None, :], axis=1)
        backward.insert(0, step - logsumexp(step))
    out = []
    for f, b in zip(forward, backward, strict=True):
        joint = f + b
        out.append(np.exp(joint - logsumexp(joint)))
    return out


@dataclass
class RouteLeg:
    """A stretch of consecutive segments driven without a break."""

    segments: list[tuple[int, bool]]  # (segment index, forward)
    offsets: np.ndarray  # route distance at the start of each segment
    fixes: np.ndarray  # indices of the fixes on this leg
    position: np.ndarray  # route distance of each of those fixes
    part: np.ndarray  # for each of those fixes, its index in ``segments``


def route_legs(network: RoadNetwork, result: Match) -> list[RouteLeg]:
    """Turn matched fixes into legs: runs of segments with their direction, each connected to
    the next at a junction. A jump to a segment that does not connect starts a new leg."""
    runs = [run for run in _runs(result.segment) if not _junction_jitter(network, result, *run)]
    legs: list[RouteLeg] = []
    current: list[tuple[int, bool, np.ndarray]] = []
    for seg, fixes in runs:
        forward = _direction(network, result, seg, fixes, current[-1] if current else None)
        if current and not _connected(network, current[-1][0], current[-1][1], seg, forward):
            legs.append(_leg(network, result, current))
            current = []
        current.append((seg, forward, fixes))
    if current:
        legs.append(_leg(network, result, current))
    return legs


def _runs(segment: np.ndarray) -> list[tuple[int, np.ndarray]]:
    runs = []
    start = 0
    for index in range(1, segment.size + 1):
        if index == segment.size or segment[index] != segment[start]:
            if segment[start] >= 0:
                runs.append((int(segment[start]), np.arange(start, index)))
            start = index
    return runs


def _junction_jitter(network, result, seg, fixes) -> bool:
    """A few fixes on a crossing road right at a junction: GPS noise, not a detour."""
    if fixes.size > 3:
        return False
    measures = result.measure[fixes]
    near_start = (measures <= JUNCTION).all()
    near_end = (measures >= network.lengths[seg] - JUNCTION).all()
    return bool(near_start or near_end) and network.lengths[seg] > 2 * JUNCTION


def _direction(network, result, seg, fixes, previous) -> bool:
    measures = result.measure[fixes]
    if fixes.size >= 3 and abs(measures[-1] - measures[0]) > 5:
        return bool(measures[-1] > measures[0])
    if previous is not None:
        prev_seg, prev_forward, _ = previous
        node = network.end_node[prev_seg] if prev_forward else network.start_node[prev_seg]
        return bool(network.start_node[seg] == node)
    return bool(measures[-1] >= measures[0])


def _connected(network, seg_a, forward_a, seg_b, forward_b) -> bool:
    exit_node = network.end_node[seg_a] if forward_a else network.start_node[seg_a]
    entry_node = network.start_node[seg_b] if forward_b else network.end_node[seg_b]
    return bool(exit_node == entry_node) and seg_a != seg_b


def _leg(network, result, runs) -> RouteLeg:
    segments, offsets, fixes, positions, parts = [], [], [], [], []
    total = 0.0
    for seg, forward, run_fixes in runs:
        parts.append(np.full(run_fixes.size, len(segments)))
        length = network.lengths[seg]
        along = result.measure[run_fixes] if forward else length - result.measure[run_fixes]
        segments.append((seg, forward))
        offsets.append(total)
        fixes.append(run_fixes)
        positions.append(total + along)
        total += length
    return RouteLeg(
        segments, np.array(offsets), np.concatenate(fixes), np.concatenate(positions), np.concatenate(parts)
    )
