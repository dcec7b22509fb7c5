"""`speciosa taper`: a dry run prints the schedule and stores nothing, a plan's status shows the
plan's target today against what is logged and each step done, now or ahead, the person pauses,
resumes, holds, slows, marks a bad day and ends it, refusals name the option, and another account's
plan is not found."""

from __future__ import annotations

import json
from datetime import timedelta

import time_machine

from speciosa.journal import selfchecks, services


def test_a_dry_run_prints_the_schedule_and_stores_nothing(alice, speciosa, frozen_now):
    result = speciosa("taper", "plan", "--dry-run", "--start-grams", "15", "--doses-per-day", "3")
    assert result.exit_code == 0, result.stderr
    assert "Your plan, not stored" in result.stdout
    assert "13.5 g" in result.stdout and "4.5 + 4.5 + 4.5 g" in result.stdout and "7–13 Mar" in result.stdout
    assert "From 15 g a day to stopping: 28 steps, 196 days" in result.stdout
    assert "Nothing is stored (--dry-run)" in result.stdout
    assert "No taper plans yet." in speciosa("taper", "list").stdout


def test_a_dry_run_as_json_gives_every_step(alice, speciosa, frozen_now):
    result = speciosa(
        "taper", "plan", "--dry-run", "--start-grams", "4", "--pace", "gentle", "--format", "json"
    )
    body = json.loads(result.stdout)
    assert body["pace"] == "gentle" and body["steps"][0]["grams"] == 3.75 and body["steps"][-1]["grams"] == 0
    assert body["finish_on"] == body["steps"][-1]["to"]


def test_status_shows_todays_target_against_what_is_logged_and_the_steps(alice, speciosa, frozen_now):
    planned = speciosa("taper", "plan", "--start-grams", "15", "--doses-per-day", "3")
    assert planned.exit_code == 0, planned.stderr
    assert "Planned. Your taper plan: under way" in planned.stdout
    services.dose_create(user=alice, amount=5, now=frozen_now)
    with time_machine.travel(frozen_now + timedelta(days=8), tick=False):
        services.dose_create(user=alice, amount=14, now=frozen_now + timedelta(days=8))
        status = speciosa("taper", "status").stdout
    assert (
        "Your plan's target today: 12.25 g (4.25 + 4 + 4 g). Logged today: 14 g, above the target." in status
    )
    assert "Step 2 of 28, day 2 of 7: 5 more days at this step." in status
    assert "done" in status and "now" in status and "ahead" in status
    assert "Withdrawal may start within about a day" in status and "Thoughts of suicide?" in status


def test_a_sharp_rise_in_the_sows_pauses_the_plan_and_resume_goes_on(alice, speciosa, frozen_now):
    speciosa("taper", "plan", "--start-grams", "10")
    selfchecks.selfcheck_create(user=alice, instrument="sows", answers=[0] * 16, now=frozen_now)
    with time_machine.travel(frozen_now + timedelta(days=2), tick=False):
        rose = speciosa("check", "sows", "--answers", ",".join(["1"] * 16))
        assert "Withdrawal score (SOWS): 16 of 64." in rose.stdout
        assert "Your taper plan is paused. Your withdrawal score rose from 0 to 16" in rose.stdout
        status = speciosa("taper", "status").stdout
        assert "Your taper plan: paused" in status and "Paused since 9 Mar." in status
        resumed = speciosa("taper", "resume")
        assert resumed.exit_code == 0 and "Resumed." in resumed.stderr
        assert "Your taper plan: under way" in resumed.stdout


def test_the_person_acts_on_the_plan_and_a_refused_action_is_named(alice, speciosa, frozen_now):
    speciosa("taper", "plan", "--start-grams", "10")
    paused = speciosa("taper", "pause", "--note", "visiting family")
    assert "Paused since 7 Mar. You paused the plan: visiting family." in paused.stdout
    again = speciosa("taper", "pause")
    assert again.exit_code == 1 and "plan: cannot pause a plan that is paused" in again.stderr
    assert speciosa("taper", "resume").exit_code == 0
    held = speciosa("taper", "hold", "--days", "3", "--format", "json")
    assert json.loads(held.stdout)["steps"][0]["days"] == 10
    assert "Slowed" in speciosa("taper", "slow").stderr
    bad = speciosa("taper", "bad-day", "--note", "rough night")
    assert "a bad day: rough night" in bad.stdout
    ended = speciosa("taper", "end")
    assert "Ended the plan" in ended.stderr and "Your taper plan: ended" in ended.stdout
    none = speciosa("taper", "pause")
    assert none.exit_code == 1 and "no taper plan under way" in none.stderr


def test_bad_choices_are_refused_naming_each_option(alice, speciosa, frozen_now):
    result = speciosa(
        "taper",
        "plan",
        "--start-grams",
        "0",
        "--pace",
        "fast",
        "--measure-grams",
        "0.3",
        "--start-on",
        "2026-03-01",
    )
    assert result.exit_code == 1
    for option in ("--start-grams", "--pace", "--measure-grams", "--start-on"):
        assert f"{option}: " in result.stderr
    nothing = speciosa("taper", "plan", "--dry-run")
    assert "--start-grams: is needed: no kratom is logged in the last 14 days" in nothing.stderr


def test_a_plan_is_deleted_by_its_uid_and_another_account_cannot(alice, bob, speciosa, frozen_now):
    planned = speciosa("taper", "plan", "--start-grams", "8", "--user", "alice", "--format", "json")
    uid = json.loads(planned.stdout)["uid"]
    assert speciosa("taper", "status", "--user", "bob").exit_code == 1
    refused = speciosa("taper", "delete", uid, "--user", "bob")
    assert refused.exit_code == 1 and "no such taper plan" in refused.stderr
    assert uid[:8] in speciosa("taper", "list", "--user", "alice").stdout
    deleted = speciosa("taper", "delete", uid, "--user", "alice")
    assert deleted.exit_code == 0 and "Deleted the taper plan from 7 Mar 2026" in deleted.stderr
    assert "No taper plans yet." in speciosa("taper", "list", "--user", "alice").stdout
