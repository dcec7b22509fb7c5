"""Trends in the journal layer: the span asked for, the 7-day mean, grams per dose, the lanes of
medications, substances and symptoms, and liver tests against their limits (alice: New York,
frozen at 10:00 on Saturday 7 March 2026)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from speciosa.core.errors import InvalidInput
from speciosa.journal import services
from speciosa.journal import trends as t
from speciosa.journal.selectors import MAX_HISTORY_DAYS

TODAY = date(2026, 3, 7)


def morning(day: date) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime(day.year, day.month, day.day, 8, tzinfo=ZoneInfo("America/New_York"))


def dose(user, day: date, grams: float, hour_offset: int = 0) -> None:
    services.dose_create(user=user, amount=grams, taken_at=morning(day) - timedelta(hours=hour_offset))


def read(user, first: date, last: date = TODAY) -> t.Trends:
    span = t.trends_range(user=user, now=morning(TODAY), first=first, last=last)
    return t.trends_read(user=user, span=span)


def test_the_rolling_mean_averages_the_day_and_the_six_before_it_zero_days_included():
    grams = [7.0, 0, 0, 0, 0, 0, 0, 14.0]
    assert t.rolling_means(grams) == [7.0, 3.5, 2.333, 1.75, 1.4, 1.167, 1.0, 2.0]
    assert t.rolling_means(grams, skip=6) == [1.0, 2.0]


def test_the_rolling_mean_never_reaches_back_before_the_journal_began():
    assert t.rolling_means([0, 0, 4.0, 2.0], since=2) == [None, None, 4.0, 3.0]


def test_the_mean_on_the_first_day_shown_counts_the_six_days_before_the_span(alice, frozen_now):
    for back in range(10):
        dose(alice, TODAY - timedelta(days=back), 7.0 if back >= 3 else 0.5)
    days = read(alice, TODAY - timedelta(days=2)).days
    assert [d.grams for d in days] == [0.5, 0.5, 0.5]
    # 5 March: itself (0.5) and six earlier days of 7 g each.
    assert days[0].rolling_grams == pytest.approx((0.5 + 6 * 7) / 7, abs=0.001)
    assert days[-1].rolling_grams == pytest.approx((3 * 0.5 + 4 * 7) / 7, abs=0.001)


def test_grams_per_dose_tells_a_bigger_dose_from_more_doses(alice, frozen_now):
    yesterday = TODAY - timedelta(days=1)
    for hour in (0, 2, 4):
        dose(alice, yesterday, 2, hour)  # three doses of 2 g
    dose(alice, TODAY, 5)
    dose(alice, TODAY, 1, 2)  # two doses, 6 g
    days = read(alice, yesterday).days
    assert [(d.grams, d.doses, d.grams_per_dose) for d in days] == [(6, 3, 2), (6, 2, 3)]


def test_a_day_without_doses_has_no_grams_per_dose(alice, frozen_now):
    dose(alice, TODAY, 3)
    days = read(alice, TODAY - timedelta(days=1)).days
    assert [d.grams_per_dose for d in days] == [None, 3]


def test_a_medication_lane_spans_its_start_and_stop_dates_and_counts_the_dose_days_inside(alice, frozen_now):
    for back in (1, 3, 9):
        dose(alice, TODAY - timedelta(days=back), 3)
    services.entry_create(
        user=alice,
        kind="medications",
        values={"name": "Oxycodone", "started_on": date(2026, 2, 1), "stopped_on": date(2026, 3, 5)},
    )
    services.entry_create(
        user=alice,
        kind="medications",
        values={"name": "Sertraline", "started_on": date(2025, 1, 1), "stopped_on": date(2025, 6, 1)},
    )
    lanes = read(alice, TODAY - timedelta(days=6)).lanes
    [oxycodone] = [lane for lane in lanes if lane.group == "medication"]
    [interval] = oxycodone.intervals
    assert (interval.first, interval.last) == (date(2026, 3, 1), date(2026, 3, 5))
    assert (interval.open_start, interval.open_end) == (True, False)
    assert interval.dose_days == 1  # 4 March; 6 March is after the last tablet
    assert oxycodone.summary == ("Oxycodone (1 Feb 2026 to 5 Mar 2026): kratom on 1 of its 5 days here.")
    kratom = next(lane for lane in lanes if lane.group == "kratom")
    assert [mark.day for mark in kratom.marks] == [date(2026, 3, 4), date(2026, 3, 6)]


def test_substances_are_marks_on_days_with_alcohol_in_one_lane_and_others_by_name(alice, frozen_now):
    for back, drinks in ((0, 1), (2, 5)):
        services.entry_create(
            user=alice,
            kind="substances",
            values={
                "at": morning(TODAY - timedelta(days=back)),
                "kind": "alcohol",
                "substance": "beer",
                "standard_drinks": drinks,
            },
        )
    services.entry_create(
        user=alice,
        kind="substances",
        values={"at": morning(TODAY), "kind": "other", "substance": "oxycodone", "amount_text": "5 mg"},
    )
    lanes = {
        lane.label: lane for lane in read(alice, TODAY - timedelta(days=6)).lanes if lane.group == "substance"
    }
    assert list(lanes) == ["Alcohol (drinks logged)", "Oxycodone (uses logged)"]
    alcohol = lanes["Alcohol (drinks logged)"]
    assert [(m.day, m.text, m.level) for m in alcohol.marks] == [
        (date(2026, 3, 5), "5 standard drinks", 3),
        (date(2026, 3, 7), "1 standard drink", 1),
    ]
    assert alcohol.summary == "Alcohol logged on 2 of 7 days."
    assert lanes["Oxycodone (uses logged)"].marks[0].text == "1 time (5 mg)"


def test_withdrawal_symptoms_have_a_lane_of_their_own(alice, frozen_now):
    services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": morning(TODAY - timedelta(days=1)),
            "pain_now": 6,
            "side_effects": [
                {"code": "restlessness", "severity": "moderate"},
                {"code": "runny_nose", "severity": "mild"},
                {"code": "nausea", "severity": "mild"},
            ],
        },
    )
    lanes = {
        lane.id: lane for lane in read(alice, TODAY - timedelta(days=6)).lanes if lane.group == "symptom"
    }
    assert set(lanes) == {"symptom-withdrawal", "symptom-common"}
    [mark] = lanes["symptom-withdrawal"].marks
    assert (mark.day, mark.count, mark.text) == (
        date(2026, 3, 6),
        2,
        "Restlessness, Runny nose or watery eyes",
    )
    assert lanes["symptom-withdrawal"].label == "Withdrawal symptoms"
    assert lanes["symptom-common"].marks[0].text == "Nausea"


def test_liver_tests_are_read_against_the_upper_limit_each_report_gave(alice, frozen_now):
    for day, value in ((date(2026, 3, 1), 31), (date(2026, 3, 6), 84)):
        services.entry_create(
            user=alice,
            kind="labs",
            values={"taken_on": day, "test": "ALT", "value": value, "unit": "U/L", "reference_high": 56},
        )
    found = read(alice, TODAY - timedelta(days=29))
    [alt] = found.labs
    assert [(p.value, p.above, p.times_limit) for p in alt.points] == [(31, False, 0.554), (84, True, 1.5)]
    assert found.summaries.labs == (
        "Liver tests on 2 days from 1 Mar 2026 to 6 Mar 2026: ALT above its upper limit of 56 U/L in 1 of 2 "
        "results (84 on 6 Mar 2026)."
    )


def test_summaries_describe_the_change_without_advice(alice, frozen_now):
    for back in range(14):
        dose(alice, TODAY - timedelta(days=back), 2 if back >= 7 else 5)
    found = read(alice, TODAY - timedelta(days=13))
    assert found.summaries.grams.startswith("Grams per day rose from a 7-day mean of 2 g to 5 g")
    assert "Grams per dose averaged 2 g in the first 7 days" in found.summaries.grams_per_dose
    for sentence in vars(found.summaries).values():
        assert not any(word in sentence.lower() for word in ("should", "safe", "take less", "recommend"))


def test_quick_windows_end_today_and_other_numbers_fall_back_to_30_days(alice, frozen_now):
    span = t.trends_range(user=alice, now=frozen_now, days=90)
    assert (span.first, span.last, span.days) == (TODAY - timedelta(days=89), TODAY, 90)
    assert t.trends_range(user=alice, now=frozen_now, days=7).days == 30


def test_since_the_first_entry_starts_on_the_first_dose_check_in_or_substance(alice, frozen_now):
    services.entry_create(
        user=alice, kind="checkins", values={"at": morning(date(2026, 1, 10)), "pain_now": 4}
    )
    dose(alice, date(2026, 2, 1), 3)
    span = t.trends_range(user=alice, now=frozen_now, since_first=True)
    assert (span.first, span.last, span.kind, span.shortened) == (
        date(2026, 1, 10),
        TODAY,
        t.RangeKind.SINCE_FIRST,
        False,
    )


def test_since_the_first_entry_is_cut_to_the_longest_span_and_says_so(alice, frozen_now):
    dose(alice, date(2024, 1, 1), 3)
    span = t.trends_range(user=alice, now=frozen_now, since_first=True)
    assert span.days == MAX_HISTORY_DAYS and span.shortened


@pytest.mark.parametrize(
    ("first", "last", "field", "words"),
    [
        (date(2026, 3, 5), date(2026, 3, 1), "first", "on or before"),
        (date(2025, 1, 1), date(2026, 3, 1), "first", f"more than {MAX_HISTORY_DAYS} days"),
        (date(2026, 3, 1), date(2026, 3, 9), "last", "after today"),
        (None, date(2026, 3, 1), "first", "first day too"),
        (date(2026, 3, 1), None, "last", "last day too"),
        (date(1, 1, 1), date(2026, 3, 1), "first", "between the years"),
    ],
)
def test_a_custom_span_is_checked_and_the_error_names_the_field(alice, frozen_now, first, last, field, words):
    with pytest.raises(InvalidInput) as caught:
        t.trends_range(user=alice, now=frozen_now, first=first, last=last)
    assert caught.value.errors[0].field == field
    assert words in caught.value.errors[0].message


def test_a_custom_span_of_exactly_the_longest_length_is_read(alice, frozen_now):
    first = TODAY - timedelta(days=MAX_HISTORY_DAYS - 1)
    span = t.trends_range(user=alice, now=frozen_now, first=first, last=TODAY)
    assert len(t.trends_read(user=alice, span=span).days) == MAX_HISTORY_DAYS


def test_trends_never_show_another_persons_entries(alice, bob, frozen_now):
    dose(bob, TODAY, 9)
    services.entry_create(
        user=bob, kind="medications", values={"name": "Tramadol", "started_on": date(2026, 1, 1)}
    )
    found = read(alice, TODAY - timedelta(days=6))
    assert found.total_grams == 0 and [lane.group for lane in found.lanes] == ["kratom"]
