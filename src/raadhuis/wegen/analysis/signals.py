"""Accelerometer signal processing: resample to a fixed rate, align to gravity (and notice when
the device was turned mid-trace), band-pass, and invert the vehicle's quarter car to get the
road elevation under the wheel (the speed compensation: the inversion is in time, the
result is laid out over distance)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import signal
from scipy.spatial.transform import Rotation

from raadhuis.wegen.analysis.vehicle import QuarterCar

RATE = 100.0  # Hz, every trace is resampled to this
ORIENTATION_WINDOW = 5.0  # s, windows over which the gravity direction is estimated
ROTATION_THRESHOLD = 10.0  # degrees between windows that count as the device turning
MIN_WAVELENGTH = 0.5  # m; shorter is the tyre's business, not the IRI's
MAX_WAVELENGTH = 40.0  # m; longer barely moves the Golden Car


def resample(t: np.ndarray, values: np.ndarray, rate: float = RATE) -> tuple[np.ndarray, np.ndarray]:
    """Values on a fixed grid. Sensor clocks jitter and run at 50–200 Hz; the grid makes all
    traces alike. Higher rates are low-pass filtered first (anti-aliasing)."""
    t = np.asarray(t, dtype=float)
    values = np.asarray(values, dtype=float)
    native = (t.size - 1) / (t[-1] - t[0]) if t.size > 1 else rate
    if native > rate * 1.2:
        sos = signal.butter(6, 0.45 * rate, fs=native, output="sos")
        values = signal.sosfiltfilt(sos, values, axis=0)
    grid = np.arange(t[0], t[-1], 1 / rate)
    if values.ndim == 1:
        return grid, np.interp(grid, t, values)
    return grid, np.column_stack([np.interp(grid, t, column) for column in values.T])


def rotation_to_vertical(gravity: np.ndarray) -> Rotation:
    """The rotation taking the measured mean gravity (specific force) onto +z."""
    unit = gravity / np.linalg.norm(gravity)
    rotation, _ = Rotation.align_vectors([[0.0, 0.0, 1.0]], [unit])
    return rotation


def gravity_windows(acc: np.ndarray, rate: float = RATE, window: float = ORIENTATION_WINDOW) -> np.ndarray:
    """Mean specific force per window: on average the vehicle does not accelerate, so the mean
    is gravity in the device frame."""
    size = int(window * rate)
    count = max(1, acc.shape[0] // size)
    return acc[: count * size].reshape(count, size, 3).mean(axis=1)


@dataclass
class Orientation:
    pieces: list[tuple[int, int, Rotation]]  # (first sample, end sample, rotation) per stable part
    rotated_at: list[int]  # samples where the device was turned

    @property
    def rotated(self) -> bool:
        return bool(self.rotated_at)


def orientation(acc: np.ndarray, rate: float = RATE) -> Orientation:
    """Split the trace where the gravity direction jumps (device turned or fallen over) and give
    each stable part its own rotation."""
    size = int(ORIENTATION_WINDOW * rate)
    means = gravity_windows(acc, rate)
    units = means / np.linalg.norm(means, axis=1, keepdims=True)
    angles = np.degrees(np.arccos(np.clip(np.sum(units[1:] * units[:-1], axis=1), -1, 1)))
    breaks = [int(i) + 1 for i in np.flatnonzero(angles > ROTATION_THRESHOLD)]
    # A turn inside a window shows as two jumps; keep the first of consecutive ones.
    breaks = [b for k, b in enumerate(breaks) if k == 0 or b - breaks[k - 1] > 1]
    bounds = [0, *[b * size for b in breaks], acc.shape[0]]
    pieces = []
    for start, end in zip(bounds[:-1], bounds[1:], strict=True):
        # Leave out the window in which the turn happened: its mean is a mix of both.
        clean_start = start + (size if start else 0)
        if end - clean_start < size:
            continue
        pieces.append((clean_start, end, rotation_to_vertical(acc[clean_start:end].mean(axis=0))))
    return Orientation(pieces, [b * size for b in breaks])


def vertical_acceleration(acc: np.ndarray, rotation: Rotation) -> np.ndarray:
    """Vertical acceleration with gravity removed (m/s²)."""
    aligned = rotation.apply(acc)
    return aligned[:, 2] - aligned[:, 2].mean()


def band_pass(values: np.ndarray, low: float, high: float, rate: float = RATE) -> np.ndarray:
    sos = signal.butter(4, [low, min(high, 0.45 * rate)], btype="bandpass", fs=rate, output="sos")
    return signal.sosfiltfilt(sos, values)


def road_elevation(
    vertical: np.ndarray, speed: np.ndarray, car: QuarterCar, rate: float = RATE, chunk: int = 2048
) -> np.ndarray:
    """The road elevation under the wheel as a function of time, by inverting the vehicle's
    quarter car in the frequency domain (overlapping chunks, each with the pass band that its
    mean speed maps the IRI wavelengths to)."""
    count = vertical.size
    if count < 64:
        return np.zeros(count)
    chunk = min(chunk, 1 << int(np.floor(np.log2(count))))
    hop = chunk // 2
    window = np.sin(np.pi * (np.arange(chunk) + 0.5) / chunk)  # sine window: squares sum to 1
    freq = np.fft.rfftfreq(chunk, 1 / rate)
    response = car.accel_response(freq)
    response[0] = 1.0
    out = np.zeros(count + 2 * chunk)
    padded = np.concatenate([np.zeros(hop), vertical, np.zeros(2 * chunk)])
    padded_speed = np.concatenate([np.full(hop, speed[0]), speed, np.full(2 * chunk, speed[-1])])
    for start in range(0, count + hop, hop):
        piece = padded[start : start + chunk]
        v = max(float(padded_speed[start : start + chunk].mean()), 1.0)
        low, high = v / MAX_WAVELENGTH, min(v / MIN_WAVELENGTH, 0.4 * rate)
        mask = _band(freq, low, high)
        spectrum = np.fft.rfft(piece * window) * mask / response
        out[start : start + chunk] += np.fft.irfft(spectrum, n=chunk) * window
    return out[hop : hop + count]


def _band(freq: np.ndarray, low: float, high: float) -> np.ndarray:
    """A smooth band-pass magnitude (4th-order Butterworth shape, zero phase)."""
    with np.errstate(divide="ignore"):
        highpass = 1 / np.sqrt(1 + (low / np.maximum(freq, 1e-9)) ** 8)
    lowpass = 1 / np.sqrt(1 + (freq / high) ** 8)
    return highpass * lowpass
