"""Insights on the 1-year and the 10-year journal, and the Insights page against Trends.

Three measurements, each against a baseline measured in the same run:
- **stored journal (10y ÷ 1y)**: `insights_read` (load the whole stored journal, compute every insight)
  in a worker process per database, CPU time, median of `repeats`; the two journals take turns. Goal:
  at most 11 (linear in the journal's length).
- **stored 10y journal**: the same figure on its own, against the 1-second goal.
- **Insights page ÷ Trends (365 days)**, on each journal: both pages through Django's full stack in
  that journal's worker, one request of each per round, median of `repeats`. Goal: at most 2. Trends
  reads at most 366 days while Insights reads the whole journal, so on the 10y journal this compares
  ten years of work with one.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.journals import USERNAME
from bench.report import Goal, Row, median
from bench.workspace import WorkerSession, Workspace

RATIO_GOAL = Goal("ratio", "<=", 11)
TIME_GOAL = Goal("measured", "<", 1000, "ms")
PAGE_GOAL = Goal("ratio", "<=", 2)
PAGES = (("insights", "web:insights", ""), ("trends 365 days", "web:trends", "?days=365"))


def run(ws: Workspace, *, short: Path, long: Path, labels: tuple[str, str], repeats: int) -> list[Row]:
    stored: dict[Path, list[float]] = {short: [], long: []}
    page_ms: dict[Path, dict[str, list[float]]] = {
        db: {name: [] for name, _, _ in PAGES} for db in (short, long)
    }
    with WorkerSession(ws, short) as first, WorkerSession(ws, long) as second:
        workers = {short: first, long: second}
        for i in range(repeats + 1):
            for db in (short, long) if i % 2 == 0 else (long, short):
                done = workers[db].call("insights-stored", username=USERNAME)
                pages = workers[db].call("pages", username=USERNAME, pages=list(PAGES))
                if i:
                    stored[db].append(done["ms"])
                    for name, ms in pages["ms"].items():
                        page_ms[db][name].append(ms)
    return [
        Row(
            f"insights of the stored journal ({labels[1]} ÷ {labels[0]})",
            "ms",
            median(stored[long]),
            median(stored[short]),
            RATIO_GOAL,
            note=f"insights_read (load + compute) in a worker per database, CPU time, median of {repeats}",
        ),
        Row(
            f"insights of the stored {labels[1]} journal",
            "ms",
            median(stored[long]),
            None,
            TIME_GOAL,
            note=f"insights_read (load + compute), CPU time, median of {repeats}",
        ),
        *(
            Row(
                f"page: insights ÷ trends 365 days ({label})",
                "ms",
                median(page_ms[db]["insights"]),
                median(page_ms[db]["trends 365 days"]),
                PAGE_GOAL,
                note=f"server CPU time of GET /insights and GET /trends?days=365, median of {repeats} rounds",
            )
            for db, label in ((short, labels[0]), (long, labels[1]))
        ),
    ]


# --- worker side -------------------------------------------------------------------------------


def time_stored(*, username: str) -> dict[str, Any]:
    """One `insights_read` of the person's stored journal, CPU ms."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from speciosa.journal.insights import insights_read

    user = get_user_model().objects.get(username=username)
    start = time.process_time()
    insights_read(user=user, now=timezone.now())
    return {"ms": (time.process_time() - start) * 1000}
