"""The calendar's taper steps: each step of an active plan on its (projected) first day, as the plan's
own target in words, with a UID that follows the plan and the step; none once the plan is over."""

from __future__ import annotations

from datetime import date

from speciosa.journal.calendar_feeds import taper_step_days
from speciosa.journal.taper import taper_act
from speciosa.reports.calendar import TAPER_NOTE
from tests.reports.taper_journal import build_taper_journal
from tests.reports.test_calendar import calendar_of, events


def taper_events(user, now) -> dict[str, object]:
    return {uid: e for uid, e in events(calendar_of(user, now)).items() if uid.startswith("taper-")}


def test_each_step_of_an_active_plan_is_an_all_day_event_on_its_first_day(alice, frozen_now):
    plan = build_taper_journal(alice, frozen_now)

    found = taper_events(alice, frozen_now)
    first = found[f"taper-{plan.uid}-step-1@speciosa.local"]
    second = found[f"taper-{plan.uid}-step-2@speciosa.local"]

    assert len(found) == len(taper_step_days(user=alice, now=frozen_now)) == 26
    assert str(first["summary"]) == "Taper step 1: 10.75 g a day (3 doses)"
    assert first.decoded("dtstart") == date(2026, 2, 25)  # an all-day event: a date, not a time
    assert first.decoded("dtend") == date(2026, 2, 26)
    assert str(second["summary"]) == "Taper step 2: 9.75 g a day (3 doses)"
    assert second.decoded("dtstart") == date(2026, 3, 4)
    assert TAPER_NOTE in str(second["description"]) and "projected" in str(second["description"])


def test_a_paused_plan_moves_the_projected_days_and_keeps_the_uids(alice, frozen_now):
    plan = build_taper_journal(alice, frozen_now)
    before = taper_events(alice, frozen_now)
    taper_act(user=alice, uid=plan.uid, action="hold", days=7, now=frozen_now)

    after = taper_events(alice, frozen_now)

    third = f"taper-{plan.uid}-step-3@speciosa.local"
    assert set(after) == set(before)
    assert after[third].decoded("dtstart") > before[third].decoded("dtstart")


def test_an_ended_plan_leaves_the_calendar(alice, frozen_now):
    plan = build_taper_journal(alice, frozen_now)
    taper_act(user=alice, uid=plan.uid, action="end", now=frozen_now)

    assert taper_events(alice, frozen_now) == {}


def test_without_a_plan_there_are_no_taper_events(alice, frozen_now):
    assert taper_events(alice, frozen_now) == {}
