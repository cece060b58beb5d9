"""RD New (EPSG:28992) to WGS84 (EPSG:4326) for Dutch addresses, without a GIS stack.

The polynomial approximation of Schreutelkamp and Strang van Hees (used by Kadaster and
PDOK examples): better than a metre inside the Netherlands, which is what an address point
on a map needs. A full datum transformation (RDNAPTRANS) would need pyproj and its grids;
see ADR 0006.
"""

from __future__ import annotations

X0, Y0 = 155000.0, 463000.0  # Amersfoort, the origin of RD
LAT0, LON0 = 52.15517440, 5.38720621

_LAT_TERMS = ((0, 1, 3235.65389), (2, 0, -32.58297), (0, 2, -0.24750), (2, 1, -0.84978),
              (0, 3, -0.06550), (2, 2, -0.01709), (1, 0, -0.00738), (4, 0, 0.00530),
              (2, 3, -0.00039), (4, 1, 0.00033), (1, 1, -0.00012))
_LON_TERMS = ((1, 0, 5260.52916), (1, 1, 105.94684), (1, 2, 2.45656), (3, 0, -0.81885),
              (1, 3, 0.05594), (3, 1, -0.05607), (0, 1, 0.01199), (3, 2, -0.00256),
              (1, 4, 0.00128), (0, 2, 0.00022), (2, 0, -0.00022), (5, 0, 0.00026))


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    """(latitude, longitude) in degrees of an RD point."""
    dx, dy = (x - X0) * 1e-5, (y - Y0) * 1e-5
    lat = LAT0 + sum(k * dx**p * dy**q for p, q, k in _LAT_TERMS) / 3600
    lon = LON0 + sum(k * dx**p * dy**q for p, q, k in _LON_TERMS) / 3600
    return round(lat, 7), round(lon, 7)
