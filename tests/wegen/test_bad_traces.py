"""Bad traces are detected and set aside, not averaged into the result."""

import numpy as np
import pytest
from scipy.spatial.transform import Rotation

from raadhuis.wegen.analysis import pipeline, training
from raadhuis.wegen.analysis.trace import Trace
from tests.wegen.conftest import drive


def codes(result):
    return {issue.code for issue in result.issues}


def overlaps(item, start, end):
    return item.start < end and item.end > start


def accurate_share(result, truth):
    pairs = training.matched_truth(result, truth)
    return np.mean([abs(p.iri / true - 1) <= 0.15 for p, true in pairs]), len(pairs)


@pytest.fixture(scope="module")
def base():
    return drive(51, speed_kmh=40, length=1000)


def test_clean_trace_has_no_issues(city, base):
    trace, truth = base
    result = pipeline.analyse(trace, city.network)
    assert codes(result) == set()
    share, count = accurate_share(result, truth)
    assert count >= 5 and share >= 0.8


def test_gap_in_accelerometer_is_left_out(city, base):
    trace, truth = base
    keep = (trace.acc_t < 30) | (trace.acc_t > 36)
    gapped = Trace(trace.gps_t, trace.lon, trace.lat, trace.speed, trace.acc_t[keep], trace.acc[keep])
    result = pipeline.analyse(gapped, city.network)
    assert "gat_in_data" in codes(result)
    assert not any(overlaps(p, 30, 36) for p in result.passes)
    share, count = accurate_share(result, truth)
    assert count >= 3 and share >= 0.8


def test_gps_jump_is_ignored(city, base):
    trace, truth = base
    lat = trace.lat.copy()
    lat[40] += 0.004  # ~450 m north
    jumped = Trace(trace.gps_t, trace.lon, lat, trace.speed, trace.acc_t, trace.acc)
    result = pipeline.analyse(jumped, city.network)
    assert "gps_sprong" in codes(result)
    clean = pipeline.analyse(trace, city.network)
    assert len(result.passes) == len(clean.passes)


def test_device_turned_mid_trace_is_realigned(city, base):
    trace, truth = base
    acc = trace.acc.copy()
    later = trace.acc_t > 45
    acc[later] = Rotation.from_euler("y", 70, degrees=True).apply(acc[later])
    turned = Trace(trace.gps_t, trace.lon, trace.lat, trace.speed, trace.acc_t, acc)
    result = pipeline.analyse(turned, city.network)
    assert "gedraaid" in codes(result)
    after = [p for p in result.passes if p.start > 50]
    assert after, "the part after the turn is still measured"
    share, _ = accurate_share(result, truth)
    assert share >= 0.8


def test_standing_still_is_not_measured(city, base):
    trace, truth = base
    stop, pause = 40.0, 30.0
    rng = np.random.default_rng(0)
    gps_before, gps_after = trace.gps_t <= stop, trace.gps_t > stop
    still_t = np.arange(stop + 1, stop + pause)
    last = np.flatnonzero(gps_before)[-1]
    gps_t = np.concatenate([trace.gps_t[gps_before], still_t, trace.gps_t[gps_after] + pause])
    lon = np.concatenate(
        [trace.lon[gps_before], np.full(still_t.size, trace.lon[last]), trace.lon[gps_after]]
    )
    lat = np.concatenate(
        [trace.lat[gps_before], np.full(still_t.size, trace.lat[last]), trace.lat[gps_after]]
    )
    speed = np.concatenate(
        [trace.speed[gps_before], np.abs(rng.normal(0, 0.1, still_t.size)), trace.speed[gps_after]]
    )
    acc_before, acc_after = trace.acc_t <= stop, trace.acc_t > stop
    idle_t = np.arange(stop + 0.01, stop + pause, 0.01)
    gravity = trace.acc[acc_before][-200:].mean(axis=0)
    idle = gravity + rng.normal(0, 0.03, (idle_t.size, 3))
    stopped = Trace(
        gps_t,
        lon,
        lat,
        speed,
        np.concatenate([trace.acc_t[acc_before], idle_t, trace.acc_t[acc_after] + pause]),
        np.vstack([trace.acc[acc_before], idle, trace.acc[acc_after]]),
    )
    result = pipeline.analyse(stopped, city.network)
    assert "stilstand" in codes(result)
    assert not any(overlaps(p, stop + 1, stop + pause - 1) for p in result.passes)
    assert result.good_share < pipeline.analyse(trace, city.network).good_share


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda t: Trace(t.gps_t[:5], t.lon[:5], t.lat[:5], t.speed[:5], t.acc_t, t.acc), "te kort"),
        (
            lambda t: Trace(t.gps_t, t.lon, t.lat, t.speed, t.acc_t[::5], t.acc[::5]),
            "bemonsteringsfrequentie",
        ),
        (lambda t: Trace(t.gps_t, t.lon, t.lat, t.speed, t.acc_t, t.acc / 9.81), "zwaartekracht"),
        (lambda t: Trace(t.gps_t[::-1], t.lon, t.lat, t.speed, t.acc_t, t.acc), "strikt op"),
    ],
)
def test_unusable_traces_are_rejected(city, base, change, message):
    with pytest.raises(pipeline.TraceRejected, match=message):
        pipeline.analyse(change(base[0]), city.network)
