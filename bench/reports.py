"""Reports: the clinician PDF over 90 days, and the FHIR export of the whole 10-year journal, each
against the JSON export of the same journal (`journal_export_chunks`, what `/api/v1/export` streams).

- **clinician PDF, 90 days**, on each journal: `render` of the "clinician-pdf" exporter through
  `speciosa.reports.registry`, fully consumed, in a worker per database, CPU time, median of `repeats`
  after one untimed render (the first loads matplotlib and fpdf2 and the fonts; it is an INFO row of
  its own). Baseline: the JSON export of that whole journal, in the same worker, taking turns with the
  PDF. Goal: under 1.5 s.
- **FHIR export, whole 10-year journal**: `render` of the "fhir" exporter over every day of the
  journal, written to /dev/null, each run in a fresh worker process: CPU time (cold: it includes the
  first import of the fhir.resources models) and the process's peak resident set (VmHWM), against the
  JSON export of the same journal, each in its own fresh worker too. Goals: under 10 s; peak under
  250 MB. The note gives how much the peak grew during the export (VmHWM after − VmRSS before).
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.journals import USERNAME
from bench.report import Goal, Row, median
from bench.workspace import WorkerSession, Workspace

PDF_GOAL = Goal("measured", "<", 1500, "ms")
FHIR_TIME_GOAL = Goal("measured", "<", 10_000, "ms")
FHIR_MEMORY_GOAL = Goal("measured", "<", 250, "MB")
PDF_DAYS = 90
JSON = "json"  # the baseline "exporter": the JSON export of the whole journal


def run(
    ws: Workspace,
    *,
    short: Path,
    long: Path,
    labels: tuple[str, str],
    long_days: int,
    repeats: int,
    fresh_runs: int,
) -> list[Row]:
    return [
        *pdf_rows(ws, short=short, long=long, labels=labels, repeats=repeats),
        *fhir_rows(ws, db=long, label=labels[1], days=long_days, runs=fresh_runs),
    ]


def pdf_rows(ws: Workspace, *, short: Path, long: Path, labels: tuple[str, str], repeats: int) -> list[Row]:
    pdf_ms: dict[Path, list[float]] = {short: [], long: []}
    json_ms: dict[Path, list[float]] = {short: [], long: []}
    cold: dict[Path, float] = {}
    with WorkerSession(ws, short) as first, WorkerSession(ws, long) as second:
        workers = {short: first, long: second}
        for i in range(repeats + 1):
            for db in (short, long) if i % 2 == 0 else (long, short):
                pdf = workers[db].call(
                    "report-render", username=USERNAME, exporter="clinician-pdf", days=PDF_DAYS
                )
                export = workers[db].call("report-render", username=USERNAME, exporter=JSON, days=None)
                if i:
                    pdf_ms[db].append(pdf["ms"])
                    json_ms[db].append(export["ms"])
                else:
                    cold[db] = pdf["ms"]
    rows = [
        Row(
            f"clinician PDF, {PDF_DAYS} days ({label} journal)",
            "ms",
            median(pdf_ms[db]),
            median(json_ms[db]),
            PDF_GOAL,
            note=f"render of 'clinician-pdf' through the registry, consumed, CPU time in a worker per "
            f"database, median of {repeats} after one untimed render; baseline: the JSON export of the "
            f"whole {label} journal (journal_export_chunks) in the same worker, median of {repeats}",
        )
        for db, label in ((short, labels[0]), (long, labels[1]))
    ]
    rows.append(
        Row(
            f"clinician PDF, {PDF_DAYS} days, first render ({labels[1]} journal)",
            "ms",
            cold[long],
            None,
            None,
            note="the worker's first render: loads matplotlib, fpdf2 and the embedded font "
            f"(the {labels[0]} journal's first render: {cold[short]:.0f} ms)",
        )
    )
    return rows


def fhir_rows(ws: Workspace, *, db: Path, label: str, days: int, runs: int) -> list[Row]:
    fhir = [
        ws.run_worker("report-render", db=db, username=USERNAME, exporter="fhir", days=days + 1)
        for _ in range(runs)
    ]
    export = [
        ws.run_worker("report-render", db=db, username=USERNAME, exporter=JSON, days=None)
        for _ in range(runs)
    ]
    mb = fhir[0]["bytes"] / 1_000_000
    growth = median(r["peak_mb"] - r["before_mb"] for r in fhir)
    json_growth = median(r["peak_mb"] - r["before_mb"] for r in export)
    return [
        Row(
            f"FHIR export, whole {label} journal",
            "ms",
            median(r["ms"] for r in fhir),
            median(r["ms"] for r in export),
            FHIR_TIME_GOAL,
            note=f"render of 'fhir' over {days + 1} days ({mb:.0f} MB of JSON) to /dev/null, CPU time "
            f"in a fresh worker, median of {runs}; baseline: the JSON export of the same journal "
            f"({export[0]['bytes'] / 1_000_000:.0f} MB), each in a fresh worker too",
        ),
        Row(
            f"FHIR export peak memory, whole {label} journal",
            "MB",
            median(r["peak_mb"] for r in fhir),
            median(r["peak_mb"] for r in export),
            FHIR_MEMORY_GOAL,
            note=f"VmHWM of the fresh worker after the export, median of {runs}; it grew {growth:.0f} MB "
            f"during the export (from {fhir[0]['before_mb']:.0f} MB with Django set up); baseline: the "
            f"JSON export's worker, which grew {json_growth:.0f} MB",
        ),
    ]


# --- worker side -------------------------------------------------------------------------------


def time_render(*, username: str, exporter: str, days: int | None) -> dict[str, Any]:
    """One render of `exporter` over the last `days` days ("json": the whole JSON export), written to
    /dev/null: CPU ms, bytes, and the process's resident set before and its peak after (MB)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from speciosa.journal.transfer import journal_export_chunks
    from speciosa.reports.registry import Period, exporter_get, period_of

    user = get_user_model().objects.get(username=username)
    now = timezone.now()
    if exporter == JSON:
        chunks = journal_export_chunks(user=user, now=now)
    else:
        end = period_of(user=user, start=None, end=None, now=now).end
        period = Period(end - timedelta(days=(days or PDF_DAYS) - 1), end)
        chunks = exporter_get(exporter).render(user=user, period=period, now=now)
    before = _status_mb("VmRSS")
    written = 0
    start = time.process_time()
    with open("/dev/null", "wb") as sink:
        for chunk in chunks:
            written += sink.write(chunk)
    ms = (time.process_time() - start) * 1000
    return {"ms": ms, "bytes": written, "before_mb": before, "peak_mb": _status_mb("VmHWM")}


def _status_mb(key: str) -> float:
    """A memory figure of this process from /proc/self/status (kB there) in MB (10^6 bytes)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) * 1024 / 1_000_000
    raise RuntimeError(f"{key} not found in /proc/self/status")
