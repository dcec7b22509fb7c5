"""The FHIR export: a Bundle that fhir.resources validates whole, with the LOINC codes and values of
the journal, only the owner's entries, only the period's, streamed a resource at a time."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from speciosa.core.journal_format import JournalDocument
from speciosa.journal import transfer
from speciosa.reports.base import Period
from speciosa.reports.fhir import EXPORTERS, MODELS, render

SNAPSHOT = Path(__file__).parent / "snapshots" / "fhir_tiny_journal.json"
#: Set UPDATE_SNAPSHOTS=1 to write the snapshot anew from the current output (then read the diff).
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"

IN_PERIOD = "2026-03-05T14:00:00+00:00"
BEFORE_PERIOD = "2026-02-20T14:00:00+00:00"
UIDS = {
    name: f"00000000-0000-4000-8000-{n:012d}"
    for n, name in enumerate(
        (
            "product",
            "dose",
            "big_dose",
            "old_dose",
            "checkin",
            "partial_checkin",
            "medication",
            "old_medication",
            "beer",
            "ibuprofen",
            "alt",
            "bilirubin",
            "old_lab",
        ),
        start=1,
    )
}


def tiny_journal() -> dict[str, Any]:
    return {
        "format": "speciosa-journal",
        "version": 1,
        "profile": {"timezone": "America/New_York"},
        "products": [
            {"uid": UIDS["product"], "name": "Red Bali", "form": "capsules", "grams_per_capsule": 0.5}
        ],
        "doses": [
            {
                "uid": UIDS["dose"],
                "taken_at": IN_PERIOD,
                "grams": 3.5,
                "amount": 7,
                "unit": "capsule",
                "product_uid": UIDS["product"],
                "conversion": "7 capsules x 0.5 g",
            },
            {"uid": UIDS["big_dose"], "taken_at": "2026-03-07T14:00:00+00:00", "grams": 12, "amount": 12},
            {"uid": UIDS["old_dose"], "taken_at": BEFORE_PERIOD, "grams": 2, "amount": 2},
        ],
        "checkins": [
            {
                "uid": UIDS["checkin"],
                "at": IN_PERIOD,
                "pain_now": 6,
                "peg_pain": 5,
                "peg_enjoyment": 7,
                "peg_activity": 4,
                "note": "private words",
            },
            {"uid": UIDS["partial_checkin"], "at": "2026-03-06T02:30:00+00:00", "pain_now": 3, "peg_pain": 4},
        ],
        "medications": [
            {
                "uid": UIDS["medication"],
                "name": "Duloxetine",
                "purpose": "pain",
                "dose_text": "60 mg",
                "schedule": "every morning",
                "started_on": "2025-06-01",
            },
            {
                "uid": UIDS["old_medication"],
                "name": "Melatonin",
                "started_on": "2025-01-01",
                "stopped_on": "2025-02-01",
            },
        ],
        "substances": [
            {
                "uid": UIDS["beer"],
                "at": IN_PERIOD,
                "kind": "alcohol",
                "substance": "beer",
                "standard_drinks": 2,
            },
            {"uid": UIDS["ibuprofen"], "at": IN_PERIOD, "substance": "ibuprofen", "amount_text": "400 mg"},
        ],
        "labs": [
            {
                "uid": UIDS["alt"],
                "taken_on": "2026-03-02",
                "test": "ALT",
                "value": 80,
                "unit": "U/L",
                "reference_low": 7,
                "reference_high": 56,
            },
            {
                "uid": UIDS["bilirubin"],
                "taken_on": "2026-03-02",
                "test": "bilirubin",
                "value": 12,
                "unit": "µmol/L",
            },
            {"uid": UIDS["old_lab"], "taken_on": "2026-01-02", "test": "AST", "value": 30, "unit": "U/L"},
        ],
    }


PERIOD = Period(date(2026, 3, 1), date(2026, 3, 7))


@pytest.fixture
def journal(alice, test_rules, frozen_now):
    document = JournalDocument.model_validate(tiny_journal())
    transfer.journal_import(user=alice, document=document, now=frozen_now)
    return alice


def export(user, now, period=PERIOD) -> tuple[list[bytes], dict[str, Any]]:
    pieces = list(render(user=user, period=period, now=now))
    return pieces, json.loads(b"".join(pieces))


def resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def codes(resource):
    return [c["code"] for c in resource["code"].get("coding", [])]


def test_the_exporter_is_a_fhir_json_file():
    (exporter,) = EXPORTERS
    assert (exporter.id, exporter.media_type, exporter.extension) == ("fhir", "application/fhir+json", "json")
    assert exporter.filename(PERIOD) == "speciosa-fhir-2026-03-01-to-2026-03-07.json"


def test_the_whole_bundle_validates_with_fhir_resources(journal, frozen_now):
    from importlib import import_module

    _, bundle = export(journal, frozen_now)
    Bundle = import_module(f"{MODELS}.bundle").Bundle
    validated = Bundle.model_validate(bundle)
    assert validated.type == "collection"
    assert len(validated.entry) == len(bundle["entry"])


def test_a_resource_fhir_does_not_allow_is_refused_as_it_is_written():
    from pydantic import ValidationError

    from speciosa.reports import fhir

    dose = {"resourceType": "MedicationAdministration", "id": "x", "status": "completed"}
    with pytest.raises(ValidationError):  # no medication, subject or time: required in FHIR
        fhir._entry(dose)
    with pytest.raises(ValidationError):  # an element FHIR does not have
        fhir._entry({"resourceType": "Patient", "id": "x", "nickname": "Al"})


def test_the_bundle_streams_one_entry_a_piece(journal, frozen_now):
    pieces, bundle = export(journal, frozen_now)
    assert len(pieces) == len(bundle["entry"]) + 2  # the opening, each entry, the closing
    assert all(piece.count(b'"fullUrl"') == 1 for piece in pieces[1:-1])


def test_the_patient_is_an_id_and_nothing_else(journal, frozen_now):
    _, bundle = export(journal, frozen_now)
    (patient,) = resources(bundle, "Patient")
    assert set(patient) == {"resourceType", "id"}
    assert "alice" not in json.dumps(bundle)


def test_pain_and_the_peg_3_carry_their_loinc_codes_and_values(journal, frozen_now):
    _, bundle = export(journal, frozen_now)
    observations = resources(bundle, "Observation")
    pain = [o["valueInteger"] for o in observations if codes(o) == ["72514-3"]]
    assert pain == [6, 3]
    full, partial = [o for o in observations if codes(o) == ["91148-7"]]
    assert {codes(c)[0]: c.get("valueInteger", c.get("valueQuantity")) for c in full["component"]} == {
        "75893-8": 5,
        "91145-3": 7,
        "91146-1": 4,
        "91147-9": {
            "value": 5.33,
            "unit": "{score}",
            "system": "http://unitsofmeasure.org",
            "code": "{score}",
        },
    }
    assert [codes(c)[0] for c in partial["component"]] == ["75893-8"]  # no score without all three items
    assert full["effectiveDateTime"] == "2026-03-05T14:00:00Z"


def test_labs_carry_loinc_units_and_their_range(journal, frozen_now):
    _, bundle = export(journal, frozen_now)
    labs = {
        codes(o)[0]: o
        for o in resources(bundle, "Observation")
        if o["category"][0]["coding"][0]["code"] == "laboratory"
    }
    assert set(labs) == {"1742-6", "14631-6"}  # ALT; bilirubin in µmol/L takes the molar code
    alt = labs["1742-6"]
    assert alt["valueQuantity"] == {
        "value": 80,
        "unit": "U/L",
        "system": "http://unitsofmeasure.org",
        "code": "U/L",
    }
    assert alt["referenceRange"][0]["high"]["value"] == 56
    assert alt["interpretation"][0]["coding"][0]["code"] == "H"
    assert alt["effectiveDateTime"] == "2026-03-02"


def test_kratom_doses_are_administrations_named_in_text(journal, frozen_now):
    _, bundle = export(journal, frozen_now)
    doses = resources(bundle, "MedicationAdministration")
    assert [d["dosage"]["dose"]["value"] for d in doses] == [3.5, 12]
    assert doses[0]["medicationCodeableConcept"] == {"text": "Kratom (Mitragyna speciosa leaf): Red Bali"}
    assert "coding" not in doses[1]["medicationCodeableConcept"]  # no standard code for kratom exists


def test_medications_substances_and_findings(journal, frozen_now):
    _, bundle = export(journal, frozen_now)
    (duloxetine,) = resources(bundle, "MedicationStatement")  # melatonin stopped before the period
    assert duloxetine["status"] == "active"
    assert duloxetine["dosage"] == [{"text": "60 mg, every morning"}]
    substances = [o["code"]["text"] for o in resources(bundle, "Observation") if "coding" not in o["code"]]
    assert substances == ["Alcohol: beer", "Substance taken: ibuprofen"]
    (flag,) = resources(bundle, "Flag")
    assert flag["code"]["text"] == "Warning: A big dose"
    assert "Grundmann" in flag["text"]["div"]  # the finding's sources, cited


def test_ids_are_stable_and_derived_from_the_entry(journal, frozen_now):
    _, first = export(journal, frozen_now)
    _, again = export(journal, frozen_now + timedelta(minutes=5))
    ids = [e["resource"]["id"] for e in first["entry"]]
    assert ids == [e["resource"]["id"] for e in again["entry"]]
    assert len(set(ids)) == len(ids)
    assert all(e["fullUrl"] == f"urn:uuid:{e['resource']['id']}" for e in first["entry"])


def test_the_period_limits_the_entries(journal, frozen_now):
    _, bundle = export(journal, frozen_now, Period(date(2026, 2, 15), date(2026, 2, 25)))
    assert [d["dosage"]["dose"]["value"] for d in resources(bundle, "MedicationAdministration")] == [2]
    assert not [o for o in resources(bundle, "Observation")]


def test_another_persons_entries_never_appear(journal, bob, frozen_now):
    _, bundle = export(bob, frozen_now)
    assert {e["resource"]["resourceType"] for e in bundle["entry"]} == {"Patient"}
    _, alices = export(journal, frozen_now)
    assert resources(bundle, "Patient")[0]["id"] != resources(alices, "Patient")[0]["id"]


def test_notes_stay_out_of_the_export(journal, frozen_now):
    pieces, _ = export(journal, frozen_now)
    assert b"private words" not in b"".join(pieces)


def test_a_tiny_journal_matches_its_snapshot(journal, frozen_now):
    pieces, bundle = export(journal, frozen_now)
    text = b"".join(pieces).decode()
    # The patient's id (and so the bundle's and findings') follows the account's id: named instead.
    for resource in [bundle, *resources(bundle, "Patient"), *resources(bundle, "Flag")]:
        text = text.replace(resource["id"], resource["resourceType"].lower())
    text = json.dumps(json.loads(text), indent=1, ensure_ascii=False) + "\n"
    if UPDATE:
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(text)
    assert text == SNAPSHOT.read_text(), "the bundle changed: rerun with UPDATE_SNAPSHOTS=1 and read the diff"
