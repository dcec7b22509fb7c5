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
    """The side effect whose rate differs most between bands, when the intervals do not overlap."""
    best: tuple[float, str] | None = None
    for lo in bands:
        for hi in bands:
            for a, b in zip(lo.effects, hi.effects, strict=True):
                if a.rate.high is None or b.rate.low is None or a.rate.value is None or b.rate.value is None:
                    continue
                if b.rate.low > a.rate.high and lo.doses >= 5 and hi.doses >= 5:
                    gap = b.rate.value - a.rate.value
                    text = (
                        f"{b.label} was listed after {b.rate.value:.0%} of doses {hi.band} "
                        f"(n={hi.doses}, 95% interval {b.rate.low:.0%}–{b.rate.high:.0%}) and after "
                        f"{a.rate.value:.0%} of doses {lo.band} (n={lo.doses}, "
                        f"{a.rate.low:.0%}–{(a.rate.high or 0):.0%})."
                    )
                    if best is None or gap > best[0]:
                        best = (gap, text)
    if best is None:
        return "No side effect was listed clearly more often in one dose band than another."
    return best[1]
