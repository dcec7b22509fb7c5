"""The benchmark harness runs end to end on a small journal (figures are not checked: benchmarks
are not timed tests; `python -m bench` is where speed is measured)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bench import assess, importing, journals, pages
from bench.report import INFO, MISS, PASS, Goal, Row, table
from bench.workspace import Workspace


def test_the_harness_imports_and_times_every_page_on_a_30_day_journal(tmp_path):
    ws = Workspace(tmp_path)
    end = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    journal = journals.write_journal(ws, name="journal-30d", days=30, end=end)
    template, account = journals.template_database(ws)

    import_rows, imported = importing.run(
        ws, template=template, account=account, journal=journal, repeats=1, label="30d"
    )
    second = journals.load_journal(ws, template, journal, name="second-30d")
    page_rows = pages.run(ws, short=second, long=imported, labels=("a", "b"), rounds=1, warmup=0)

    assert [row.name for row in import_rows] == [
        f"import 30d JSON export ({importing.count_rows(imported):,} rows)"
    ]
    assert [row.name for row in page_rows] == [
        "page: today (b ÷ a)",
        "page: trends 30 days (b ÷ a)",
        "page: trends 90 days (b ÷ a)",
        "page: trends 365 days (b ÷ a)",
        "page: history (b ÷ a)",
    ]
    assess_rows = assess.run(
        ws, short=second, long=imported, long_days=30, end=end, labels=("a", "b"), repeats=1
    )
    assert [row.name for row in assess_rows] == [
        "assess the stored journal (b ÷ a)",
        "assess the whole b document",
    ]
    assert importing.count_rows(imported) > 30 * 6  # about 4 doses and 2 check-ins a day
    for row in import_rows + page_rows:
        assert row.measured > 0 and row.baseline and row.baseline > 0
        assert row.result in {PASS, MISS}


def test_a_row_passes_or_misses_its_goal_and_a_row_without_one_is_information():
    assert Row("faster", "req/s", 70, 100, Goal("ratio", ">=", 0.6)).result == PASS
    assert Row("slower", "req/s", 50, 100, Goal("ratio", ">=", 0.6)).result == MISS
    assert Row("memory", "MB", 250, 180, Goal("measured", "<", 200, "MB")).result == MISS
    assert Row("latency", "ms", 2.0, 1.0).result == INFO
    printed = table([Row("faster", "req/s", 70, 100, Goal("ratio", ">=", 0.6))])
    assert printed.splitlines()[0].split() == ["name", "measured", "baseline", "ratio", "goal", "result"]
    assert "0.70" in printed and "PASS" in printed


def test_the_experiment_bench_times_the_analysis_and_measures_both_simulation_rates():
    from bench import experiments

    rows = experiments.run(repeats=1, simulations=20)
    assert [row.name for row in rows] == [
        "experiment analysis, 60 days (÷ least squares)",
        "no effect: 95% interval excludes 0",
        "no effect: P(≥2 points) ≥ 0.9",
        "2-point effect: found (interval < 0)",
        "2-point effect: P(≥2 points) ≥ 0.9",
    ]
    assert rows[0].baseline is not None and rows[0].baseline > 0
