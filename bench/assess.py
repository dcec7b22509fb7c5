"""The safety engine on the 1-year and the 10-year journal.

Two measurements:
- **stored journal (10y ÷ 1y)**: what the app does on every Today page and `GET /api/v1/findings`:
  load the rules' window of the stored journal (`journal_window`) and `assess` it, in a worker
  process per database, CPU time, median of `repeats`; the two journals take turns.
- **whole document**: `assess` over the entire 10-year journal document in this process (what
  `speciosa assess --file` does), CPU time, median of `repeats`, against the 50 ms goal.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.journals import USERNAME
from bench.report import Goal, Row, median
from bench.workspace import WorkerSession, Workspace
from speciosa.core.journal_format import JournalDocument
from speciosa.core.safety import assess
from speciosa.demo.stories import synthetic_journal

RATIO_GOAL = Goal("ratio", "<=", 1.2)
TIME_GOAL = Goal("measured", "<", 50, "ms")


def run(
    ws: Workspace,
    *,
    short: Path,
    long: Path,
    long_days: int,
    end: datetime,
    labels: tuple[str, str],
    repeats: int,
) -> list[Row]:
    stored: dict[Path, list[float]] = {short: [], long: []}
    with WorkerSession(ws, short) as first, WorkerSession(ws, long) as second:
        workers = {short: first, long: second}
        for i in range(repeats + 1):
            for db in (short, long) if i % 2 == 0 else (long, short):
                done = workers[db].call("assess-stored", username=USERNAME)
                if i:
                    stored[db].append(done["ms"])
    document = JournalDocument.model_validate(synthetic_journal(days=long_days, end=end, seed=1))
    whole, found = _cpu_ms(document, end, repeats)
    return [
        Row(
            f"assess the stored journal ({labels[1]} ÷ {labels[0]})",
            "ms",
            median(stored[long]),
            median(stored[short]),
            RATIO_GOAL,
            note=f"journal_window + assess in a worker per database, CPU time, median of {repeats}",
        ),
        Row(
            f"assess the whole {labels[1]} document",
            "ms",
            whole,
            None,
            TIME_GOAL,
            note=f"speciosa.core.safety.assess on every entry, CPU time, median of {repeats}; {found} findings",
        ),
    ]


def _cpu_ms(document: JournalDocument, end: datetime, repeats: int) -> tuple[float, int]:
    assess(document, end)  # warm-up: reference data and caches
    times, found = [], 0
    for _ in range(repeats):
        start = time.process_time()
        found = len(assess(document, end))
        times.append((time.process_time() - start) * 1000)
    return median(times), found


# --- worker side -------------------------------------------------------------------------------


def time_stored(*, username: str) -> dict[str, Any]:
    """One `journal_window` + `assess` of the person's stored journal, CPU ms."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from speciosa.journal.window import journal_window

    user = get_user_model().objects.get(username=username)
    now = timezone.now()
    start = time.process_time()
    assess(journal_window(user=user, now=now), now)
    return {"ms": (time.process_time() - start) * 1000}
