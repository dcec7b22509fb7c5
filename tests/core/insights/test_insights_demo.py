"""The demo journals tell their stories through the insights (speciosa.demo.stories is pure)."""

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import numpy as np

from speciosa.core.insights.data import CheckInRecord, DoseRecord, JournalRecords, records_from_document
from speciosa.core.insights.relief import relief
from speciosa.core.insights.report import Insights, insights
from speciosa.core.insights.stats import ar1_regression, wilson
from speciosa.demo import stories
from speciosa.refdata import side_effects

END = datetime(2026, 6, 1, 20, tzinfo=UTC)


@cache
def demo(name: str) -> Insights:
    make = {
        "backpain": stories.back_pain_journal,
        "fibro": stories.fibromyalgia_journal,
        "opioid": stories.opioid_transition_journal,
    }[name]
    groups = {code: effect.group for code, effect in side_effects().items()}
    return insights(records_from_document(make(end=END), groups=groups))


def rate(found: Insights, band: str, code: str):
    row = next(b for b in found.side_effects.bands if b.band == band)
    return next(e.rate for e in row.effects if e.code == code)


def test_the_back_pain_journal_shows_nausea_after_doses_above_5_g_far_more_than_below():
    above = rate(demo("backpain"), "over 5 g, up to 10 g", "nausea")
    below = rate(demo("backpain"), "over 2 g, up to 5 g", "nausea")
    assert above.value is not None and above.value > 0.5
    assert above.low is not None and below.high is not None and above.low > below.high
    assert "Nausea was listed after 100% of doses over 5 g" in demo("backpain").side_effects.summary


def test_the_escalating_fibromyalgia_journal_shows_relief_per_gram_falling_from_its_before_after_pairs():
    found = demo("fibro").tolerance
    assert found.falling
    assert "relief per gram is falling" in found.summary
    assert "before/after pairs" in found.summary and "rests on daily pain" not in found.summary


def test_the_stable_back_pain_journal_does_not_show_relief_per_gram_falling_from_its_before_after_pairs():
    found = demo("backpain").tolerance
    assert not found.falling
    assert "no sign of relief per gram falling" in found.summary
    assert "before/after pairs" in found.summary and "rests on daily pain" not in found.summary


def test_the_opioid_transition_journal_shows_steady_relief_per_gram_once_the_oxycodone_is_finished():
    found = demo("opioid").tolerance
    assert not found.falling
    assert (
        "no sign of relief per gram falling" in found.summary and "rests on daily pain" not in found.summary
    )


def test_the_back_pain_journal_has_enough_before_after_pairs_for_relief_by_dose_band_with_an_interval():
    found = demo("backpain").relief
    assert found.summary.startswith("Across ") and "Not enough data" not in found.summary
    band = next(g.eased for g in found.groups if g.by == "dose band" and g.name == "over 2 g, up to 5 g")
    assert band.enough and band.n >= 30
    assert band.low is not None and band.low > 0


def test_withdrawal_symptoms_are_not_counted_as_side_effects_of_a_dose():
    codes = {e.code for band in demo("fibro").side_effects.bands for e in band.effects}
    assert "restlessness" not in codes and "craving" not in codes


def test_the_peg_trend_states_its_change_interval_and_the_provisional_threshold():
    peg = demo("backpain").peg
    assert peg.change.low is not None and peg.change.high is not None and peg.change.high < 0
    assert "provisional for the PEG" in peg.summary


def test_every_factor_is_an_association_with_an_interval_and_a_caveat():
    found = demo("backpain").factors
    assert {f.name for f in found.factors} >= {"Physical therapy", "Alcohol", "Sleep the night before"}
    assert all(f.effect.low is not None and f.effect.n > 0 for f in found.factors)
    assert "not causes" in found.caveat


def test_relief_pairs_a_check_in_before_a_dose_with_one_1_to_3_hours_after():
    zone = ZoneInfo("UTC")
    start = datetime(2026, 1, 1, 8, tzinfo=UTC)
    doses, checkins = [], []
    for day in range(12):
        at = start + timedelta(days=day)
        doses.append(DoseRecord(at, 3.0, "Red Bali", "red"))
        checkins += [
            CheckInRecord(at - timedelta(minutes=20), 7.0),
            CheckInRecord(at + timedelta(hours=2), 5.0 - day % 2),
        ]
    found = relief(JournalRecords(zone, doses, checkins))
    assert found.pairs == 12
    assert found.overall.value == 2.5
    assert found.overall.low is not None and found.overall.low < 2.5 < (found.overall.high or 0)
    assert {g.by for g in found.groups} == {"dose band", "product", "vein"}


def test_relief_with_too_few_pairs_says_how_many_more_would_tell():
    found = relief(JournalRecords(ZoneInfo("UTC"), [], []))
    assert found.summary.startswith("Not enough data yet")
    assert "more would tell" in found.summary


def test_a_wilson_interval_stays_within_0_and_1():
    none, every = wilson(0, 10), wilson(10, 10)
    assert (none.low or 0) < 1e-9 and (none.high or 0) > 0.2
    assert (every.high or 0) > 1 - 1e-9 and (every.low or 1) < 0.8


def test_the_ar1_regression_finds_the_correlation_and_widens_the_interval_for_it():
    rng = np.random.default_rng(3)
    n, rho = 400, 0.7
    noise = np.zeros(n)
    for i in range(1, n):
        noise[i] = rho * noise[i - 1] + rng.normal()
    factor = (np.arange(n) // 20) % 2  # runs of 20 days with, then without
    fit = ar1_regression(list(range(n)), list(noise + 1.0 * factor), [list(np.arange(n) / n), list(factor)])
    assert fit is not None and 0.55 <= fit.rho <= 0.85
    assert fit.effect.low is not None and fit.effect.high is not None
    assert fit.effect.low < 1.0 < fit.effect.high


def test_the_local_day_is_the_same_as_astimezone_across_daylight_saving_changes():
    zone = ZoneInfo("America/Chicago")
    records = JournalRecords(zone)
    for start in (datetime(2026, 3, 7, tzinfo=UTC), datetime(2026, 10, 31, tzinfo=UTC)):
        for minutes in range(0, 60 * 24 * 3, 7):
            moment = start + timedelta(minutes=minutes)
            assert records.day(moment) == moment.astimezone(zone).date()
