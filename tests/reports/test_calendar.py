"""The calendar (.ics): a client's parser reads it back, with the daily check-in reminder as one repeating
event at the chosen local time and each experiment day's option in words, under stable UIDs."""

from __future__ import annotations

from datetime import date, time, timedelta

from icalendar import Calendar

from speciosa.journal import calendar_feeds, experiments, services
from speciosa.reports.base import Period
from speciosa.reports.calendar import EXPORTERS, render_calendar

TODAY = date(2026, 3, 7)  # the frozen now's day in New York
PERIOD = Period(TODAY - timedelta(days=89), TODAY)


def plan_kratom_experiment(user, now, **changes):
    for back in range(1, 15):
        services.dose_create(user=user, amount=4, taken_at=now - timedelta(days=back), now=now)
    values = dict(
        question="Does 3 g ease my back more than physical therapy?",
        a_kind="kratom",
        a_label="Red Bali",
        a_grams=3.0,
        b_kind="therapy",
        b_label="Physical therapy",
        start_on=TODAY,
        seed=42,
        now=now,
    )
    return experiments.experiment_plan(user=user, **{**values, **changes})


def calendar_of(user, now, period: Period = PERIOD) -> Calendar:
    return Calendar.from_ical(b"".join(render_calendar(user=user, period=period, now=now)))


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_the_calendar_is_an_exporter_of_ics_files():
    (calendar,) = EXPORTERS
    assert (calendar.id, calendar.media_type, calendar.extension) == ("calendar", "text/calendar", "ics")
    assert calendar.filename(PERIOD).endswith(".ics")


def test_the_reminder_is_at_the_time_set_in_the_profile(alice, frozen_now):
    services.profile_update(user=alice, checkin_reminder="06:45")
    (reminder,) = calendar_of(alice, frozen_now).walk("VEVENT")
    assert reminder.decoded("dtstart").time() == time(6, 45)


def test_the_daily_reminder_is_one_repeating_event_at_the_chosen_local_time(alice, frozen_now):
    calendar_feeds.reminder_set(user=alice, at=time(20, 30))
    calendar = calendar_of(alice, frozen_now)
    (reminder,) = calendar.walk("VEVENT")
    assert reminder["rrule"]["FREQ"] == ["DAILY"]
    start = reminder.decoded("dtstart")
    assert (start.time(), str(start.tzinfo)) == (time(20, 30), "America/New_York")
    assert start.date() == PERIOD.start
    assert "Check in" in reminder["summary"]
    assert reminder.walk("VALARM"), "a phone rings at the reminder's time"
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["tzid"] == "America/New_York"


def test_without_a_chosen_time_there_is_no_reminder(alice, frozen_now):
    assert calendar_of(alice, frozen_now).walk("VEVENT") == []


def test_every_day_of_a_planned_experiment_shows_its_option_in_words(alice, frozen_now):
    experiment = plan_kratom_experiment(alice, frozen_now)
    days = [e for e in calendar_of(alice, frozen_now).walk("VEVENT")]
    view = experiments.experiment_view(user=alice, uid=experiment.uid, now=frozen_now)
    assert len(days) == view.schedule.total_days
    first = min(days, key=lambda e: e.decoded("dtstart"))
    assert first.decoded("dtstart") == TODAY, "an all-day event on the plan's first day"
    option = view.schedule.blocks[0].option
    words = "Red Bali (3 g a day)" if option == "A" else "Physical therapy"
    assert str(first["summary"]).startswith(f"Your plan: {option} — {words}")
    summaries = " ".join(str(e["summary"]) + str(e["description"]) for e in days)
    assert "settling day (not counted)" in summaries
    assert "not advice to take anything" in summaries
    assert "take 3" not in summaries.lower()


def test_uids_are_stable_from_one_read_to_the_next(alice, frozen_now):
    calendar_feeds.reminder_set(user=alice, at=time(9, 0))
    plan_kratom_experiment(alice, frozen_now)
    first = events(calendar_of(alice, frozen_now))
    calendar_feeds.reminder_set(user=alice, at=time(10, 0))
    again = events(calendar_of(alice, frozen_now + timedelta(hours=1)))
    assert first.keys() == again.keys()
    assert len(first) == len(set(first))


def test_days_after_an_experiment_ended_early_leave_the_calendar(alice, frozen_now):
    experiment = plan_kratom_experiment(alice, frozen_now)
    experiments.experiment_end_early(user=alice, uid=experiment.uid, now=frozen_now)
    days = calendar_of(alice, frozen_now).walk("VEVENT")
    assert [e.decoded("dtstart") for e in days] == [TODAY]


def test_a_finished_experiment_shows_only_its_days_in_the_period(alice, frozen_now):
    plan_kratom_experiment(alice, frozen_now)
    later = frozen_now + timedelta(days=200)
    period = Period(TODAY + timedelta(days=10), TODAY + timedelta(days=12))
    days = calendar_of(alice, later, period).walk("VEVENT")
    assert sorted(e.decoded("dtstart") for e in days) == [TODAY + timedelta(days=n) for n in (10, 11, 12)]


def test_a_person_in_utc_gets_utc_times_and_no_time_zone_block(db, frozen_now):
    carol = services.account_create(username="carol", password="a long passphrase 42", timezone="UTC")
    calendar_feeds.reminder_set(user=carol, at=time(7, 15))
    calendar = calendar_of(carol, frozen_now)
    assert calendar.walk("VTIMEZONE") == []
    (reminder,) = calendar.walk("VEVENT")
    assert reminder.decoded("dtstart").utcoffset() == timedelta(0)
