"""Signal processing and IRI on simulated data with known truth."""

import numpy as np
from scipy.spatial.transform import Rotation

from raadhuis.wegen.analysis import pipeline, profiles, signals, training
from raadhuis.wegen.analysis.vehicle import GOLDEN_CAR, VEHICLE_TYPES
from tests.wegen.conftest import drive


def test_flat_road_has_zero_iri_and_roughness_scales_linearly():
    rng = np.random.default_rng(1)
    z = profiles.iso8608_profile(300, "B", rng)
    assert np.allclose(profiles.iri_per_section(np.zeros(6001), profiles.PROFILE_DX), 0)
    single = profiles.iri_per_section(z, profiles.PROFILE_DX)
    double = profiles.iri_per_section(2 * z, profiles.PROFILE_DX)
    assert np.allclose(double, 2 * single)


def test_iso_classes_order_and_plausible_iri():
    rng = np.random.default_rng(2)
    means = [
        profiles.iri_per_section(profiles.iso8608_profile(1000, c, rng), profiles.PROFILE_DX).mean()
        for c in "ABCDE"
    ]
    assert all(a < b for a, b in zip(means, means[1:], strict=False))
    assert 1.0 < means[0] < 4.0  # class A: a good road
    # Each class doubles the amplitude, so the IRI roughly doubles.
    assert 1.6 < means[2] / means[1] < 2.5


def test_golden_car_response_is_the_textbook_one():
    # The Golden Car body resonance lies near 1 Hz and wheel hop near 10 Hz.
    freq = np.linspace(0.2, 20, 2000)
    gain = np.abs(GOLDEN_CAR.accel_response(freq)) / (2 * np.pi * freq) ** 2
    assert 0.8 < freq[np.argmax(gain)] < 1.6


def test_gravity_alignment_recovers_vertical():
    rng = np.random.default_rng(3)
    vertical = rng.normal(0, 0.3, 3000)
    body = np.column_stack([rng.normal(0, 0.1, 3000), np.zeros(3000), 9.81 + vertical])
    mounting = Rotation.from_euler("xyz", [20, -15, 40], degrees=True)
    device = mounting.inv().apply(body)
    orientation = signals.orientation(device)
    assert not orientation.rotated
    recovered = signals.vertical_acceleration(device, orientation.pieces[0][2])
    assert np.corrcoef(recovered, vertical)[0, 1] > 0.97


def test_device_turned_mid_trace_is_detected_and_each_part_realigned():
    rng = np.random.default_rng(4)
    body = np.column_stack([np.zeros(6000), np.zeros(6000), 9.81 + rng.normal(0, 0.3, 6000)])
    first = Rotation.from_euler("x", 10, degrees=True).inv().apply(body[:3000])
    second = Rotation.from_euler("x", 80, degrees=True).inv().apply(body[3000:])
    orientation = signals.orientation(np.vstack([first, second]))
    assert orientation.rotated
    assert len(orientation.pieces) == 2
    assert abs(orientation.rotated_at[0] - 3000) <= 500


def test_resample_200hz_to_100hz():
    t = np.arange(0, 10, 1 / 200)
    values = np.sin(2 * np.pi * 2 * t)
    grid, out = signals.resample(t, values)
    assert np.allclose(np.diff(grid), 0.01)
    assert np.allclose(out[50:-50], np.sin(2 * np.pi * 2 * grid[50:-50]), atol=0.02)


def test_band_pass_keeps_the_band():
    t = np.arange(0, 20, 0.01)
    slow, inside = np.sin(2 * np.pi * 0.05 * t), np.sin(2 * np.pi * 5 * t)
    out = signals.band_pass(slow + inside, 1, 20)
    assert np.allclose(out[200:-200], inside[200:-200], atol=0.05)


def test_estimated_iri_within_15_percent_at_low_and_high_speed(city):
    for seed, speed in ((11, 20), (12, 60)):
        trace, truth = drive(seed, speed_kmh=speed, length=900)
        result = pipeline.analyse(trace, city.network, gain=1.0, car=VEHICLE_TYPES["vuilniswagen"])
        pairs = training.matched_truth(result, truth)
        assert len(pairs) >= 4
        errors = [abs(p.iri / true - 1) for p, true in pairs]
        assert np.mean(np.array(errors) <= 0.15) >= 0.8, errors


def test_pothole_detection_finds_potholes(city, classifier):
    hits = np.zeros(3)
    for seed in (31, 32):
        trace, truth = drive(seed, length=1200)
        result = pipeline.analyse(trace, city.network, classifier=classifier)
        hits += training.pothole_hits(city.network, result, trace, truth)
        for event in result.events:
            assert event.severity in ("laag", "midden", "hoog")
            assert 0 <= event.measure <= city.network.lengths[event.segment]
    tp, fp, fn = hits
    assert tp >= 3
    assert tp / (tp + fp) >= 0.7 and tp / (tp + fn) >= 0.7
