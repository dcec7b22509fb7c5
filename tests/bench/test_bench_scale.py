"""The scale benchmark runs end to end on two tiny populations on PostgreSQL: it makes them, times
the three requests, checks every per-person query's index, and drives gunicorn with locust
(figures are not checked: `python -m bench.scale` is where they are measured)."""

from __future__ import annotations

import os

import pytest

from bench import scale
from bench.scale_load import load_table

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="the scale benchmark runs on PostgreSQL (set DATABASE_URL)",
)

TINY = scale.Plan(
    sizes=(20, 40), crowd_days=3, person_days=30, rounds=1, warmup=0, load_users=(2,), load_seconds=10
)


def test_the_scale_bench_makes_both_populations_times_them_and_drives_the_real_server(tmp_path):
    ws = scale.ScaleWorkspace(tmp_path, scale.server_url())
    try:
        result = scale.run(ws, TINY, say=lambda _: None)
    finally:
        for size in TINY.sizes:
            ws.drop(scale.database_name(size))

    assert [row.name for row in result["rows"]] == [
        "scale: today, 40 ÷ 20 accounts",
        "scale: dose, 40 ÷ 20 accounts",
        "scale: findings, 40 ÷ 20 accounts",
    ]
    assert [made["rows"]["auth_user"] for made in result["made"].values()] == [20, 40]
    assert result["made"][40]["rows"]["journal_dose"] > result["made"][20]["rows"]["journal_dose"]

    scans = [scan for statement in result["plans"]["statements"] for scan in statement["scans"]]
    owned = {scan["table"] for scan in scans if scan["verdict"] == "ok"}
    assert {"journal_dose", "journal_checkin", "journal_findingstate"} <= owned
    assert [scan for scan in scans if scan["verdict"] == "NO OWNER INDEX"] == []
    assert "Buffers: shared" in scale.plans_summary(result["plans"])

    (run,) = result["load"]
    assert run["server"] == "gunicorn" and run["users"] == 2
    assert run["failures"] == 0
    assert run["by_request"]["sign in"]["requests"] == 2
    done = {name for name, figures in run["by_request"].items() if figures["requests"]}
    assert done & {"Today page", "API: log a dose", "API: findings", "API: check-in"}, run["by_request"]
    assert "gunicorn" in load_table(result["load"])
