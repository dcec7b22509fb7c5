"""Gram bands for grouping doses. The 5 g boundary is the one the reviews use between "stimulant-like"
(about 1–5 g) and "opioid-like" (about 5–15 g) reports (Prozialeck 2012, facts §1.1), which the sources
do not establish as pharmacology; it is used here only to group a person's own doses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    #: Doses with grams > low and <= high (high None: no upper end).
    low: float
    high: float | None


BANDS = (
    Band("up-to-2", "up to 2 g", 0.0, 2.0),
    Band("2-5", "over 2 g, up to 5 g", 2.0, 5.0),
    Band("5-10", "over 5 g, up to 10 g", 5.0, 10.0),
    Band("over-10", "over 10 g", 10.0, None),
)


def band_of(grams: float) -> Band:
    for band in BANDS:
        if grams <= (band.high if band.high is not None else float("inf")):
            return band
    return BANDS[-1]
