"""The calendar (.ics, RFC 5545, written with `icalendar`): the daily check-in reminder at the time the
person chose, and the days of their N-of-1 experiments with each day's option in words. The same file
is the one-off download and the private feed a calendar app subscribes to (speciosa.journal.calendar_feeds).

What is in it:
- the reminder, one event repeating daily (RRULE) from the period's first day, at the chosen local
  time, with an alarm; none when no time is chosen;
- each experiment day in the period, and every day still to come of a planned or running experiment,
  as an all-day event ("Your plan: A — Red Bali (3 g a day)"): the plan the person made, never advice
  to take anything; days after an experiment ended early or was stopped by a red flag are left out.

Times are in the person's time zone (TZID with its VTIMEZONE), and every event's UID is stable (the
reminder's is the person's, an experiment day's is the experiment's uid and the day), so a calendar
app updates an event instead of adding it twice. Taper steps (issue 11) join as one more entry of
EVENT_SOURCES. Liver labs "when due" are not in it: the journal has no notion of a lab that is due.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event, Timezone

from speciosa.core.insights import experiment as ex
from speciosa.journal.experiments import ExperimentView, experiment_views
from speciosa.journal.selectors import profile_get, user_zone
from speciosa.reports.base import Exporter, Period

PRODUCT_ID = "-//speciosa//calendar//EN"
#: How long the reminder's event lasts in a calendar.
REMINDER_MINUTES = 5
#: How far past today (or the period's end) the VTIMEZONE spells out the zone's changes (DST): the
#: reminder repeats with no end.
ZONE_DAYS = 366 * 10
UID_DOMAIN = "speciosa.local"
NOT_ADVICE = (
    "This is the plan you made, not advice to take anything. If something feels wrong, log it in "
    "speciosa: a red flag stops the experiment."
)

EventSource = Callable[..., Iterable[Event]]


def _person_key(user: Any) -> str:
    """A stable, opaque key for the person, for UIDs (the account's number is not shown)."""
    return hashlib.sha256(f"speciosa-calendar-{user.pk}".encode()).hexdigest()[:20]


def reminder_events(*, user: Any, period: Period, now: datetime) -> Iterator[Event]:
    at = profile_get(user=user).checkin_reminder
    if at is None:
        return
    event = Event()
    event.add("uid", f"checkin-reminder-{_person_key(user)}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    start = datetime.combine(period.start, at, tzinfo=user_zone(user=user))
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=REMINDER_MINUTES))
    event.add("rrule", {"freq": "daily"})
    event.add("summary", "Check in: how is your pain today?")
    event.add(
        "description",
        "Your daily reminder to log a check-in in speciosa (pain, PEG-3, side effects). Change its time or "
        "remove it under Settings → Calendar.",
    )
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Check in: how is your pain today?")
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    yield event


def _in_calendar(view: ExperimentView, day: date, period: Period) -> bool:
    """A day of the plan shows when it is in the period, or still to come in a planned or running one."""
    if day > view.last_day:
        return False  # after it ended early or was stopped
    return period.start <= day <= period.end or (view.state in ("planned", "running") and day >= view.today)


def _day_event(view: ExperimentView, plan: ex.DayPlan, now: datetime) -> Event:
    option = plan.block.option
    summary = f"Your plan: {option} — {view.label(option)}"
    if plan.washout:
        summary += ", a settling day (not counted)"
    event = Event()
    event.add("uid", f"experiment-{view.experiment.uid}-{plan.day.isoformat()}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("dtstart", plan.day)
    event.add("dtend", plan.day + timedelta(days=1))
    event.add("summary", summary)
    event.add(
        "description",
        f"Day {plan.day_number} of {view.schedule.total_days} of your experiment "
        f"“{view.experiment.question}”. {NOT_ADVICE}",
    )
    event.add("transp", "TRANSPARENT")
    return event


def experiment_events(*, user: Any, period: Period, now: datetime) -> Iterator[Event]:
    for view in experiment_views(user=user, now=now):
        day = view.schedule.start
        while day <= view.schedule.end:
            plan = ex.day_plan(view.schedule, day)
            if plan is not None and _in_calendar(view, day, period):
                yield _day_event(view, plan, now)
            day += timedelta(days=1)


#: What the calendar holds, each a function of (user, period, now) yielding events.
EVENT_SOURCES: tuple[EventSource, ...] = (reminder_events, experiment_events)


def _frame(*, user: Any, period: Period, now: datetime) -> tuple[bytes, bytes]:
    """The calendar's head (its properties and the person's VTIMEZONE) and its tail, around the events."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "speciosa")
    zone = user_zone(user=user)
    if zone.key != "UTC":
        calendar.add("x-wr-timezone", zone.key)
        first = min(period.start, now.date()) - timedelta(days=1)
        calendar.add_component(
            Timezone.from_tzid(
                zone.key, first_date=first, last_date=max(period.end, now.date()) + timedelta(days=ZONE_DAYS)
            )
        )
    head, end, tail = calendar.to_ical().rpartition(b"END:VCALENDAR")
    return head, end + tail


def render_calendar(*, user: Any, period: Period, now: datetime) -> Iterator[bytes]:
    """The calendar, event by event."""
    head, tail = _frame(user=user, period=period, now=now)
    yield head
    for source in EVENT_SOURCES:
        for event in source(user=user, period=period, now=now):
            yield event.to_ical()
    yield tail


EXPORTERS: tuple[Exporter, ...] = (
    Exporter(
        id="calendar",
        label="Calendar (.ics)",
        description=(
            "Your daily check-in reminder and your experiment days, for a calendar app; from Settings → "
            "Calendar, a private address it can subscribe to."
        ),
        media_type="text/calendar",
        extension="ics",
        render=render_calendar,
    ),
)
