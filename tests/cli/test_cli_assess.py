"""`speciosa assess` (the stored journal, or an exported one that is stored nowhere) and `speciosa profile`.

Most tests register their own small rules (the `test_rules` fixture) so that what must be found is
fixed here; the demo-journal tests run the real rules.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import time, timedelta

from django.apps import apps

from speciosa.core.journal_format import JournalDocument
from speciosa.demo.stories import case_named
from speciosa.journal import models as m
from speciosa.journal import transfer
from speciosa.refdata import sources


def database_rows() -> dict[str, int]:
    """How many rows every table holds, to show that a command stored nothing."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def demo_export(tmp_path, key: str, *, end, exported_at=None) -> str:
    """A demo case study's journal written as `speciosa export` writes it; returns the path.

    With `exported_at`, only what was logged by then (an export made part-way through the story)."""
    document = JournalDocument.model_validate(case_named(key).journal(end=end))
    if exported_at is not None:
        document = document.model_copy(
            update={
                kind: [r for r in getattr(document, kind) if getattr(r, field) <= exported_at]
                for kind, field in (
                    ("doses", "taken_at"),
                    ("checkins", "at"),
                    ("substances", "at"),
                    ("therapies", "at"),
                )
            }
            | {"labs": [lab for lab in document.labs if lab.taken_on <= exported_at.date()]}
        )
    path = tmp_path / f"{key}.json"
    path.write_text(document.model_dump_json(indent=1))
    return str(path)


def findings_in(result) -> list[dict]:
    """The findings of `speciosa assess --format json` (beside the scope of the assessment)."""
    return json.loads(result.stdout)["findings"]


# --- the stored journal -----------------------------------------------------------------------


def test_assess_prints_the_findings_urgent_first_with_what_to_do_and_the_sources(
    alice, alices_findings, speciosa
):
    result = speciosa("assess")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.index("URGENT") < out.index("WARNING")
    assert "The worst pain" in out and "Get help now." in out and "A big dose" in out
    assert "2 findings (1 urgent, 1 warning)." in out
    grundmann = sources()["grundmann-2017"]
    assert f"grundmann-2017: {grundmann.citation} {grundmann.link}" in " ".join(out.split())
    assert "not medical advice" in out


def test_assess_shows_the_findings_the_pages_show_and_stores_nothing(alice, alices_findings, speciosa):
    stored = list(m.FindingState.objects.filter(user=alice).values_list("key", "last_seen_at"))
    shown = speciosa("assess", "--format", "json")
    assert {f["code"] for f in json.loads(shown.stdout)["findings"]} == {"test.big_dose", "test.worst_pain"}
    assert list(m.FindingState.objects.filter(user=alice).values_list("key", "last_seen_at")) == stored


def test_assess_json_lists_the_findings_with_every_source_in_full(alice, alices_findings, speciosa):
    dose, checkin = alices_findings
    result = speciosa("assess", "--json")
    assert result.exit_code == 0, result.stderr
    found = findings_in(result)
    assert [(f["code"], f["severity"]) for f in found] == [
        ("test.worst_pain", "urgent"),
        ("test.big_dose", "warning"),
    ]
    big = found[1]
    assert big["entries"] == [{"kind": "doses", "uid": str(dose.uid)}]
    assert big["at"] == "2026-03-07T09:00:00-05:00"  # alice's time zone, New York
    assert big["sources"][0] == sources()["grundmann-2017"].model_dump(mode="json")
    assert (big["first_seen_at"], big["acknowledged_at"]) == ("2026-03-07T10:00:00-05:00", None)
    assert findings_in(speciosa("assess", "--format", "json")) == found


def test_assess_csv_has_one_row_per_finding_with_source_ids(alice, alices_findings, speciosa):
    rows = list(csv.DictReader(io.StringIO(speciosa("assess", "--format", "csv").stdout)))
    assert [(r["severity"], r["sources"]) for r in rows] == [
        ("urgent", "cdph-2025"),
        ("warning", "grundmann-2017; fda-sad-2024"),
    ]


def test_assess_says_when_nothing_was_found_without_calling_anything_safe(
    alice, test_rules, speciosa, frozen_now
):
    result = speciosa("assess")
    assert result.exit_code == 0
    assert "No findings" in result.stdout and "0 findings." in result.stdout
    assert not re.search(r"\bsafe\b", result.stdout, re.IGNORECASE)
    assert speciosa("assess", "--format", "csv").stdout.startswith(
        "severity,title,meaning,action,grade,sources"
    )


