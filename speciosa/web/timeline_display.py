"""Today's dose timeline as the page draws it: each dose of the last 24 hours with its expected onset,
peak and end bands (from `speciosa.core.safety.timeline`, which reads the sources' time courses) placed
on one shared time axis, so a CSS bar can draw them and the text beside it can say the same in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from speciosa.core import journal_format as fmt
from speciosa.core.safety.timeline import (
    STAYS_IN_BLOOD,
    STAYS_IN_BLOOD_SOURCES,
    TIMELINE_SPAN,
    Band,
    TimelineDose,
    dose_timeline,
)
from speciosa.journal import models as m
from speciosa.journal import selectors
from speciosa.journal.records import to_record

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Span:
    """A stretch of the axis in percent of its width (for `left` and `width`)."""

    left: float
    width: float


@dataclass(frozen=True)
class TimelineRow:
    dose: m.Dose
    timeline: TimelineDose
    taken: float  # percent of the axis where the dose was taken
    onset: Span
    peak: Span
    ends: Span
    active: Span  # from the dose to the latest end any source gives


@dataclass(frozen=True)
class Timeline:
    rows: list[TimelineRow]
    start: datetime
    end: datetime
    now: datetime
    now_at: float  # percent of the axis
    sources: tuple[str, ...]
    stays_in_blood: str = STAYS_IN_BLOOD
    stays_in_blood_sources: tuple[str, ...] = STAYS_IN_BLOOD_SOURCES

    @property
    def any_active(self) -> bool:
        return any(row.timeline.active_now for row in self.rows)

    @property
    def last_peak_at(self) -> datetime | None:
        """When the newest dose is expected to peak (median published Tmax), while that is still ahead."""
        peak = self.rows[-1].timeline.expected_peak_at if self.rows else None
        return peak if peak is not None and peak > self.now else None


def floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def ceil_hour(moment: datetime) -> datetime:
    floored = floor_hour(moment)
    return floored if floored == moment else floored + HOUR


def _percent(moment: datetime, start: datetime, length: float) -> float:
    return round(max(0.0, min(100.0, (moment - start).total_seconds() / length * 100)), 2)


def _span(band: Band, start: datetime, length: float) -> Span:
    left = _percent(band.start, start, length)
    right = _percent(band.end, start, length)
    return Span(left, max(round(right - left, 2), 0.6))  # a point band still shows as a sliver


def today_timeline(*, user: Any, now: datetime) -> Timeline | None:
    """The doses of the 24 hours before `now` on one axis (None when there are none)."""
    doses = list(
        selectors.entry_list(user=user, kind="doses", start=now - TIMELINE_SPAN).filter(taken_at__lte=now)
    )
    if not doses:
        return None
    products: dict[UUID, fmt.ProductRecord] = {}
    for dose in doses:
        if dose.product is not None and dose.product.uid not in products:
            record = to_record(dose.product)
            assert isinstance(record, fmt.ProductRecord)
            products[dose.product.uid] = record
    by_uid = {dose.uid: dose for dose in doses}
    records = [to_record(dose) for dose in doses]
    placed = dose_timeline([r for r in records if isinstance(r, fmt.DoseRecord)], products, now)
    if not placed:
        return None
    start = floor_hour(min(t.dose.taken_at for t in placed))
    end = ceil_hour(max(now, *(t.ends.end for t in placed)))
    length = (end - start).total_seconds()
    rows = [
        TimelineRow(
            dose=by_uid[t.dose.uid],
            timeline=t,
            taken=_percent(t.dose.taken_at, start, length),
            onset=_span(t.onset, start, length),
            peak=_span(t.peak, start, length),
            ends=_span(t.ends, start, length),
            active=_span(Band(t.dose.taken_at, t.ends.end), start, length),
        )
        for t in placed
    ]
    used = tuple(dict.fromkeys(s for t in placed for s in t.sources))
    return Timeline(rows, start, end, now, _percent(now, start, length), used)
