"""Small statistics for the insights: a mean with its t interval, a Wilson interval for a rate, and a
regression with AR(1) errors over irregular days (Prais–Winsten, the correlation chosen on a grid by
profile likelihood), so that daily data are never treated as independent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import special

#: Confidence level of every interval in the insights.
LEVEL = 0.95
#: The half-width we call "enough to tell": ±1 point on a 0–10 scale, half the 2-point clinically
#: important change for pain ratings (Farrar 2001), so an interval this narrow can separate an
#: important change from none.
TARGET_HALF_WIDTH = 1.0
#: Fewest values before any interval is shown.
MIN_N = 5
#: The grid of lag-1 correlations searched (0 to 0.95).
RHO_GRID = tuple(round(0.05 * i, 2) for i in range(20))


@dataclass(frozen=True)
class Estimate:
    """A mean (or effect) with its 95% interval and the number of values behind it."""

    value: float | None
    low: float | None
    high: float | None
    n: int
    #: How the interval was made, in words ("t interval", "Wilson", "AR(1) regression").
    method: str
    #: None when the interval is tight enough; else about how many more values would bring it to ±1.
    more_needed: int | None = None

    @property
    def enough(self) -> bool:
        return self.more_needed is None and self.value is not None


@cache
def t_quantile(dof: int) -> float:
    return float(special.stdtrit(dof, 0.5 + LEVEL / 2))


def mean_interval(values: Sequence[float], *, least_sd: float = 0.0) -> Estimate:
    """Mean and t interval. When n < MIN_N or the half-width is over ±1 point, `more_needed` is about how
    many more values would give ±1 at the observed SD (n ≈ (1.96·SD)², at least MIN_N).

    `least_sd`: the SD used is never below it. Values recorded in whole points are rounded, and rounding
    has a spread of its own (1/√12 of a point per rating), so five identical changes of 2 points do not
    make an interval of 2.0 to 2.0."""
    n = len(values)
    if n == 0:
        return Estimate(None, None, None, 0, "t interval", more_needed=MIN_N)
    arr = np.asarray(values, dtype=float)
    mean = float(arr.mean())
    if n < 2:
        return Estimate(mean, None, None, n, "t interval", more_needed=MIN_N - n)
    sd = max(float(arr.std(ddof=1)), least_sd)
    half = t_quantile(n - 1) * sd / math.sqrt(n)
    needed = max(MIN_N, math.ceil((1.96 * max(sd, 0.5) / TARGET_HALF_WIDTH) ** 2))
    more = None if n >= MIN_N and half <= TARGET_HALF_WIDTH else max(1, needed - n)
    return Estimate(mean, mean - half, mean + half, n, "t interval", more_needed=more)


def wilson(hits: int, n: int) -> Estimate:
    """A rate with its Wilson score interval (sound near 0 and 1, unlike the normal approximation)."""
    if n == 0:
        return Estimate(None, None, None, 0, "Wilson", more_needed=MIN_N)
    z = float(special.ndtri(0.5 + LEVEL / 2))
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return Estimate(
        p, max(0.0, centre - half), min(1.0, centre + half), n, "Wilson", None if n >= MIN_N else MIN_N - n
    )


@dataclass(frozen=True)
class Fit:
    """The last coefficient of an AR(1) regression, with its interval, the chosen correlation and n."""

    effect: Estimate
    rho: float


def ar1_regression(
    day_index: Sequence[int], y: Sequence[float], x: Sequence[Sequence[float]], *, rho: float | None = None
) -> Fit | None:
    """y ~ intercept + columns of x, with AR(1) errors whose correlation over a gap of d days is rho^d.

    Each observation after the first is transformed to (y_i − φ y_{i−1}) / √(1 − φ²), φ = rho^gap
    (Prais–Winsten for irregular spacing), so the transformed errors are independent; rho maximises the
    profile likelihood over RHO_GRID (or is given: a correlation already estimated for the series), and
    the interval of the last coefficient is the t interval of the transformed least squares (conditional
    on rho: slightly too narrow, never a day-wise test).
    """
    n = len(y)
    X = np.column_stack([np.ones(n), *(np.asarray(col, dtype=float) for col in x)]) if n else np.empty((0, 1))
    p = X.shape[1]
    if n < p + 3:
        return None
    Y = np.asarray(y, dtype=float)
    t = np.asarray(day_index, dtype=float)
    gaps = np.diff(t)
    best: tuple[float, float, np.ndarray, np.ndarray] | None = None
    for candidate in RHO_GRID if rho is None else (rho,):
        phi = np.power(candidate, gaps) if candidate > 0 else np.zeros_like(gaps)
        scale = np.sqrt(1 - phi * phi)
        Ys = np.concatenate([Y[:1], (Y[1:] - phi * Y[:-1]) / scale])
        Xs = np.vstack([X[:1], (X[1:] - phi[:, None] * X[:-1]) / scale[:, None]])
        coef, *_ = np.linalg.lstsq(Xs, Ys, rcond=None)
        rss = float(np.sum((Ys - Xs @ coef) ** 2))
        loglik = -n / 2 * math.log(max(rss, 1e-12) / n) - float(np.sum(np.log(scale)))
        if best is None or loglik > best[0]:
            best = (loglik, candidate, Xs, Ys)
    assert best is not None
    _, chosen, Xs, Ys = best
    coef, *_ = np.linalg.lstsq(Xs, Ys, rcond=None)
    resid = Ys - Xs @ coef
    dof = n - p
    sigma2 = float(resid @ resid) / dof
    try:
        cov = sigma2 * np.linalg.inv(Xs.T @ Xs)
    except np.linalg.LinAlgError:
        return None
    se = math.sqrt(max(float(cov[-1, -1]), 0.0))
    if not math.isfinite(se):
        return None
    half = t_quantile(dof) * se
    value = float(coef[-1])
    return Fit(
        Estimate(value, value - half, value + half, n, "regression with AR(1) errors and a trend"), chosen
    )
