"""`speciosa report`: the registry's list, and one report written to a private file (or stdout) with a
progress bar of the bytes written; errors name the option and write nothing."""

from __future__ import annotations

import csv
import io
import json
import stat
from datetime import timedelta

from speciosa.journal import services
from speciosa.reports.registry import exporters


def doses(alice, now):
    for back, note in ((1, "in"), (20, "before")):
        services.dose_create(user=alice, amount=3, taken_at=now - timedelta(days=back), note=note)


def notes(text: str) -> list[str]:
    return [row["note"] for row in csv.DictReader(io.StringIO(text))]


def test_report_list_names_every_report_of_the_registry(alice, speciosa):
    listed = json.loads(speciosa("report", "list", "--format", "json").stdout)
    assert [r["id"] for r in listed] == [e.id for e in exporters()]
    table = speciosa("report", "list").stdout
    assert "csv-doses" in table and "Doses (CSV)" in table


def test_a_report_is_written_to_a_private_file_with_a_progress_bar(alice, speciosa, frozen_now, tmp_path):
    doses(alice, frozen_now)
    target = tmp_path / "doses.csv"
    result = speciosa("report", "csv-doses", "--from", "2026-03-01", "--to", "2026-03-07", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert notes(target.read_text()) == ["in"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Doses (CSV), 2026-03-01 to 2026-03-07" in result.stderr  # the progress bar's line
    assert f"to {target}" in result.stderr


def test_without_a_file_the_report_gets_its_own_name_here(alice, speciosa, frozen_now, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert speciosa("report", "csv-doses").exit_code == 0
    assert (tmp_path / "speciosa-csv-doses-2025-12-08-to-2026-03-07.csv").is_file()


def test_dash_writes_the_report_to_stdout(alice, speciosa, frozen_now):
    doses(alice, frozen_now)
    result = speciosa("report", "csv-doses", "--from", "2026-03-01", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert notes(result.stdout) == ["in"]


def test_an_existing_file_is_kept_unless_overwrite(alice, speciosa, frozen_now, tmp_path):
    target = tmp_path / "doses.csv"
    target.write_text("mine")
    result = speciosa("report", "csv-doses", "-o", str(target))
    assert result.exit_code == 1 and "output:" in result.stderr
    assert target.read_text() == "mine"
    assert speciosa("report", "csv-doses", "-o", str(target), "--overwrite").exit_code == 0
    assert target.read_text().startswith("uid,")


def test_errors_name_the_option_and_write_nothing(alice, speciosa, frozen_now, tmp_path):
    target = tmp_path / "doses.csv"
    cases = [
        (("csv-doses", "--from", "March"), "--from: 'March' is not a date"),
        (("csv-doses", "--from", "2026-03-05", "--to", "2026-03-01"), "--to: must not be before the start"),
        (("no-such-report",), "ID: no report called 'no-such-report'"),
    ]
    for args, error in cases:
        result = speciosa("report", *args, "-o", str(target))
        assert result.exit_code == 1 and error in result.stderr, result.stderr
        assert not target.exists()


def test_user_picks_whose_report_it_is(alice, bob, speciosa, frozen_now):
    services.dose_create(user=alice, amount=3, note="alice's")
    services.dose_create(user=bob, amount=3, note="bob's")
    assert notes(speciosa("report", "csv-doses", "--user", "bob", "-o", "-").stdout) == ["bob's"]
