"""Findings are recorded when the journal changes, from every interface, and kept honestly."""

from datetime import timedelta

from speciosa.journal import findings, services
from speciosa.journal import models as m
from speciosa.journal.window import journal_window


def test_a_red_flag_checkin_logged_through_a_service_is_urgent_at_once(alice, frozen_now):
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "side_effects": [{"code": "breathing_problems", "severity": "severe"}]},
    )
    urgent = findings.findings_urgent_unacknowledged(user=alice)
    assert [f.code for f in urgent] == ["red_flag.symptom"]


def test_an_unread_urgent_finding_stays_after_its_window_and_goes_once_read(alice, frozen_now):
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "side_effects": [{"code": "seizure", "severity": "severe"}]},
    )
    later = frozen_now + timedelta(days=10)
    findings.findings_refresh(user=alice, now=later)
    [urgent] = findings.findings_urgent_unacknowledged(user=alice)
    findings.finding_acknowledge(user=alice, key=urgent.key, now=later)
    findings.findings_refresh(user=alice, now=later)
    assert findings.findings_urgent_unacknowledged(user=alice) == []


def test_refreshing_marks_unchanged_findings_as_seen_again(alice, frozen_now):
    services.profile_update(user=alice, pregnant=True)
    findings.findings_refresh(user=alice, now=frozen_now)
    findings.findings_refresh(user=alice, now=frozen_now + timedelta(hours=1))
    state = m.FindingState.objects.get(user=alice, code="pregnancy.standing")
    assert state.last_seen_at == frozen_now + timedelta(hours=1)
    assert state.first_seen_at == frozen_now


def test_a_finding_back_after_it_lapsed_asks_to_be_read_again(alice, frozen_now):
    services.profile_update(user=alice, pregnant=True)
    findings.findings_refresh(user=alice, now=frozen_now)
    state = m.FindingState.objects.get(user=alice, code="pregnancy.standing")
    findings.finding_acknowledge(user=alice, key=state.key, now=frozen_now)
    services.profile_update(user=alice, pregnant=False)
    findings.findings_refresh(user=alice, now=frozen_now)
    services.profile_update(user=alice, pregnant=True)
    findings.findings_refresh(user=alice, now=frozen_now)
    assert m.FindingState.objects.get(user=alice, code="pregnancy.standing").acknowledged_at is None


def test_findings_scope_says_what_an_assessment_of_the_stored_journal_covers(alice, frozen_now):
    assert findings.findings_scope(user=alice, now=frozen_now).message == "Your journal has no entries yet."
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(days=120))
    stale = findings.findings_scope(user=alice, now=frozen_now)
    assert stale.window_empty and stale.message.startswith("Your newest entry is from 7 November 2025;")
    services.entry_create(
        user=alice, kind="checkins", values={"at": frozen_now - timedelta(hours=1), "pain_now": 3}
    )
    current = findings.findings_scope(user=alice, now=frozen_now)
    assert (current.entries_in_window, current.newest_entry.kind) == (1, "checkins")
    assert current.message == "Findings look at the last 90 days (lab results: the last 365 days)."


def test_the_stored_journals_window_holds_lab_results_of_the_last_365_days_only(alice, frozen_now):
    for days_ago in (0, 365, 366, 1100):
        services.entry_create(
            user=alice,
            kind="labs",
            values={
                "taken_on": (frozen_now - timedelta(days=days_ago)).date(),
                "test": "ALT",
                "value": 30,
                "unit": "U/L",
            },
        )
    window = journal_window(user=alice, now=frozen_now)
    assert sorted(lab.taken_on.isoformat() for lab in window.labs) == ["2025-03-07", "2026-03-07"]


def test_a_stored_finding_keeps_every_field_and_reads_back_the_same(alice, frozen_now):
    from dataclasses import fields
    from uuid import uuid4

    from speciosa.core.safety import EntryRef, Finding, Severity

    finding = Finding(
        code="test.code",
        severity=Severity.WARNING,
        title="A title",
        meaning="What it means",
        action="What to do",
        grade="B",
        sources=("grundmann-2017",),
        entries=(EntryRef("doses", uuid4()),),
        subject="subject",
        at=frozen_now,
        symptoms_to_log=("nausea",),
    )
    stored = findings.finding_as_json(finding)
    assert set(stored) == {f.name for f in fields(Finding)}
    assert findings.finding_from_json(stored) == finding


def test_an_import_stores_the_findings_of_what_it_added_at_once(alice, frozen_now):
    import json

    from speciosa.journal import transfer

    findings.findings_refresh(user=alice, now=frozen_now)
    document = {
        "format": "speciosa-journal",
        "version": 1,
        "checkins": [
            {
                "uid": "00000000-0000-4000-8000-000000000001",
                "at": frozen_now.isoformat(),
                "side_effects": [{"code": "seizure", "severity": "severe"}],
            }
        ],
    }
    transfer.import_file(user=alice, content=json.dumps(document).encode(), filename="j.json", now=frozen_now)
    assert m.FindingState.objects.filter(user=alice, code="red_flag.symptom", active=True).exists()
    assert [f.code for f in findings.findings_urgent_unacknowledged(user=alice)] == ["red_flag.symptom"]
