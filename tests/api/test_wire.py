"""The API reads JSON as JSON: what the OpenAPI document calls a time, a day, a number or a flag is
refused when it is anything else, and nothing is stored (speciosa/api/wire.py)."""

from __future__ import annotations

import pytest

from speciosa.journal import models as m
from tests.api.conftest import call, errors_of


def test_a_number_is_not_read_as_a_time_in_a_query(alice_client, frozen_now):
    response = call(alice_client, "get", "/doses?start=0.5")
    assert response.status_code == 400
    assert "ISO 8601" in errors_of(response)["start"]


def test_a_time_written_as_iso_8601_still_filters(alice_client, alice_journal):
    assert len(call(alice_client, "get", "/doses?start=2026-03-07T00:00:00Z").json()) == 1
    assert call(alice_client, "get", "/doses?start=2026-03-08T00:00:00%2B01:00").json() == []


@pytest.mark.parametrize("at", [0, 1772870400, "1772870400", "0.5", True])
def test_a_check_in_at_a_number_is_refused_not_stored_in_1970(alice, alice_client, frozen_now, at):
    response = call(alice_client, "post", "/checkins", {"at": at, "pain_now": 4})
    assert response.status_code == 400
    assert "at" in errors_of(response)
    assert not m.CheckIn.objects.filter(user=alice).exists()


@pytest.mark.parametrize("day", [20260301, "20260301", "1899-12-31", "2201-01-01", "2026-03-01T00:00:00Z"])
def test_a_day_is_written_yyyy_mm_dd_between_1900_and_2200(alice, alice_client, frozen_now, day):
    response = call(alice_client, "post", "/labs", {"taken_on": day, "test": "ALT", "value": 30})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in errors_of(response)["taken_on"]
    assert not m.LabResult.objects.filter(user=alice).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"amount": 2, "is_estimate": 1}, "is_estimate"),
        ({"amount": 2, "confirm": "yes"}, "confirm"),
        ({"amount": False}, "amount"),
        ({"amount": "2"}, "amount"),
    ],
)
def test_flags_are_true_or_false_and_numbers_are_numbers(alice, alice_client, frozen_now, body, field):
    response = call(alice_client, "post", "/doses", body)
    assert response.status_code == 400
    assert field in errors_of(response)
    assert not m.Dose.objects.filter(user=alice).exists()


def test_a_score_is_a_whole_json_number(alice, alice_client, frozen_now):
    assert "pain_now" in errors_of(call(alice_client, "post", "/checkins", {"pain_now": True}))
    assert "pain_now" in errors_of(call(alice_client, "post", "/checkins", {"pain_now": "4"}))
    assert "pain_now" in errors_of(call(alice_client, "post", "/checkins", {"pain_now": 4.5}))
    assert call(alice_client, "post", "/checkins", {"pain_now": 4}).json()["pain_now"] == 4


def test_a_nul_character_is_refused_in_text(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/medications", {"name": "Gaba\x00pentin"})
    assert errors_of(response) == {"name": "must not contain a NUL character"}
    assert "q" in errors_of(call(alice_client, "get", "/doses?q=a%00b"))
    assert not m.Medication.objects.filter(user=alice).exists()


def test_rules_across_two_fields_are_answered_naming_the_field(alice_client, frozen_now):
    history = call(alice_client, "get", "/history?first=2025-01-01&last=2026-03-07")
    assert "366 days" in errors_of(history)["first"]
    stopped = call(
        alice_client,
        "post",
        "/medications",
        {"name": "X", "started_on": "2026-03-01", "stopped_on": "2026-02-01"},
    )
    assert "stopped_on" in errors_of(stopped)


def test_the_document_states_these_rules(alice_client):
    document = alice_client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    at = schemas["CheckInIn"]["properties"]["at"]["anyOf"][0]
    assert at["format"] == "date-time" and at["pattern"].startswith("^(19\\d\\d|2[01]\\d\\d|2200)-")
    assert (
        schemas["LabIn"]["properties"]["taken_on"]["pattern"] == "^(19\\d\\d|2[01]\\d\\d|2200)-\\d\\d-\\d\\d$"
    )
    assert schemas["MedicationIn"]["properties"]["name"]["pattern"] == "^[^\\x00]*$"
    assert schemas["TherapyIn"]["properties"]["minutes"] == {
        "exclusiveMinimum": 0,
        "maximum": 1440,
        "title": "Minutes",
        "type": "integer",
    }
    assert "On or after `started_on`" in schemas["MedicationIn"]["properties"]["stopped_on"]["description"]
