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
app updates an event instead of adding it twice.
- each step of an active taper plan (planned, under way or paused) as an all-day event on its first
  day ("Taper step 3: 12.25 g a day (3 doses)"): the plan's own target, with dates projected as the
  plan stands now (a pause or a held step moves them; the UID is the plan's and the step's, so the
  calendar follows). A finished or ended plan leaves the calendar.

Liver labs "when due" are not in it: the journal has no notion of a lab that is due.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event, Timezone

from speciosa.core.insights import experiment as ex
from speciosa.journal.calendar_feeds import taper_step_days
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


TAPER_NOTE = (
    "The target of the taper plan you made, from this day: a description of your plan, not advice to "
    "take anything. The date is projected from where the plan stands; a pause or a held step moves it. "
    "Stopping suddenly brings withdrawal; if withdrawal gets hard, you can pause the plan in speciosa."
)


def taper_events(*, user: Any, period: Period, now: datetime) -> Iterator[Event]:
    """Each step's first day of the active taper plan (every step, whatever the period: a plan's dates
    move, and a calendar app keeps the newest)."""
    for step in taper_step_days(user=user, now=now):
        doses = f" ({step.doses} dose{'' if step.doses == 1 else 's'})" if step.doses else ""
        event = Event()
        event.add("uid", f"taper-{step.plan_uid}-step-{step.number}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        event.add("dtstart", step.start)
        event.add("dtend", step.start + timedelta(days=1))
        event.add("summary", f"Taper step {step.number}: {step.amount} a day{doses}")
        event.add("description", f"Step {step.number} of {step.steps} of your taper plan. {TAPER_NOTE}")
        event.add("transp", "TRANSPARENT")
        yield event


#: What the calendar holds, each a function of (user, period, now) yielding events.
EVENT_SOURCES: tuple[EventSource, ...] = (reminder_events, experiment_events, taper_events)


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
            "Your daily check-in reminder, your experiment days and your taper plan's steps, for a "
            "calendar app; from Settings → Calendar, a private address it can subscribe to."
        ),
        media_type="text/calendar",
        extension="ics",
        render=render_calendar,
    ),
)
