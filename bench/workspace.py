"""A temporary directory of database files, and worker subprocesses that each use one of them.

Every measurement runs in a fresh Python process with its own DATABASE_URL (and the bench's own
SPECIOSA_DATA_DIR), so two journals never share a database file or a warm cache.
"""

from __future__ import annotations

import json
import os
import select
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
#: Settings for workers that also serve the bare baseline view (ROOT_URLCONF = bench.urls).
BENCH_SETTINGS = "bench.settings"
SPECIOSA_SETTINGS = "speciosa.settings"
#: A worker that takes longer than this is stuck; the whole run is meant to stay near 5 minutes.
WORKER_TIMEOUT_S = 300


class WorkerFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Account:
    """The benchmark's one person: the account every journal is imported into."""

    username: str
    password: str
    token: str
    user_id: int


@dataclass
class Workspace:
    root: Path

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def prepare(self) -> None:
        """The data directory, with the (empty) static root whitenoise looks for."""
        (self.data_dir / "static").mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        return self.root / name

    def env(self, db: Path, *, settings: str = SPECIOSA_SETTINGS) -> dict[str, str]:
        """The environment of a process that uses `db` and nothing else of this machine's speciosa."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "SPECIOSA_"))}
        env.update(
            DATABASE_URL=f"sqlite:///{db.resolve()}",
            SPECIOSA_DATA_DIR=str(self.data_dir),
            SPECIOSA_LOG_LEVEL="ERROR",
            DJANGO_SETTINGS_MODULE=settings,
            PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
        )
        return env

    def run_worker(
        self,
        task: str,
        *,
        db: Path,
        settings: str = SPECIOSA_SETTINGS,
        timeout: float = WORKER_TIMEOUT_S,
        **args: Any,
    ) -> dict[str, Any]:
        """Run `bench.worker TASK` in a fresh process against `db`; return what it wrote."""
        self.prepare()
        result = self.path(f"result-{task}-{time.monotonic_ns()}.json")
        command = [sys.executable, "-m", "bench.worker", task, json.dumps(args), str(result)]
        done = subprocess.run(
            command,
            cwd=REPO,
            env=self.env(db, settings=settings),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if done.returncode != 0 or not result.exists():
            raise WorkerFailed(f"bench worker {task!r} failed ({done.returncode}):\n{done.stderr[-4000:]}")
        answer: dict[str, Any] = json.loads(result.read_text())
        result.unlink()
        return answer


class WorkerSession:
    """A long-lived `bench.worker --session` process against one database; `call` runs one task."""

    def __init__(self, ws: Workspace, db: Path, *, settings: str = SPECIOSA_SETTINGS) -> None:
        ws.prepare()
        self.log = ws.path(f"session-{db.stem}-{time.monotonic_ns()}.log")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bench.worker", "--session"],
                cwd=REPO,
                env=ws.env(db, settings=settings),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )

    def call(self, task: str, **args: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"task": task, "args": args}) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], WORKER_TIMEOUT_S)
        line = self.process.stdout.readline() if ready else ""
        if not line:
            raise WorkerFailed(f"bench worker session stopped answering:\n{self.log.read_text()[-4000:]}")
        answer: dict[str, Any] = json.loads(line)
        if "error" in answer:
            raise WorkerFailed(f"bench worker task {task!r} failed:\n{answer['error']}")
        result: dict[str, Any] = answer["ok"]
        return result

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()

    def __enter__(self) -> WorkerSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of an SQLite database (WAL included) in a new file."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target
