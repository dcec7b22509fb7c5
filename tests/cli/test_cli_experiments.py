"""`speciosa experiment`: plan, list, show with the result locked, end early; a refused plan names the option."""

from __future__ import annotations

import json
from datetime import timedelta

import time_machine

from speciosa.journal import services


def plan_walk_or_rest(speciosa, *options):
    """`speciosa experiment plan` of walking against rest from 7 March 2026, as JSON."""
    return speciosa(
        "experiment",
        "plan",
        "Walk or rest?",
        "--a-kind",
        "therapy",
        "--a",
        "Walking",
        "--b",
        "Rest",
        "--start",
        "2026-03-07",
        *options,
        "--format",
        "json",
    )


def test_an_experiment_is_planned_listed_and_shown_with_its_result_locked(alice, speciosa, frozen_now):
    planned = plan_walk_or_rest(speciosa)
    assert planned.exit_code == 0, planned.stderr
    body = json.loads(planned.stdout)
    assert body["state"] == "running" and body["results_locked"] and len(body["blocks"]) == 8
    assert body["today"].startswith(body["order"][0] + ": ")
    listed = speciosa("experiment", "list")
    assert "Walk or rest?" in listed.stdout and "running" in listed.stdout
    shown = speciosa("experiment", "show", body["uid"])
    assert "locked until 2026-05-01" in shown.stdout


def test_a_kratom_plan_above_the_usual_amount_is_refused_naming_the_option(alice, speciosa, frozen_now):
    for back in range(1, 8):
        services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(days=back), now=frozen_now)
    result = speciosa(
        "experiment",
        "plan",
        "More or less?",
        "--a",
        "Red Bali",
        "--a-grams",
        "4",
        "--b",
        "None",
        "--start",
        "2026-03-07",
    )
    assert result.exit_code == 1
    assert "--a-grams" in result.stderr and "recent usual amount" in result.stderr


def test_ending_early_shows_the_result_marked_as_ended_early(alice, speciosa, frozen_now):
    planned = plan_walk_or_rest(speciosa)
    uid = json.loads(planned.stdout)["uid"]
    ended = speciosa("experiment", "end", uid, "--format", "json")
    assert json.loads(ended.stdout)["state"] == "ended early"


def test_an_experiment_is_deleted_by_its_uid_and_another_account_cannot(alice, bob, speciosa, frozen_now):
    planned = plan_walk_or_rest(speciosa, "--user", "alice")
    uid = json.loads(planned.stdout)["uid"]
    refused = speciosa("experiment", "delete", uid, "--user", "bob")
    assert refused.exit_code == 1 and "no such experiment" in refused.stderr
    deleted = speciosa("experiment", "delete", uid, "--user", "alice")
    assert deleted.exit_code == 0 and "Deleted the experiment “Walk or rest?”" in deleted.stderr
    listed = speciosa("experiment", "list", "--user", "alice")
    assert "No experiments yet." in listed.stdout + listed.stderr


def test_show_says_how_closely_the_days_kept_to_the_plan_with_a_column_per_block(alice, speciosa, frozen_now):
    planned = plan_walk_or_rest(speciosa)
    uid = json.loads(planned.stdout)["uid"]
    for offset in (3, 4, 5):
        at = frozen_now + timedelta(days=offset)
        services.entry_create(user=alice, kind="checkins", values={"at": at, "pain_now": 4}, now=at)
    at = frozen_now + timedelta(days=6)
    services.dose_create(user=alice, amount=2, taken_at=at, now=at)
    with time_machine.travel(frozen_now + timedelta(days=7), tick=False):
        shown = speciosa("experiment", "show", uid)
        document = json.loads(speciosa("experiment", "show", uid, "--format", "json").stdout)
    assert "Counted days kept" in shown.stdout and "3 of 4" in shown.stdout
    assert "Kept to the plan on 3 of 4 counted days so far (by the doses logged)." in shown.stdout
    assert document["blocks"][0]["kept"] == "3 of 4" and document["blocks"][1]["kept"] == "—"
    assert document["kept_summary"].startswith("Kept to the plan on 3 of 4 counted days so far")
