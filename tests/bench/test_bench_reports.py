"""The reports benchmark runs end to end on two small journals (figures are not checked: benchmarks
are not timed tests; `python -m bench` is where speed is measured)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bench import journals, reports
from bench.report import INFO, MISS, PASS
from bench.workspace import Workspace


def test_the_reports_benchmark_times_the_pdf_and_the_fhir_export_against_the_json_export(tmp_path):
    ws = Workspace(tmp_path)
    end = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    template, _ = journals.template_database(ws)
    short = journals.load_journal(
        ws, template, journals.write_journal(ws, name="a", days=20, end=end), name="a"
    )
    long = journals.load_journal(
        ws, template, journals.write_journal(ws, name="b", days=40, end=end), name="b"
    )
    rows = reports.run(ws, short=short, long=long, labels=("a", "b"), long_days=40, repeats=1, fresh_runs=1)
    assert [row.name for row in rows] == [
        "clinician PDF, 90 days (a journal)",
        "clinician PDF, 90 days (b journal)",
        "clinician PDF, 90 days, first render (b journal)",
        "FHIR export, whole b journal",
        "FHIR export peak memory, whole b journal",
    ]
    assert all(row.measured > 0 for row in rows)
    assert [row.result for row in rows].count(INFO) == 1
    assert all(row.result in {PASS, MISS} for row in rows if row.goal)
    assert all(row.baseline and row.baseline > 0 for row in rows if row.goal)