def test_assess_reads_only_the_chosen_persons_journal(alice, bob, alices_findings, speciosa):
    result = speciosa("assess", "--user", "bob", "--json")
    assert findings_in(result) == []
    assert not m.FindingState.objects.filter(user=bob).exists()
    assert speciosa("assess").exit_code == 1  # two accounts: --user is needed


def test_json_and_csv_together_are_refused(alice, test_rules, speciosa):
    result = speciosa("assess", "--json", "--format", "csv")
    assert result.exit_code == 1 and "json: " in result.stderr


# --- an exported journal, stored nowhere ------------------------------------------------------


def test_assess_file_reads_an_export_and_stores_nothing(alice, alices_findings, speciosa, tmp_path):
    exported = tmp_path / "alice.json"
    exported.write_bytes(transfer.journal_export_json(user=alice))
    before = database_rows()
    result = speciosa("assess", "--file", str(exported), "--json")
    assert result.exit_code == 0, result.stderr
    assert [f["code"] for f in findings_in(result)] == ["test.worst_pain", "test.big_dose"]
    assert "first_seen_at" not in findings_in(result)[0]
    assert database_rows() == before
    table = speciosa("assess", "--file", str(exported))
    assert "alice.json as of 2026-03-07 10:00 (America/New_York), nothing stored: 2 findings" in table.stdout
    assert database_rows() == before


def test_assess_file_needs_no_account(db, test_rules, speciosa, tmp_path, frozen_now):
    path = tmp_path / "journal.json"
    path.write_text(
        json.dumps(
            {
                "format": "speciosa-journal",
                "version": 1,
                "doses": [
                    {
                        "uid": "00000000-0000-4000-8000-000000000001",
                        "taken_at": "2026-03-07T08:00:00Z",
                        "grams": 11,
                        "amount": 11,
                    }
                ],
            }
        )
    )
    result = speciosa("assess", "--file", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [f["code"] for f in findings_in(result)] == ["test.big_dose"]
    assert not apps.get_model("auth", "User").objects.exists()


def test_assess_file_refuses_a_bad_file_naming_each_problem(db, test_rules, speciosa, tmp_path):
    before = database_rows()
    missing = speciosa("assess", "--file", str(tmp_path / "none.json"))
    assert missing.exit_code == 1 and "file: there is no file at" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "speciosa-journal", ')
    assert "file: is not valid JSON" in speciosa("assess", "--file", str(broken)).stderr
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "doses": [
                    {
                        "uid": "00000000-0000-4000-8000-000000000001",
                        "taken_at": "2026-03-01T08:00:00Z",
                        "grams": -1,
                        "amount": 3,
                    }
                ]
            }
        )
    )
    result = speciosa("assess", "--file", str(bad))
    assert result.exit_code == 1 and "doses[0].grams: Input should be greater than 0" in result.stderr
    assert database_rows() == before


def test_assess_file_on_every_exported_demo_journal_gives_findings_with_sources_and_stores_nothing(
    db, speciosa, tmp_path, frozen_now
):
    before = database_rows()
    for key in ("backpain", "fibro", "opioid"):
        result = speciosa("assess", "--file", demo_export(tmp_path, key, end=frozen_now), "--json")
        assert result.exit_code == 0, (key, result.stderr)
        for finding in findings_in(result):
            assert finding["sources"] and all(s["citation"] for s in finding["sources"]), (
                key,
                finding["code"],
            )
            assert finding["title"] and finding["action"], (key, finding["code"])
    assert database_rows() == before


def test_assess_file_on_the_opioid_demo_journal_during_the_overlap_shows_the_opioid_interaction(
    db, speciosa, tmp_path, frozen_now
):
    # Story day 40 is today: oxycodone (until day 69) and kratom (from day 7) overlap.
    end = frozen_now + timedelta(days=210 - 41)
    result = speciosa(
        "assess", "--file", demo_export(tmp_path, "opioid", end=end, exported_at=frozen_now), "--json"
    )
    assert result.exit_code == 0, result.stderr
    found = findings_in(result)
    assert any(f["code"].startswith("interaction.") and "opioid" in f["subject"] for f in found), [
        (f["code"], f["subject"]) for f in found
    ]


def test_marking_the_profile_pregnant_makes_assess_show_the_standing_pregnancy_warning(
    alice, speciosa, frozen_now
):
    codes = lambda: [f["code"] for f in findings_in(speciosa("assess", "--json"))]  # noqa: E731
    assert "pregnancy.standing" not in codes()
    speciosa("profile", "--pregnant")
    assert "pregnancy.standing" in codes()
    speciosa("profile", "--not-pregnant")
    assert "pregnancy.standing" not in codes()


# --- the same checks as an import, and what the assessment covered ---------------------------


