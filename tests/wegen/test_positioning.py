"""Position along the route (odometer tied to the GPS) and pairing passes with their truth."""

import numpy as np
from scipy.ndimage import median_filter

from raadhuis.wegen.analysis import pipeline, positioning, simulator, training


def gnss_error(rng, count, sigma, rho):
    error = np.zeros((count, 2))
    error[0] = rng.normal(0, sigma, 2)
    for k in range(1, count):
        error[k] = rho * error[k - 1] + rng.normal(0, sigma * np.sqrt(1 - rho**2), 2)
    return error


def test_smoother_ties_the_odometer_to_within_a_metre_through_a_turn():
    """East for a minute, then north: the along-road GNSS error before the turn is the across-road
    error after it. The smoother's estimate of the odometer's offset is far better than the
    31-fix running median that was used before in the tail: where the GNSS error runs to one
    side for a while, and around the turn (a segment end)."""
    rng = np.random.default_rng(3)
    count = 120
    direction = np.where(np.arange(count)[:, None] < 60, [1.0, 0.0], [0.0, 1.0])
    left = np.column_stack([-direction[:, 1], direction[:, 0]])
    drift = np.cumsum(rng.normal(0, 0.07, count))  # the odometer's own error
    errors_smoother, errors_median = [], []
    for _ in range(20):
        error = gnss_error(rng, count, sigma=2.5, rho=0.7)
        along = drift + np.sum(direction * error, axis=1)
        cross = np.sum(left * error, axis=1)
        smoothed = positioning.odometer_offset(along, direction, cross)
        errors_smoother.append(smoothed - drift)
        errors_median.append(median_filter(along, size=31, mode="nearest") - drift)
    smoother, median = np.abs(errors_smoother), np.abs(errors_median)
    turn = slice(55, 65)
    assert np.median(smoother) < 0.6
    assert np.percentile(smoother, 90) < 1.2
    assert np.percentile(smoother, 90) < 0.65 * np.percentile(median, 90)
    assert np.percentile(smoother[:, turn], 90) < 0.6 * np.percentile(median[:, turn], 90)


def test_gnss_error_model_is_estimated_from_the_fixes():
    rng = np.random.default_rng(4)
    cross = gnss_error(rng, 2000, sigma=3.0, rho=0.8)[:, 0]
    sigma, rho = positioning.gnss_error_model(cross)
    assert 2.4 < sigma < 3.6
    assert 0.7 < rho < 0.9


def make_pass(segment, start, end):
    return pipeline.SegmentPass(segment, True, start, end, 10.0, 1.0, 1.0, [1.0], 1.0, 1.0)


def test_each_pass_is_paired_with_the_traversal_it_measured():
    """A route that drives segment 0 twice, with different true IRI (lead-in, direction)."""
    truth = simulator.Truth(
        route=[(0, True), (1, True), (0, False)],
        route_offsets=np.array([0.0, 100.0, 200.0]),
        acc_distance=np.arange(3000) * 0.1,  # 10 m/s at 100 Hz: segment 0 at 0–10 s and 20–30 s
        features=[],
        iri=np.array([2.0, 5.0, 3.0]),
    )
    result = pipeline.Result(passes=[make_pass(0, 21, 29), make_pass(0, 1, 9), make_pass(1, 22, 28)])
    pairs = training.matched_truth(result, truth)
    assert [(p.start, iri) for p, iri in pairs] == [(21, 3.0), (1, 2.0)]
    assert training.unpaired(result, truth) == 1  # segment 1 was driven at 10–20 s, not at 22–28 s
