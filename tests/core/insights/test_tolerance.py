"""Relief per gram falling is judged from before/after pairs when enough months have them, else from daily pain."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from speciosa.core.insights.daily import days_of
from speciosa.core.insights.data import CheckInRecord, DoseRecord, JournalRecords
from speciosa.core.insights.relief import pairs_of
from speciosa.core.insights.tolerance import Tolerance, tolerance

START = datetime(2026, 1, 1, 8, tzinfo=UTC)


def journal(eased_per_dose, *, after: bool = True, months: int = 4, wobble: float = 0.5) -> Tolerance:
    """One dose a day at 8:00, 2 g in the first month and 1 g more each month; pain 7 at 7:40 and, when
    `after`, pain 7 − eased at 10:00 (`wobble` either side, day by day)."""
    doses, checkins = [], []
    day = 0
    while (at := START + timedelta(days=day)).month <= months:
        grams = 2.0 + at.month - 1
        doses.append(DoseRecord(at, grams))
        checkins.append(CheckInRecord(at - timedelta(minutes=20), 7.0))
        if after:
            noise = wobble if day % 2 else -wobble
            checkins.append(CheckInRecord(at + timedelta(hours=2), 7.0 - eased_per_dose(grams) - noise))
        day += 1
    records = JournalRecords(ZoneInfo("UTC"), doses, checkins)
    return tolerance(days_of(records), pairs_of(records))


def test_relief_per_gram_is_falling_when_grams_rise_and_each_dose_eases_the_same():
    found = journal(lambda grams: 2.0)
    assert found.falling
    assert "relief per gram is falling" in found.summary
    assert "went from 0.99 (95% interval 0.90 to 1.09, 31 before/after pairs) to 0.40" in found.summary
    assert "down 60% (a fall of 0.59, 95% interval 0.49 to 0.69)" in found.summary
    assert [round(m.relief_per_gram.value or 0, 1) for m in found.months] == [1.0, 0.7, 0.5, 0.4]


def test_relief_per_gram_is_not_falling_when_each_dose_eases_more_as_grams_rise():
    found = journal(lambda grams: 0.8 * grams)
    assert not found.falling
    assert "no sign of relief per gram falling" in found.summary
    assert "before/after pairs" in found.summary and "rests on daily pain" not in found.summary


def test_without_check_ins_after_doses_the_verdict_rests_on_daily_pain_and_says_so():
    found = journal(lambda grams: 2.0, after=False)
    assert found.falling  # grams rose 2 → 5 g a day while daily pain stayed at 7
    assert "daily pain went from 7.0 to 7.0" in found.summary
    assert "This rests on daily pain" in found.summary and "(there are 0)" in found.summary


def test_two_months_of_pairs_are_not_enough_for_the_pairs_to_decide():
    found = journal(lambda grams: 2.0, months=2)
    assert not found.falling
    assert found.summary.startswith("Not enough data yet: at least three months")


def test_a_fall_within_the_noise_is_called_not_clear_yet():
    found = journal(lambda grams: 2.0, wobble=4.0)
    assert not found.falling
    assert (
        "down 57% (a fall of 0.54, 95% interval -0.27 to 1.34); its interval reaches 0 (no fall)"
        in found.summary
    )
    assert found.summary.endswith("not clear yet.")


def test_a_pair_counts_in_the_month_of_its_local_day():
    new_york = ZoneInfo("America/New_York")
    late = datetime(2026, 2, 1, 4, 0, tzinfo=UTC)  # 31 January, 23:00 in New York
    records = JournalRecords(
        new_york,
        [DoseRecord(late, 2.0)],
        [CheckInRecord(late - timedelta(minutes=20), 7.0), CheckInRecord(late + timedelta(hours=2), 5.0)],
    )
    [month] = [m for m in tolerance(days_of(records), pairs_of(records)).months if m.relief_per_gram.n]
    assert month.month == "2026-01"
