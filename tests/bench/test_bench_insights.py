"""The insights benchmark runs end to end on two small journals (figures are not checked: benchmarks
are not timed tests; `python -m bench` is where speed is measured)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bench import insights, journals
from bench.report import MISS, PASS
from bench.workspace import Workspace


def test_the_insights_benchmark_times_the_stored_journal_and_the_page_against_trends(tmp_path):
    ws = Workspace(tmp_path)
    end = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    template, _ = journals.template_database(ws)
    short = journals.load_journal(
        ws, template, journals.write_journal(ws, name="a", days=20, end=end), name="a"
    )
    long = journals.load_journal(
        ws, template, journals.write_journal(ws, name="b", days=40, end=end), name="b"
    )
    rows = insights.run(ws, short=short, long=long, labels=("a", "b"), repeats=1)
    assert [row.name for row in rows] == [
        "insights of the stored journal (b ÷ a)",
        "insights of the stored b journal",
        "page: insights ÷ trends 365 days (a)",
        "page: insights ÷ trends 365 days (b)",
    ]
    assert all(row.measured > 0 and row.result in {PASS, MISS} for row in rows)
