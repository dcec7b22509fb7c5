"""Frequency and dose creep: many doses a day on most recent days, many a week, and a mean daily
amount rising against the month before (a warning when pain is not easing)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from speciosa.core.journal_format import JournalDocument
from speciosa.core.safety import Severity, assess
from speciosa.core.safety.rules.frequency import PAIN_IMPROVEMENT_POINTS, PAIN_MIN_CHECKINS
from speciosa.demo import stories
from speciosa.refdata import thresholds
from tests.core.safety.builders import checkin, dose, every_day, journal, local, raised

PER_DAY = "frequency.doses_per_day"
PER_WEEK = "frequency.doses_per_week"
CREEP = "frequency.dose_creep"


def per_day_mark() -> int:
    return round(thresholds().doses_per_day_dependence.value)


def per_week_mark() -> int:
    return round(thresholds().doses_per_week_high.value)


def creep_fraction() -> float:
    return thresholds().creep_rise_fraction.value


def window() -> int:
    return round(thresholds().creep_window_days.value)


# --- frequency.doses_per_day ------------------------------------------------------------------------


def heavy_days(*days_ago: int, per_day: int | None = None) -> list:
    count = per_day if per_day is not None else per_day_mark()
    return [d for days in days_ago for d in every_day(days, days, 2.0, per_day=count)]


def test_three_doses_a_day_on_four_of_the_last_seven_days_is_a_caution():
    doses = heavy_days(1, 2, 4, 6)

    [finding] = raised(PER_DAY, journal(doses=doses))

    assert finding.severity is Severity.CAUTION
    assert finding.title == "3 or more doses a day on 4 of the last 7 days"
    assert "severe dependence, withdrawal and craving" in finding.meaning
    assert {"singh-2014", "singh-2018", "rogers-2024"} <= set(finding.sources)
    assert len(finding.entries) == 4 * per_day_mark()
    assert finding.at == max(d.taken_at for d in doses)


def test_three_doses_a_day_on_three_of_the_last_seven_days_raises_nothing():
    assert raised(PER_DAY, journal(doses=heavy_days(1, 3, 6))) == []


def test_two_doses_every_day_raises_nothing():
    assert raised(PER_DAY, journal(doses=heavy_days(*range(7), per_day=per_day_mark() - 1))) == []


def test_days_eight_or_more_days_back_do_not_count():
    assert raised(PER_DAY, journal(doses=heavy_days(1, 2, 3, 7, 8, 9))) == []


def test_days_are_counted_in_local_time_not_utc():
    # 20:00 in New York is 01:00 UTC the next day: by UTC date, days 1-4 back would each have three
    # doses; by local date only days 2-4 do, which is not most of the week.
    daytime = [dose(local(d, h)) for d in (1, 2, 3, 4) for h in (10, 15)]
    evening = [dose(local(d, 20)) for d in (2, 3, 4, 5)]

    assert raised(PER_DAY, journal(doses=[*daytime, *evening])) == []


def test_a_fourth_heavy_local_day_tips_it():
    daytime = [dose(local(d, h)) for d in (1, 2, 3, 4) for h in (10, 15)]
    evening = [dose(local(d, 20)) for d in (1, 2, 3, 4)]

    assert raised(PER_DAY, journal(doses=[*daytime, *evening]))


# --- frequency.doses_per_week -----------------------------------------------------------------------


def week_of(total: int) -> list:
    """`total` doses spread over the last 7 local days, today included."""
    return [dose(local(i % 7, 7 + i // 7)) for i in range(total)]


def test_twenty_one_doses_in_seven_days_raise_nothing():
    assert raised(PER_WEEK, journal(doses=week_of(per_week_mark() - 1))) == []


def test_twenty_two_doses_in_seven_days_is_a_caution_from_grundmann():
    [finding] = raised(PER_WEEK, journal(doses=week_of(per_week_mark())))

    assert finding.severity is Severity.CAUTION
    assert finding.title == "22 doses in the last 7 days"
    assert "22 or more doses a week" in finding.meaning
    assert "grundmann-2017" in finding.sources
    assert len(finding.entries) == 22


def test_a_dose_on_the_eighth_day_back_is_not_in_the_week():
    doses = [*week_of(per_week_mark() - 1), dose(local(7, 20))]

    assert raised(PER_WEEK, journal(doses=doses)) == []


# --- frequency.dose_creep ---------------------------------------------------------------------------


def two_windows(
    before: float, after: float, *, before_days: int | None = None, after_days: int | None = None
):
    """Daily doses: `before` g a day in the earlier window, `after` g a day in the last one (yesterday
    back), each on its first N days (all of them by default)."""
    w = window()
    earlier = every_day(2 * w, 2 * w - (before_days or w) + 1, before)
    later = every_day(w, w - (after_days or w) + 1, after)
    return [*earlier, *later]


def pains(before: int, after: int) -> list:
    """One evening check-in with "pain now" every fourth day in each window."""
    w = window()
    return [checkin(local(d, 21), pain_now=before) for d in range(2 * w, w, -4)] + [
        checkin(local(d, 21), pain_now=after) for d in range(w, 0, -4)
    ]


def risen(fraction: float) -> float:
    return round(4.0 * (1 + fraction), 3)


def test_a_rise_of_the_creep_fraction_with_pain_unchanged_is_a_warning():
    doses = two_windows(4.0, risen(creep_fraction()))

    [finding] = raised(CREEP, journal(doses=doses, checkins=pains(7, 7)))

    assert finding.severity is Severity.WARNING
    assert finding.title == "Your daily amount is rising without less pain"
    assert "4 g a day" in finding.meaning and f"{round(creep_fraction() * 100)}% more" in finding.meaning
    assert "Your pain has not eased (pain now 7.0 before, 7.0 now)" in finding.meaning
    assert "hill-2024-kud" in finding.sources
    assert finding.key == CREEP


def test_a_rise_just_under_the_creep_fraction_raises_nothing():
    doses = two_windows(4.0, risen(creep_fraction() - 0.01))

    assert raised(CREEP, journal(doses=doses, checkins=pains(7, 7))) == []


def test_a_steady_amount_raises_nothing():
    assert raised(CREEP, journal(doses=two_windows(5.0, 5.0), checkins=pains(7, 7))) == []


def test_pain_down_by_a_full_point_makes_it_a_caution():
    doses = two_windows(4.0, 6.0)

    [finding] = raised(CREEP, journal(doses=doses, checkins=pains(7, 7 - round(PAIN_IMPROVEMENT_POINTS))))

    assert finding.severity is Severity.CAUTION
    assert finding.title == "Your daily amount is creeping up"
    assert "Your pain did ease" in finding.meaning


def test_pain_down_by_less_than_a_point_is_still_not_improving():
    w = window()
    earlier = [checkin(local(d, 21), pain_now=7) for d in range(2 * w, w, -4)]
    later = [checkin(local(d, 21), pain_now=6 if i % 2 else 7) for i, d in enumerate(range(w, 0, -4))]

    [finding] = raised(CREEP, journal(doses=two_windows(4.0, 6.0), checkins=[*earlier, *later]))

    assert finding.severity is Severity.WARNING


def test_without_pain_scores_it_is_a_caution_that_says_pain_could_not_be_compared():
    [finding] = raised(CREEP, journal(doses=two_windows(4.0, 6.0)))

    assert finding.severity is Severity.CAUTION
    assert "too few pain scores" in finding.meaning


def test_too_few_pain_scores_in_one_window_count_as_unknown():
    w = window()
    few = [checkin(local(d, 21), pain_now=7) for d in range(2 * w, 2 * w - PAIN_MIN_CHECKINS + 1, -1)]
    later = [checkin(local(d, 21), pain_now=7) for d in range(w, 0, -4)]

    [finding] = raised(CREEP, journal(doses=two_windows(4.0, 6.0), checkins=[*few, *later]))

    assert finding.severity is Severity.CAUTION


def test_the_peg_score_is_used_where_both_windows_have_it():
    w = window()
    earlier = [checkin(local(d, 21), pain_now=3, peg=(7, 7, 7)) for d in range(2 * w, w, -4)]
    later = [checkin(local(d, 21), pain_now=1, peg=(7, 7, 7)) for d in range(w, 0, -4)]

    [finding] = raised(CREEP, journal(doses=two_windows(4.0, 6.0), checkins=[*earlier, *later]))

    assert finding.severity is Severity.WARNING
    assert "PEG 7.0 before, 7.0 now" in finding.meaning


def test_each_window_needs_doses_on_at_least_half_its_days():
    half = window() // 2

    assert raised(CREEP, journal(doses=two_windows(4.0, 8.0, after_days=half - 1))) == []
    assert raised(CREEP, journal(doses=two_windows(4.0, 8.0, before_days=half - 1))) == []
    assert raised(CREEP, journal(doses=two_windows(4.0, 8.0, after_days=half, before_days=half)))


def test_today_is_left_out_so_a_heavy_morning_does_not_count():
    doses = [*two_windows(4.0, risen(creep_fraction() - 0.02)), dose(local(0, 7), 40.0)]

    assert raised(CREEP, journal(doses=doses)) == []


# --- the demo journals ------------------------------------------------------------------------------

DEMO_END = datetime(2026, 3, 1, 12, tzinfo=UTC)


def demo_at(key: str, story_day: int, hour: int = 22) -> tuple[JournalDocument, datetime]:
    """A demo journal and a `now` at `hour` local time on one of its story days."""
    case = stories.case_named(key)
    document = JournalDocument.model_validate(case.journal(end=DEMO_END))
    zone = ZoneInfo(case.timezone)
    first = DEMO_END.astimezone(zone).date() - timedelta(days=case.days - 1)
    now = datetime.combine(first + timedelta(days=story_day), time(hour), zone).astimezone(UTC)
    return document, now


def codes(findings) -> dict[str, Severity]:
    return {f.code: f.severity for f in findings}


FIBRO_HEIGHT = stories.FIBRO_ESCALATION  # her highest daily amount, just before the failed cut


def test_the_fibromyalgia_journal_shows_frequency_findings_at_the_height_of_her_use():
    document, now = demo_at("fibro", FIBRO_HEIGHT)

    found = codes(assess(document, now))

    assert found[PER_DAY] is Severity.CAUTION
    assert found[PER_WEEK] is Severity.CAUTION


def test_the_fibromyalgia_journal_shows_dose_creep_with_pain_not_improving_at_the_height_of_her_use():
    document, now = demo_at("fibro", FIBRO_HEIGHT)

    found = codes(assess(document, now))

    assert found[CREEP] is Severity.WARNING


def test_the_stable_back_pain_journal_shows_no_dose_creep_at_its_end():
    document, now = demo_at("backpain", stories.BACK_PAIN_DAYS - 1)

    assert CREEP not in codes(assess(document, now))


def test_the_fibromyalgia_journal_shows_no_dose_creep_once_the_taper_is_under_way():
    document, now = demo_at("fibro", stories.FIBRO_TAPER_START + 35)

    assert CREEP not in codes(assess(document, now))
