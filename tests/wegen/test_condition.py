"""Condition per segment: combining passes, trend, classes, planning year, priority."""

from datetime import date

import numpy as np
import pytest

from raadhuis.wegen.analysis import condition

TODAY = date(2026, 11, 30)


def combine(days_ago, iri, quality=None, road_type=5):
    days = TODAY.toordinal() - np.asarray(days_ago, dtype=float)
    iri = np.asarray(iri, dtype=float)
    quality = np.ones(iri.size) if quality is None else np.asarray(quality, dtype=float)
    return condition.combine(days, iri, quality, TODAY, road_type)


def test_no_passes_no_condition():
    result = combine([], [])
    assert result.iri is None and result.confidence == 0 and result.klasse is None


def test_more_passes_more_confidence_and_smaller_error():
    one = combine([10], [4.0])
    many = combine([10] * 12, 4.0 + np.random.default_rng(1).normal(0, 0.3, 12))
    assert many.confidence > one.confidence
    assert many.standard_error < one.standard_error
    assert many.iri == pytest.approx(4.0, abs=0.3)


def test_recent_and_well_matched_passes_weigh_more():
    result = combine([700, 5], [2.0, 6.0])
    assert result.iri > 5.0
    doubtful = combine([5, 5], [2.0, 6.0], quality=[1.0, 0.1])
    assert doubtful.iri < 3.0


def test_trend_and_planning_year():
    days_ago = np.array([720, 540, 360, 180, 0])
    iri = 3.0 + 0.5 * (720 - days_ago) / 365.25  # worsening 0.5 m/km a year
    result = combine(days_ago, iri, road_type=5)  # guideline 6.0
    assert result.trend == pytest.approx(0.5, abs=0.05)
    assert result.klasse == condition.GOED
    assert result.planning_year == TODAY.year + int(np.ceil((6.0 - result.iri) / result.trend))


@pytest.mark.parametrize(
    "iri, road_type, klasse",
    [
        (2.0, 1, condition.GOED),
        (3.0, 1, condition.WAARSCHUWING),
        (4.0, 1, condition.RICHTLIJN),
        (6.0, 1, condition.ACHTERSTAND),
        (6.0, 7, condition.WAARSCHUWING),
        (11.0, 7, condition.ACHTERSTAND),
    ],
)
def test_classes_depend_on_road_type(iri, road_type, klasse):
    assert condition.classify(iri, road_type) == klasse


def test_guideline_reached_means_this_year():
    assert condition.planning_year(7.5, None, 5, TODAY.toordinal()) == TODAY.year


def test_priority_ranks_what_matters():
    base = dict(
        road_type=3,
        traffic_class=3,
        subsidence=None,
        meldingen=0,
        dangerous_potholes=0,
        subsidence_threshold=2.0,
    )
    calm = condition.priority(iri=2.0, **base)
    assert condition.priority(iri=6.0, **base) > calm
    assert condition.priority(iri=2.0, **{**base, "subsidence": -6.0}) > calm
    assert condition.priority(iri=2.0, **{**base, "meldingen": 3}) > calm
    assert condition.priority(iri=2.0, **{**base, "dangerous_potholes": 1}) > calm
    assert condition.priority(iri=2.0, **{**base, "road_type": 1}) > calm
    assert 0 <= condition.priority(iri=50.0, **{**base, "meldingen": 99}) <= 100