def a_bad_file(tmp_path):
    """A file with a bad record, a time in the future, an unknown product, 200 g from "200 mg" and an
    unknown side effect: every one a problem `speciosa import` reports."""
    good = {
        "uid": "00000000-0000-4000-8000-000000000001",
        "taken_at": "2026-03-01T08:00:00Z",
        "grams": 3,
        "amount": 3,
    }
    path = tmp_path / "bad.json"
    path.write_text(
        json.dumps(
            {
                "format": "speciosa-journal",
                "version": 1,
                "doses": [
                    good,
                    {**good, "uid": "00000000-0000-4000-8000-000000000002", "grams": -1},
                    {
                        **good,
                        "uid": "00000000-0000-4000-8000-000000000003",
                        "taken_at": "2027-01-01T08:00:00Z",
                    },
                    {
                        **good,
                        "uid": "00000000-0000-4000-8000-000000000004",
                        "product_uid": "00000000-0000-4000-8000-0000000000ff",
                    },
                    {
                        **good,
                        "uid": "00000000-0000-4000-8000-000000000005",
                        "grams": 200,
                        "amount": 200,
                        "unit": "mg",
                    },
                ],
                "checkins": [
                    {
                        "uid": "00000000-0000-4000-8000-000000000006",
                        "at": "2026-03-01T10:00:00Z",
                        "side_effects": [{"code": "feeling_great"}],
                    }
                ],
            }
        )
    )
    return path


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("doses[", "checkins["))]


def test_assess_file_refuses_what_import_refuses_printing_every_problem_exactly_as_import_does(
    alice, test_rules, speciosa, tmp_path, frozen_now
):
    path = a_bad_file(tmp_path)
    assessed = speciosa("assess", "--file", str(path), "--json")
    imported = speciosa("import", str(path))
    assert (assessed.exit_code, imported.exit_code) == (1, 1)
    assert assessed.stdout == ""  # nothing was assessed
    assert (
        problem_lines(assessed.stderr)
        == problem_lines(imported.stderr)
        == [
            "doses[1].grams: Input should be greater than 0",
            "doses[2].taken_at: is in the future",
            "doses[3].product_uid: names a product that is in neither this file nor your journal",
            "doses[4].grams: 200 g contradicts the amount: 200 mg is 0.2 g",
            "checkins[0].side_effects[0].code: unknown side effect 'feeling_great'",
        ]
    )
    assert "Nothing was assessed." in assessed.stderr


def an_old_export(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps(
            {
                "format": "speciosa-journal",
                "version": 1,
                "profile": {"timezone": "America/New_York"},
                "doses": [
                    {
                        "uid": "00000000-0000-4000-8000-000000000001",
                        "taken_at": "2023-03-03T20:00:00Z",
                        "grams": 30,
                        "amount": 30,
                    }
                ],
            }
        )
    )
    return path


OLD = "Your newest entry is from 3 March 2023; findings look at the last 90 days (lab results: the last 365 days)."


def test_assessing_an_old_journal_says_when_its_newest_entry_is_from_instead_of_an_all_clear(
    alice, test_rules, speciosa, tmp_path, frozen_now
):
    path = an_old_export(tmp_path)
    from_file = speciosa("assess", "--file", str(path))
    assert from_file.exit_code == 0, from_file.stderr
    assert OLD in " ".join(from_file.stdout.split())
    assert "nothing recent enough was logged" in from_file.stdout
    speciosa("import", str(path))
    stored = speciosa("assess")
    assert OLD in " ".join(stored.stdout.split()) and "nothing recent enough was logged" in stored.stdout


def test_assess_json_says_what_the_assessment_covered_for_the_stored_journal_and_a_file(
    alice, test_rules, speciosa, tmp_path, frozen_now
):
    path = an_old_export(tmp_path)
    from_file = json.loads(speciosa("assess", "--file", str(path), "--json").stdout)
    speciosa("import", str(path))
    stored = json.loads(speciosa("assess", "--json").stdout)
    assert stored["scope"] == from_file["scope"]
    assert from_file["scope"] == {
        "message": OLD,
        "window_days": 90,
        "lab_window_days": 365,
        "window_start": "2025-12-07T10:00:00-05:00",
        "lab_window_start": "2025-03-07",
        "newest_entry_kind": "doses",
        "newest_entry_on": "2023-03-03",
        "entries_in_window": 0,
        "window_empty": True,
    }
    assert from_file["findings"] == stored["findings"] == []


def test_assessing_an_empty_journal_says_it_has_no_entries_yet(alice, test_rules, speciosa, frozen_now):
    result = speciosa("assess")
    assert "Your journal has no entries yet." in result.stdout
    assert "Your journal has no entries yet." in speciosa("assess", "--format", "csv").stderr


