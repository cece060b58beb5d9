"""Condition of a segment from its passes over time, classes in the spirit of CROW, planning
year and maintenance priority. Pure functions over plain numbers, so that a full recompute of
a city is a loop over arrays."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

HALF_LIFE_DAYS = 180.0  # a pass of half a year ago counts half
MIN_TREND_SPAN_DAYS = 60
DEFAULT_DETERIORATION = 0.2  # m/km per year, when a segment has no trend of its own yet
PLANNING_HORIZON = 10  # years

GOED, WAARSCHUWING, RICHTLIJN, ACHTERSTAND = "goed", "waarschuwing", "richtlijn", "achterstand"
CLASSES = (GOED, WAARSCHUWING, RICHTLIJN, ACHTERSTAND)

# IRI (m/km) at which a segment reaches the warning level, the guideline (richtlijn: plan
# maintenance) and backlog (achterstand), per CROW road type 1 (main road) … 7 (residential
# street, low speed). Faster roads are held to a stricter standard. These are Raadhuis
# defaults in the spirit of CROW 146/147, which sets damage-based rather than IRI norms.
THRESHOLDS: dict[int, tuple[float, float, float]] = {
    1: (2.5, 3.5, 5.0),
    2: (3.0, 4.0, 5.5),
    3: (3.5, 4.5, 6.0),
    4: (4.0, 5.5, 7.0),
    5: (4.5, 6.0, 8.0),
    6: (5.0, 7.0, 9.0),
    7: (6.0, 8.0, 10.0),
}


@dataclass(frozen=True)
class Condition:
    iri: float | None
    standard_error: float | None
    confidence: float  # 0 (no passes) … 1 (many recent, well-matched passes)
    passes: int
    trend: float | None  # m/km per year
    klasse: str | None
    planning_year: int | None


def combine(
    days: np.ndarray, iri: np.ndarray, quality: np.ndarray, today: date | int, road_type: int
) -> Condition:
    """Combine passes (``days``: ordinal dates; ``quality``: match confidence × coverage)."""
    today_ordinal = today.toordinal() if isinstance(today, date) else int(today)
    if iri.size == 0:
        return Condition(None, None, 0.0, 0, None, None, None)
    age = np.maximum(today_ordinal - days, 0)
    weights = quality * 0.5 ** (age / HALF_LIFE_DAYS)
    total = weights.sum()
    if total <= 0:
        return Condition(None, None, 0.0, int(iri.size), None, None, None)
    mean = float(np.sum(weights * iri) / total)
    effective = float(total**2 / np.sum(weights**2))  # Kish's effective number of passes
    spread = float(np.sqrt(np.sum(weights * (iri - mean) ** 2) / total)) if iri.size > 1 else 0.1 * mean
    standard_error = max(spread, 0.05 * mean) / math.sqrt(effective)
    confidence = float(total / (total + 2.0))
    trend = _trend(days, iri, weights)
    klasse = classify(mean, road_type)
    return Condition(
        round(mean, 3),
        round(standard_error, 3),
        round(confidence, 3),
        int(iri.size),
        None if trend is None else round(trend, 3),
        klasse,
        planning_year(mean, trend, road_type, today_ordinal),
    )


def _trend(days, iri, weights) -> float | None:
    """Weighted least-squares slope (closed form: np.polyfit is 50× slower for 2 parameters)."""
    if iri.size < 3 or days.max() - days.min() < MIN_TREND_SPAN_DAYS:
        return None
    years = days / 365.25
    total = weights.sum()
    mean_x, mean_y = np.dot(weights, years) / total, np.dot(weights, iri) / total
    spread = np.dot(weights, (years - mean_x) ** 2)
    if spread <= 0:
        return None
    return float(np.dot(weights, (years - mean_x) * (iri - mean_y)) / spread)


def classify(iri: float, road_type: int) -> str:
    warning, guideline, backlog = THRESHOLDS.get(road_type, THRESHOLDS[7])
    if iri >= backlog:
        return ACHTERSTAND
    if iri >= guideline:
        return RICHTLIJN
    if iri >= warning:
        return WAARSCHUWING
    return GOED


def planning_year(iri: float, trend: float | None, road_type: int, today_ordinal: int) -> int:
    """The year maintenance is due: now once the guideline is reached, else the year the
    (own or default) deterioration brings the segment there, within the horizon."""
    year = date.fromordinal(today_ordinal).year
    _, guideline, _ = THRESHOLDS.get(road_type, THRESHOLDS[7])
    if iri >= guideline:
        return year
    rate = trend if trend is not None and trend > 0.01 else DEFAULT_DETERIORATION
    return year + min(PLANNING_HORIZON, math.ceil((guideline - iri) / rate))


def priority(
    *,
    iri: float | None,
    road_type: int,
    traffic_class: int,
    subsidence: float | None,
    meldingen: int,
    dangerous_potholes: int,
    subsidence_threshold: float,
) -> float:
    """Maintenance priority 0–100: how far past its guideline the segment is (40), how
    important the road (15) and its traffic (15), ground motion (10), resident reports (10)
    and dangerous potholes (10)."""
    _, guideline, _ = THRESHOLDS.get(road_type, THRESHOLDS[7])
    condition = 0.0 if iri is None else min(iri / guideline, 2.0) / 2.0
    importance = (8 - min(max(road_type, 1), 7)) / 7
    traffic = min(max(traffic_class, 1), 5) / 5
    sinking = 0.0 if subsidence is None else min(max(-subsidence / subsidence_threshold, 0.0), 2.0) / 2.0
    reports = min(meldingen, 5) / 5
    potholes = min(dangerous_potholes, 2) / 2
    score = 40 * condition + 15 * importance + 15 * traffic + 10 * sinking + 10 * reports + 10 * potholes
    return round(score, 2)
