"""Safety findings through /api/v1: assessed on request, urgent first, sources expanded, acknowledged,
kept in a history, and nobody else's; the rules; the lab-report fields, alkaloid milligrams and the
pregnancy flag that the rules read.

Most tests register their own small rules (the `test_rules` fixture) so that what must be found is
fixed here, whatever the real rules say; the tests at the end run the real registry.
"""

from __future__ import annotations

from datetime import timedelta
from typing import get_args

import time_machine

from speciosa.api.schemas_safety import FindingSeverity
from speciosa.core.safety import Severity, registry
from speciosa.journal import models as m
from speciosa.journal import services
from speciosa.refdata import sources
from tests.api.conftest import call, errors_of

FINDINGS_OPERATIONS = [
    ("get", "/findings"),
    ("get", "/findings/history"),
    ("post", "/findings/acknowledge"),
    ("get", "/rules"),
]


def current(client) -> list[dict]:
    """The findings GET /findings answers (beside the scope of the assessment)."""
    return call(client, "get", "/findings").json()["findings"]


# --- findings ---------------------------------------------------------------------------------


def test_findings_lists_what_the_rules_raise_urgent_first_with_each_source_in_full(
    alice_client, alices_findings, frozen_now
):
    dose, checkin = alices_findings
    found = current(alice_client)
    assert [(f["code"], f["severity"]) for f in found] == [
        ("test.worst_pain", "urgent"),
        ("test.big_dose", "warning"),
    ]
    urgent, big = found
    assert urgent["key"] == f"test.worst_pain:{checkin.uid}"
    assert urgent["entries"] == [{"kind": "checkins", "uid": str(checkin.uid)}]
    assert (big["title"], big["meaning"], big["action"], big["grade"]) == (
        "A big dose",
        "You logged 10 g or more at once.",
        "Look at the sources.",
        "B",
    )
    assert big["at"] == "2026-03-07T14:00:00Z" and big["subject"] == str(dose.uid)
    grundmann = sources()["grundmann-2017"]
    assert big["sources"][0] == {
        "id": "grundmann-2017",
        "citation": grundmann.citation,
        "link": grundmann.link,
        "grade": grundmann.grade,
        "as_of": None if grundmann.as_of is None else grundmann.as_of.isoformat(),
        "note": grundmann.note,
    }
    assert [s["id"] for s in big["sources"]] == ["grundmann-2017", "fda-sad-2024"]
    assert all(s["citation"] and s["link"].startswith("https://") for f in found for s in f["sources"])
    assert {(f["first_seen_at"], f["last_seen_at"], f["acknowledged_at"], f["active"]) for f in found} == {
        ("2026-03-07T15:00:00Z", "2026-03-07T15:00:00Z", None, True)
    }


def test_findings_are_assessed_afresh_on_every_request(alice, alice_client, test_rules, frozen_now):
    assert current(alice_client) == []
    services.dose_create(user=alice, amount=15)
    assert [f["code"] for f in current(alice_client)] == ["test.big_dose"]


def test_an_empty_journal_has_no_findings_and_no_history(alice_client, test_rules, frozen_now):
    assert current(alice_client) == []
    assert call(alice_client, "get", "/findings/history").json() == []


def test_findings_say_what_the_assessment_covered_so_no_findings_is_never_an_all_clear(
    alice, alice_client, test_rules, frozen_now
):
    assert (
        call(alice_client, "get", "/findings").json()["scope"]["message"]
        == "Your journal has no entries yet."
    )
    services.dose_create(user=alice, amount=15, taken_at=frozen_now - timedelta(days=1100))  # 3 years ago
    answer = call(alice_client, "get", "/findings").json()
    assert answer["findings"] == []
    assert answer["scope"] == {
        "message": "Your newest entry is from 3 March 2023; findings look at the last 90 days "
        "(lab results: the last 365 days).",
        "window_days": 90,
        "lab_window_days": 365,
        "window_start": "2025-12-07T15:00:00Z",
        "lab_window_start": "2025-03-07",
        "newest_entry_kind": "doses",
        "newest_entry_on": "2023-03-03",
        "entries_in_window": 0,
        "window_empty": True,
    }
    services.dose_create(user=alice, amount=2)
    scope = call(alice_client, "get", "/findings").json()["scope"]
    assert scope["message"] == "Findings look at the last 90 days (lab results: the last 365 days)."
    assert (scope["entries_in_window"], scope["window_empty"]) == (1, False)


