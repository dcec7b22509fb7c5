"""The taper benchmark runs end to end on a short journal and gives its two rows (figures are not
checked: benchmarks are not timed tests)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bench import journals, taper
from bench.report import MISS, PASS
from bench.workspace import Workspace


def test_the_taper_benchmark_plans_and_times_today_with_and_without_a_plan(tmp_path):
    ws = Workspace(tmp_path)
    template, _ = journals.template_database(ws)
    end = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    rows = taper.run(ws, template=template, end=end, rounds=1, days=120)
    assert [row.name for row in rows] == [
        "taper: plan and read a plan, 120d at 15 g a day",
        "taper: Today with a plan under way (÷ no plan)",
    ]
    assert rows[0].measured > 0 and rows[1].baseline and rows[1].baseline > 0
    assert all(row.result in {PASS, MISS} for row in rows)
