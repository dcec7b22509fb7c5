"""The load run: locust (bench/locustfile.py) against a real server on loopback, for a bounded time.

The server is gunicorn with deploy/gunicorn.conf.py or waitress through `speciosa serve`, on the
benchmark's largest database, in its own process; locust runs headless in another and writes its
statistics as CSV, read back here. Every simulated user is signed in as a different person.
"""

from __future__ import annotations

import csv
import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.workspace import REPO, Workspace

LOCUSTFILE = REPO / "bench" / "locustfile.py"
GUNICORN_CONF = REPO / "deploy" / "gunicorn.conf.py"
READY_TIMEOUT_S = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_command(server: str, port: int) -> list[str]:
    if server == "gunicorn":
        return [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--bind", f"127.0.0.1:{port}",
                "speciosa.wsgi"]  # fmt: skip
    if server == "waitress":
        return [sys.executable, "-m", "speciosa.cli", "serve", "--port", str(port)]
    raise ValueError(f"unknown server {server!r}: gunicorn or waitress")


def wait_until_ready(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped ({process.returncode}) before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the server did not answer {url} within {READY_TIMEOUT_S} s")


def run(
    ws: Workspace,
    *,
    db: str,
    server: str,
    users: int,
    seconds: int,
    accounts: list[dict[str, str]],
    password: str,
) -> dict[str, Any]:
    """Serve `db`, run locust with `users` users for `seconds`; the aggregated figures and per request."""
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    accounts_file = ws.path(f"load-{users}.json")
    accounts_file.write_text(json.dumps({"password": password, "accounts": accounts}))
    env = ws.env(Path(db))
    env["SPECIOSA_LOAD_ACCOUNTS"] = str(accounts_file)
    prefix = ws.path(f"locust-{server}-{users}")
    log = ws.path(f"server-{server}-{users}.log")
    with log.open("wb") as server_log:
        process = subprocess.Popen(server_command(server, port), cwd=REPO, env=env, stdout=server_log,
                                   stderr=subprocess.STDOUT)  # fmt: skip
        try:
            wait_until_ready(f"{host}/login/", process)
            done = subprocess.run(
                [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "-u", str(users),
                 "-r", str(users), "-t", f"{seconds}s", "--host", host, "--csv", str(prefix),
                 "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"],
                cwd=REPO, env=env, capture_output=True, text=True, timeout=seconds + 120, check=False,
            )  # fmt: skip
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    if done.returncode != 0:
        raise RuntimeError(f"locust failed ({done.returncode}):\n{done.stderr[-4000:]}")
    stats = read_stats(Path(f"{prefix}_stats.csv"))
    return {"server": server, "users": users, "seconds": seconds, **stats}


def read_stats(path: Path) -> dict[str, Any]:
    """locust's _stats.csv: the Aggregated row, and each request's row."""
    rows = list(csv.DictReader(path.open()))

    def ms(cell: str) -> float | None:
        return None if cell == "N/A" else float(cell)  # N/A: no request of that kind finished

    def figures(row: dict[str, str]) -> dict[str, Any]:
        return {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "per_s": float(row["Requests/s"]),
            "p50_ms": ms(row["50%"]),
            "p99_ms": ms(row["99%"]),
        }

    total = next(row for row in rows if row["Name"] == "Aggregated")
    return {**figures(total), "by_request": {row["Name"]: figures(row) for row in rows if row["Type"]}}


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def load_table(runs: list[dict[str, Any]], *, markdown: bool = False) -> str:
    header = ("server", "users", "seconds", "requests", "req/s", "p50 ms", "p99 ms", "errors")
    lines = [header] + [
        (r["server"], str(r["users"]), str(r["seconds"]), f"{r['requests']:,}", f"{r['per_s']:.1f}",
         _ms(r["p50_ms"]), _ms(r["p99_ms"]), str(r["failures"]))
        for r in runs
    ]  # fmt: skip
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(out + ["| " + " | ".join(line) + " |" for line in lines[1:]])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)) for line in lines)
