"""Tolerance: month by month, grams a day against pain, and relief per gram from before/after pairs.

Relief per gram is pain eased at a before/after pair (relief.py) ÷ the grams of its dose. When at least
MIN_PAIR_MONTHS months have MIN_PAIRS pairs each, "relief per gram is falling" is judged from it: from
the first such month to the one of them with the most grams a day, relief per gram fell by at least
RELIEF_FALL of the first month's (30%: the share that counts as an important change in a pain rating,
Farrar 2001, borrowed here as our threshold) and the 95% interval of the fall is above zero (a t interval
from the two months' standard errors, with the smaller month's degrees of freedom). A fall of 30% or more
whose interval reaches 0 is called not clear yet.

Otherwise (pairs need a check-in 1–3 h after a dose) it falls back on daily pain: from the first month
with MIN_DAYS days of pain ratings to the month of the most grams a day, grams a day rose by at least
half (TOLERANCE_RISE) while daily pain eased by less than 1 point (NO_EASING, half the 2-point clinically
important change, Farrar 2001): more kratom for no more relief. Each sentence says what it rests on.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from speciosa.core.insights.daily import Days
from speciosa.core.insights.relief import Pair
from speciosa.core.insights.stats import MIN_N, Estimate, mean_interval, t_quantile

TOLERANCE_RISE = 1.5
NO_EASING = 1.0
#: A month counts for the daily-pain rule when it has this many days with a pain rating.
MIN_DAYS = 14
#: A month counts for relief per gram when it has this many before/after pairs (the fewest values that
#: get an interval anywhere in the insights); the pairs rule needs MIN_PAIR_MONTHS such months.
MIN_PAIRS = MIN_N
MIN_PAIR_MONTHS = 3
#: The least fall in relief per gram, as a share of the first month's, that can be called falling.
RELIEF_FALL = 0.3


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


def _month(day: date) -> str:
    return f"{day.year:04}-{day.month:02}"


def tolerance(days: Days, pairs: list[Pair]) -> Tolerance:
    grams: dict[str, list[float]] = defaultdict(list)
    pain: dict[str, list[float]] = defaultdict(list)
    for day in sorted(days.logged):
        key = _month(day)
        grams[key].append(days.grams.get(day, 0.0))
        if day in days.pain:
            pain[key].append(days.pain[day])
    per_gram: dict[str, list[float]] = defaultdict(list)
    for p in pairs:
        if p.dose.grams > 0:
            per_gram[_month(p.day)].append(p.eased / p.dose.grams)
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
    paired = [m for m in months if m.relief_per_gram.n >= MIN_PAIRS]
    if len(paired) >= MIN_PAIR_MONTHS:
        return _judge_by_pairs(months, paired)
    return _judge_by_daily_pain(months, len(paired))


def difference(before: Estimate, after: Estimate) -> Estimate:
    """before − after, with a t interval from the two standard errors (each read back from its t interval)
    and the smaller sample's degrees of freedom: wider than Welch's, never narrower."""
    assert before.value is not None and after.value is not None
    spread = []
    for e in (before, after):
        assert e.low is not None and e.high is not None and e.n >= 2
        spread.append((e.high - e.low) / 2 / t_quantile(e.n - 1))
    half = t_quantile(min(before.n, after.n) - 1) * math.hypot(*spread)
    value = before.value - after.value
    return Estimate(value, value - half, value + half, before.n + after.n, "difference of means, t interval")


def _judge_by_pairs(months: tuple[Month, ...], paired: list[Month]) -> Tolerance:
    first = paired[0]
    peak = max(paired[1:], key=lambda m: m.grams_per_day)
    before, after = first.relief_per_gram, peak.relief_per_gram
    fall = difference(before, after)
    assert before.value is not None and before.low is not None and before.high is not None
    assert after.value is not None and after.low is not None and after.high is not None
    assert fall.value is not None and fall.low is not None and fall.high is not None
    words = (
        f"From {first.month} to {peak.month} grams a day went from {first.grams_per_day:.1f} to "
        f"{peak.grams_per_day:.1f} g while relief per gram (pain eased 1–3 hours after a dose ÷ its grams) "
        f"went from {before.value:.2f} (95% interval {before.low:.2f} to {before.high:.2f}, {before.n} "
        f"before/after pairs) to {after.value:.2f} ({after.low:.2f} to {after.high:.2f}, {after.n} pairs)"
    )
    if before.value <= 0 or fall.value < RELIEF_FALL * before.value:
        return Tolerance(months, False, words + ": no sign of relief per gram falling.")
    down = (
        f"down {fall.value / before.value:.0%} (a fall of {fall.value:.2f}, 95% interval "
        f"{fall.low:.2f} to {fall.high:.2f})"
    )
    if fall.low <= 0:
        return Tolerance(
            months,
            False,
            f"{words}: {down}; its interval reaches 0 (no fall), so whether relief per gram is falling is "
            "not clear yet.",
        )
    return Tolerance(
        months,
        True,
        f"{words}: relief per gram is falling, {down} — each gram eases less pain than it did. Tolerance "
        "can do this; so can a change in the pain itself or in other pain medicines.",
    )


def _judge_by_daily_pain(months: tuple[Month, ...], paired: int) -> Tolerance:
    basis = (
        f" This rests on daily pain: relief per gram from before/after pairs needs {MIN_PAIR_MONTHS} months "
        f"with at least {MIN_PAIRS} pairs each (there {'is' if paired == 1 else 'are'} {paired})."
    )
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
            "Tolerance can do this; so can a condition getting worse or another pain medicine being cut."
            + basis,
        )
    return Tolerance(months, False, words + ": no sign of relief per gram falling." + basis)
