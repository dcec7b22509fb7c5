"""The FHIR export of cutting down: each SOWS and DSM-5 self-check of the period as a
QuestionnaireResponse with an Observation of its total (speciosa's own code: no LOINC code for these
totals could be verified), and the taper plan as a CarePlan whose activities are its steps."""

from __future__ import annotations

import json
import os
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest

from speciosa.journal.taper import taper_act
from speciosa.reports.base import Period
from speciosa.reports.fhir import MODELS, QUESTIONNAIRE_BASE, SELF_CHECK_CODES, render
from tests.reports.taper_journal import DSM5_YES, SOWS_TOTALS, build_taper_journal

SNAPSHOT = Path(__file__).parent / "snapshots" / "fhir_taper.json"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
PERIOD = Period(date(2026, 2, 8), date(2026, 3, 7))


@pytest.fixture
def tapering(alice, frozen_now):
    plan = build_taper_journal(alice, frozen_now)
    return alice, plan


def bundle_of(user, now, period: Period = PERIOD) -> dict[str, Any]:
    return json.loads(b"".join(render(user=user, period=period, now=now)))


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def totals(bundle: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [
        o
        for o in resources(bundle, "Observation")
        if o["code"].get("coding", [{}])[0].get("system") == SELF_CHECK_CODES
        and o["code"]["coding"][0]["code"] == code
    ]


def test_the_bundle_with_self_checks_and_a_care_plan_validates_whole(tapering, frozen_now):
    user, _ = tapering
    bundle = bundle_of(user, frozen_now)

    validated = import_module(f"{MODELS}.bundle").Bundle.model_validate(bundle)

    kinds = {e.resource.__resource_type__ for e in validated.entry}
    assert {"QuestionnaireResponse", "CarePlan"} <= kinds


def test_each_sows_is_a_completed_questionnaire_response_with_16_integer_answers(tapering, frozen_now):
    user, _ = tapering
    bundle = bundle_of(user, frozen_now)

    sows = [r for r in resources(bundle, "QuestionnaireResponse") if r["questionnaire"].endswith("/sows")]

    assert len(sows) == 3
    for response in sows:
        assert response["questionnaire"] == f"{QUESTIONNAIRE_BASE}sows"
        assert response["status"] == "completed" and response["authored"].endswith("Z")
        assert response["subject"]["reference"].startswith("urn:uuid:")
        assert [i["linkId"] for i in response["item"]] == [f"sows-{n}" for n in range(1, 17)]
        assert response["item"][0]["text"] == "I feel anxious"
        assert all(isinstance(i["answer"][0]["valueInteger"], int) for i in response["item"])
    assert sorted(sum(i["answer"][0]["valueInteger"] for i in r["item"]) for r in sows) == sorted(SOWS_TOTALS)


def test_each_sows_total_is_an_observation_without_a_label_pointing_to_its_answers(tapering, frozen_now):
    user, _ = tapering
    bundle = bundle_of(user, frozen_now)
    responses = {f"urn:uuid:{r['id']}" for r in resources(bundle, "QuestionnaireResponse")}

    observations = totals(bundle, "sows-total")

    assert sorted(o["valueInteger"] for o in observations) == sorted(SOWS_TOTALS)
    assert all(o["derivedFrom"][0]["reference"] in responses for o in observations)
    assert all("interpretation" not in o for o in observations)
    assert "no kratom cut-offs" in observations[0]["code"]["coding"][0]["display"]


def test_the_dsm5_self_check_answers_yes_or_no_and_its_count_says_it_is_not_a_diagnosis(tapering, frozen_now):
    user, _ = tapering
    bundle = bundle_of(user, frozen_now)

    (response,) = [
        r for r in resources(bundle, "QuestionnaireResponse") if r["questionnaire"].endswith("/dsm5")
    ]
    (count,) = totals(bundle, "dsm5-criteria-count")

    answers = [i["answer"][0]["valueBoolean"] for i in response["item"]]
    assert answers == [True] * DSM5_YES + [False] * (11 - DSM5_YES)
    assert count["valueInteger"] == DSM5_YES
    assert count["interpretation"] == [{"text": "Moderate (a self-check, not a diagnosis)"}]


def test_the_taper_plan_is_a_care_plan_with_one_dated_activity_a_step(tapering, frozen_now):
    user, plan = tapering
    bundle = bundle_of(user, frozen_now)

    (care,) = resources(bundle, "CarePlan")

    assert care["status"] == "on-hold"  # paused by the sharp rise in the SOWS
    assert care["intent"] == "plan" and care["period"]["start"] == "2026-02-25"
    assert "The person's own taper plan: from 12 g of kratom a day" in care["description"]
    first, second, third = (a["detail"] for a in care["activity"][:3])
    assert (first["status"], second["status"], third["status"]) == ("completed", "on-hold", "scheduled")
    assert first["description"] == "Step 1: 10.75 g a day (3 doses)"
    assert first["scheduledPeriod"] == {"start": "2026-02-25", "end": "2026-03-03"}
    assert second["dailyAmount"]["value"] == 9.75
    assert care["period"]["end"] == care["activity"][-1]["detail"]["scheduledPeriod"]["end"]


def test_an_ended_plan_is_revoked_and_a_plan_outside_the_period_is_left_out(tapering, frozen_now):
    user, plan = tapering
    taper_act(user=user, uid=plan.uid, action="end", now=frozen_now)

    (care,) = resources(bundle_of(user, frozen_now), "CarePlan")
    before = bundle_of(user, frozen_now, Period(date(2026, 1, 1), date(2026, 1, 31)))

    assert care["status"] == "revoked"
    assert resources(before, "CarePlan") == [] and resources(before, "QuestionnaireResponse") == []


def test_the_self_checks_and_care_plan_match_their_snapshot(tapering, frozen_now):
    user, _ = tapering
    bundle = bundle_of(user, frozen_now)
    kept = [
        r
        for r in (e["resource"] for e in bundle["entry"])
        if r["resourceType"] in ("QuestionnaireResponse", "CarePlan")
        or r.get("code", {}).get("coding", [{}])[0].get("system") == SELF_CHECK_CODES
    ]
    text = json.dumps(kept, indent=1, ensure_ascii=False)
    # Ids follow the entries' random uids and the account's id: named in order instead.
    ids = [r["id"] for r in kept] + [bundle["entry"][0]["resource"]["id"]]
    for n, found in enumerate(ids):
        text = text.replace(found, f"id-{n}")
    text += "\n"
    if UPDATE:
        SNAPSHOT.write_text(text)
    assert text == SNAPSHOT.read_text(), (
        "the resources changed: rerun with UPDATE_SNAPSHOTS=1 and read the diff"
    )
