"""Relief after a dose: pain now at the last check-in up to 3 h before a dose, minus pain now at the first
check-in 1–3 h after it, when no other dose fell between the two. Positive = pain eased.
Grouped by dose band, product and vein, each with its mean, 95% t interval and n."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from speciosa.core.insights.bands import BANDS, band_of
from speciosa.core.insights.data import DoseRecord, JournalRecords
from speciosa.core.insights.stats import Estimate, mean_interval

BEFORE = timedelta(hours=3)
AFTER_FROM, AFTER_TO = timedelta(hours=1), timedelta(hours=3)
#: Pain is rated in whole points: each rating carries rounding's spread (1/√12 of a point), a change
#: between two ratings √2 times that; the intervals never assume less.
ROUNDING_SD = math.sqrt(2 / 12)


@dataclass(frozen=True)
class Pair:
    dose: DoseRecord
    before: float
    after: float
    day: date  # the dose's local day

    @property
    def eased(self) -> float:
        return self.before - self.after


@dataclass(frozen=True)
class Group:
    by: str  # "dose band", "product" or "vein"
    name: str
    eased: Estimate


@dataclass(frozen=True)
class Relief:
    pairs: int
    doses: int
    groups: tuple[Group, ...]
    overall: Estimate
    summary: str


def pairs_of(records: JournalRecords) -> list[Pair]:
    rated = sorted((c.at, c.pain_now) for c in records.checkins if c.pain_now is not None)
    times = [at for at, _ in rated]
    dose_times = sorted(d.at for d in records.doses)
    found = []
    for dose in records.doses:
        i = bisect_right(times, dose.at) - 1
        if i < 0 or dose.at - times[i] > BEFORE:
            continue
        j = bisect_left(times, dose.at + AFTER_FROM)
        if j >= len(times) or times[j] > dose.at + AFTER_TO:
            continue
        between = bisect_left(dose_times, times[j]) - bisect_right(dose_times, times[i])
        if between != 1:  # another dose between the two check-ins: the change is not this dose's alone
            continue
        found.append(Pair(dose, float(rated[i][1] or 0), float(rated[j][1] or 0), records.day(dose.at)))
    return found


def _group(by: str, pairs: dict[str, list[float]], order: list[str] | None = None) -> list[Group]:
    names = order if order is not None else sorted(pairs)
    return [
        Group(by, name, mean_interval(pairs[name], least_sd=ROUNDING_SD)) for name in names if name in pairs
    ]


def relief(records: JournalRecords, pairs: list[Pair] | None = None) -> Relief:
    pairs = pairs_of(records) if pairs is None else pairs
    by_band: dict[str, list[float]] = defaultdict(list)
    by_product: dict[str, list[float]] = defaultdict(list)
    by_vein: dict[str, list[float]] = defaultdict(list)
    for p in pairs:
        by_band[band_of(p.dose.grams).label].append(p.eased)
        if p.dose.product:
            by_product[p.dose.product].append(p.eased)
        if p.dose.vein:
            by_vein[p.dose.vein].append(p.eased)
    groups = (
        _group("dose band", by_band, [b.label for b in BANDS])
        + _group("product", by_product)
        + _group("vein", by_vein)
    )
    overall = mean_interval([p.eased for p in pairs], least_sd=ROUNDING_SD)
    return Relief(
        len(pairs), len(records.doses), tuple(groups), overall, relief_sentence(overall, len(records.doses))
    )


def relief_sentence(overall: Estimate, doses: int) -> str:
    if overall.value is None or not overall.enough:
        more = overall.more_needed or 0
        have = f"{overall.n} before/after pair{'s' if overall.n != 1 else ''}"
        return (
            f"Not enough data yet: {have} from {doses} doses. "
            f"{'At least' if overall.n < 2 else 'About'} {more} more would tell "
            "(a check-in shortly before a dose and another 1–3 hours after it)."
        )
    assert overall.low is not None and overall.high is not None
    way = "eased" if overall.value >= 0 else "rose"
    return (
        f"Across {overall.n} before/after pairs, pain {way} by {abs(overall.value):.1f} points on average "
        f"(95% interval {overall.low:+.1f} to {overall.high:+.1f}, positive = eased)."
    )
