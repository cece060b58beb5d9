"""Quarter-car models: the IRI reference ("Golden Car") and the measuring vehicles.

All parameters are per unit sprung mass, as in ASTM E1926 / Sayers (1995):
``k1`` tyre stiffness, ``k2`` suspension stiffness, ``c`` damping, ``mu`` unsprung mass.
The model is linear and time-invariant, so its transfer functions from road elevation
(as a function of time) give both the simulation (``scipy.signal.lfilter`` on the
discretised system) and the inversion used to estimate the profile from acceleration.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from scipy import signal

IRI_SPEED = 80 / 3.6  # m/s, the reference speed of the IRI definition


@dataclass(frozen=True)
class QuarterCar:
    k1: float
    k2: float
    c: float
    mu: float

    def denominator(self) -> np.ndarray:
        k1, k2, c, mu = self.k1, self.k2, self.c, self.mu
        return np.array([mu, (mu + 1) * c, mu * k2 + k1 + k2, k1 * c, k1 * k2])

    def accel_numerator(self) -> np.ndarray:
        """Sprung-mass acceleration per road elevation: k1 s² (c s + k2)."""
        return np.array([0.0, self.k1 * self.c, self.k1 * self.k2, 0.0, 0.0])

    def rel_velocity_numerator(self) -> np.ndarray:
        """Suspension stroke velocity (ż_s − ż_u) per road elevation: −k1 s³."""
        return np.array([0.0, -self.k1, 0.0, 0.0, 0.0])

    def accel_response(self, freq_hz: np.ndarray) -> np.ndarray:
        s = 2j * np.pi * np.asarray(freq_hz)
        return np.polyval(self.accel_numerator(), s) / np.polyval(self.denominator(), s)

    def perturbed(self, rng: np.random.Generator, spread: float) -> QuarterCar:
        """This vehicle with each parameter off by up to ``spread`` (load, tyre pressure, wear)."""
        factors = 1 + rng.uniform(-spread, spread, size=4)
        return replace(
            self,
            k1=self.k1 * factors[0],
            k2=self.k2 * factors[1],
            c=self.c * factors[2],
            mu=self.mu * factors[3],
        )


GOLDEN_CAR = QuarterCar(k1=653.0, k2=63.3, c=6.0, mu=0.15)

# Nominal models of the vehicles that measure (per unit sprung mass). A refuse truck has a
# stiff, heavily loaded suspension (body ≈ 1.8 Hz), a bus an air suspension (≈ 1.2 Hz).
VEHICLE_TYPES: dict[str, QuarterCar] = {
    "vuilniswagen": QuarterCar(k1=900.0, k2=130.0, c=9.0, mu=0.12),
    "bus": QuarterCar(k1=700.0, k2=60.0, c=5.0, mu=0.10),
    "personenauto": QuarterCar(k1=650.0, k2=65.0, c=6.5, mu=0.14),
}


@lru_cache(maxsize=64)
def _discrete(car: QuarterCar, output: str, dt: float) -> tuple[np.ndarray, np.ndarray]:
    numerator = car.accel_numerator() if output == "accel" else car.rel_velocity_numerator()
    numerator = np.trim_zeros(numerator, "f")
    b, a, _ = signal.cont2discrete((numerator, car.denominator()), dt, method="bilinear")
    return np.ravel(b), np.ravel(a)


def simulate(car: QuarterCar, road_elevation: np.ndarray, dt: float, output: str = "accel") -> np.ndarray:
    """Response of ``car`` to the road elevation sampled every ``dt`` seconds (starting at rest)."""
    b, a = _discrete(car, output, round(dt, 12))
    return signal.lfilter(b, a, road_elevation - road_elevation[0])
