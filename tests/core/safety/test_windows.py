"""One definition of the windows the rules read, and what an assessment covered (its scope)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from speciosa.core.journal_format import JournalDocument
from speciosa.core.safety import JournalView, assessment_scope
from speciosa.core.safety.scope import date_words
from speciosa.core.safety.windows import LAB_WINDOW_DAYS, WINDOW_DAYS

#: 10:00 in New York on Saturday 7 March 2026.
NOW = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
NEW_YORK = {"timezone": "America/New_York"}


def uid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def number(record) -> int:
    """The n of a record made with `uid(n)`."""
    return int(str(record.uid)[-12:])


def dose(n: int, taken_at: datetime, grams: float = 3) -> dict:
    return {"uid": uid(n), "taken_at": taken_at.isoformat(), "grams": grams, "amount": grams}


def lab(n: int, taken_on: date) -> dict:
    return {
        "uid": uid(n),
        "taken_on": taken_on.isoformat(),
        "test": "ALT",
        "value": 30,
        "unit": "U/L",
        "reference_high": 56,
    }


def journal(**lists) -> JournalDocument:
    return JournalDocument.model_validate({"profile": NEW_YORK, **lists})


def test_the_windows_are_90_days_of_timed_entries_and_365_days_of_lab_results():
    assert (WINDOW_DAYS, LAB_WINDOW_DAYS) == (90, 365)


def test_the_rules_see_only_lab_results_taken_in_the_last_365_local_days():
    today = date(2026, 3, 7)
    document = journal(
        labs=[
            lab(1, today - timedelta(days=365)),  # the first day of the window
            lab(2, today - timedelta(days=366)),
            lab(3, date(2023, 3, 3)),  # three years old
            lab(4, today),
            lab(5, today + timedelta(days=1)),  # dated tomorrow: not taken yet
        ]
    )
    assert [number(lab) for lab in JournalView.of(document, NOW).labs] == [1, 4]


def test_the_lab_window_counts_the_persons_local_days():
    # 01:00 UTC on 7 March is still 6 March in New York: the window starts on 6 March 2025 there.
    late_evening = datetime(2026, 3, 7, 1, 0, tzinfo=UTC)
    document = journal(labs=[lab(1, date(2025, 3, 6))])
    assert len(JournalView.of(document, late_evening).labs) == 1
    assert len(JournalView.of(document, NOW).labs) == 0


def test_the_rules_see_timed_entries_of_the_last_90_days_up_to_now():
    document = journal(
        doses=[
            dose(1, NOW - timedelta(days=89, hours=23)),
            dose(2, NOW - timedelta(days=90, hours=1)),
            dose(3, NOW),
        ]
    )
    assert [number(d) for d in JournalView.of(document, NOW).doses] == [1, 3]


# --- what an assessment covered ---------------------------------------------------------------


def test_an_empty_journal_says_it_has_no_entries_yet():
    scope = assessment_scope(journal(), NOW)
    assert scope.message == "Your journal has no entries yet."
    assert scope.window_empty and scope.newest_entry is None


def test_an_old_journal_says_when_its_newest_entry_is_from_and_what_findings_look_at():
    document = journal(
        doses=[dose(1, datetime(2023, 3, 3, 20, 0, tzinfo=UTC))], labs=[lab(2, date(2022, 5, 1))]
    )
    scope = assessment_scope(document, NOW)
    assert scope.message == (
        "Your newest entry is from 3 March 2023; findings look at the last 90 days "
        "(lab results: the last 365 days)."
    )
    assert scope.window_empty and scope.stale
    assert (scope.newest_entry.kind, scope.newest_entry.day) == ("doses", date(2023, 3, 3))


def test_a_journal_with_recent_entries_only_says_what_findings_look_at():
    scope = assessment_scope(journal(doses=[dose(1, NOW - timedelta(days=2))]), NOW)
    assert scope.message == "Findings look at the last 90 days (lab results: the last 365 days)."
    assert scope.entries_in_window == 1 and not scope.window_empty and not scope.stale


def test_a_lab_result_from_200_days_ago_is_read_but_the_newest_entry_is_still_named():
    scope = assessment_scope(journal(labs=[lab(1, date(2025, 8, 19))]), NOW)
    assert scope.entries_in_window == 1 and not scope.window_empty
    assert scope.message.startswith("Your newest entry is from 19 August 2025;")


def test_a_journal_of_products_and_medications_only_has_no_dated_entries_to_assess():
    document = journal(medications=[{"uid": uid(1), "name": "duloxetine"}])
    scope = assessment_scope(document, NOW)
    assert scope.window_empty and scope.has_entries
    assert scope.message.startswith(
        "Your journal has no doses, check-ins, substances, therapies or lab results yet;"
    )


def test_the_newest_entry_is_named_by_the_persons_local_day():
    # 02:00 UTC on 4 March 2023 is the evening of 3 March in New York.
    document = journal(doses=[dose(1, datetime(2023, 3, 4, 2, 0, tzinfo=UTC))])
    assert "from 3 March 2023;" in assessment_scope(document, NOW).message


def test_the_scope_as_json_holds_the_windows_the_newest_entry_and_the_message():
    shown = assessment_scope(journal(doses=[dose(1, datetime(2023, 3, 3, 20, 0, tzinfo=UTC))]), NOW).as_dict()
    assert shown == {
        "message": shown["message"],
        "window_days": 90,
        "lab_window_days": 365,
        "window_start": "2025-12-07T10:00:00-05:00",
        "lab_window_start": "2025-03-07",
        "newest_entry_kind": "doses",
        "newest_entry_on": "2023-03-03",
        "entries_in_window": 0,
        "window_empty": True,
    }


def test_days_are_written_in_words_whatever_the_locale():
    assert date_words(date(2023, 3, 3)) == "3 March 2023"
