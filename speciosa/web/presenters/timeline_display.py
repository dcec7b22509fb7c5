"""Today's dose timeline as the page draws it: the doses of the last 24 hours with their expected
onset, peak and end bands (speciosa.journal.doses.dose_timeline, from the sources' time courses) placed
on one shared time axis, so a CSS bar can draw them and the text beside it can say the same in words.

The axis spans the 24 hours the heading names (and, after now, as long as a dose's felt effects may
last), with a labelled tick every six hours of local time, so "the last 24 hours" is what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from speciosa.journal.doses import DoseTimeline, TimelineDose, dose_timeline
from speciosa.journal.doses import TimelineEntry as Entry

HOUR = timedelta(hours=1)
WINDOW = timedelta(hours=24)
TICK_HOURS = 6
BEFORE_ONSET = "before felt effects are expected"


@dataclass(frozen=True)
class Span:
    """A stretch of the axis in percent of its width (for `left` and `width`)."""

    left: float
    width: float


@dataclass(frozen=True)
class TimelineRow:
    entry: Entry
    taken: float  # percent of the axis where the dose was taken
    onset: Span
    peak: Span
    ends: Span
    active: Span  # from the dose to the latest end any source gives

    @property
    def status(self) -> str:
        """A badge's words, only when they cannot contradict the phase beside them."""
        course = self.entry.course
        return "Effects expected now" if course.active_now and course.phase != BEFORE_ONSET else ""

    @property
    def dose(self) -> Any:  # the stored dose, for its summary
        return self.entry.dose

    @property
    def timeline(self) -> TimelineDose:
        return self.entry.course


@dataclass(frozen=True)
class Tick:
    at: datetime
    left: float  # percent of the axis


@dataclass(frozen=True)
class Timeline:
    of: DoseTimeline
    rows: list[TimelineRow]
    start: datetime
    end: datetime
    now_at: float  # percent of the axis
    ticks: tuple[Tick, ...] = ()

    @property
    def now(self) -> datetime:
        return self.of.now

    @property
    def sources(self) -> tuple[str, ...]:
        return self.of.sources

    @property
    def stays_in_blood(self) -> str:
        return self.of.stays_in_blood

    @property
    def stays_in_blood_sources(self) -> tuple[str, ...]:
        return self.of.stays_in_blood_sources

    @property
    def last_peak_at(self) -> datetime | None:
        return self.of.last_peak_at

    @property
    def any_active(self) -> bool:
        return self.of.any_active


def floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def ceil_hour(moment: datetime) -> datetime:
    floored = floor_hour(moment)
    return floored if floored == moment else floored + HOUR


def today_timeline(*, user: Any, now: datetime) -> Timeline | None:
    """The doses of the 24 hours before `now` on one axis (None when there are none)."""
    timeline = dose_timeline(user=user, now=now)
    if timeline is None:
        return None
    courses = [entry.course for entry in timeline.entries]
    start = floor_hour(min(now - WINDOW, *(c.dose.taken_at for c in courses)))
    end = ceil_hour(max(now, *(c.ends.end for c in courses)))
    length = (end - start).total_seconds()

    def at(moment: datetime) -> float:
        return round(max(0.0, min(100.0, (moment - start).total_seconds() / length * 100)), 2)

    def span(first: datetime, last: datetime) -> Span:
        return Span(at(first), max(round(at(last) - at(first), 2), 0.6))  # a point still shows as a sliver

    rows = [
        TimelineRow(
            entry=entry,
            taken=at(c.dose.taken_at),
            onset=span(c.onset.start, c.onset.end),
            peak=span(c.peak.start, c.peak.end),
            ends=span(c.ends.start, c.ends.end),
            active=span(c.dose.taken_at, c.ends.end),
        )
        for entry in timeline.entries
        for c in [entry.course]
    ]
    return Timeline(timeline, rows, start, end, at(now), ticks(start, end, at))


def ticks(start: datetime, end: datetime, at: Any) -> tuple[Tick, ...]:
    """A tick at every sixth local hour (00:00, 06:00, 12:00, 18:00) strictly inside the axis."""
    found = []
    moment = ceil_hour(start)
    while moment < end:
        if moment > start and timezone.localtime(moment).hour % TICK_HOURS == 0:
            found.append(Tick(moment, at(moment)))
        moment += HOUR
    return tuple(found)
