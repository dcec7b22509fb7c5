"""A person's local days, as UTC windows, correct across daylight-saving changes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from speciosa.core.errors import InvalidInput


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"unknown time zone {name!r}", field="timezone") from None


#: Entries of a zoneinfo directory that are not places, so mean something else on each computer: the
#: server's own clock (`localtime`), the file the tz code reads its rules from (`posixrules`), the
#: "time zone not yet set" placeholder (`Factory`); `posix/…` and `right/…` are copies of every zone
#: kept for other leap-second rules.
NOT_PLACES = frozenset({"localtime", "posixrules", "Factory"})
NOT_PLACES_PREFIXES = ("posix/", "right/")


@cache
def portable_zones() -> frozenset[str]:
    """The IANA time zone names a person may choose: every zone this computer knows, less NOT_PLACES."""
    return frozenset(
        name
        for name in available_timezones()
        if name not in NOT_PLACES and not name.startswith(NOT_PLACES_PREFIXES)
    )


def portable_zone(name: str, *, field: str = "timezone") -> ZoneInfo:
    """The zone a person's days are counted in: an IANA name that means the same place on every
    computer (`localtime` would follow the server's clock), or InvalidInput naming `field`."""
    if name in portable_zones():
        return ZoneInfo(name)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(f"unknown time zone {name!r}", field=field) from None
    raise InvalidInput(
        f"{name!r} is not a place's time zone: it would follow the server's settings, not yours; "
        "choose an IANA name such as Europe/Berlin or UTC",
        field=field,
    )


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
