"""A vehicle trace as it arrives: GPS fixes (≈1 Hz) and a 3-axis accelerometer (50–200 Hz)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pyproj import Transformer

_TO_RD = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
_TO_WGS84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)


def wgs84_to_rd(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    return _TO_RD.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))


def rd_to_wgs84(x, y) -> tuple[np.ndarray, np.ndarray]:
    return _TO_WGS84.transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))


@dataclass
class Trace:
    gps_t: np.ndarray  # s
    lon: np.ndarray
    lat: np.ndarray
    speed: np.ndarray  # m/s (GNSS Doppler speed)
    acc_t: np.ndarray  # s
    acc: np.ndarray  # (n, 3) m/s², device frame, specific force (reads +g at rest)
    vehicle_type: str = "vuilniswagen"

    def __post_init__(self):
        self.gps_t = np.asarray(self.gps_t, dtype=float)
        self.lon = np.asarray(self.lon, dtype=float)
        self.lat = np.asarray(self.lat, dtype=float)
        self.speed = np.asarray(self.speed, dtype=float)
        self.acc_t = np.asarray(self.acc_t, dtype=float)
        self.acc = np.asarray(self.acc, dtype=float).reshape(-1, 3)

    @property
    def duration(self) -> float:
        return float(self.acc_t[-1] - self.acc_t[0]) if self.acc_t.size else 0.0
