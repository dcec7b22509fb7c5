"""A person's local days, as UTC windows, correct across daylight-saving changes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from speciosa.core.errors import InvalidInput


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"unknown time zone {name!r}", field="timezone") from None


def day_start(day: date, tz: ZoneInfo) -> datetime:
    """The UTC instant at which a local day begins (local midnight, DST-aware)."""
    return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)


def day_window(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of one local day in UTC; 23 or 25 hours long on DST change days."""
    return day_start(day, tz), day_start(day + timedelta(days=1), tz)


def days_window(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start of first, end of last) in UTC."""
    return day_start(first, tz), day_start(last + timedelta(days=1), tz)


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()


def day_range(first: date, last: date) -> Iterator[date]:
    current = first
    while current <= last:
        yield current
        current += timedelta(days=1)


def totals_by_day(
    entries: Iterable[tuple[datetime, float]], first: date, last: date, tz: ZoneInfo
) -> dict[date, tuple[int, float]]:
    """(count, sum) per local day for every day from first to last, zero where nothing was logged."""
    totals = {day: (0, 0.0) for day in day_range(first, last)}
    for moment, value in entries:
        day = local_day(moment, tz)
        if day in totals:
            count, total = totals[day]
            totals[day] = (count + 1, total + value)
    return totals
