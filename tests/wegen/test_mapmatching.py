"""HMM map matching at junctions and between parallel roads."""

import numpy as np

from raadhuis.wegen.analysis import mapmatching
from raadhuis.wegen.analysis.network import RoadNetwork, SegmentGeometry
from raadhuis.wegen.analysis.trace import wgs84_to_rd
from tests.wegen.conftest import drive


def true_segments(truth, trace):
    distance = np.interp(trace.gps_t, trace.acc_t, truth.acc_distance)
    which = np.searchsorted(truth.route_offsets, distance, side="right") - 1
    return np.array([truth.route[k][0] for k in which])


def test_grid_route_through_junctions(city):
    hits = []
    for seed in (61, 62, 63):
        trace, truth = drive(seed, length=800, gps_sigma=4.0)
        x, y = wgs84_to_rd(trace.lon, trace.lat)
        travelled = np.diff(trace.gps_t, prepend=trace.gps_t[0]) * trace.speed
        result = mapmatching.match(city.network, np.column_stack([x, y]), travelled)
        hits.append(np.mean(result.segment == true_segments(truth, trace)))
        legs = mapmatching.route_legs(city.network, result)
        driven = [segment for leg in legs for segment in leg.segments]
        # The route is recovered in order, with its direction (the first and last segment may
        # be cut short at a junction, where a fix fits either road).
        inner = [tuple(step) for step in truth.route[1:-1]]
        assert any(driven[k : k + len(inner)] == inner for k in range(len(driven))), (driven, truth.route)
        assert (result.confidence[result.segment >= 0] > 0).all()
    assert np.mean(hits) >= 0.9


def test_parallel_roads_are_told_apart():
    # Two straight roads 15 m apart, joined only at their far ends.
    south = [SegmentGeometry(f"s{k}", np.array([[k * 100.0, 0], [(k + 1) * 100.0, 0]])) for k in range(5)]
    north = [SegmentGeometry(f"n{k}", np.array([[k * 100.0, 15], [(k + 1) * 100.0, 15]])) for k in range(5)]
    links = [
        SegmentGeometry("w", np.array([[0.0, 0], [0.0, 15]])),
        SegmentGeometry("e", np.array([[500.0, 0], [500.0, 15]])),
    ]
    network = RoadNetwork(south + north + links)
    rng = np.random.default_rng(7)
    along = np.arange(20.0, 480.0, 10.0)  # 10 m/s, one fix a second
    error = rng.normal(0, 4.0, (along.size, 2))
    error[:, 1] += 5.0  # a bias towards the other road (multipath along buildings)
    xy = np.column_stack([along, np.zeros(along.size)]) + error
    result = mapmatching.match(network, xy, np.full(along.size, 10.0))
    keys = [network.segments[k].key for k in result.segment]
    on_south = np.mean([key.startswith("s") for key in keys])
    assert on_south >= 0.95
    assert np.median(result.confidence) > 0.8


def test_fix_far_from_any_road_is_unmatched():
    network = RoadNetwork([SegmentGeometry("a", np.array([[0.0, 0], [100.0, 0]]))])
    xy = np.array([[10.0, 1], [20.0, 1], [30.0, 500], [40.0, 1]])
    result = mapmatching.match(network, xy)
    assert list(result.segment) == [0, 0, -1, 0]
    assert result.confidence[2] == 0
