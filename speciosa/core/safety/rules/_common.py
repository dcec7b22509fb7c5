"""Helpers the rule modules share: the evidence grade of a finding, how amounts, days and moments are
written, and the few ways of picking entries out of a JournalView that several rules use.

Nothing here is a rule; a helper moves here once a second rule module needs it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from speciosa.core import journal_format as fmt
from speciosa.core.days import day_range, day_start, local_day
from speciosa.core.safety.findings import EntryRef
from speciosa.core.safety.view import JournalView
from speciosa.refdata.loader import DESIGN as DESIGN  # the rules import it from here
from speciosa.refdata.loader import weakest_grade

#: A source id that marks our own design choices: it says who chose, not how strong the evidence is.


# --- evidence ---------------------------------------------------------------------------------------


def evidence_grade(source_ids: Iterable[str]) -> str:
    """The grade of the weakest source a finding leans on (speciosa.refdata.loader.weakest_grade)."""
    return weakest_grade(source_ids)


def unique(ids: Iterable[str]) -> tuple[str, ...]:
    """Source ids in first-seen order, each once."""
    return tuple(dict.fromkeys(ids))


# --- words ------------------------------------------------------------------------------------------


def amount(value: float, unit: str = "g") -> str:
    """An amount as people read it: "5 g", "2.5 g", "0.25 µg/g", "2%" (no trailing zeros)."""
    digits = f"{value:.2f}" if abs(value) < 1 else f"{value:.1f}"
    text = digits.rstrip("0").rstrip(".") if "." in digits else digits
    return f"{text}%" if unit == "%" else f"{text} {unit}".strip()


def day_words(day: date, *, year: bool = False) -> str:
    """A local day, e.g. "Sat 7 Mar", or with `year` "Sat 7 Mar 2026"."""
    text = f"{day:%a} {day.day} {day:%b}"
    return f"{text} {day.year}" if year else text


def moment_words(moment: datetime, tz: ZoneInfo) -> str:
    """A moment in the person's own time, e.g. "Sat 7 Mar at 10:00"."""
    local = moment.astimezone(tz)
    return f"{day_words(local.date())} at {local:%H:%M}"


def first_sentence(text: str) -> str:
    """The first sentence of a reference-data text, ending in one full stop ("0.04%" stays whole)."""
    head = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return head if head.endswith(".") else head + "."


def product_label(product: fmt.ProductRecord) -> str:
    batch = f" (batch {product.batch})" if product.batch else ""
    return f"{product.name}{batch}"


# --- entries ----------------------------------------------------------------------------------------


def doses_by_local_day(view: JournalView, first: date, last: date) -> dict[date, list[fmt.DoseRecord]]:
    """The doses of each local day from `first` to `last` (an empty list for a day without doses).

    Reads only that window of the sorted doses, so its cost does not grow with the journal's length."""
    days: dict[date, list[fmt.DoseRecord]] = {day: [] for day in day_range(first, last)}
    end = day_start(last + timedelta(days=1), view.tz) - timedelta(microseconds=1)
    for dose in view.doses_between(day_start(first, view.tz), end):
        days[local_day(dose.taken_at, view.tz)].append(dose)
    return days


def total_grams(doses: Iterable[fmt.DoseRecord]) -> float:
    return sum(d.grams for d in doses)


def dose_refs(doses: Iterable[fmt.DoseRecord]) -> tuple[EntryRef, ...]:
    return tuple(EntryRef("doses", d.uid) for d in doses)


def newest(doses: Sequence[fmt.DoseRecord]) -> datetime | None:
    return max((d.taken_at for d in doses), default=None)


def checkins_since(checkins: Sequence[fmt.CheckInRecord], start: datetime) -> Sequence[fmt.CheckInRecord]:
    """The check-ins (sorted by time) at or after `start`."""
    return checkins[bisect_left(checkins, start, key=lambda checkin: checkin.at) :]
