"""The CSV reports: one per kind of entry, through the registry, limited to the period's local days,
formula-safe, streamed, and only ever the person's own rows."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from speciosa.journal import services, transfer
from speciosa.reports import csv_exports
from speciosa.reports.registry import Period, exporter_get, exporters

NOW = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
#: Alice lives in New York: 05:00 UTC on 1 March is midnight there (UTC-5).
PERIOD = Period(date(2026, 3, 1), date(2026, 3, 6))


def rows(exporter_id: str, user, period: Period = PERIOD) -> list[dict[str, str]]:
    body = b"".join(exporter_get(exporter_id).render(user=user, period=period, now=NOW))
    return list(csv.DictReader(io.StringIO(body.decode())))


def test_there_is_one_csv_report_per_kind_of_entry_in_the_registry():
    ids = [e.id for e in exporters()]
    assert [i for i in ids if i.startswith("csv-")] == [
        "csv-products",
        "csv-doses",
        "csv-checkins",
        "csv-medications",
        "csv-substances",
        "csv-therapies",
        "csv-labs",
        "csv-selfchecks",
    ]
    doses = exporter_get("csv-doses")
    assert doses.media_type.startswith("text/csv")
    assert doses.filename(PERIOD) == "speciosa-csv-doses-2026-03-01-to-2026-03-06.csv"


@pytest.mark.django_db
def test_doses_are_those_of_the_periods_local_days_only(alice):
    def dose(at: datetime, note: str) -> None:
        services.dose_create(user=alice, amount=2, taken_at=at, note=note, now=NOW)

    dose(datetime(2026, 3, 1, 4, 59, tzinfo=UTC), "the evening before")  # 28 Feb, 23:59 in New York
    dose(datetime(2026, 3, 1, 5, 0, tzinfo=UTC), "first minute")
    dose(datetime(2026, 3, 7, 4, 59, tzinfo=UTC), "last minute")  # 6 March, 23:59 in New York
    dose(datetime(2026, 3, 7, 5, 0, tzinfo=UTC), "the day after")
    assert [r["note"] for r in rows("csv-doses", alice)] == ["first minute", "last minute"]


@pytest.mark.django_db
def test_products_are_the_whole_list_whatever_the_period(alice):
    services.entry_create(user=alice, kind="products", values={"name": "Red Bali"}, now=NOW)
    long_ago = Period(date(2001, 1, 1), date(2001, 1, 2))
    assert [r["name"] for r in rows("csv-products", alice, long_ago)] == ["Red Bali"]


@pytest.mark.django_db
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_guarded_and_imports_back_as_typed(alice):
    typed = '=HYPERLINK("http://evil.example","click")'
    services.dose_create(user=alice, amount=2, taken_at=NOW - timedelta(days=2), note=typed, now=NOW)
    body = b"".join(exporter_get("csv-doses").render(user=alice, period=PERIOD, now=NOW)).decode()
    assert rows("csv-doses", alice)[0]["note"] == "'" + typed
    assert transfer.journal_read(body, filename="doses.csv").document.doses[0].note == typed


@pytest.mark.django_db
def test_the_file_streams_in_pieces(alice, monkeypatch):
    monkeypatch.setattr(csv_exports, "LINES_PER_PIECE", 1)
    for back in range(1, 4):
        services.dose_create(user=alice, amount=2, taken_at=NOW - timedelta(days=back), now=NOW)
    pieces = list(exporter_get("csv-doses").render(user=alice, period=PERIOD, now=NOW))
    assert len(pieces) == 4  # the header, then a piece per row


@pytest.mark.django_db
def test_another_persons_rows_are_never_in_the_file(alice, bob):
    services.dose_create(user=bob, amount=2, taken_at=NOW - timedelta(days=2), note="bob's", now=NOW)
    assert rows("csv-doses", alice) == []
    assert [r["note"] for r in rows("csv-doses", bob)] == ["bob's"]


@pytest.mark.django_db
def test_check_ins_keep_their_side_effects_as_one_json_cell(alice):
    services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": NOW - timedelta(days=2),
            "pain_now": 4,
            "side_effects": [{"code": "nausea", "severity": "mild"}],
        },
        now=NOW,
    )
    (row,) = rows("csv-checkins", alice)
    assert row["pain_now"] == "4" and '"nausea"' in row["side_effects"]


def test_the_self_checks_csv_holds_each_questionnaire_with_its_answers(alice):
    from speciosa.journal.selfchecks import selfcheck_create

    at = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
    selfcheck_create(user=alice, instrument="sows", answers=[2] * 16, at=at, now=NOW)
    selfcheck_create(user=alice, instrument="dsm5", answers=[1, 0] * 5 + [1], at=at, now=NOW)

    found = rows("csv-selfchecks", alice)

    assert sorted(row["instrument"] for row in found) == ["dsm5", "sows"]
    assert all(row["answers"] for row in found)
