"""Discrete events in a trace — potholes (gat), bumps (drempel), speed humps (verkeersdrempel),
joints (voeg) — found as candidate peaks of the vertical acceleration and classified by a
scikit-learn model trained on labelled windows around such peaks.

Features are taken over a window of fixed *distance* around the peak (speed compensation)
from both the acceleration and the road elevation recovered by the quarter-car inversion,
whose sign tells a dip from a rise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage, signal, stats
from sklearn.ensemble import RandomForestClassifier

from raadhuis.wegen.analysis.signals import RATE

NONE = "geen"
WINDOW = 4.0  # m each side of the peak
CONTEXT = 30.0  # m each side, for the background roughness
SMOOTH = 3.0  # m: the running median that detrends the elevation for the local contrast
MIN_PEAK = 0.4  # m/s²: smaller peaks are never an event worth reporting
PEAK_FACTOR = 3.5  # × the robust spread of the trace: a candidate stands out of the roughness
SEVERITY_DEPTH = ((0.06, "hoog"), (0.035, "midden"), (0.0, "laag"))  # estimated depth (m) → severity

FEATURE_NAMES = (
    "peak_max",
    "peak_min",
    "peak_to_peak",
    "min_before_max",
    "window_rms",
    "context_rms",
    "ratio",
    "kurtosis",
    "speed",
    "ptp_per_speed",
    "ptp_per_speed2",
    "high_share",
    "z_min",
    "z_max",
    "z_sum",
    "z_extent",
    "z_area",
    "dip_depth",
    "dip_contrast",
    "bump_contrast",
    "peak_contrast",
    "hf_contrast",
)


@dataclass
class Candidate:
    sample: int  # index in the 100 Hz grid
    features: np.ndarray


def candidates(
    vertical: np.ndarray, elevation: np.ndarray, speed: np.ndarray, good: np.ndarray
) -> list[Candidate]:
    """Peaks of the high-passed vertical acceleration that stand out of the road's roughness."""
    if vertical.size < int(RATE):
        return []
    high = signal.sosfiltfilt(signal.butter(2, 1.0, btype="highpass", fs=RATE, output="sos"), vertical)
    magnitude = np.abs(high)
    spread = 1.4826 * np.median(np.abs(high[good] - np.median(high[good]))) if good.any() else 0.0
    height = max(MIN_PEAK, PEAK_FACTOR * spread)
    peaks, _ = signal.find_peaks(np.where(good, magnitude, 0.0), height=height, distance=int(0.25 * RATE))
    hf = signal.sosfiltfilt(signal.butter(2, 15.0, btype="highpass", fs=RATE, output="sos"), vertical)
    kept: list[Candidate] = []
    for peak in peaks:
        v = max(float(speed[peak]), 1.0)
        if kept and (peak - kept[-1].sample) / RATE * v < 3.0:
            # Two impacts of one feature (in and out of a pothole): keep the stronger.
            if magnitude[peak] > magnitude[kept[-1].sample]:
                kept[-1] = Candidate(peak, _features(high, hf, elevation, peak, v))
            continue
        kept.append(Candidate(peak, _features(high, hf, elevation, peak, v)))
    return kept


def _features(high: np.ndarray, hf: np.ndarray, elevation: np.ndarray, peak: int, v: float) -> np.ndarray:
    half = max(3, int(WINDOW / v * RATE))
    context = int(CONTEXT / v * RATE)
    lo, hi = max(0, peak - half), min(high.size, peak + half + 1)
    window = high[lo:hi]
    around = np.concatenate([high[max(0, peak - context) : lo], high[hi : peak + context]])
    context_rms = float(np.sqrt(np.mean(around**2))) if around.size else 1e-3
    window_rms = float(np.sqrt(np.mean(window**2)))
    ptp = float(window.max() - window.min())
    order = float(np.sign(np.argmax(window) - np.argmin(window)))
    base_lo, base_hi = max(0, peak - 3 * half), min(elevation.size, peak + 3 * half + 1)
    base = np.median(elevation[base_lo:base_hi])
    z = elevation[lo:hi] - base
    deviation = np.abs(z)
    extent = (
        float(np.count_nonzero(deviation > 0.5 * deviation.max()) / RATE * v) if deviation.max() > 0 else 0.0
    )
    shape = [
        window.max(),
        window.min(),
        ptp,
        order,
        window_rms,
        context_rms,
        window_rms / max(context_rms, 1e-3),
        float(stats.kurtosis(window)) if window.size > 3 else 0.0,
        v,
        ptp / v,
        ptp / v**2,
        float(np.sum(hf[lo:hi] ** 2) / max(np.sum(window**2), 1e-9)),
        z.min(),
        z.max(),
        z.min() + z.max(),
        extent,
        float(z.sum() / RATE * v),
    ]
    return np.concatenate([shape, _contrast(high, hf, elevation, peak, v, lo, hi)])


def _contrast(high, hf, elevation, peak, v, lo, hi) -> np.ndarray:
    """How much the feature stands out of the road *around it* (not of the whole trace): on a
    very rough road a shallow pothole's dip and impact are only visible against the local
    roughness. The elevation is detrended by a running median over SMOOTH m, which keeps a
    pothole (≤ 1.2 m) and removes the longer waves."""
    context = int(CONTEXT / v * RATE)
    c_lo, c_hi = max(0, peak - context), min(elevation.size, peak + context + 1)
    smooth = max(3, int(SMOOTH / v * RATE) | 1)
    detrended = elevation[c_lo:c_hi] - ndimage.median_filter(
        elevation[c_lo:c_hi], size=smooth, mode="nearest"
    )
    inside = detrended[lo - c_lo : hi - c_lo]
    outside = np.concatenate([detrended[: lo - c_lo], detrended[hi - c_lo :]])
    spread = float(np.std(outside)) if outside.size > 3 else float(np.std(detrended)) + 1e-6
    around_high = np.concatenate([high[c_lo:lo], high[hi:c_hi]])
    around_hf = np.concatenate([hf[c_lo:lo], hf[hi:c_hi]])
    peak_level = float(np.percentile(np.abs(around_high), 95)) if around_high.size else 1e-3
    hf_level = float(np.sqrt(np.mean(around_hf**2))) if around_hf.size else 1e-3
    return np.array(
        [
            float(inside.min()),
            float(-inside.min() / max(spread, 1e-4)),
            float(inside.max() / max(spread, 1e-4)),
            float(np.abs(high[lo:hi]).max() / max(peak_level, 1e-3)),
            float(np.abs(hf[lo:hi]).max() / max(hf_level, 1e-3)),
        ]
    )


def new_classifier() -> RandomForestClassifier:
    # A random forest: robust on few hundred windows, no scaling needed, and single-threaded
    # (n_jobs=1) so that it behaves on a busy worker.
    return RandomForestClassifier(
        n_estimators=200, min_samples_leaf=2, class_weight="balanced_subsample", n_jobs=1, random_state=0
    )


def severity(kind: str, features: np.ndarray) -> tuple[str, float]:
    """Severity class and the estimated size (m): depth of a pothole, height of the rest."""
    z_min, z_max = features[FEATURE_NAMES.index("z_min")], features[FEATURE_NAMES.index("z_max")]
    size = float(-z_min if kind == "gat" else z_max)
    for threshold, label in SEVERITY_DEPTH:
        if size >= threshold:
            return label, size
    return "laag", size
