"""PEG-3 trend: weekly means, and the change from the first four weeks to the last four with an interval
from a regression with AR(1) errors. A change of at least 2 points or 30% is marked clinically important
(Farrar 2001 for 0–10 pain ratings; for the PEG itself no agreed threshold exists, so it is provisional;
Krebs 2009 for the PEG)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from speciosa.core.insights.daily import Days
from speciosa.core.insights.stats import Estimate, ar1_regression
from speciosa.refdata import thresholds

#: 2 points or 30% (Farrar 2001; provisional for the PEG): speciosa/refdata/data/thresholds.yaml.
IMPORTANT_POINTS = float(thresholds().important_pain_change_points.value)
IMPORTANT_FRACTION = float(thresholds().important_pain_change_fraction.value)
EDGE_DAYS = 28


@dataclass(frozen=True)
class Week:
    week: str  # Monday, YYYY-MM-DD
    peg: float
    days: int


@dataclass(frozen=True)
class PegTrend:
    weeks: tuple[Week, ...]
    baseline: float | None
    latest: float | None
    change: Estimate  # latest − baseline (negative = better)
    important: bool
    summary: str


def peg_trend(days: Days) -> PegTrend:
    weekly: dict[date, list[float]] = defaultdict(list)
    for day, score in days.peg.items():
        weekly[day - timedelta(days=day.weekday())].append(score)
    weeks = tuple(Week(w.isoformat(), sum(v) / len(v), len(v)) for w, v in sorted(weekly.items()))
    scored = sorted(days.peg)
    empty = Estimate(None, None, None, len(scored), "regression with AR(1) errors and no trend")
    if len(scored) < 2 * 7:
        return PegTrend(
            weeks,
            None,
            None,
            empty,
            False,
            f"Not enough data yet: {len(scored)} days with a PEG score; at least 14 are needed.",
        )
    first_end = scored[0] + timedelta(days=EDGE_DAYS)
    last_start = scored[-1] - timedelta(days=EDGE_DAYS)
    if last_start < first_end:
        last_start = first_end
    early = [d for d in scored if d < first_end]
    late = [d for d in scored if d > last_start]
    if len(early) < 7 or len(late) < 7:
        return PegTrend(
            weeks,
            None,
            None,
            empty,
            False,
            "Not enough data yet: the PEG trend compares four weeks at each end of the journal.",
        )
    chosen = early + late
    base = sum(days.peg[d] for d in early) / len(early)
    latest = sum(days.peg[d] for d in late) / len(late)
    fit = ar1_regression(
        [(d - scored[0]).days for d in chosen],
        [days.peg[d] for d in chosen],
        [[1.0 if d > last_start else 0.0 for d in chosen]],
    )
    change = fit.effect if fit else empty
    delta = latest - base
    important = abs(delta) >= IMPORTANT_POINTS or (base > 0 and abs(delta) / base >= IMPORTANT_FRACTION)
    way = "fell (better)" if delta < 0 else "rose (worse)" if delta > 0 else "did not change"
    interval = (
        f", 95% interval {change.low:+.1f} to {change.high:+.1f}"
        if change.low is not None and change.high is not None
        else ""
    )
    mark = (
        "at least the clinically important change (2 points or 30%; provisional for the PEG)"
        if important
        else "less than the clinically important change (2 points or 30%; provisional for the PEG)"
    )
    summary = (
        f"PEG-3 {way} from {base:.1f} in the first four weeks ({len(early)} days) to {latest:.1f} in the "
        f"last four ({len(late)} days): {delta:+.1f}{interval}, {mark}."
    )
    return PegTrend(weeks, round(base, 2), round(latest, 2), change, important, summary)