def test_the_openapi_document_describes_the_findings_answer_with_its_scope(alice_client):
    document = alice_client.get("/api/v1/openapi.json").json()
    answer = document["paths"]["/api/v1/findings"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ]
    schema = document["components"]["schemas"][answer["$ref"].split("/")[-1]]
    assert set(schema["properties"]) == {"scope", "findings"}
    scope = document["components"]["schemas"]["ScopeOut"]
    assert {"message", "window_days", "lab_window_days", "newest_entry_on", "window_empty"} <= set(
        scope["properties"]
    )


def test_acknowledging_a_finding_keeps_it_listed_with_the_time_it_was_acknowledged(
    alice_client, alices_findings, frozen_now
):
    key = current(alice_client)[0]["key"]
    acknowledged = call(alice_client, "post", "/findings/acknowledge", {"key": key})
    assert acknowledged.status_code == 200
    assert (acknowledged.json()["key"], acknowledged.json()["acknowledged_at"]) == (
        key,
        "2026-03-07T15:00:00Z",
    )
    listed = {f["key"]: f["acknowledged_at"] for f in current(alice_client)}
    assert listed[key] == "2026-03-07T15:00:00Z"
    assert [k for k, at in listed.items() if at is None] == [k for k in listed if k != key]


def test_acknowledging_twice_keeps_the_first_time(alice_client, alices_findings, frozen_now):
    key = current(alice_client)[0]["key"]
    call(alice_client, "post", "/findings/acknowledge", {"key": key})
    with time_machine.travel(frozen_now + timedelta(hours=1), tick=False):
        again = call(alice_client, "post", "/findings/acknowledge", {"key": key}).json()
    assert again["acknowledged_at"] == "2026-03-07T15:00:00Z"


def test_a_finding_that_no_longer_applies_leaves_the_list_and_stays_in_the_history(
    alice, alice_client, alices_findings, frozen_now
):
    dose, _checkin = alices_findings
    call(alice_client, "get", "/findings")
    services.entry_delete(user=alice, kind="doses", uid=dose.uid)
    assert [f["code"] for f in current(alice_client)] == ["test.worst_pain"]
    history = call(alice_client, "get", "/findings/history").json()
    assert {(f["code"], f["active"]) for f in history} == {
        ("test.worst_pain", True),
        ("test.big_dose", False),
    }
    assert all(f["sources"][0]["citation"] for f in history)
    assert len(call(alice_client, "get", "/findings/history?limit=1").json()) == 1
    assert "limit" in errors_of(call(alice_client, "get", "/findings/history?limit=0"))


def test_acknowledging_a_key_that_is_not_a_finding_answers_404_and_a_missing_key_400(
    alice_client, alices_findings, frozen_now
):
    call(alice_client, "get", "/findings")
    missing = call(alice_client, "post", "/findings/acknowledge", {"key": "test.big_dose:nothing"})
    assert missing.status_code == 404 and errors_of(missing)
    assert "key" in errors_of(call(alice_client, "post", "/findings/acknowledge", {}))
    assert "key" in errors_of(call(alice_client, "post", "/findings/acknowledge", {"key": ""}))


def test_bob_neither_sees_nor_acknowledges_alices_findings(
    alice, alice_client, bob_client, alices_findings, frozen_now
):
    alices = current(alice_client)
    assert len(alices) == 2
    assert current(bob_client) == []
    assert call(bob_client, "get", "/findings/history").json() == []
    for finding in alices:
        refused = call(bob_client, "post", "/findings/acknowledge", {"key": finding["key"]})
        mine_missing = call(bob_client, "post", "/findings/acknowledge", {"key": finding["key"] + "-none"})
        assert refused.status_code == 404
        assert refused.json() == mine_missing.json()
    assert not m.FindingState.objects.filter(user=alice, acknowledged_at__isnull=False).exists()


def test_nobody_signed_in_gets_401_from_every_findings_operation(alices_findings, anonymous):
    before = list(m.FindingState.objects.values())
    for method, path in FINDINGS_OPERATIONS:
        body = {"key": "test.big_dose"} if method == "post" else None
        response = call(anonymous, method, path, body)
        assert response.status_code == 401, path
        assert errors_of(response)
    assert list(m.FindingState.objects.values()) == before


