"""Today, Trends and History on a long journal divided by the same pages on a short one.

Server time: each request goes through Django's full stack in-process (django.test.Client, all
middleware, session auth, templates), timed from request to rendered response with the process's
CPU clock (on an idle machine the same as wall time: the work is single-threaded and SQLite runs
in-process; on a shared machine it leaves out time spent waiting for a core — the wall-clock
ratio is kept in the note). Each journal is in its own database file, served by its own
long-lived worker process; the two workers take turns round by round (one request per page per
round), so a busy spell on the machine lands on both. The figure per page is the median over all
rounds.
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path
from typing import Any

from bench.journals import USERNAME
from bench.report import Goal, Row, median
from bench.workspace import WorkerSession, Workspace

GOAL = Goal("ratio", "<=", 1.2)
#: (name, URL name, query) of every page whose cost should follow its window, not the history's length.
PAGES = (
    ("today", "web:today", ""),
    ("trends 30 days", "web:trends", "?days=30"),
    ("trends 90 days", "web:trends", "?days=90"),
    ("trends 365 days", "web:trends", "?days=365"),
    ("history", "web:history", ""),
)


def run(
    ws: Workspace,
    *,
    short: Path,
    long: Path,
    labels: tuple[str, str] = ("1y", "10y"),
    rounds: int = 40,
    warmup: int = 3,
) -> list[Row]:
    """One row per page: median ms on `long` ÷ median ms on `short`."""
    times: dict[Path, dict[str, list[float]]] = {short: {}, long: {}}
    wall: dict[Path, dict[str, list[float]]] = {short: {}, long: {}}
    urls: dict[str, str] = {}
    with WorkerSession(ws, short) as first, WorkerSession(ws, long) as second:
        workers = {short: first, long: second}
        for i in range(warmup + rounds):
            for db in (short, long) if i % 2 == 0 else (long, short):
                done = workers[db].call("pages", username=USERNAME, pages=list(PAGES))
                urls.update(done["urls"])
                if i >= warmup:
                    for name, ms in done["ms"].items():
                        times[db].setdefault(name, []).append(ms)
                    for name, ms in done["wall_ms"].items():
                        wall[db].setdefault(name, []).append(ms)
    return [
        Row(
            f"page: {name} ({labels[1]} ÷ {labels[0]})",
            "ms",
            median(times[long][name]),
            median(times[short][name]),
            GOAL,
            note=f"server CPU time of GET {urls[name]}, median of {rounds} rounds per journal; "
            f"by the wall clock the ratio was {median(wall[long][name]) / median(wall[short][name]):.2f}",
        )
        for name, _, _ in PAGES
    ]


# --- worker side -------------------------------------------------------------------------------


@cache
def _signed_in_client(username: str) -> Any:
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    return client


def time_pages(*, username: str, pages: list[tuple[str, str, str]]) -> dict[str, Any]:
    """Milliseconds for one request to each page, signed in as `username` (one round)."""
    from django.urls import reverse

    client = _signed_in_client(username)
    urls = {name: reverse(url_name) + query for name, url_name, query in pages}
    ms: dict[str, float] = {}
    wall_ms: dict[str, float] = {}
    for name, url in urls.items():
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        ms[name] = (time.process_time() - cpu) * 1000
        wall_ms[name] = (time.perf_counter() - start) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
    return {"ms": ms, "wall_ms": wall_ms, "urls": urls}
