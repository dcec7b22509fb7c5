"""/api/v1/experiments: plan (safety checks answer 400 naming the field), read with the result locked
until the planned end, end early, and another person's experiment is not found."""

from __future__ import annotations

from datetime import timedelta

import time_machine

from speciosa.journal import services
from tests.api.conftest import call, errors_of

PLAN = {
    "question": "Walking or resting on my back?",
    "a_kind": "therapy",
    "a_label": "Walking",
    "b_kind": "none",
    "b_label": "Rest",
    "start_on": "2026-03-07",
}


def test_planning_answers_the_schedule_with_todays_option_and_a_locked_result(alice_client, frozen_now):
    response = call(alice_client, "post", "/experiments", PLAN)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "running" and body["results_locked"] and body["result"] is None
    assert len(body["blocks"]) == 8 and body["today"]["day_number"] == 1 and body["today"]["washout"]
    listed = call(alice_client, "get", "/experiments").json()
    assert [e["uid"] for e in listed] == [body["uid"]]


def test_a_kratom_option_above_the_usual_amount_is_refused_naming_the_field(alice, alice_client, frozen_now):
    for back in range(1, 10):
        services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(days=back), now=frozen_now)
    plan = {**PLAN, "a_kind": "kratom", "a_label": "Red Bali", "a_grams": 5}
    response = call(alice_client, "post", "/experiments", plan)
    assert response.status_code == 400
    assert "more than your recent usual amount (2 g a day" in errors_of(response)["a_grams"]


def test_ending_early_unlocks_the_result_marked_partial(alice_client, frozen_now):
    uid = call(alice_client, "post", "/experiments", PLAN).json()["uid"]
    with time_machine.travel(frozen_now + timedelta(days=20), tick=False):
        ended = call(alice_client, "post", f"/experiments/{uid}/end").json()
    assert ended["state"] == "ended early" and not ended["results_locked"]
    assert ended["result"]["partial"] is True
    assert ended["result"]["verdict"].startswith("Not enough scored days yet")


def test_another_persons_experiment_is_not_found(alice_client, bob_client, frozen_now):
    uid = call(alice_client, "post", "/experiments", PLAN).json()["uid"]
    assert call(bob_client, "get", f"/experiments/{uid}").status_code == 404
    assert call(bob_client, "post", f"/experiments/{uid}/end").status_code == 404


def test_deleting_an_experiment_keeps_the_journal_and_only_its_owner_can(
    alice, alice_client, bob_client, frozen_now
):
    services.entry_create(
        user=alice, kind="checkins", values={"at": frozen_now, "pain_now": 4}, now=frozen_now
    )
    uid = call(alice_client, "post", "/experiments", PLAN).json()["uid"]
    assert call(bob_client, "delete", f"/experiments/{uid}").status_code == 404
    assert call(alice_client, "get", f"/experiments/{uid}").status_code == 200
    response = call(alice_client, "delete", f"/experiments/{uid}")
    assert response.status_code == 200 and response.json()["uid"] == uid
    assert call(alice_client, "get", f"/experiments/{uid}").status_code == 404
    assert call(alice_client, "get", "/experiments").json() == []
    assert len(call(alice_client, "get", "/checkins").json()) == 1
    assert call(alice_client, "delete", f"/experiments/{uid}").status_code == 404


def test_each_day_answers_the_grams_logged_and_whether_it_kept_to_the_plan_while_locked(
    alice, alice_client, frozen_now
):
    uid = call(alice_client, "post", "/experiments", PLAN).json()["uid"]
    for offset, kind, values in ((3, "checkins", {"pain_now": 4}), (4, "doses", {"amount": 2})):
        at = frozen_now + timedelta(days=offset)
        moment = {"at": at} if kind == "checkins" else {"taken_at": at}
        services.entry_create(user=alice, kind=kind, values={**values, **moment}, now=at)
    with time_machine.travel(frozen_now + timedelta(days=6), tick=False):
        body = call(alice_client, "get", f"/experiments/{uid}").json()
    days = {d["day"]: d for d in body["days"]}
    assert body["results_locked"] and body["result"] is None
    assert (days["2026-03-10"]["grams_logged"], days["2026-03-10"]["kept"]) == (0, True)
    assert (days["2026-03-11"]["grams_logged"], days["2026-03-11"]["kept"]) == (2, False)
    assert days["2026-03-12"]["kept"] is None  # nothing logged
    assert days["2026-03-13"]["kept"] is None  # today, not over yet
    assert body["kept_summary"].startswith("Kept to the plan on 1 of 2 counted days so far")
    assert call(alice_client, "get", "/experiments").json()[0]["kept_summary"] is None


def test_the_openapi_document_describes_keeping_to_the_plan(alice_client):
    schemas = call(alice_client, "get", "/openapi.json").json()["components"]["schemas"]
    assert {"grams_logged", "kept"} <= set(schemas["DayOut"]["properties"])
    assert "kept_summary" in schemas["ExperimentOut"]["properties"]