def test_the_severities_the_api_documents_are_the_engines(alice_client):
    assert list(get_args(FindingSeverity)) == [severity.value for severity in Severity]


# --- rules ------------------------------------------------------------------------------------


def test_rules_lists_every_registered_rule_with_its_sources_in_full(alice_client, test_rules):
    listed = call(alice_client, "get", "/rules").json()
    assert [r["code"] for r in listed] == ["test.big_dose", "test.pregnant", "test.worst_pain"]
    assert listed[0]["checks"] == "test.big_dose fires in tests" and listed[0]["design_choice"] == ""
    assert listed[0]["sources"][0]["citation"] == sources()["grundmann-2017"].citation


def test_rules_lists_the_real_registry_with_every_source_known(alice_client):
    listed = call(alice_client, "get", "/rules").json()
    assert [r["code"] for r in listed] == [r.code for r in registry.all_rules()]
    for rule in listed:
        assert rule["title"] and rule["checks"], rule["code"]
        assert rule["sources"] and all(s["citation"] and s["link"] for s in rule["sources"]), rule["code"]


# --- the pregnancy flag -----------------------------------------------------------------------


def test_the_pregnancy_flag_is_in_the_profile_and_reaches_the_rules(alice_client, test_rules, frozen_now):
    assert call(alice_client, "get", "/profile").json()["pregnant"] is False
    assert call(alice_client, "patch", "/profile", {"pregnant": True}).json()["pregnant"] is True
    assert [f["code"] for f in current(alice_client)] == ["test.pregnant"]
    assert call(alice_client, "patch", "/profile", {"timezone": "Europe/Lisbon"}).json()["pregnant"] is True
    assert call(alice_client, "patch", "/profile", {"pregnant": False}).json()["pregnant"] is False
    assert current(alice_client) == []


def test_the_pregnancy_flag_must_be_true_or_false(alice, alice_client):
    assert "pregnant" in errors_of(call(alice_client, "patch", "/profile", {"pregnant": None}))
    assert "pregnant" in errors_of(call(alice_client, "patch", "/profile", {"pregnant": "perhaps"}))
    assert m.Profile.objects.get(user=alice).pregnant is False


# --- lab-report fields and alkaloid milligrams -------------------------------------------------

LAB_REPORT = {
    "mitragynine_percent": 1.5,
    "seven_oh_percent": 0.02,
    "total_alkaloids_percent": 2.1,
    "lead_ppm": 0.4,
    "arsenic_ppm": 0.2,
    "cadmium_ppm": 0.1,
    "mercury_ppm": 0.01,
    "nickel_ppm": 1.5,
    "tamc_cfu_per_gram": 5000,
    "tymc_cfu_per_gram": 200,
    "salmonella_detected": False,
    "e_coli_detected": False,
    "lab_report": "Example Labs, COA 1234, 2026-01-10",
}


def test_a_product_keeps_every_lab_report_figure(alice_client):
    created = call(alice_client, "post", "/products", {"name": "Tested Red", **LAB_REPORT})
    assert created.status_code == 201, created.json()
    assert {k: created.json()[k] for k in LAB_REPORT} == LAB_REPORT
    uid = created.json()["uid"]
    changed = call(
        alice_client, "patch", f"/products/{uid}", {"lead_ppm": 0.9, "salmonella_detected": None}
    ).json()
    assert (changed["lead_ppm"], changed["salmonella_detected"], changed["cadmium_ppm"]) == (0.9, None, 0.1)


def test_a_product_without_a_lab_report_has_empty_figures(alice_client):
    created = call(alice_client, "post", "/products", {"name": "Untested"}).json()
    assert all(created[k] is None for k in LAB_REPORT if k != "lab_report") and created["lab_report"] == ""


def test_a_bad_lab_figure_is_refused_naming_its_field(alice, alice_client):
    response = call(
        alice_client, "post", "/products", {"name": "Odd", "lead_ppm": -1, "tamc_cfu_per_gram": "lots"}
    )
    assert set(errors_of(response)) == {"lead_ppm", "tamc_cfu_per_gram"}
    assert not m.Product.objects.filter(user=alice).exists()


