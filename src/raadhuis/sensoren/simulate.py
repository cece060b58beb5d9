# ruff: noqa: S311 - demo values, not secrets
"""Realistic demo values for the simulator: daily rhythms, noise and slow filling."""

from __future__ import annotations

import math
import random  # noqa: S311 - demo values, not secrets
from datetime import datetime


def value(kind: str, moment: datetime, state: dict, key) -> float:
    hour = moment.hour + moment.minute / 60
    rush = math.exp(-((hour - 8.5) ** 2) / 2) + math.exp(-((hour - 17.5) ** 2) / 2)
    if kind == "luchtkwaliteit":  # PM2.5 µg/m³: background plus traffic peaks
        return round(max(1.0, 8 + 14 * rush + random.gauss(0, 2)), 1)
    if kind == "geluid":  # dB(A): quiet nights, busy days
        day = 1 / (1 + math.exp(-(hour - 7))) - 1 / (1 + math.exp(-(hour - 23)))
        return round(42 + 20 * day + 6 * rush + random.gauss(0, 2), 1)
    if kind == "parkeren":  # % occupied: office hours and evening
        return round(min(100.0, max(0.0, 30 + 55 * rush + 10 * math.sin(hour / 24 * math.pi)
                                    + random.gauss(0, 4))), 0)
    level = state.get(key, random.uniform(5, 40)) + random.uniform(0.2, 1.5)  # waste fills up
    level = 3.0 if level > 98 else level  # emptied by the collection round
    state[key] = level
    return round(level, 0)
