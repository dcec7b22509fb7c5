"""Side effects by dose band: of the doses in a band that were followed by a check-in within 12 hours,
the share whose check-in listed the side effect (95% Wilson interval). A check-in after several doses
counts for each of them. Withdrawal symptoms are left out (they follow missed or cut doses)."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import timedelta

from speciosa.core.insights.bands import BANDS, band_of
from speciosa.core.insights.data import JournalRecords
from speciosa.core.insights.stats import Estimate, wilson

WITHIN = timedelta(hours=12)
#: A check-in this soon after a dose is not counted as the dose's "after" (too soon to tell).
NOT_BEFORE = timedelta(minutes=30)


@dataclass(frozen=True)
class EffectRate:
    code: str
    label: str
    rate: Estimate  # hits / doses followed by a check-in, in this band


@dataclass(frozen=True)
class BandEffects:
    band: str
    doses: int  # doses in the band followed by a check-in
    effects: tuple[EffectRate, ...]


@dataclass(frozen=True)
class SideEffects:
    bands: tuple[BandEffects, ...]
    summary: str


def side_effects(records: JournalRecords) -> SideEffects:
    checkins = sorted(records.checkins, key=lambda c: c.at)
    times = [c.at for c in checkins]
    followed: Counter[str] = Counter()
    hits: dict[str, Counter[str]] = defaultdict(Counter)
    for dose in records.doses:
        j = bisect_left(times, dose.at + NOT_BEFORE)
        if j >= len(times) or times[j] > dose.at + WITHIN:
            continue
        band = band_of(dose.grams).label
        followed[band] += 1
        for code in {s.code for s in checkins[j].side_effects if s.group != "withdrawal"}:
            hits[band][code] += 1
    codes = sorted({code for counts in hits.values() for code in counts})
    bands = tuple(
        BandEffects(
            band.label,
            followed[band.label],
            tuple(
                EffectRate(
                    code,
                    records.labels.get(code, code.replace("_", " ").capitalize()),
                    wilson(hits[band.label][code], followed[band.label]),
                )
                for code in codes
            ),
        )
        for band in BANDS
        if followed[band.label]
    )
    return SideEffects(bands, _sentence(bands))


def _sentence(bands: tuple[BandEffects, ...]) -> str:
    """Each side effect listed after a clearly larger share of doses in some band than in the band with the
    most doses (the usual amount): the band's interval lies wholly above the usual band's."""
    counted = [b for b in bands if b.doses >= 5]
    if len(counted) < 2:
        return "Not enough data yet: side effects by dose band need at least 5 doses in two bands."
    usual = max(counted, key=lambda b: b.doses)
    found = []
    for band in counted:
        if band is usual:
            continue
        for mine, theirs in zip(band.effects, usual.effects, strict=True):
            r, u = mine.rate, theirs.rate
            if None in (r.value, r.low, r.high, u.value, u.low, u.high):
                continue
            assert r.value is not None and r.low is not None and r.high is not None
            assert u.value is not None and u.low is not None and u.high is not None
            if r.low > u.high:
                found.append(
                    f"{mine.label} was listed after {r.value:.0%} of doses {band.band} (n={band.doses}, "
                    f"95% interval {r.low:.0%}–{r.high:.0%}) against {u.value:.0%} of doses {usual.band} "
                    f"(n={usual.doses}, {u.low:.0%}–{u.high:.0%})."
                )
    if not found:
        return "No side effect was listed clearly more often in one dose band than in the usual one."
    return " ".join(found)
