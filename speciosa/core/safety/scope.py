"""What an assessment covered: the windows it read, the newest entry, and whether it read anything.

No findings must never read as an all-clear when the rules had nothing to look at. Every interface
shows `AssessmentScope.message` next to the findings: for a journal whose newest entry is older than
the window, "Your newest entry is from 3 March 2023; findings look at the last 90 days (lab results:
the last 365 days)."; for an empty journal, "Your journal has no entries yet."

`assessment_scope` works on a journal document (a file); the stored journal gives the same facts
from indexed queries to `scope_from`, so both paths say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from speciosa.core import journal_format as fmt
from speciosa.core.days import local_day, zone
from speciosa.core.errors import InvalidInput
from speciosa.core.safety.windows import (
    LAB_WINDOW_DAYS,
    TIMED_KINDS,
    WINDOW_DAYS,
    in_lab_window,
    in_window,
    lab_window,
    window_start,
)

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

#: The kinds of entry that have a date, and so can be old: the timed kinds and lab results.
DATED_KINDS = (*TIMED_KINDS, "labs")


def date_words(day: date) -> str:
    """A day as people write it, whatever the machine's locale: 3 March 2023."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class NewestEntry:
    """The newest dated entry of a journal: its kind ("doses", "labs", ...) and its local day."""

    kind: str
    day: date


@dataclass(frozen=True)
class AssessmentScope:
    """What an assessment at `now` read.

    `entries_in_window` counts the timed entries in the timed window and the lab results in the lab
    window; `window_empty` is true when it is 0, whatever else the journal holds (products,
    medications and the pregnancy flag are read whatever their age, so a standing finding can
    still be raised). `stale` is true when the newest dated entry is older than the timed window.
    """

    now: datetime
    window_days: int
    lab_window_days: int
    window_start: datetime
    lab_window_start: date
    newest_entry: NewestEntry | None
    entries_in_window: int
    has_entries: bool

    @property
    def window_empty(self) -> bool:
        return self.entries_in_window == 0

    @property
    def stale(self) -> bool:
        return self.newest_entry is not None and self.newest_entry.day < self.window_start.date()

    @property
    def windows_words(self) -> str:
        return f"the last {self.window_days} days (lab results: the last {self.lab_window_days} days)"

    @property
    def message(self) -> str:
        """One sentence on what the findings are based on; never an all-clear."""
        if not self.has_entries:
            return "Your journal has no entries yet."
        if self.newest_entry is None:
            return (
                "Your journal has no doses, check-ins, substances, therapies or lab results yet; "
                f"findings look at {self.windows_words}."
            )
        if self.stale or self.window_empty:
            return (
                f"Your newest entry is from {date_words(self.newest_entry.day)}; "
                f"findings look at {self.windows_words}."
            )
        return f"Findings look at {self.windows_words}."

    def as_dict(self) -> dict[str, Any]:
        """The scope as JSON values (what `speciosa assess --format json` and the API answer)."""
        newest = self.newest_entry
        return {
            "message": self.message,
            "window_days": self.window_days,
            "lab_window_days": self.lab_window_days,
            "window_start": self.window_start.isoformat(),
            "lab_window_start": self.lab_window_start.isoformat(),
            "newest_entry_kind": newest.kind if newest else None,
            "newest_entry_on": newest.day.isoformat() if newest else None,
            "entries_in_window": self.entries_in_window,
            "window_empty": self.window_empty,
        }


def scope_from(
    *,
    now: datetime,
    tz: ZoneInfo,
    newest: Iterable[NewestEntry],
    entries_in_window: int,
    has_entries: bool,
) -> AssessmentScope:
    """The scope from facts already counted: the newest dated entry of each kind, local days."""
    latest = max(newest, key=lambda entry: (entry.day, DATED_KINDS.index(entry.kind)), default=None)
    return AssessmentScope(
        now=now,
        window_days=WINDOW_DAYS,
        lab_window_days=LAB_WINDOW_DAYS,
        window_start=window_start(now).astimezone(tz),
        lab_window_start=lab_window(now, tz)[0],
        newest_entry=latest,
        entries_in_window=entries_in_window,
        has_entries=has_entries,
    )


def document_zone(document: fmt.JournalDocument) -> ZoneInfo:
    """The document's time zone, or UTC when it names none that exists (as JournalView reads it)."""
    try:
        return zone(document.profile.timezone)
    except InvalidInput:
        return ZoneInfo("UTC")


def assessment_scope(document: fmt.JournalDocument, now: datetime) -> AssessmentScope:
    """What `assess(document, now)` covers: the windows, the newest entry, and what they hold."""
    tz = document_zone(document)
    newest: list[NewestEntry] = []
    count = 0
    for kind, time_field in TIMED_KINDS.items():
        times = [record.__dict__[time_field] for record in getattr(document, kind)]
        if times:
            newest.append(NewestEntry(kind, local_day(max(times), tz)))
            count += sum(in_window(moment, now) for moment in times)
    if document.labs:
        newest.append(NewestEntry("labs", max(lab.taken_on for lab in document.labs)))
        count += sum(in_lab_window(lab.taken_on, now, tz) for lab in document.labs)
    return scope_from(
        now=now,
        tz=tz,
        newest=newest,
        entries_in_window=count,
        has_entries=any(getattr(document, kind) for kind in fmt.ENTRY_KINDS),
    )