def test_a_dose_of_a_tested_product_shows_milligrams_of_mitragynine_and_7_oh(alice_client, frozen_now):
    product = call(alice_client, "post", "/products", {"name": "Tested Red", **LAB_REPORT}).json()
    dose = call(alice_client, "post", "/doses", {"amount": 4, "product_uid": product["uid"]}).json()
    assert (dose["mitragynine_mg"], dose["seven_oh_mg"]) == (
        60.0,
        0.8,
    )  # 4 g × 1.5 % = 60 mg; × 0.02 % = 0.8 mg
    assert call(alice_client, "get", f"/doses/{dose['uid']}").json()["mitragynine_mg"] == 60.0
    assert call(alice_client, "get", "/today").json()["doses"][0]["seven_oh_mg"] == 0.8


def test_a_dose_without_a_product_or_without_its_figures_shows_no_milligrams(alice_client, frozen_now):
    plain = call(alice_client, "post", "/doses", {"amount": 3}).json()
    untested = call(
        alice_client, "post", "/products", {"name": "Untested", "mitragynine_percent": 1.2}
    ).json()
    partial = call(alice_client, "post", "/doses", {"amount": 2, "product_uid": untested["uid"]}).json()
    assert (plain["mitragynine_mg"], plain["seven_oh_mg"]) == (None, None)
    assert (partial["mitragynine_mg"], partial["seven_oh_mg"]) == (24.0, None)


# --- the real rules ---------------------------------------------------------------------------


def test_a_breathing_problem_raises_an_urgent_red_flag_above_everything_with_its_sources(
    alice, alice_client, frozen_now
):
    services.dose_create(user=alice, amount=16, taken_at=frozen_now - timedelta(hours=3))
    checkin = services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": frozen_now - timedelta(hours=1),
            "side_effects": [{"code": "breathing_problems", "severity": "severe"}],
        },
    )
    found = current(alice_client)
    assert found[0]["severity"] == "urgent" and found[0]["code"].startswith("red_flag.")
    assert {"kind": "checkins", "uid": str(checkin.uid)} in found[0]["entries"]
    assert found[0]["sources"] and all(s["citation"] and s["link"] for s in found[0]["sources"])
    ranks = [get_args(FindingSeverity).index(f["severity"]) for f in found]
    assert ranks == sorted(ranks, reverse=True)  # urgent first
    assert any(f["code"].startswith("dose.") for f in found)  # 16 g in one dose
    acknowledged = call(alice_client, "post", "/findings/acknowledge", {"key": found[0]["key"]}).json()
    assert acknowledged["acknowledged_at"] == "2026-03-07T15:00:00Z"


def test_the_pregnancy_flag_raises_the_standing_pregnancy_warning(alice, alice_client, frozen_now):
    assert not [f for f in current(alice_client) if f["code"] == "pregnancy.standing"]
    call(alice_client, "patch", "/profile", {"pregnant": True})
    pregnancy = [f for f in current(alice_client) if f["code"] == "pregnancy.standing"]
    assert len(pregnancy) == 1 and pregnancy[0]["at"] is None
    assert pregnancy[0]["severity"] == "warning" and pregnancy[0]["sources"]


def test_an_opioid_medication_with_kratom_raises_an_interaction_only_for_its_owner(
    alice, alice_client, bob_client, frozen_now
):
    services.entry_create(
        user=alice, kind="medications", values={"name": "Oxycodone 5 mg", "started_on": "2026-01-01"}
    )
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=2))
    found = current(alice_client)
    interactions = [f for f in found if f["code"].startswith("interaction.")]
    assert interactions and any("opioid" in f["subject"] for f in interactions), [
        (f["code"], f["subject"]) for f in found
    ]
    assert current(bob_client) == []
    refused = call(bob_client, "post", "/findings/acknowledge", {"key": interactions[0]["key"]})
    assert refused.status_code == 404


def test_a_red_flag_read_from_a_note_can_be_logged_as_its_symptom_through_the_api(
    alice, alice_client, frozen_now
):
    from datetime import timedelta

    from speciosa.journal import services

    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now - timedelta(hours=1), "note": "had a fit at lunch"},
    )
    [read] = [
        f
        for f in call(alice_client, "get", "/findings").json()["findings"]
        if f["code"] == "red_flag.symptom"
    ]
    assert read["symptoms_to_log"] == ["seizure"]

    logged = call(alice_client, "post", "/findings/log-symptoms", {"key": read["key"]}).json()

    assert logged["symptoms_to_log"] == [] and "you logged seizure" in logged["meaning"]
