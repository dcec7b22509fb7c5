"""Factors: days with vs without a therapy or alcohol, and sleep the night before, against that day's
pain. Each factor is its own regression of daily pain on the factor and a linear trend with AR(1) errors
(speciosa.core.insights.stats.ar1_regression), so neither slow change nor runs of bad days pass for an
effect. For the days-with-vs-without factors, which all use the same days, the errors' day-to-day
correlation is estimated once (daily pain around its trend) and shared: a factor's own estimate would
differ much only when its effect is large against the day-to-day noise (on the demo journals they agree
within one step of the grid, 0.05), and a ten-year journal is spared six searches over the grid.
Sleep, rated on fewer days, has its own. Associations, never causes: withdrawal, flare days and what
the person chose to do on bad days confound all of them."""

from __future__ import annotations

from dataclasses import dataclass

from speciosa.core.insights.daily import Days
from speciosa.core.insights.stats import Estimate, ar1_regression

CAVEAT = (
    "Associations, not causes: bad days, withdrawal and flares change both what people do and their pain, "
    "and this model cannot separate them."
)
#: Fewest days with and without a factor before it is estimated.
MIN_DAYS = 10


@dataclass(frozen=True)
class Factor:
    name: str
    unit: str  # "days with vs without" or "per point of sleep quality"
    with_days: int
    without_days: int
    effect: Estimate  # difference in daily pain (positive = more pain)
    rho: float | None
    summary: str


@dataclass(frozen=True)
class Factors:
    factors: tuple[Factor, ...]
    caveat: str


def _describe(name: str, unit: str, fit_value: Estimate) -> str:
    if fit_value.value is None or fit_value.low is None or fit_value.high is None:
        return f"{name}: not enough data yet."
    way = "more" if fit_value.value > 0 else "less"
    clear = fit_value.low > 0 or fit_value.high < 0
    tail = "" if clear else "; the interval includes no difference"
    return (
        f"{name}: {abs(fit_value.value):.1f} points {way} pain {unit} (95% interval "
        f"{fit_value.low:+.1f} to {fit_value.high:+.1f}, {fit_value.n} days{tail})."
    )


def _pain_correlation(days: Days) -> float | None:
    """The AR(1) correlation of daily pain around its linear trend (None: too few days)."""
    rated = sorted(days.pain)
    if not rated:
        return None
    index = [(d - rated[0]).days for d in rated]
    span = max(index[-1], 1)
    fit = ar1_regression(index, [days.pain[d] for d in rated], [[i / span for i in index]])
    return fit.rho if fit else None


def _binary(days: Days, name: str, marked: set, rho: float | None) -> Factor | None:  # type: ignore[type-arg]
    rated = sorted(days.pain)
    if not rated:
        return None
    with_days = sum(1 for d in rated if d in marked)
    without = len(rated) - with_days
    if with_days < MIN_DAYS or without < MIN_DAYS:
        return None
    first = rated[0]
    index = [(d - first).days for d in rated]
    span = max(index[-1], 1)
    fit = ar1_regression(
        index,
        [days.pain[d] for d in rated],
        [[i / span for i in index], [1.0 if d in marked else 0.0 for d in rated]],
        rho=rho,
    )
    if fit is None:
        return None
    unit = "on days with than without"
    return Factor(name, unit, with_days, without, fit.effect, fit.rho, _describe(name, unit, fit.effect))


def factors(days: Days, labels: dict[str, str] | None = None) -> Factors:
    labels = labels or {}
    found: list[Factor] = []
    rho = _pain_correlation(days)
    for kind in sorted(days.therapies):
        label = labels.get(kind, kind.replace("_", " ").capitalize())
        if factor := _binary(days, label, days.therapies[kind], rho):
            found.append(factor)
    if "alcohol" in days.substances and (factor := _binary(days, "Alcohol", days.substances["alcohol"], rho)):
        found.append(factor)
    rated = [d for d in sorted(days.pain) if d in days.sleep]
    if len(rated) >= 2 * MIN_DAYS:
        first = rated[0]
        index = [(d - first).days for d in rated]
        span = max(index[-1], 1)
        fit = ar1_regression(
            index,
            [days.pain[d] for d in rated],
            [[i / span for i in index], [days.sleep[d] for d in rated]],
        )
        if fit is not None:
            unit = "per point of better sleep the night before"
            found.append(
                Factor(
                    "Sleep the night before",
                    unit,
                    len(rated),
                    0,
                    fit.effect,
                    fit.rho,
                    _describe("Sleep the night before", unit, fit.effect),
                )
            )
    return Factors(tuple(found), CAVEAT)
