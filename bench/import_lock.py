"""A large import and another person's writes at the same time: how long the other writer waits.

    python -m bench.import_lock            # a ~48 MB journal export (about 2 minutes)
    python -m bench.import_lock --mb 10    # a smaller one, for trying the harness out
    python -m bench.import_lock --database-url postgres://postgres@127.0.0.1:5432/EMPTY_DB

One process imports a synthetic journal export of about `--mb` megabytes (speciosa's own generator,
written as an export writes it) with `transfer.import_file`, the path the CLI, the pages and the API
share. A second process, on the same SQLite database, logs a dose for another person every 50 ms
(`services.dose_create`, busy timeout as configured: 20 s) and times each one. The figures: the other
writer's longest wait while the import ran, against the goal of 2 s, and as a share of the import's
own duration, measured in the same run (the baseline: an import that held the write lock throughout
would make the other writer wait about that long). It also prints how long the import's write
transaction held the lock (from `lock_journal` to its commit), in wall time and in CPU time: on a
loaded machine the wall time stretches, the CPU time much less.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
#: How often the other person logs a dose, in seconds.
WRITE_EVERY_S = 0.05
#: The longest the other writer may wait while an import runs, in seconds.
GOAL_S = 2.0
#: Bytes of export per day of the synthetic journal (measured: about 4 doses, 2 check-ins, 1 event).
BYTES_PER_DAY = 1_850


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=48.5, help="size of the journal export, in MB")
    parser.add_argument("--database-url", default="", help="an empty database (default: a new SQLite file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="speciosa-import-lock-") as root:
        env = _env(Path(root), args.database_url)
        made = _run("prepare", env, mb=args.mb, path=str(Path(root) / "journal.json"))
        print(f"journal: {made['megabytes']:.1f} MB, {made['entries']:,} entries", file=sys.stderr)
        stop = Path(root) / "stop"
        writer = subprocess.Popen(
            [sys.executable, "-m", "bench.import_lock", "--task", "write", json.dumps({"stop": str(stop)})],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(2)  # the writer is set up and writing
        imported = _run("import", env, path=made["path"])
        time.sleep(1)
        stop.touch()
        out, _ = writer.communicate(timeout=120)
    written = json.loads(out)
    waits = written["writes"]
    during = [w for start, w in waits if imported["start"] <= start <= imported["end"]]
    import_s = imported["end"] - imported["start"]
    longest = max(during, default=0.0)
    row = {
        "database": env["DATABASE_URL"].split(":", 1)[0],
        "journal_mb": round(made["megabytes"], 1),
        "entries_added": imported["added"],
        "import_seconds": round(import_s, 2),
        "write_transaction_seconds": round(imported["held_s"], 2),
        "write_transaction_cpu_seconds": round(imported["held_cpu_s"], 2),
        "writes_during_import": len(during),
        "longest_wait_seconds": round(longest, 3),
        "writes_refused_database_locked": written["failed"],
        "longest_wait_share_of_import": round(longest / import_s, 3) if import_s else None,
        "load_average": round(os.getloadavg()[0], 1),
        "goal": f"longest wait < {GOAL_S:g} s",
        "result": "PASS" if longest < GOAL_S else "MISS",
    }
    print(json.dumps(row, indent=1))


def _env(root: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "SPECIOSA_"))}
    (root / "data" / "static").mkdir(parents=True)
    env.update(
        DATABASE_URL=database_url or f"sqlite:///{root / 'speciosa.sqlite3'}",
        SPECIOSA_DATA_DIR=str(root / "data"),
        SPECIOSA_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="speciosa.settings",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
    )
    return env


def _run(task: str, env: dict[str, str], **args: Any) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.import_lock", "--task", task, json.dumps(args)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{task} failed:\n{done.stderr[-4000:]}")
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


# --- the tasks, each in its own process -----------------------------------------------------------


def prepare(*, mb: float, path: str) -> dict[str, Any]:
    from django.core.management import call_command

    from speciosa.core.journal_format import ENTRY_KINDS, JournalDocument
    from speciosa.demo.stories import synthetic_journal
    from speciosa.journal import services

    call_command("migrate", verbosity=0, interactive=False)
    for name in ("importer", "other"):
        services.account_create(username=name, password=f"{name}-bench-password-1")
    end = datetime(2026, 3, 1, tzinfo=UTC)
    days = int(mb * 1_000_000 / BYTES_PER_DAY)
    document = JournalDocument.model_validate(synthetic_journal(days=days, end=end, seed=13))
    Path(path).write_text(document.model_dump_json(indent=1))
    entries = sum(len(getattr(document, kind)) for kind in ENTRY_KINDS)
    return {"path": path, "megabytes": Path(path).stat().st_size / 1_000_000, "entries": entries}


def write(*, stop: str) -> dict[str, Any]:
    """Log a dose for `other` every WRITE_EVERY_S until `stop` exists; how long each write took."""
    from django.contrib.auth import get_user_model
    from django.db import OperationalError

    from speciosa.journal import services

    other = get_user_model().objects.get(username="other")
    writes = []
    failed = 0
    while not Path(stop).exists():
        start = time.time()
        try:
            services.dose_create(user=other, amount=1.5, note="during the import")
        except OperationalError:  # "database is locked": it waited the whole busy timeout
            failed += 1
        writes.append((start, time.time() - start))
        time.sleep(WRITE_EVERY_S)
    return {"writes": writes, "failed": failed}


def import_journal(*, path: str) -> dict[str, Any]:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from speciosa.journal import transfer

    importer = get_user_model().objects.get(username="importer")
    content = Path(path).read_bytes()
    held: dict[str, tuple[float, float]] = {}
    locking = transfer.lock_journal

    def lock_and_time(**kwargs: Any) -> None:  # the write transaction: from its lock to its commit
        locking(**kwargs)
        held["from"] = (time.perf_counter(), time.process_time())
        transaction.on_commit(lambda: held.__setitem__("to", (time.perf_counter(), time.process_time())))

    transfer.lock_journal = lock_and_time  # type: ignore[assignment]
    start = time.time()
    report = transfer.import_file(user=importer, content=content)
    return {
        "start": start,
        "end": time.time(),
        "added": report.total_added,
        "held_s": held["to"][0] - held["from"][0],
        "held_cpu_s": held["to"][1] - held["from"][1],
    }


TASKS = {"prepare": prepare, "write": write, "import": import_journal}

if __name__ == "__main__":
    if sys.argv[1:2] == ["--task"]:
        import django

        django.setup()
        print(json.dumps(TASKS[sys.argv[2]](**json.loads(sys.argv[3]))))
    else:
        main(sys.argv[1:])
