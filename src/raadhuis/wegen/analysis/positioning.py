"""Where along the matched route the vehicle was, to within about a metre.

Two measurements of the route distance are fused per 1 Hz GPS fix:
- the **odometer** (the GPS Doppler speed integrated over time): smooth, but it drifts like a
  random walk (speed error ~0.1 m/s);
- the **fix itself**: unbiased, but with a GNSS error of 2–5 m that is strongly correlated
  from one fix to the next. Projected on the matched road, its along-road part is the
  position; its across-road part (the fix's distance from the centre line) is pure GNSS
  error, since the vehicle is on the road.

A Kalman filter with a Rauch–Tung–Striebel smoother (so later fixes count too) estimates the
odometer's offset together with the GNSS error per axis (an AR(1) process). Modelling the
error as correlated keeps a run of fixes that are all off to one side from pulling the
position, which a running median does not; and the error seen across the road before a turn
is the error along the road after it, which pins the position down exactly where a segment
ends. σ and ρ of the GNSS error are estimated from each leg's own across-road offsets, so a
receiver with larger or slower errors needs no tuning. On the simulator (3–5 m GNSS error)
this halves the position error: median 0.35–0.4 m, 90 % within 0.9 m, against 0.7 and 1.9 m
for the 31-fix running median used before (ADR 0041).
"""

from __future__ import annotations

import numpy as np

ODOMETER_DRIFT = 0.1**2  # m² per second: variance growth of the odometer's offset (Doppler speed ±0.1 m/s)
PROJECTION_NOISE = 0.5**2  # m²: white error of a matched position (map geometry, projection)
LANE_NOISE = 0.5**2  # m²: where in its lane the vehicle drives, beyond the per-leg median
MAX_RHO = 0.95  # beyond this the GNSS error is a bias the smoother cannot average out anyway


def gnss_error_model(cross: np.ndarray) -> tuple[float, float]:
    """(σ per axis, ρ) of the AR(1) GNSS error, from the fixes' distances to the centre line.

    Robust scale (MAD) so that a few fixes matched past a junction do not inflate σ; the
    lane position's share (``LANE_NOISE``) is taken off.
    """
    if cross.size < 10:
        return 2.5, 0.7  # too few fixes to tell: a typical receiver
    centred = cross - np.median(cross)
    scale = 1.4826 * float(np.median(np.abs(centred)))
    variance = max(scale**2 - LANE_NOISE, 0.25)
    if np.std(centred) == 0:
        return float(np.sqrt(variance)), 0.0
    lag_one = float(np.corrcoef(centred[:-1], centred[1:])[0, 1]) * (variance + LANE_NOISE) / variance
    return float(np.sqrt(variance)), float(np.clip(lag_one, 0.0, MAX_RHO))


def fix_geometry(network, leg, match, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each fix of ``leg``: the unit vector of the driving direction on the matched road,
    and how far the fix lies left of the road's centre line (m)."""
    direction = np.zeros((leg.fixes.size, 2))
    cross = np.zeros(leg.fixes.size)
    for part, (segment, forward) in enumerate(leg.segments):
        mine = leg.part == part
        measure = match.measure[leg.fixes[mine]]
        tangent = network.points_at(segment, measure + 0.5) - network.points_at(segment, measure - 0.5)
        tangent /= np.maximum(np.linalg.norm(tangent, axis=1, keepdims=True), 1e-9)
        tangent = tangent if forward else -tangent
        left = np.column_stack([-tangent[:, 1], tangent[:, 0]])
        offset = xy[leg.fixes[mine]] - network.points_at(segment, measure)
        direction[mine] = tangent
        cross[mine] = np.sum(offset * left, axis=1)
    return direction, cross


def odometer_offset(
    difference: np.ndarray, direction: np.ndarray, cross: np.ndarray, step: float = 1.0
) -> np.ndarray:
    """The smoothed offset to add to the odometer at each fix (fixes ``step`` s apart).

    The state is ``(b, e_x, e_y)``: the odometer's offset and the GNSS error per axis. Each fix
    measures ``b + u·e`` along the road (``u`` the driving direction) and ``n·e`` across it
    (``n`` the left normal): the fix's distance from the centre line is GNSS error, since the
    vehicle is on the road. Across-road error seen before a turn is along-road error after
    it, so a turn at a junction — where a segment ends — is where this helps most.
    """
    count = difference.size
    if count == 0:
        return difference.copy()
    sigma, rho = gnss_error_model(cross)
    transition = np.diag([1.0, rho, rho])
    process = np.diag([ODOMETER_DRIFT * step, *(2 * [sigma**2 * (1 - rho**2)])])
    noise = np.diag([PROJECTION_NOISE, LANE_NOISE])
    state = np.array([float(np.median(difference[:10])), 0.0, 0.0])
    covariance = np.diag([4 * sigma**2, sigma**2, sigma**2])
    predicted_states = np.zeros((count, 3))
    predicted_covs = np.zeros((count, 3, 3))
    states = np.zeros((count, 3))
    covs = np.zeros((count, 3, 3))
    for k in range(count):
        if k:
            state = transition @ state
            covariance = transition @ covariance @ transition.T + process
        predicted_states[k], predicted_covs[k] = state, covariance
        along, (ux, uy) = difference[k], direction[k]
        observe = np.array([[1.0, ux, uy], [0.0, -uy, ux]])
        innovation_cov = observe @ covariance @ observe.T + noise
        gain = covariance @ observe.T @ np.linalg.inv(innovation_cov)
        # A fix far off (matched past a junction) must not pull the track: clip at 3 σ.
        limit = 3 * np.sqrt(np.diag(innovation_cov))
        innovation = np.clip(np.array([along, cross[k]]) - observe @ state, -limit, limit)
        state = state + gain @ innovation
        covariance = covariance - gain @ observe @ covariance
        states[k], covs[k] = state, covariance
    for k in range(count - 2, -1, -1):  # Rauch–Tung–Striebel: let the later fixes count too
        smoother = covs[k] @ transition.T @ np.linalg.inv(predicted_covs[k + 1])
        states[k] = states[k] + smoother @ (states[k + 1] - predicted_states[k + 1])
        covs[k] = covs[k] + smoother @ (covs[k + 1] - predicted_covs[k + 1]) @ smoother.T
    return states[:, 0]
