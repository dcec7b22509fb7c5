"""History: every entry by the person's local day, newest first, with totals, search, paging and a calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from speciosa.journal import services

NEW_YORK = ZoneInfo("America/New_York")  # alice's zone


def days_on(response) -> dict[date, list[tuple[str, str]]]:
    """{local day: [(kind, HH:MM in alice's zone), ...]} as the page lists them."""
    return {
        group["day"]: [(row.kind, row.moment.astimezone(NEW_YORK).strftime("%H:%M")) for row in group["rows"]]
        for group in response.context["days"]
    }


def history(client, **query):
    return client.get(reverse("web:history"), query)


def test_a_dose_at_3_utc_belongs_to_the_previous_local_day(alice, alice_client, frozen_now):
    services.dose_create(
        user=alice, amount=2, taken_at=datetime(2026, 3, 7, 3, 0, tzinfo=UTC)
    )  # 22:00 on the 6th
    services.dose_create(
        user=alice, amount=3, taken_at=datetime(2026, 3, 7, 14, 0, tzinfo=UTC)
    )  # 09:00 on the 7th
    response = history(alice_client)
    assert days_on(response) == {
        date(2026, 3, 7): [("doses", "09:00")],
        date(2026, 3, 6): [("doses", "22:00")],
    }
    assert list(days_on(response)) == [date(2026, 3, 7), date(2026, 3, 6)]  # newest day first
    assert ">22:00</time>" in response.text and "Friday 6 March 2026" in response.text


def test_days_follow_local_midnight_across_the_daylight_saving_change(alice, alice_client):
    # New York moves its clocks forward at 02:00 on Sunday 8 March 2026: that day is 23 hours long.
    moments = {
        datetime(2026, 3, 8, 4, 30, tzinfo=UTC): "23:30 on the 7th (EST)",
        datetime(2026, 3, 8, 5, 30, tzinfo=UTC): "00:30 on the 8th (EST)",
        datetime(2026, 3, 9, 3, 30, tzinfo=UTC): "23:30 on the 8th (EDT)",
        datetime(2026, 3, 9, 4, 30, tzinfo=UTC): "00:30 on the 9th (EDT)",
    }
    with time_machine.travel(datetime(2026, 3, 10, 12, 0, tzinfo=UTC), tick=False):
        for moment in moments:
            services.dose_create(user=alice, amount=1, taken_at=moment)
        response = history(alice_client)
    assert days_on(response) == {
        date(2026, 3, 9): [("doses", "00:30")],
        date(2026, 3, 8): [("doses", "23:30"), ("doses", "00:30")],
        date(2026, 3, 7): [("doses", "23:30")],
    }
    assert [g["grams"] for g in response.context["days"]] == [1, 2, 1]


def test_every_kind_of_timed_entry_is_listed_with_edit_and_delete(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=4, taken_at=frozen_now)
    checkin = services.entry_create(user=alice, kind="checkins", values={"at": frozen_now, "pain_now": 3})
    substance = services.entry_create(
        user=alice,
        kind="substances",
        values={"at": frozen_now, "kind": "alcohol", "substance": "Beer", "standard_drinks": 2},
    )
    therapy = services.entry_create(
        user=alice, kind="therapies", values={"at": frozen_now, "kind": "exercise", "minutes": 30}
    )
    lab = services.entry_create(
        user=alice,
        kind="labs",
        values={
            "taken_on": date(2026, 3, 7),
            "test": "ALT",
            "value": 30,
            "unit": "U/L",
            "reference_high": 56,
        },
    )
    page = history(alice_client).text
    for text in (
        "4 g",
        "Pain 3 · PEG –",
        "Beer: 2 standard drinks",
        "Exercise, 30 min",
        "ALT 30 U/L (reference –56)",
    ):
        assert text in page
    for stem, entry in [("dose", dose), ("checkin", checkin), ("substance", substance), ("therapy", therapy)]:
        for action in ("edit", "delete"):
            assert reverse(f"web:{stem}_{action}", kwargs={"uid": entry.uid}) + "?next=" in page
    assert reverse("web:lab_edit", kwargs={"uid": lab.uid}) in page


def test_each_day_shows_its_total(alice, alice_client, frozen_now):
    for amount in (2, 3.5):
        services.dose_create(user=alice, amount=amount, taken_at=frozen_now)
    assert "5.5 g in 2 doses" in history(alice_client).text


def test_history_shows_the_last_30_days_and_pages_to_earlier_ones(alice, alice_client, frozen_now):
    services.dose_create(
        user=alice, amount=2, taken_at=datetime(2026, 2, 1, 15, 0, tzinfo=UTC), note="old one"
    )
    response = history(alice_client)
    assert (response.context["start"], response.context["end"]) == (date(2026, 2, 6), date(2026, 3, 7))
    assert "old one" not in response.text
    earlier = alice_client.get(response.context["earlier_url"])
    assert (earlier.context["start"], earlier.context["end"]) == (date(2026, 1, 7), date(2026, 2, 5))
    assert "old one" in earlier.text
    assert earlier.context["later_url"]


def test_a_chosen_range_and_a_search_narrow_the_list(alice, alice_client, frozen_now):
    services.dose_create(
        user=alice, amount=2, taken_at=datetime(2026, 3, 2, 15, 0, tzinfo=UTC), note="before work"
    )
    services.dose_create(
        user=alice, amount=3, taken_at=datetime(2026, 3, 3, 15, 0, tzinfo=UTC), note="evening"
    )
    response = history(alice_client, start="2026-03-01", end="2026-03-05", q="work")
    assert list(days_on(response)) == [date(2026, 3, 2)]
    assert "matching “work”" in response.text


@pytest.mark.parametrize(
    "query", [{"start": "2026-03-05", "end": "2026-03-01"}, {"start": "2024-01-01", "end": "2026-03-01"}]
)
def test_an_impossible_range_is_explained_and_the_last_30_days_shown(alice, alice_client, frozen_now, query):
    response = history(alice_client, **query)
    assert response.context["form"].errors["start"]
    assert 'id="id_start_error"' in response.text
    assert response.context["end"] - response.context["start"] == date(2026, 3, 30) - date(2026, 3, 1)


def test_the_calendar_marks_days_with_doses_and_links_to_them(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=2, taken_at=datetime(2026, 3, 3, 15, 0, tzinfo=UTC))
    response = history(alice_client)
    page = response.text
    day_link = reverse("web:history") + "?start=2026-03-03&amp;end=2026-03-03"
    assert '<td class="dosed">' in page
    assert f'href="{day_link}" aria-label="Tuesday 3 March: 1 dose, 2 g"' in page
    assert 'aria-label="Wednesday 4 March: no doses"' in page
    assert '<h2 id="calendar-heading">March 2026</h2>' in page
    one_day = alice_client.get(reverse("web:history"), {"start": "2026-03-03", "end": "2026-03-03"})
    assert list(days_on(one_day)) == [date(2026, 3, 3)]
    assert "Tuesday 3 March 2026" in one_day.text


def test_history_marks_itself_current_in_the_navigation(alice, alice_client, frozen_now):
    response = history(alice_client)
    assert response.context["nav"] == "history"
    assert f'href="{reverse("web:history")}" aria-current="page"' in response.text
