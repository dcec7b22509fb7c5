"""Today, history and trends through /api/v1, in the person's own time zone (alice: New York)."""

import json
from datetime import UTC, datetime, timedelta

from django.urls import reverse

from speciosa.journal import services
from tests.api.conftest import call, errors_of
from tests.cli.conftest import speciosa as speciosa  # the fixture: runs a CLI command


def at(*args):
    return datetime(*args, tzinfo=UTC)


def test_today_has_todays_doses_with_times_the_24_hour_total_and_the_last_check_in(
    alice, alice_client, frozen_now
):
    # frozen_now is 10:00 on 7 March in New York.
    services.dose_create(user=alice, amount=4, taken_at=at(2026, 3, 6, 16))  # 11:00 yesterday, 23 h ago
    services.dose_create(user=alice, amount=2, taken_at=at(2026, 3, 7, 13))  # 08:00 today
    services.entry_create(user=alice, kind="checkins", values={"at": at(2026, 3, 7, 12), "pain_now": 5})
    today = call(alice_client, "get", "/today").json()
    assert (today["day"], today["timezone"]) == ("2026-03-07", "America/New_York")
    assert [(d["taken_at"], d["grams"]) for d in today["doses"]] == [("2026-03-07T13:00:00Z", 2)]
    assert (today["grams_today"], today["grams_last_24h"], today["doses_last_24h"]) == (2, 6, 2)
    assert today["last_dose"]["grams"] == 2
    assert today["last_checkin"]["pain_now"] == 5


def test_today_on_an_empty_journal_is_all_zeros(alice_client, frozen_now):
    today = call(alice_client, "get", "/today").json()
    assert today["doses"] == [] and today["grams_last_24h"] == 0
    assert today["last_dose"] is None and today["last_checkin"] is None


def test_history_groups_every_kind_of_entry_by_local_day(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=3, taken_at=at(2026, 3, 7, 4, 30))  # 23:30 on 6 March in New York
    services.entry_create(
        user=alice, kind="therapies", values={"at": at(2026, 3, 7, 14), "kind": "exercise", "minutes": 20}
    )
    services.entry_create(
        user=alice, kind="labs", values={"taken_on": "2026-03-05", "test": "ALT", "value": 30, "unit": "U/L"}
    )
    history = call(alice_client, "get", "/history").json()
    assert (history["first"], history["last"]) == ("2026-03-01", "2026-03-07")
    assert [(d["day"], d["grams"], [e["kind"] for e in d["entries"]]) for d in history["days"]] == [
        ("2026-03-07", 0, ["therapies"]),
        ("2026-03-06", 3, ["doses"]),
        ("2026-03-05", 0, ["labs"]),
    ]
    assert history["days"][0]["entries"][0]["entry"]["minutes"] == 20


def test_history_takes_a_span_and_a_search(alice, alice_client, frozen_now):
    services.dose_create(
        user=alice, amount=3, taken_at=frozen_now - timedelta(days=20), note="before the trip"
    )
    services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(days=19), note="at home")
    history = call(alice_client, "get", "/history?first=2026-02-01&last=2026-02-28&q=TRIP").json()
    assert [e["entry"]["note"] for d in history["days"] for e in d["entries"]] == ["before the trip"]


def test_history_refuses_a_backwards_or_overlong_span(alice_client, frozen_now):
    assert "first" in errors_of(call(alice_client, "get", "/history?first=2026-03-07&last=2026-03-01"))
    overlong = call(alice_client, "get", "/history?first=2024-01-01&last=2026-03-01")
    assert overlong.status_code == 400 and "366 days" in errors_of(overlong)["first"]
    assert "last" in errors_of(call(alice_client, "get", "/history?last=someday"))


def test_trends_give_one_row_per_day_for_30_90_or_365_days(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(days=1))
    services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(days=1, hours=1))
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "pain_now": 6, "peg_pain": 6, "peg_enjoyment": 5, "peg_activity": 7},
    )
    month = call(alice_client, "get", "/trends").json()
    assert month["days"] == 30 and len(month["series"]) == 30
    # The journal begins on 6 March, so the first 7-day means average the days there are.
    assert month["series"][-2] == {
        "day": "2026-03-06",
        "grams": 5,
        "doses": 2,
        "pain": None,
        "peg": None,
        "rolling_grams": 5,
        "grams_per_dose": 2.5,
    }
    assert month["series"][-1] == {
        "day": "2026-03-07",
        "grams": 0,
        "doses": 0,
        "pain": 6,
        "peg": 6,
        "rolling_grams": 2.5,
        "grams_per_dose": None,
    }
    assert len(call(alice_client, "get", "/trends?days=365").json()["series"]) == 365


def test_trends_refuse_other_windows(alice_client, frozen_now):
    response = call(alice_client, "get", "/trends?days=7")
    assert response.status_code == 400
    assert "30, 90 or 365" in errors_of(response)["days"]


def test_trends_take_custom_days_and_carry_the_lanes_and_sentences_the_page_shows(
    alice, alice_client, frozen_now
):
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(days=2))
    services.entry_create(
        user=alice,
        kind="medications",
        values={"name": "Oxycodone", "started_on": "2026-02-01", "stopped_on": "2026-03-06"},
    )
    found = call(alice_client, "get", "/trends?first=2026-03-01&last=2026-03-07").json()
    assert (found["first"], found["last"], found["days"], found["range"]) == (
        "2026-03-01",
        "2026-03-07",
        7,
        "custom",
    )
    oxycodone = next(lane for lane in found["lanes"] if lane["group"] == "medication")
    assert oxycodone["intervals"][0] == {
        "first": "2026-03-01",
        "last": "2026-03-06",
        "open_start": True,
        "open_end": False,
        "started_on": "2026-02-01",
        "stopped_on": "2026-03-06",
        "dose_days": 1,
    }
    page = alice_client.get(reverse("web:trends") + "?from=2026-03-01&to=2026-03-07").content.decode()
    assert found["summaries"]["lanes"] in page and found["summaries"]["grams"] in page


def test_trends_refuse_a_custom_span_that_ends_before_it_begins(alice_client, frozen_now):
    response = call(alice_client, "get", "/trends?first=2026-03-05&last=2026-03-01")
    assert response.status_code == 400
    assert "on or before" in errors_of(response)["first"]


def test_trends_carry_the_figures_the_trends_page_shows(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(days=1))
    services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(days=1, hours=1))
    services.dose_create(user=alice, amount=4, taken_at=frozen_now - timedelta(days=3))
    services.entry_create(user=alice, kind="checkins", values={"at": frozen_now, "pain_now": 5})
    summary = call(alice_client, "get", "/trends").json()["summary"]
    assert summary == {"total_grams": 9, "dose_days": 2, "mean_grams_on_dose_days": 4.5, "checkin_days": 1}
    page = alice_client.get(reverse("web:trends")).context["summary"]
    assert (page["total_grams"], page["dose_days"], page["mean_grams_on_dose_days"]) == ("9", 2, "4.5")


def test_today_carries_the_dose_timeline_that_the_cli_prints(alice, alice_client, speciosa, frozen_now):
    dose = services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=1))
    timeline = call(alice_client, "get", "/today").json()["timeline"]
    [placed] = timeline["doses"]
    assert placed["uid"] == str(dose.uid) and placed["active_now"] is True
    assert "stays in the blood for days" in timeline["stays_in_blood"]
    printed = json.loads(speciosa("today", "--format", "json").stdout)["timeline"]
    assert [d["uid"] for d in printed["doses"]] == [placed["uid"]]
    assert printed["doses"][0]["phase"] == placed["phase"] and printed["sources"] == timeline["sources"]
