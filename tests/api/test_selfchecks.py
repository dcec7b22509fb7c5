"""/api/v1/selfchecks: the forms, a SOWS answered with its total and no severity label, the DSM-5
self-check's bands with the words that it is not a diagnosis, answers refused by their place, the
list newest first, and a self-check deleted and brought back like any entry; nobody else's."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from tests.api.conftest import call, errors_of


def yes(count: int) -> list[int]:
    """DSM-5 answers with `count` yeses."""
    return [1] * count + [0] * (11 - count)


def test_the_forms_give_every_item_answer_and_source(alice_client):
    sows = call(alice_client, "get", "/selfchecks/forms/sows").json()
    assert len(sows["items"]) == 16 and sows["items"][0] == "I feel anxious"
    assert [a["value"] for a in sows["answers"]] == [0, 1, 2, 3, 4] and sows["max_total"] == 64
    assert sows["bands"] == [] and sows["notice"] == "" and "handelsman-1987" in sows["sources"]
    dsm5 = call(alice_client, "get", "/selfchecks/forms/dsm5").json()
    assert len(dsm5["items"]) == 11 and [b["label"] for b in dsm5["bands"]][-1] == "Severe"
    assert "a self-check, not a diagnosis" in dsm5["notice"]
    assert call(alice_client, "get", "/selfchecks/forms/audit").status_code == 400


def test_a_sows_answers_its_total_and_no_severity_label(alice_client, frozen_now):
    response = call(alice_client, "post", "/selfchecks", {"instrument": "sows", "answers": [2] * 16})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["total"], body["max_total"]) == (32, 64)
    assert body["band"] == body["words"] == body["next"] == body["notice"] == ""
    assert response["ETag"] == '"1"' and body["at"] == "2026-03-07T15:00:00Z"


@pytest.mark.parametrize(
    ("count", "band"),
    [
        (0, "Below the threshold"),
        (1, "Below the threshold"),
        (2, "Mild"),
        (3, "Mild"),
        (4, "Moderate"),
        (5, "Moderate"),
        (6, "Severe"),
        (11, "Severe"),
    ],
)
def test_the_dsm5_self_check_answers_its_band_and_that_it_is_not_a_diagnosis(
    alice_client, frozen_now, count, band
):
    body = call(alice_client, "post", "/selfchecks", {"instrument": "dsm5", "answers": yes(count)}).json()
    assert (body["total"], body["max_total"], body["band"]) == (count, 11, band)
    assert body["words"] and body["next"]
    assert "a self-check, not a diagnosis" in body["notice"]


def test_bad_answers_are_refused_naming_their_place(alice_client, frozen_now):
    answers = [0] * 16
    answers[3], answers[7], answers[9] = 5, "x", True
    errors = errors_of(call(alice_client, "post", "/selfchecks", {"instrument": "sows", "answers": answers}))
    assert set(errors) == {"answers[3]", "answers[7]", "answers[9]"}
    assert errors["answers[3]"] == "must be a whole number from 0 to 4"
    short = errors_of(call(alice_client, "post", "/selfchecks", {"instrument": "dsm5", "answers": [1, 0]}))
    assert "must hold 11 answers" in short["answers"]
    assert "instrument" in errors_of(
        call(alice_client, "post", "/selfchecks", {"instrument": "x", "answers": []})
    )
    assert call(alice_client, "get", "/selfchecks").json() == []


def test_the_list_is_newest_first_with_totals_and_filters_by_questionnaire(alice_client, frozen_now):
    for days, total in ((2, 10), (1, 14), (0, 6)):
        with time_machine.travel(frozen_now - timedelta(days=days), tick=False):
            answers = [1] * total + [0] * (16 - total)
            call(alice_client, "post", "/selfchecks", {"instrument": "sows", "answers": answers})
    call(alice_client, "post", "/selfchecks", {"instrument": "dsm5", "answers": yes(2), "note": "first time"})
    sows = call(alice_client, "get", "/selfchecks?instrument=sows").json()
    assert [s["total"] for s in sows] == [6, 14, 10]
    both = call(alice_client, "get", "/selfchecks").json()
    assert [s["instrument"] for s in both] == ["dsm5", "sows", "sows", "sows"]
    assert both[0]["note"] == "first time"


def test_a_self_check_is_changed_deleted_and_brought_back_like_any_entry(
    alice_client, bob_client, frozen_now
):
    uid = call(alice_client, "post", "/selfchecks", {"instrument": "sows", "answers": [1] * 16}).json()["uid"]
    assert call(bob_client, "get", f"/selfchecks/{uid}").status_code == 404
    assert call(bob_client, "delete", f"/selfchecks/{uid}").status_code == 404
    assert call(bob_client, "get", "/selfchecks").json() == []
    changed = call(alice_client, "patch", f"/selfchecks/{uid}", {"answers": [2] * 16, "note": "after a walk"})
    assert changed.status_code == 200 and changed.json()["total"] == 32 and changed["ETag"] == '"2"'
    refused = call(alice_client, "patch", f"/selfchecks/{uid}", {"answers": [9] * 16})
    assert "answers[0]" in errors_of(refused)
    deleted = call(alice_client, "delete", f"/selfchecks/{uid}", **{"If-Match": '"2"'}).json()
    assert call(alice_client, "get", f"/selfchecks/{uid}").status_code == 404
    call(alice_client, "post", "/changes/undo", {"change_id": deleted["change_id"]})
    back = call(alice_client, "get", f"/selfchecks/{uid}").json()
    assert back["total"] == 32 and back["note"] == "after a walk"