def test_assessing_a_current_journal_says_only_what_findings_look_at(alice, alices_findings, speciosa):
    out = " ".join(speciosa("assess").stdout.split())
    assert "Findings look at the last 90 days (lab results: the last 365 days)." in out
    assert "newest entry" not in out


# --- speciosa profile -------------------------------------------------------------------------


def test_profile_shows_the_time_zone_teaspoon_and_pregnancy_flag(alice, speciosa):
    shown = json.loads(speciosa("profile", "--format", "json").stdout)
    assert shown == {
        "username": "alice",
        "timezone": "America/New_York",
        "teaspoon_grams": None,
        "assumed_teaspoon_grams": 1.75,
        "pregnant": False,
        "breastfeeding": False,
        "country": "",
        "region": "",
        "checkin_reminder": None,
    }
    assert "Pregnant or may be" in speciosa("profile").stdout


def test_profile_checkin_reminder_sets_the_calendars_reminder_time_and_none_removes_it(alice, speciosa):
    set_ = speciosa("profile", "--checkin-reminder", "20:30", "--format", "json")
    assert json.loads(set_.stdout)["checkin_reminder"] == "20:30"
    assert m.Profile.objects.get(user=alice).checkin_reminder == time(20, 30)
    refused = speciosa("profile", "--checkin-reminder", "half past")
    assert refused.exit_code != 0 and "checkin-reminder" in refused.stderr
    assert m.Profile.objects.get(user=alice).checkin_reminder == time(20, 30)
    cleared = speciosa("profile", "--checkin-reminder", "none", "--format", "json")
    assert json.loads(cleared.stdout)["checkin_reminder"] is None


def test_profile_country_chooses_the_emergency_numbers_and_auto_reads_them_from_the_time_zone_again(
    alice, speciosa
):
    assert json.loads(speciosa("profile", "--country", "gb", "--format", "json").stdout)["country"] == "GB"
    assert m.Profile.objects.get(user=alice).country == "GB"
    refused = speciosa("profile", "--country", "FR")
    assert refused.exit_code != 0 and m.Profile.objects.get(user=alice).country == "GB"
    assert json.loads(speciosa("profile", "--country", "auto", "--format", "json").stdout)["country"] == ""


def test_profile_pregnant_and_not_pregnant_set_the_flag(alice, speciosa):
    result = speciosa("profile", "--pregnant")
    assert result.exit_code == 0 and "Marked as pregnant or may be" in result.stderr
    assert m.Profile.objects.get(user=alice).pregnant is True
    assert json.loads(speciosa("profile", "--not-pregnant", "--format", "json").stdout)["pregnant"] is False
    assert m.Profile.objects.get(user=alice).pregnant is False


def test_marking_the_profile_breastfeeding_makes_assess_show_its_standing_warning(
    alice, speciosa, frozen_now
):
    codes = lambda: [f["code"] for f in findings_in(speciosa("assess", "--json"))]  # noqa: E731
    assert "breastfeeding.standing" not in codes()
    result = speciosa("profile", "--breastfeeding")
    assert result.exit_code == 0 and "Marked as breastfeeding" in result.stderr
    assert m.Profile.objects.get(user=alice).breastfeeding is True
    assert "breastfeeding.standing" in codes()
    speciosa("profile", "--not-breastfeeding")
    assert "breastfeeding.standing" not in codes()


def test_profile_changes_the_time_zone_and_teaspoon_and_a_bad_value_changes_nothing(alice, speciosa):
    changed = json.loads(
        speciosa(
            "profile", "--timezone", "Europe/Lisbon", "--teaspoon-grams", "2.1", "--format", "json"
        ).stdout
    )
    assert (changed["timezone"], changed["teaspoon_grams"]) == ("Europe/Lisbon", 2.1)
    refused = speciosa("profile", "--pregnant", "--teaspoon-grams", "0")
    assert refused.exit_code == 1 and "teaspoon-grams: " in refused.stderr
    wrong_zone = speciosa("profile", "--pregnant", "--timezone", "Mars/Olympus")
    assert wrong_zone.exit_code == 1 and "timezone: unknown time zone" in wrong_zone.stderr
    profile = m.Profile.objects.get(user=alice)
    assert (profile.timezone, profile.teaspoon_grams, profile.pregnant) == ("Europe/Lisbon", 2.1, False)
    assert (
        json.loads(speciosa("profile", "--assumed-teaspoon", "--format", "json").stdout)["teaspoon_grams"]
        is None
    )
