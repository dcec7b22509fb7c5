"""The windows of the journal the safety rules read: one definition for every path.

The stored journal (speciosa.journal.window.journal_window) and an exported file assessed as it is
(`speciosa assess --file`, through JournalView) read the same entries, so a finding cannot be raised
in one path and not in the other.

- Timed entries (doses, check-ins, substances, therapies): the last `WINDOW_DAYS` days up to `now`.
  The longest look-back of a rule is dose creep, which compares two 28-day windows (56 days);
  90 days leaves room for it and for the frequency rules, and keeps the cost of an assessment
  independent of years of history.
- Lab results: those taken in the last `LAB_WINDOW_DAYS` local days, today included (and none dated
  after today). Our choice; no guideline sets it: a liver test describes the liver on the day the
  blood was drawn, and a result more than a year old says little about the liver now. An older
  result raises nothing; a new test would.
- Products and medications are read whatever their age: they are standing facts (what a product
  contains, what the person takes), and a medication's own dates say when it applies.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from speciosa.core.days import local_day

#: Days of timed entries (doses, check-ins, substances, therapies) the rules read, up to `now`.
WINDOW_DAYS = 90
#: Local days of lab results the rules read, today included.
LAB_WINDOW_DAYS = 365

#: The kinds of entry read through the timed window, and the field holding their time.
TIMED_KINDS: dict[str, str] = {
    "doses": "taken_at",
    "checkins": "at",
    "substances": "at",
    "therapies": "at",
    "selfchecks": "at",
}


def window_start(now: datetime, days: int = WINDOW_DAYS) -> datetime:
    """The first instant of the timed window ending at `now` (the window is [start, now])."""
    return now - timedelta(days=days)


def lab_window(now: datetime, tz: ZoneInfo) -> tuple[date, date]:
    """The first and last local day of the lab window at `now`: a lab taken on either is read."""
    today = local_day(now, tz)
    return today - timedelta(days=LAB_WINDOW_DAYS), today


def in_window(moment: datetime, now: datetime) -> bool:
    return window_start(now) <= moment <= now


def in_lab_window(taken_on: date, now: datetime, tz: ZoneInfo) -> bool:
    first, last = lab_window(now, tz)
    return first <= taken_on <= last
