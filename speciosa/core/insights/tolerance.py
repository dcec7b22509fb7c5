"""Tolerance: month by month, grams a day against pain, and relief per gram from before/after pairs.

"Relief per gram falling" is said when, from the first month to the month of the most grams a day,
grams a day rose by at least half (TOLERANCE_RISE) while daily pain eased by less than 1 point (half the
2-point clinically important change, Farrar 2001): more kratom for no more relief. Relief per gram from
before/after pairs (pain eased ÷ grams of the dose) is shown for months with pairs; a journal without
check-ins 1–3 h after doses cannot give it, and the sentence then rests on daily pain alone (it says so).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from speciosa.core.insights.daily import Days
from speciosa.core.insights.relief import Pair
from speciosa.core.insights.stats import Estimate, mean_interval

TOLERANCE_RISE = 1.5
NO_EASING = 1.0
#: A month counts when it has this many days with a pain rating.
MIN_DAYS = 14


@dataclass(frozen=True)
class Month:
    month: str  # YYYY-MM
    days: int  # days with an entry
    grams_per_day: float
    pain: Estimate  # mean daily pain now (t interval over days; days are correlated: read loosely)
    relief_per_gram: Estimate  # from before/after pairs in the month


@dataclass(frozen=True)
class Tolerance:
    months: tuple[Month, ...]
    falling: bool
    summary: str


def tolerance(days: Days, pairs: list[Pair]) -> Tolerance:
    grams: dict[str, list[float]] = defaultdict(list)
    pain: dict[str, list[float]] = defaultdict(list)
    for day in sorted(days.logged):
        key = day.strftime("%Y-%m")
        grams[key].append(days.grams.get(day, 0.0))
        if day in days.pain:
            pain[key].append(days.pain[day])
    per_gram: dict[str, list[float]] = defaultdict(list)
    for p in pairs:
        if p.dose.grams > 0:
            per_gram[p.dose.at.strftime("%Y-%m")].append(p.eased / p.dose.grams)
    months = tuple(
        Month(
            key,
            len(grams[key]),
            sum(grams[key]) / len(grams[key]),
            mean_interval(pain[key]),
            mean_interval(per_gram[key]),
        )
        for key in sorted(grams)
    )
    return _judge(months)


def _judge(months: tuple[Month, ...]) -> Tolerance:
    counted = [m for m in months if m.pain.n >= MIN_DAYS and m.pain.value is not None]
    if len(counted) < 3:
        return Tolerance(
            months,
            False,
            "Not enough data yet: at least three months with two weeks of pain "
            f"ratings each are needed (there {'is' if len(counted) == 1 else 'are'} {len(counted)}).",
        )
    first = counted[0]
    peak = max(counted[1:], key=lambda m: m.grams_per_day)
    assert first.pain.value is not None and peak.pain.value is not None
    eased = first.pain.value - peak.pain.value
    rise = peak.grams_per_day / first.grams_per_day if first.grams_per_day > 0 else float("inf")
    words = (
        f"From {first.month} to {peak.month} grams a day went from {first.grams_per_day:.1f} to "
        f"{peak.grams_per_day:.1f} g while daily pain went from {first.pain.value:.1f} to "
        f"{peak.pain.value:.1f} "
        f"({first.pain.n} and {peak.pain.n} days)"
    )
    if peak.grams_per_day > 0 and rise >= TOLERANCE_RISE and eased < NO_EASING:
        return Tolerance(
            months,
            True,
            words + ": relief per gram is falling — more kratom for no more relief. "
            "Tolerance can do this; so can a condition getting worse or another pain medicine being cut.",
        )
    return Tolerance(months, False, words + ": no sign of relief per gram falling.")
