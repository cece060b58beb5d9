"""Road profiles: ISO 8608 random roughness and discrete features (potholes, humps, joints),
and the International Roughness Index of a profile (the ground truth of the benchmark)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from raadhuis.wegen.analysis.vehicle import GOLDEN_CAR, IRI_SPEED, simulate

# ISO 8608 displacement PSD Gd(n0) at n0 = 0.1 cycle/m, geometric mean of each class (m³).
ISO_8608_GD: dict[str, float] = {"A": 16e-6, "B": 64e-6, "C": 256e-6, "D": 1024e-6, "E": 4096e-6}
N0 = 0.1
PROFILE_DX = 0.05  # m
TYRE_BASE = 0.25  # m, the moving average of the IRI definition (tyre footprint)

EVENT_KINDS = ("gat", "drempel", "verkeersdrempel", "voeg")  # pothole, bump, speed hump, joint


@dataclass(frozen=True)
class RoadFeature:
    kind: str
    position: float  # m from the start of the profile
    length: float  # m
    height: float  # m, negative for a pothole


def iso8608_profile(
    length: float, roughness_class: str, rng: np.random.Generator, dx: float = PROFILE_DX
) -> np.ndarray:
    """A random profile with the class's PSD Gd(n) = Gd(n0)·(n/n0)^-2, 0.01–10 cycle/m:
    cosines with random phases (ISO 8608 Annex), summed by an inverse FFT over a grid twice
    as long as the profile so that it does not repeat. Ends are pinned to zero so that
    segments join without a step."""
    count = int(round(length / dx)) + 1
    size = 1 << int(np.ceil(np.log2(2 * count)))
    n = np.fft.rfftfreq(size, d=dx)
    dn = n[1]
    band = (n >= 0.01) & (n <= 10.0)
    amplitude = np.zeros(n.size)
    amplitude[band] = np.sqrt(2 * ISO_8608_GD[roughness_class] * (n[band] / N0) ** -2 * dn)
    spectrum = amplitude * size / 2 * np.exp(1j * rng.uniform(0, 2 * np.pi, size=n.size))
    z = np.fft.irfft(spectrum, n=size)[:count]
    return z - np.linspace(z[0], z[-1], count)


def feature_shape(feature: RoadFeature, x: np.ndarray) -> np.ndarray:
    """Elevation change of one feature: a flat-bottomed dip with sloped edges for a pothole,
    a raised cosine for bumps and speed humps, a short step pair for a joint."""
    u = (x - feature.position) / feature.length
    inside = (u >= 0) & (u <= 1)
    shape = np.zeros_like(x)
    if feature.kind == "gat":
        edge = 0.15
        ramp = np.clip(np.minimum(u, 1 - u) / edge, 0, 1)
        shape[inside] = feature.height * ramp[inside]
    else:
        shape[inside] = feature.height * 0.5 * (1 - np.cos(2 * np.pi * u[inside]))
    return shape


def add_features(z: np.ndarray, features: list[RoadFeature], dx: float = PROFILE_DX) -> np.ndarray:
    x = np.arange(z.size) * dx
    out = z.copy()
    for feature in features:
        window = slice(
            max(0, int(feature.position / dx) - 2),
            min(z.size, int((feature.position + feature.length) / dx) + 3),
        )
        out[window] += feature_shape(feature, x[window])
    return out


def moving_average(z: np.ndarray, dx: float, base: float = TYRE_BASE) -> np.ndarray:
    width = max(1, int(round(base / dx)))
    if width == 1:
        return z
    kernel = np.ones(width) / width
    return np.convolve(np.pad(z, (width // 2, width - 1 - width // 2), mode="edge"), kernel, mode="valid")


def iri_per_section(z: np.ndarray, dx: float, section: float = 100.0, lead_in: float = 0.0) -> np.ndarray:
    """IRI (m/km) of each ``section`` metres of the profile ``z`` (m, every ``dx`` m): the
    Golden Car driven at 80 km/h over the 250 mm-averaged profile, mean |ż_s − ż_u| / v.
    The first ``lead_in`` metres only settle the model."""
    smoothed = moving_average(z, dx)
    stroke_velocity = simulate(GOLDEN_CAR, smoothed, dx / IRI_SPEED, output="rel_velocity")
    slope = np.abs(stroke_velocity) / IRI_SPEED  # m/m
    start = int(round(lead_in / dx))
    per = int(round(section / dx))
    sections = (slope.size - start) // per
    if sections <= 0:
        return np.zeros(0)
    return slope[start : start + sections * per].reshape(sections, per).mean(axis=1) * 1000
