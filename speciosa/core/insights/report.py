"""All the insights of one journal, computed once for the web page, the API and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from speciosa.core.insights.daily import days_of
from speciosa.core.insights.data import JournalRecords
from speciosa.core.insights.factors import Factors, factors
from speciosa.core.insights.peg import PegTrend, peg_trend
from speciosa.core.insights.relief import Relief, pairs_of, relief
from speciosa.core.insights.side_effects import SideEffects, side_effects
from speciosa.core.insights.tolerance import Tolerance, tolerance


@dataclass(frozen=True)
class Insights:
    days: int
    doses: int
    checkins: int
    relief: Relief
    side_effects: SideEffects
    tolerance: Tolerance
    peg: PegTrend
    factors: Factors


def insights(records: JournalRecords) -> Insights:
    pairs = pairs_of(records)
    days = days_of(records)
    return Insights(
        days=len(days.logged),
        doses=len(records.doses),
        checkins=len(records.checkins),
        relief=relief(records, pairs),
        side_effects=side_effects(records),
        tolerance=tolerance(days, pairs),
        peg=peg_trend(days),
        factors=factors(days, dict(records.labels)),
    )
