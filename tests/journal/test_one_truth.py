"""One truth for every path: a journal imported and assessed from the database, and the same file
assessed as it is (`speciosa assess --file`), read the same windows and raise the same findings,
and say the same about what the assessment covered."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from speciosa.core.safety import EntryRef, Finding, Severity, registry
from speciosa.journal import findings, services, transfer

NOW = datetime.fromisoformat("2026-03-07T15:00:00+00:00")  # the tests' frozen now: 10:00 in New York
TODAY = date(2026, 3, 7)


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def at(days_ago: float) -> str:
    return (NOW - timedelta(days=days_ago)).isoformat()


def lab(n: int, taken_on: date, test: str, value: float, high: float) -> dict:
    return {
        "uid": uid(n),
        "taken_on": taken_on.isoformat(),
        "test": test,
        "value": value,
        "unit": "U/L",
        "reference_high": high,
    }


def a_journal_with_old_and_new_entries() -> dict:
    """Old entries on both sides of every window edge, and recent ones that raise findings."""
    return {
        "format": "speciosa-journal",
        "version": 1,
        "profile": {"timezone": "America/New_York"},
        "doses": [
            {"uid": uid(1), "taken_at": at(100), "grams": 30, "amount": 30},  # a big dose, out of the window
            {"uid": uid(2), "taken_at": at(90.1), "grams": 25, "amount": 25},  # just out
            {"uid": uid(3), "taken_at": at(89.9), "grams": 4, "amount": 4},  # just in
            {"uid": uid(4), "taken_at": at(2), "grams": 3, "amount": 3},
            {"uid": uid(5), "taken_at": at(0.1), "grams": 12, "amount": 12},
        ],
        "checkins": [
            {
                "uid": uid(10),
                "at": at(95),
                "pain_now": 10,
                "side_effects": [{"code": "seizure", "severity": "severe"}],
            },
            {"uid": uid(11), "at": at(1), "pain_now": 4},
        ],
        "medications": [{"uid": uid(20), "name": "oxycodone", "started_on": "2024-01-01"}],
        "labs": [
            lab(30, date(2023, 3, 3), "AST", 400, 40),  # three years old, far over the limit
            lab(31, TODAY - timedelta(days=366), "bilirubin", 5, 1.2),  # a day before the lab window
            lab(32, TODAY - timedelta(days=365), "ALT", 70, 56),  # the window's first day: above the range
            lab(33, TODAY - timedelta(days=200), "ALP", 200, 120),
        ],
    }


def both_paths(document: dict, user) -> tuple[list[Finding], list[Finding]]:
    """The findings from the stored journal after an import, and from the file assessed as it is."""
    content = json.dumps(document).encode()
    transfer.import_file(user=user, content=content, now=NOW)
    stored = findings.findings_refresh(user=user, now=NOW)
    parsed = transfer.journal_file_checked(content, now=NOW)
    from_file, _ = findings.findings_of_document(document=parsed.document, now=NOW)
    return stored, from_file


def words(found: list[Finding]) -> list[tuple[str, str, str, str, tuple[EntryRef, ...]]]:
    return [(f.key, f.severity.value, f.title, f.meaning, f.entries) for f in found]


@pytest.fixture
def carol(db):
    """A person whose profile is still at its defaults, so an import adopts the file's time zone."""
    return services.account_create(username="carol", password="correct horse battery")


def seen(view):
    """A rule that reports every dose, check-in and lab result the rules are shown."""
    for kind in ("doses", "checkins", "labs"):
        for record in getattr(view, kind):
            yield Finding(
                code="test.seen",
                severity=Severity.INFO,
                title=f"seen {kind}",
                meaning=str(record.uid),
                action="-",
                grade="C",
                sources=("grundmann-2017",),
                entries=(EntryRef(kind, record.uid),),
                key=f"test.seen:{record.uid}",
            )


def test_the_stored_journal_and_the_file_show_the_rules_exactly_the_same_entries(carol, monkeypatch):
    monkeypatch.setattr(registry, "_RULES", {})
    registry.rule("test.seen", title="seen", checks="every entry", sources=("grundmann-2017",))(seen)
    stored, from_file = both_paths(a_journal_with_old_and_new_entries(), carol)
    assert sorted(f.meaning for f in stored) == sorted(f.meaning for f in from_file)
    assert sorted(int(f.meaning[-12:]) for f in from_file) == [3, 4, 5, 11, 32, 33]


def test_old_labs_and_old_doses_raise_the_same_findings_in_both_paths_with_the_real_rules(carol):
    stored, from_file = both_paths(a_journal_with_old_and_new_entries(), carol)
    assert words(stored) == words(from_file)
    concerned = {entry.uid.int & 0xFFFFFFFFFFFF for finding in from_file for entry in finding.entries}
    assert not concerned & {1, 2, 10, 30, 31}  # nothing out of the windows raises anything
    assert any(
        entry.kind == "labs" for finding in from_file for entry in finding.entries
    )  # the lab of a year ago does


def test_a_lab_three_years_old_raises_nothing_in_either_path(carol):
    document = {
        "format": "speciosa-journal",
        "version": 1,
        "profile": {"timezone": "America/New_York"},
        "labs": [lab(30, date(2023, 3, 3), "ALT", 900, 40)],
    }
    stored, from_file = both_paths(document, carol)
    assert stored == from_file == []


def test_both_paths_say_the_same_about_what_was_covered(carol):
    document = a_journal_with_old_and_new_entries()
    content = json.dumps(document).encode()
    transfer.import_file(user=carol, content=content, now=NOW)
    _, from_file = findings.findings_of_document(
        document=transfer.journal_file_checked(content, now=NOW).document, now=NOW
    )
    stored = findings.findings_scope(user=carol, now=NOW)
    assert stored == from_file
    assert stored.entries_in_window == 6


def test_an_old_journal_says_when_its_newest_entry_is_from_in_both_paths(carol):
    document = {
        "format": "speciosa-journal",
        "version": 1,
        "profile": {"timezone": "America/New_York"},
        "doses": [{"uid": uid(1), "taken_at": "2023-03-03T20:00:00+00:00", "grams": 30, "amount": 30}],
        "labs": [lab(2, date(2022, 1, 5), "ALT", 900, 40)],
    }
    content = json.dumps(document).encode()
    transfer.import_file(user=carol, content=content, now=NOW)
    stored = findings.findings_scope(user=carol, now=NOW)
    _, from_file = findings.findings_of_document(
        document=transfer.journal_file_checked(content, now=NOW).document, now=NOW
    )
    expected = "Your newest entry is from 3 March 2023; findings look at the last 90 days (lab results: the last 365 days)."
    assert stored.message == from_file.message == expected
    assert stored.window_empty and findings.findings_refresh(user=carol, now=NOW) == []


def test_an_empty_journal_says_it_has_no_entries_yet(carol):
    scope = findings.findings_scope(user=carol, now=NOW)
    assert scope.message == "Your journal has no entries yet." and scope.window_empty
