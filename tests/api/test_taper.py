"""/api/v1/taper: what a plan starts from, a preview that stores nothing, a plan read with where it
stands today, acting on it (pause, resume, hold, slow, bad day, end), a sharp rise in the withdrawal
score pausing it until the person resumes, refusals naming the field, and nobody else's plan."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from speciosa.journal import services
from tests.api.conftest import call, errors_of

PLAN = {"start_grams": 15, "doses_per_day": 3}


def sows(total: int) -> list[int]:
    """16 SOWS answers adding up to `total`."""
    answers = [0] * 16
    for i in range(total):
        answers[i % 16] += 1
    return answers


def test_the_defaults_start_from_the_recent_daily_amount_and_usual_doses(alice, alice_client, frozen_now):
    for back in range(1, 11):
        for hour in (8, 14, 20):
            services.dose_create(
                user=alice, amount=4, taken_at=frozen_now - timedelta(days=back, hours=hour), now=frozen_now
            )
    body = call(alice_client, "get", "/taper/defaults").json()
    assert body["recent_grams"] == 12 and body["recent_days"] == 14 and body["doses_per_day"] == 3
    assert body["long_term"] is False and body["start_on"] == "2026-03-07"
    assert [p["id"] for p in body["paces"]] == ["standard", "gentle"]
    assert all(p["sources"] for p in body["paces"]) and 0.25 in body["grams_steps"]


def test_a_preview_answers_the_schedule_and_stores_nothing(alice_client, frozen_now):
    response = call(alice_client, "post", "/taper/preview", PLAN)
    assert response.status_code == 200, response.content
    body = response.json()
    steps = body["steps"]
    assert steps[0] == {
        "number": 1,
        "grams": 13.5,
        "amount": "13.5 g",
        "doses": [4.5, 4.5, 4.5],
        "hold_days": 7,
        "cut_percent": 10.0,
        "over_monthly_cap": False,
        "start": "2026-03-07",
        "end": "2026-03-13",
        "status": "ahead",
    }
    assert steps[-1]["grams"] == 0 and steps[1]["start"] == "2026-03-14"
    assert body["total_days"] == 7 * len(steps) and body["finish_on"] == steps[-1]["end"]
    assert all(a["grams"] > b["grams"] for a, b in zip(steps, steps[1:], strict=False))
    assert call(alice_client, "get", "/taper").json() == []


def test_a_plan_is_stored_and_read_with_where_it_stands_today(alice_client, frozen_now):
    response = call(alice_client, "post", "/taper", PLAN)
    assert response.status_code == 201, response.content
    plan = response.json()
    assert plan["state"] == "running" and plan["state_words"] == "under way"
    assert plan["target_today"] == 13.5 and plan["target_today_amount"] == "13.5 g"
    assert plan["current_step"] == 1 and plan["day_in_step"] == 1 and plan["days_left_in_step"] == 6
    assert plan["steps"][0]["status"] == "current" and plan["steps"][1]["status"] == "ahead"
    assert plan["logged_today"] == 0 and plan["over_today"] is False and plan["latest_sows"] is None
    with time_machine.travel(frozen_now + timedelta(days=8), tick=False):
        later = call(alice_client, "get", f"/taper/{plan['uid']}").json()
        current = call(alice_client, "get", "/taper/current").json()
    assert later["current_step"] == 2 and later["target_today"] == 12.25
    assert later["steps"][0]["status"] == "done" and later["steps"][1]["status"] == "current"
    assert len(later["days"]) == 9 and current["uid"] == plan["uid"]
    assert [p["uid"] for p in call(alice_client, "get", "/taper").json()] == [plan["uid"]]
    assert plan["time_course"].startswith("Withdrawal may start") and "Low certainty" in plan["certainty"]
    assert "988" in plan["crisis"]


def test_going_over_todays_target_is_said_plainly(alice, alice_client, frozen_now):
    uid = call(alice_client, "post", "/taper", {"start_grams": 4}).json()["uid"]
    services.dose_create(user=alice, amount=5, taken_at=frozen_now - timedelta(minutes=5), now=frozen_now)
    plan = call(alice_client, "get", f"/taper/{uid}").json()
    assert plan["logged_today"] == 5 and plan["target_today"] == 3.5 and plan["over_today"] is True


def test_a_sharp_rise_in_the_withdrawal_score_pauses_the_plan_until_it_is_resumed(alice_client, frozen_now):
    uid = call(alice_client, "post", "/taper", PLAN).json()["uid"]
    assert (
        call(alice_client, "post", "/selfchecks", {"instrument": "sows", "answers": sows(5)}).status_code
        == 201
    )
    with time_machine.travel(frozen_now + timedelta(days=3), tick=False):
        call(alice_client, "post", "/selfchecks", {"instrument": "sows", "answers": sows(20)})
        paused = call(alice_client, "get", "/taper/current").json()
        assert paused["state"] == "paused" and paused["auto_paused"] is True
        assert "withdrawal score rose from 5 to 20 (SOWS) on 10 Mar" in paused["pause_reason"]
        assert paused["paused_since"] == "2026-03-10" and paused["latest_sows"]["total"] == 20
        resumed = call(alice_client, "post", f"/taper/{uid}/actions", {"action": "resume"})
    assert resumed.status_code == 200, resumed.content
    body = resumed.json()
    assert body["state"] == "running" and body["message"].startswith("Resumed")
    with time_machine.travel(frozen_now + timedelta(days=4), tick=False):
        call(alice_client, "post", "/selfchecks", {"instrument": "sows", "answers": sows(22)})
        assert call(alice_client, "get", f"/taper/{uid}").json()["state"] == "running"


def test_the_person_pauses_holds_slows_marks_a_bad_day_and_ends_the_plan(alice_client, frozen_now):
    uid = call(alice_client, "post", "/taper", PLAN).json()["uid"]

    def act(body):
        return call(alice_client, "post", f"/taper/{uid}/actions", body)

    held = act({"action": "hold", "days": 3}).json()
    assert held["steps"][0]["hold_days"] == 10 and held["events"][0]["kind"] == "hold"
    slowed = act({"action": "slow"}).json()
    assert slowed["steps"][1]["cut_percent"] < 10
    paused = act({"action": "pause", "note": "visiting family"}).json()
    assert paused["state"] == "paused" and "visiting family" in paused["pause_reason"]
    assert "cannot pause a plan that is paused" in errors_of(act({"action": "pause"}))["action"]
    assert act({"action": "resume"}).json()["state"] == "running"
    bad = act({"action": "bad_day", "note": "rough night"}).json()
    assert bad["state"] == "paused" and "a bad day: rough night" in bad["pause_reason"]
    ended = act({"action": "end"}).json()
    assert ended["state"] == "ended" and ended["target_today"] is None
    assert call(alice_client, "get", "/taper/current").status_code == 404


def test_bad_choices_are_refused_naming_each_field(alice_client, frozen_now):
    response = call(
        alice_client,
        "post",
        "/taper",
        {
            "start_grams": 0,
            "pace": "fast",
            "measure_grams": 0.3,
            "doses_per_day": 20,
            "start_on": "2026-03-01",
        },
    )
    assert response.status_code == 400
    assert {"start_grams", "pace", "measure_grams", "doses_per_day", "start_on"} <= set(errors_of(response))
    nothing_logged = errors_of(call(alice_client, "post", "/taper/preview", {}))
    assert "no kratom is logged in the last 14 days" in nothing_logged["start_grams"]
    boolean = errors_of(call(alice_client, "post", "/taper", {"start_grams": True}))
    assert "start_grams" in boolean
    below = errors_of(call(alice_client, "post", "/taper", {"start_grams": 5, "target_grams": 6}))
    assert "below the starting amount" in below["target_grams"]
    uid = call(alice_client, "post", "/taper", PLAN).json()["uid"]
    assert (
        "end it before planning another" in errors_of(call(alice_client, "post", "/taper", PLAN))["start_on"]
    )
    assert "action" in errors_of(call(alice_client, "post", f"/taper/{uid}/actions", {"action": "skip"}))
    too_long = call(alice_client, "post", f"/taper/{uid}/actions", {"action": "hold", "days": 40})
    assert "days" in errors_of(too_long)


def test_a_tiny_measure_with_a_negative_start_is_refused_not_divided(alice_client, frozen_now):
    for path in ("/taper", "/taper/preview"):
        response = call(alice_client, "post", path, {"start_grams": -1, "measure_grams": 5e-324})
        assert response.status_code == 400
        assert {"start_grams", "measure_grams"} <= set(errors_of(response))


def test_a_start_above_the_recent_amount_is_refused(alice, alice_client, frozen_now):
    for back in range(1, 8):
        services.dose_create(user=alice, amount=6, taken_at=frozen_now - timedelta(days=back), now=frozen_now)
    refused = errors_of(call(alice_client, "post", "/taper/preview", {"start_grams": 9}))
    assert "never above it" in refused["start_grams"]


def test_another_persons_plan_is_not_found_and_deleting_keeps_the_journal(
    alice, alice_client, bob_client, frozen_now
):
    uid = call(alice_client, "post", "/taper", PLAN).json()["uid"]
    services.dose_create(user=alice, amount=3, now=frozen_now)
    assert call(bob_client, "get", f"/taper/{uid}").status_code == 404
    assert call(bob_client, "post", f"/taper/{uid}/actions", {"action": "end"}).status_code == 404
    assert call(bob_client, "delete", f"/taper/{uid}").status_code == 404
    assert call(bob_client, "get", "/taper").json() == []
    assert call(bob_client, "get", "/taper/current").status_code == 404
    deleted = call(alice_client, "delete", f"/taper/{uid}")
    assert deleted.status_code == 200 and deleted.json()["uid"] == uid
    assert call(alice_client, "get", f"/taper/{uid}").status_code == 404
    assert len(call(alice_client, "get", "/doses").json()) == 1
