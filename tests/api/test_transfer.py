"""Export and import through /api/v1: all-or-nothing, idempotent, every bad row reported."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from speciosa.core.journal_format import ENTRY_KINDS
from speciosa.journal import models as m
from tests.api.conftest import API, call, errors_of, journal_snapshot


def upload(client, content: bytes, name: str = "journal.json", **headers):
    return client.post(f"{API}/import", {"file": SimpleUploadedFile(name, content)}, headers=headers)


def test_export_is_the_whole_journal_as_a_json_attachment(alice_journal, alice_client):
    response = call(alice_client, "get", "/export")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="speciosa-journal-2026-03-07.json"'
    document = json.loads(response.getvalue())
    assert (document["format"], document["version"]) == ("speciosa-journal", 1)
    assert [d["uid"] for d in document["doses"]] == [str(alice_journal.dose.uid)]
    assert document["checkins"][0]["side_effects"] == [{"code": "nausea", "severity": "moderate", "text": ""}]


def test_each_kind_exports_as_csv(alice_journal, alice_client):
    response = call(alice_client, "get", "/export/substances.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="speciosa-substances-2026-03-07.csv"'
    header, row = response.content.decode().splitlines()
    assert header.split(",")[:3] == ["uid", "note", "at"]
    assert str(alice_journal.substance.uid) in row and "alice-note-substance" in row


def test_an_unknown_kind_has_no_csv(alice_client):
    response = call(alice_client, "get", "/export/secrets.csv")
    assert response.status_code == 400
    assert "kind" in errors_of(response)


def test_an_export_imports_into_another_journal_and_a_second_import_adds_nothing(
    alice_journal, alice_client, bob, bob_client
):
    exported = call(alice_client, "get", "/export").getvalue()
    first = upload(bob_client, exported)
    assert first.status_code == 200
    report = first.json()
    assert report["source"] == "speciosa"
    assert report["added"] == {kind: 1 for kind in report["added"]}
    assert {*ENTRY_KINDS, "experiments"} <= set(report["added"])  # one of each kind of entry, and the plans
    assert m.Dose.objects.get(user=bob).uid == alice_journal.dose.uid
    again = upload(bob_client, exported).json()
    assert sum(again["added"].values()) == 0
    assert sum(again["already_present"].values()) == sum(report["added"].values())


def test_an_import_over_the_size_limit_is_answered_413_and_changes_nothing(
    alice, alice_client, settings, frozen_now
):
    settings.MAX_IMPORT_BYTES = 1000
    before = journal_snapshot(alice)
    document = {
        "doses": [
            {
                "uid": f"00000000-0000-4000-8000-{i:012d}",
                "taken_at": "2026-03-01T08:00:00Z",
                "grams": 3,
                "amount": 3,
            }
            for i in range(20)
        ]
    }
    response = upload(alice_client, json.dumps(document).encode())
    assert response.status_code == 413
    assert "1,000 bytes" in errors_of(response)["file"]
    assert journal_snapshot(alice) == before


def test_a_bad_file_reports_every_bad_row_and_imports_none_of_it(alice, alice_client, frozen_now):
    good = {
        "uid": "00000000-0000-4000-8000-000000000001",
        "taken_at": "2026-03-01T08:00:00Z",
        "grams": 3,
        "amount": 3,
    }
    document = {
        "format": "speciosa-journal",
        "version": 1,
        "doses": [
            good,
            {**good, "uid": "00000000-0000-4000-8000-000000000002", "grams": -1},
            {**good, "uid": "00000000-0000-4000-8000-000000000003", "grams": 900},
        ],
        "checkins": [
            {"uid": "00000000-0000-4000-8000-000000000004", "at": "2026-03-01T08:00:00Z", "pain_now": 12}
        ],
    }
    response = upload(alice_client, json.dumps(document).encode())
    assert response.status_code == 400
    assert set(errors_of(response)) == {"doses[1].grams", "doses[2].grams", "checkins[0].pain_now"}
    assert not m.Dose.objects.filter(user=alice).exists()


def test_a_file_that_is_not_json_is_refused_with_where_it_breaks(alice, alice_client):
    response = upload(alice_client, b'{"doses": [}')
    assert response.status_code == 400
    assert "is not valid JSON (line 1" in errors_of(response)["file"]


def test_an_import_without_a_file_names_the_missing_field(alice_client):
    response = alice_client.post(f"{API}/import", {})
    assert errors_of(response) == {"file": "Field required"}


def test_a_psychonautwiki_export_is_recognised(alice, alice_client, frozen_now):
    journal = {
        "experiences": [
            {
                "title": "Evening",
                "text": "",
                "creationDate": 1772800000000,
                "sortDate": 1772800000000,
                "isFavorite": False,
                "ingestions": [
                    {
                        "substanceName": "Kratom",
                        "time": 1772800000000,
                        "administrationRoute": "ORAL",
                        "dose": 3,
                        "isDoseAnEstimate": False,
                        "units": "g",
                        "notes": "",
                    }
                ],
            }
        ],
        "substanceCompanions": [],
        "customSubstances": [],
    }
    response = upload(alice_client, json.dumps(journal).encode(), name="Journal export.json")
    assert response.status_code == 200, response.content
    assert response.json()["source"] == "psychonautwiki"
    assert m.Dose.objects.get(user=alice).grams == 3


def test_one_import_reports_bad_records_and_what_the_checks_find_in_the_others_together(
    alice, alice_client, frozen_now
):
    good = {
        "uid": "00000000-0000-4000-8000-000000000001",
        "taken_at": "2026-03-01T08:00:00Z",
        "grams": 3,
        "amount": 3,
    }
    document = {
        "format": "speciosa-journal",
        "version": 1,
        "doses": [
            {**good, "grams": -1},
            {**good, "uid": "00000000-0000-4000-8000-000000000002", "taken_at": "2030-01-01T08:00:00Z"},
            {
                **good,
                "uid": "00000000-0000-4000-8000-000000000003",
                "grams": 200,
                "amount": 200,
                "unit": "mg",
            },
        ],
    }
    response = upload(alice_client, json.dumps(document).encode())
    assert response.status_code == 400
    assert errors_of(response) == {
        "doses[0].grams": "Input should be greater than 0",
        "doses[1].taken_at": "is in the future",
        "doses[2].grams": "200 g contradicts the amount: 200 mg is 0.2 g",
    }
    assert not m.Dose.objects.filter(user=alice).exists()


def test_a_psychonautwiki_ingestion_logged_for_a_friend_is_skipped_and_listed(
    alice, alice_client, frozen_now
):
    ingestion = {
        "substanceName": "Kratom",
        "time": 1772800000000,
        "administrationRoute": "ORAL",
        "dose": 3,
        "isDoseAnEstimate": False,
        "units": "g",
        "notes": "",
    }
    journal = {
        "experiences": [
            {
                "title": "Evening",
                "text": "",
                "creationDate": 1772800000000,
                "sortDate": 1772800000000,
                "isFavorite": False,
                "ingestions": [ingestion, {**ingestion, "dose": 9, "consumerName": "Alex"}],
            }
        ],
        "substanceCompanions": [],
        "customSubstances": [],
    }
    response = upload(alice_client, json.dumps(journal).encode(), name="Journal export.json")
    assert response.status_code == 200, response.content
    assert response.json()["skipped"] == [
        "experiences[0].ingestions[1]: logged for Alex (consumerName), not imported"
    ]
    assert [d.grams for d in m.Dose.objects.filter(user=alice)] == [3]


@pytest.mark.parametrize("speciosas_own", [False, True])
def test_a_file_nested_a_hundred_thousand_deep_is_refused_naming_the_file(alice, alice_client, speciosas_own):
    head = b'{"format": "speciosa-journal", "doses": ' if speciosas_own else b""
    response = upload(alice_client, head + b"[" * 100_000)
    assert response.status_code == 400
    assert "nests arrays and objects more than 200 levels deep" in errors_of(response)["file"]
    assert not m.Dose.objects.filter(user=alice).exists()
