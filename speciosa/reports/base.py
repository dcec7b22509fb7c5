"""What every exporter is: an id, a label, a media type and a render function that yields the file's
bytes in pieces (large exports stream: ten years are never built in memory at once), over a Period of
local days. The list of exporters is speciosa.reports.registry."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from speciosa.core.days import local_day
from speciosa.core.errors import FieldError, InvalidInput
from speciosa.core.journal_format import FIRST_YEAR, LAST_YEAR
from speciosa.journal.selectors import user_zone

#: The period a report covers when none is given: the last 90 days, today included.
DEFAULT_DAYS = 90
#: The longest period a report may cover (a journal's whole history fits).
MAX_DAYS = 366 * 30


@dataclass(frozen=True)
class Period:
    """Local days, both ends included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


class Render(Protocol):
    def __call__(self, *, user: Any, period: Period, now: datetime) -> Iterator[bytes]: ...


@dataclass(frozen=True)
class Exporter:
    id: str  # e.g. "clinician-pdf", "fhir", "csv-doses", "calendar"
    label: str  # what the Reports page calls it
    description: str  # one sentence: what is in it and who it is for
    media_type: str  # e.g. "application/pdf"
    extension: str  # e.g. "pdf"
    render: Render

    def filename(self, period: Period) -> str:
        return f"speciosa-{self.id}-{period.start.isoformat()}-to-{period.end.isoformat()}.{self.extension}"


def period_of(*, user: Any, start: date | None, end: date | None, now: datetime) -> Period:
    """The period asked for; a missing end is today and a missing start DEFAULT_DAYS before the end.
    Refused, naming the field: a day outside the years a journal holds, an end before the start, or a
    period longer than MAX_DAYS."""
    today = local_day(now, user_zone(user=user))
    end = end or today
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    for name, day in (("from", start), ("to", end)):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise InvalidInput([FieldError(name, f"must be between the years {FIRST_YEAR} and {LAST_YEAR}")])
    if end < start:
        raise InvalidInput([FieldError("to", f"must not be before the start ({start.isoformat()})")])
    if (end - start).days + 1 > MAX_DAYS:
        raise InvalidInput([FieldError("from", f"a report covers at most {MAX_DAYS} days")])
    return Period(start, end)
