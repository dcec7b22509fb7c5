"""Bayesian regression with a treatment effect, a time trend and AR(1) errors: pure numpy and scipy.

The model of a daily score y on day t (days may be missing, e.g. washout days left out):

    y_t = a + b·treatment_t + c·(t / 7) + e_t,   e_t = rho·e_(t-1) + u_t,   stationary e_t ~ N(0, s²)

Given rho, a Prais–Winsten style transform with the gap k between two kept days
(z_i = (y_i − rho^k·y_(i−1)) / sqrt(1 − rho^(2k)), the first day unchanged) makes the errors
independent N(0, s²), so with the reference prior p(a, b, c, s²) ∝ 1/s² the posterior of b is a
Student t (the conjugate normal–inverse-gamma result). rho gets a uniform prior on a grid over
(−0.95, 0.95); its posterior weights come from the marginal likelihood of each grid value, and the
posterior of b is the weighted mixture of the t distributions. No sampling: the same data give the
same answer, and many series can be analysed at once (`analyse_many`), which the simulation test uses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import special

RHO_GRID = np.linspace(-0.95, 0.95, 77)
PARAMETERS = 3  # intercept, treatment, trend

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Posterior:
    """The posterior of the treatment effect b (option B minus option A on the score)."""

    n: int
    median: float
    low: float  # 2.5% quantile
    high: float  # 97.5% quantile
    prob_at_least: float  # P(b ≥ +threshold)
    prob_at_most: float  # P(b ≤ −threshold)
    threshold: float
    rho_mean: float  # posterior mean of the day-to-day correlation


def _design(days: FloatArray, treatment: FloatArray) -> FloatArray:
    """Columns: intercept, treatment (0 or 1), trend in weeks since the first day."""
    ones = np.ones_like(days)
    return np.stack([ones, treatment, (days - days[..., :1]) / 7.0], axis=-1)


def _conditional(
    y: FloatArray, x: FloatArray, days: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """For every rho on the grid: log marginal likelihood, location and scale of b, degrees of freedom.

    y is (m, n), x is (m, n, p), days is (m, n); the results are (m, len(RHO_GRID)).
    """
    m, n, p = x.shape
    rho = RHO_GRID[None, :, None]  # (1, g, 1)
    gaps = np.diff(days, axis=-1)[:, None, :]  # (m, 1, n-1)
    phi = np.sign(rho) ** gaps * np.abs(rho) ** gaps  # rho^k, safe for negative rho
    scale = np.sqrt(1.0 - phi**2)  # (m, g, n-1)
    z = np.concatenate(
        [
            np.broadcast_to(y[:, None, :1], (m, len(RHO_GRID), 1)),
            (y[:, None, 1:] - phi * y[:, None, :-1]) / scale,
        ],
        axis=-1,
    )  # (m, g, n)
    w = np.concatenate(
        [
            np.broadcast_to(x[:, None, :1, :], (m, len(RHO_GRID), 1, p)),
            (x[:, None, 1:, :] - phi[..., None] * x[:, None, :-1, :]) / scale[..., None],
        ],
        axis=-2,
    )  # (m, g, n, p)
    wtw = np.einsum("mgni,mgnj->mgij", w, w)
    wtz = np.einsum("mgni,mgn->mgi", w, z)
    wtw_inv = np.linalg.inv(wtw)
    beta = np.einsum("mgij,mgj->mgi", wtw_inv, wtz)
    resid = z - np.einsum("mgni,mgi->mgn", w, beta)
    ssr = np.maximum(np.einsum("mgn,mgn->mg", resid, resid), 1e-12)
    df = float(n - p)
    _, logdet = np.linalg.slogdet(wtw)
    jacobian = -np.log(scale).sum(axis=-1)
    loglik = jacobian - 0.5 * logdet - 0.5 * df * np.log(ssr)
    loc = beta[..., 1]
    s2 = ssr / df
    b_scale = np.sqrt(s2 * wtw_inv[..., 1, 1])
    return loglik, loc, b_scale, np.full_like(loc, df)


def analyse_many(
    scores: FloatArray, days: FloatArray, treatment: FloatArray, threshold: float
) -> list[Posterior]:
    """Analyse m series at once: scores, days and treatment are (m, n) arrays with the same days kept."""
    y = np.asarray(scores, dtype=np.float64)
    d = np.asarray(days, dtype=np.float64)
    tr = np.asarray(treatment, dtype=np.float64)
    if y.ndim != 2 or y.shape != d.shape or y.shape != tr.shape:
        raise ValueError("scores, days and treatment must be (series, days) arrays of one shape")
    m, n = y.shape
    if n < PARAMETERS + 3:
        raise ValueError(f"at least {PARAMETERS + 3} scored days are needed")
    if np.any(np.diff(d, axis=-1) <= 0):
        raise ValueError("days must increase")
    x = _design(d, tr)
    loglik, loc, scale, df = _conditional(y, x, d)
    weights = np.exp(loglik - loglik.max(axis=-1, keepdims=True))
    weights /= weights.sum(axis=-1, keepdims=True)
    upper = (weights * special.stdtr(df, (loc - threshold) / scale)).sum(axis=-1)
    lower = (weights * special.stdtr(df, (-threshold - loc) / scale)).sum(axis=-1)
    quantiles = _mixture_quantiles(weights, loc, scale, df, (0.025, 0.5, 0.975))
    rho_mean = (weights * RHO_GRID[None, :]).sum(axis=-1)
    return [
        Posterior(
            n=n,
            median=float(quantiles[i, 1]),
            low=float(quantiles[i, 0]),
            high=float(quantiles[i, 2]),
            prob_at_least=float(upper[i]),
            prob_at_most=float(lower[i]),
            threshold=threshold,
            rho_mean=float(rho_mean[i]),
        )
        for i in range(m)
    ]


def _mixture_quantiles(
    weights: FloatArray, loc: FloatArray, scale: FloatArray, df: FloatArray, probs: tuple[float, ...]
) -> FloatArray:
    """Quantiles of each row's mixture of t distributions, by bisection (vectorised over rows)."""
    lo = (loc - 12 * scale).min(axis=-1)
    hi = (loc + 12 * scale).max(axis=-1)
    out = np.empty((loc.shape[0], len(probs)))
    for j, prob in enumerate(probs):
        a, b = lo.copy(), hi.copy()
        for _ in range(48):
            mid = 0.5 * (a + b)
            cdf = (weights * special.stdtr(df, (mid[:, None] - loc) / scale)).sum(axis=-1)
            below = cdf < prob
            a = np.where(below, mid, a)
            b = np.where(below, b, mid)
        out[:, j] = 0.5 * (a + b)
    return out


def analyse(scores: list[float], days: list[int], treatment: list[int], threshold: float) -> Posterior:
    """Analyse one series: the daily score, its day number (gaps allowed) and 1 on option-B days."""
    return analyse_many(
        np.asarray([scores], dtype=np.float64),
        np.asarray([days], dtype=np.float64),
        np.asarray([treatment], dtype=np.float64),
        threshold,
    )[0]
