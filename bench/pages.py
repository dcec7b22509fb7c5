"""Today, Trends and History on a long journal divided by the same pages on a short one.

Server time: each request goes through Django's full stack in-process (django.test.Client, all
middleware, session auth, templates), timed from request to rendered response. Each journal is in
its own database file and each measurement in its own process; the two journals alternate so a
noisy spell on the machine lands on both. The figure per page is the median of all samples.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.journals import USERNAME
from bench.report import Goal, Row, median
from bench.workspace import Workspace

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
    repeats: int = 3,
    samples: int = 15,
    warmup: int = 2,
) -> list[Row]:
    """One row per page: median ms on `long` ÷ median ms on `short`."""
    times: dict[Path, dict[str, list[float]]] = {short: {}, long: {}}
    urls: dict[str, str] = {}
    for _ in range(repeats):
        for db in (short, long):
            done = ws.run_worker(
                "pages", db=db, username=USERNAME, pages=list(PAGES), samples=samples, warmup=warmup
            )
            for name, values in done["ms"].items():
                times[db].setdefault(name, []).extend(values)
            urls.update(done["urls"])
    return [
        Row(
            f"page: {name} ({labels[1]} ÷ {labels[0]})",
            "ms",
            median(times[long][name]),
            median(times[short][name]),
            GOAL,
            note=f"server time of GET {urls[name]}, median of {len(times[long][name])} requests per journal",
        )
        for name, _, _ in PAGES
    ]


# --- worker side -------------------------------------------------------------------------------


def time_pages(
    *, username: str, pages: list[tuple[str, str, str]], samples: int, warmup: int
) -> dict[str, Any]:
    """Milliseconds per request for each page, signed in as `username`; pages take turns."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=username))
    urls = {name: reverse(url_name) + query for name, url_name, query in pages}
    ms: dict[str, list[float]] = {name: [] for name in urls}
    for i in range(warmup + samples):
        for name, url in urls.items():
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}")
            if i >= warmup:
                ms[name].append(elapsed)
    return {"ms": ms, "urls": urls}
