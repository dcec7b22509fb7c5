from datetime import UTC, date, datetime

import pytest

from speciosa.core.days import day_window, local_day, portable_zone, portable_zones, totals_by_day, zone
from speciosa.core.errors import InvalidInput

NEW_YORK = zone("America/New_York")


def test_a_local_day_is_23_hours_on_the_spring_dst_change():
    start, end = day_window(date(2026, 3, 8), NEW_YORK)
    assert start == datetime(2026, 3, 8, 5, tzinfo=UTC)
    assert (end - start).total_seconds() == 23 * 3600


def test_a_local_day_is_25_hours_on_the_autumn_dst_change():
    start, end = day_window(date(2026, 11, 1), NEW_YORK)
    assert (end - start).total_seconds() == 25 * 3600


def test_a_late_evening_dose_counts_on_the_persons_own_day_not_the_utc_day():
    late_evening = datetime(2026, 3, 9, 3, 30, tzinfo=UTC)  # 23:30 on 8 March in New York
    assert local_day(late_evening, NEW_YORK) == date(2026, 3, 8)


def test_daily_totals_cover_every_day_including_empty_ones_across_dst():
    entries = [
        (datetime(2026, 3, 8, 6, tzinfo=UTC), 3.0),  # 01:00 EST on the change day
        (datetime(2026, 3, 9, 3, 59, tzinfo=UTC), 2.0),  # 23:59 EDT on the change day
        (datetime(2026, 3, 9, 4, 1, tzinfo=UTC), 4.0),  # 00:01 EDT on 9 March
    ]
    totals = totals_by_day(entries, date(2026, 3, 7), date(2026, 3, 9), NEW_YORK)
    assert totals == {date(2026, 3, 7): (0, 0.0), date(2026, 3, 8): (2, 5.0), date(2026, 3, 9): (1, 4.0)}


@pytest.mark.parametrize("name", ["localtime", "posixrules", "Factory", "posix/Europe/Berlin", "right/UTC"])
def test_a_zone_that_is_not_a_place_is_refused_naming_its_field(name):
    with pytest.raises(InvalidInput) as refused:
        portable_zone(name, field="profile.timezone")
    assert refused.value.errors[0].field == "profile.timezone"
    assert "not a place's time zone" in refused.value.errors[0].message or "unknown" in str(refused.value)
    assert name not in portable_zones()


def test_the_server_clock_is_refused_as_not_a_place_rather_than_as_unknown():
    with pytest.raises(InvalidInput, match="'localtime' is not a place's time zone"):
        portable_zone("localtime")


def test_every_iana_place_and_utc_is_portable():
    assert {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"} <= portable_zones()
    assert portable_zone("Europe/Berlin").key == "Europe/Berlin"
