"""Logging a dose through the API against a bare Django view that performs one INSERT.

Both run in one worker process on one database (a copy of the 1-year journal), through the same
middleware, with django.test.Client (server-side time, no sockets) and the same JSON body and
Authorization header. Rounds alternate between the two. Throughput is requests per second of the
process's CPU time in a round (median of rounds): on an idle machine that is wall time, and on a
shared one it leaves out time spent waiting for a core (the wall-clock ratio is in the note).
Latency percentiles are wall-clock, over every request.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from bench.report import Goal, Row, median, percentile
from bench.workspace import BENCH_SETTINGS, Account, Workspace, copy_database

GOAL = Goal("ratio", ">=", 0.6)
API_URL = "/api/v1/doses"
BODY = {"amount": 3, "unit": "g"}


def run(
    ws: Workspace, *, journal_db: Path, account: Account, rounds: int = 5, per_round: int = 200
) -> list[Row]:
    db = copy_database(journal_db, ws.path("api-dose.sqlite3"))
    done = ws.run_worker(
        "api",
        db=db,
        settings=BENCH_SETTINGS,
        user_id=account.user_id,
        token=account.token,
        rounds=rounds,
        per_round=per_round,
    )
    api, bare = done["api"], done["bare"]
    latencies = f"over {len(api['ms'])} requests"
    return [
        Row(
            "api: log a dose, p50 latency",
            "ms",
            percentile(api["ms"], 0.5),
            percentile(bare["ms"], 0.5),
            note=f"POST {API_URL} with a Bearer token vs the bare view, {latencies}",
        ),
        Row(
            "api: log a dose, p99 latency",
            "ms",
            percentile(api["ms"], 0.99),
            percentile(bare["ms"], 0.99),
            note=latencies,
        ),
        Row(
            "api: log a dose, throughput",
            "req/s",
            median(api["per_s"]),
            median(bare["per_s"]),
            GOAL,
            note=f"CPU time, median of {rounds} rounds of {per_round} requests; by the wall clock "
            f"the ratio was {median(api['wall_per_s']) / median(bare['wall_per_s']):.2f}",
        ),
    ]


# --- worker side -------------------------------------------------------------------------------


def time_requests(
    *, user_id: int, token: str, rounds: int, per_round: int, warmup: int = 20
) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
    body = json.dumps(BODY)
    urls = {"api": API_URL, "bare": reverse("bench-bare-insert", args=[user_id])}
    found: dict[str, dict[str, list[float]]] = {
        side: {"ms": [], "per_s": [], "wall_per_s": []} for side in urls
    }

    def burst(side: str, count: int, record: bool) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(count):
            start = time.perf_counter()
            response = client.post(urls[side], body, content_type="application/json")
            elapsed = time.perf_counter() - start
            if response.status_code not in (200, 201):
                raise RuntimeError(
                    f"POST {urls[side]} answered {response.status_code}: {response.content[:300]!r}"
                )
            if record:
                found[side]["ms"].append(elapsed * 1000)
        if record:
            found[side]["per_s"].append(count / (time.process_time() - cpu))
            found[side]["wall_per_s"].append(count / (time.perf_counter() - started))

    for side in urls:
        burst(side, warmup, record=False)
    for i in range(rounds):
        for side in ("api", "bare") if i % 2 == 0 else ("bare", "api"):
            burst(side, per_round, record=True)
    return found
