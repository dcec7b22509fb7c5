"""`python -m bench`: make the journals, run the benchmarks, print one table.

    python -m bench              # everything, 2½-4½ minutes on a 2-core machine
    python -m bench --quick      # fewer repeats, for trying the harness out (figures are noisier)
    python -m bench --markdown   # the table as Markdown, for docs/performance.md

The rows also go to bench/out/latest.json. Databases live in a temporary directory that is
removed at the end (--keep leaves it, and prints where).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import api_dose, assess, experiments, importing, insights, journals, memory, pages, reports, taper
from bench.report import Row, table, write_json
from bench.workspace import Workspace

OUT = Path(__file__).resolve().parent / "out" / "latest.json"


@dataclass(frozen=True)
class Plan:
    """How much to measure: a full run takes about 2½ minutes on a quiet 2-core machine, 4-5 on a busy one."""

    short_days: int = 365
    long_days: int = 3650
    #: Fresh-database imports of the long journal, each with its raw-sqlite3 baseline.
    import_repeats: int = 5
    #: Rounds in which the two journals' workers take turns, one request per page each round.
    page_rounds: int = 60
    #: Rounds of API requests and bare-view requests, alternating, and requests per round.
    api_rounds: int = 7
    api_per_round: int = 200
    #: Times the client goes through its list of requests. Each of waitress's 4 threads keeps its
    #: own malloc arena, so the peak keeps rising until every thread has served the big requests.
    memory_passes: int = 4
    #: Runs of the safety engine over each journal.
    assess_repeats: int = 15
    #: Runs of the insights over each journal (and rounds of the Insights and Trends pages).
    insights_repeats: int = 9
    #: Simulated journals per N-of-1 simulation rate (no effect; a true 2-point effect).
    experiment_simulations: int = 2000
    #: Clinician PDFs (and JSON exports) per journal after the first; and fresh worker processes that
    #: each export the long journal as FHIR (and, as many, as JSON) once.
    report_repeats: int = 7
    report_fresh_runs: int = 3
    #: Rounds of the taper figures (a plan read, and Today with and without a plan).
    taper_rounds: int = 40


QUICK = Plan(
    import_repeats=1,
    page_rounds=15,
    api_rounds=3,
    api_per_round=50,
    memory_passes=2,
    assess_repeats=3,
    insights_repeats=3,
    experiment_simulations=200,
    report_repeats=2,
    report_fresh_runs=1,
    taper_rounds=5,
)


def run(ws: Workspace, plan: Plan, *, say: Callable[[str], None] = print) -> list[Row]:
    end = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=1)
    labels = (_years(plan.short_days), _years(plan.long_days))
    say(f"generating the {labels[0]} and {labels[1]} journals")
    short_json = journals.write_journal(ws, name=f"journal-{labels[0]}", days=plan.short_days, end=end)
    long_json = journals.write_journal(ws, name=f"journal-{labels[1]}", days=plan.long_days, end=end)
    say("migrating a template database")
    template, account = journals.template_database(ws)
    say(f"importing the {labels[1]} export (speciosa and raw sqlite3, {plan.import_repeats}x)")
    import_rows, long_db = importing.run(
        ws,
        template=template,
        account=account,
        journal=long_json,
        repeats=plan.import_repeats,
        label=labels[1],
    )
    short_db = journals.load_journal(ws, template, short_json, name=f"journal-{labels[0]}")
    say("timing the pages on both journals")
    page_rows = pages.run(ws, short=short_db, long=long_db, labels=labels, rounds=plan.page_rounds)
    say("logging doses through the API and the bare view")
    api_rows = api_dose.run(
        ws, journal_db=short_db, account=account, rounds=plan.api_rounds, per_round=plan.api_per_round
    )
    say("serving both journals with `speciosa serve` and reading its peak memory")
    memory_rows = memory.run(
        ws, short=short_db, long=long_db, account=account, labels=labels, passes=plan.memory_passes
    )
    say("assessing both journals with the safety engine")
    assess_rows = assess.run(
        ws,
        short=short_db,
        long=long_db,
        long_days=plan.long_days,
        end=end,
        labels=labels,
        repeats=plan.assess_repeats,
    )
    say("computing the insights on both journals, and the Insights page against Trends")
    insights_rows = insights.run(
        ws, short=short_db, long=long_db, labels=labels, repeats=plan.insights_repeats
    )
    say(f"analysing a 60-day experiment and {plan.experiment_simulations:,} simulated journals per rate")
    experiment_rows = experiments.run(simulations=plan.experiment_simulations)
    say(f"rendering the clinician PDF on both journals and the {labels[1]} journal as FHIR")
    report_rows = reports.run(
        ws,
        short=short_db,
        long=long_db,
        labels=labels,
        long_days=plan.long_days,
        repeats=plan.report_repeats,
        fresh_runs=plan.report_fresh_runs,
    )
    say("planning a taper on a two-year journal of 15 g a day, and Today with and without a plan")
    taper_rows = taper.run(ws, template=template, end=end, rounds=plan.taper_rounds)
    return (
        api_rows
        + page_rows
        + import_rows
        + memory_rows
        + assess_rows
        + insights_rows
        + experiment_rows
        + report_rows
        + taper_rows
    )


def _years(days: int) -> str:
    return f"{days // 365}y" if days % 365 == 0 else f"{days}d"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (noisier figures)")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases")
    parser.add_argument("--json", type=Path, default=OUT, help=f"where the rows go (default {OUT})")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else Plan()
    started = time.monotonic()

    def say(text: str) -> None:
        print(f"[{time.monotonic() - started:5.0f} s] {text}", file=sys.stderr, flush=True)

    root = Path(tempfile.mkdtemp(prefix="speciosa-bench-"))
    try:
        rows = run(Workspace(root), plan, say=say)
    finally:
        if args.keep:
            say(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    say("done")
    print(table(rows, markdown=args.markdown))
    write_json(rows, args.json, settings={**asdict(plan), "seconds": round(time.monotonic() - started)})
    return 0  # a MISS is a finding to read in the table, not a failure of the command


if __name__ == "__main__":
    sys.exit(main())
