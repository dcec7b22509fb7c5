"""`python -m bench.scale`: one person's requests on PostgreSQL with 1,000 and with 100,000 accounts.

    python -m bench.scale                      # 1k and 100k accounts, then a locust load run (~25 min)
    python -m bench.scale --sizes 1000,10000   # other sizes (the first is the baseline)
    python -m bench.scale --no-load            # without the load run
    python -m bench.scale --markdown           # tables as Markdown, for docs/performance.md

Not part of `python -m bench`: making 100,000 journals takes minutes. Each size gets its own
database on the server DATABASE_URL names (default postgres://postgres@127.0.0.1:5432), named
speciosa_scale_<size>, made and dropped by the run (--keep leaves them). The population is made by
bench.scale_data (a full year for the measured person, `--crowd-days` for everyone else).

Measured per size, in a long-lived worker process per database, the two workers taking turns round
by round: the same person's Today page (django.test.Client, signed in), logging a dose through the
API (a Bearer token) and the API's findings; wall-clock milliseconds (PostgreSQL's own time is in
another process), median over the rounds. The ratio largest ÷ smallest should stay ≤ 1.2. Then the
SQL of those three requests on the largest database is captured and explained (bench.scale_plans),
and a locust run drives the real server (bench.scale_load).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.report import Goal, Row, median, table, write_json
from bench.workspace import SPECIOSA_SETTINGS, WorkerSession, Workspace

GOAL = Goal("ratio", "<=", 1.2)
OUT = Path(__file__).resolve().parent / "out" / "scale.json"
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
#: A 100,000-account population takes minutes to make; the worker may take this long.
GENERATE_TIMEOUT_S = 3600


@dataclass(frozen=True)
class Plan:
    sizes: tuple[int, ...] = (1_000, 100_000)
    crowd_days: int = 60
    person_days: int = 365
    rounds: int = 40
    warmup: int = 3
    load_users: tuple[int, ...] = (8, 32)
    load_seconds: int = 60
    load_servers: tuple[str, ...] = ("gunicorn",)
    plans_top: int = 4


def label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def server_url() -> str:
    """The PostgreSQL server of DATABASE_URL without its database name (the default when unset)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return DEFAULT_SERVER
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def database_name(size: int) -> str:
    return f"speciosa_scale_{label(size)}"


class ScaleWorkspace(Workspace):
    """A Workspace whose "database files" are database names on one PostgreSQL server."""

    def __init__(self, root: Path, server: str) -> None:
        super().__init__(root)
        self.server = server

    def url(self, name: str) -> str:
        return f"{self.server}/{name}"

    def env(self, db: Path, *, settings: str = SPECIOSA_SETTINGS) -> dict[str, str]:
        env = super().env(db, settings=settings)
        env["DATABASE_URL"] = self.url(db.name)
        return env

    def admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(statement)

    def recreate(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin(f'CREATE DATABASE "{name}"')

    def drop(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(ws: ScaleWorkspace, plan: Plan, *, say: Callable[[str], None] = print) -> dict[str, Any]:
    password = "scale-" + secrets.token_urlsafe(12)
    made: dict[int, dict[str, Any]] = {}
    for size in plan.sizes:
        name = database_name(size)
        say(f"making {name}: {size:,} accounts ({plan.crowd_days} days each, {plan.person_days} for one)")
        ws.recreate(name)
        started = time.monotonic()
        made[size] = ws.run_worker(
            "scale-generate",
            db=Path(name),
            timeout=GENERATE_TIMEOUT_S,
            accounts=size,
            crowd_days=plan.crowd_days,
            person_days=plan.person_days,
            load_accounts=max(plan.load_users, default=0),
            password=password,
        )
        made[size]["seconds"] = time.monotonic() - started
        say(f"made {name} in {made[size]['seconds']:.0f} s: {made[size]['rows']}")
    say(f"timing Today, a dose and findings, {plan.rounds} rounds, the databases taking turns")
    times = measure(ws, plan, made)
    rows = ratio_rows(plan, times)
    largest = plan.sizes[-1]
    person = made[largest]["person"]
    say(f"capturing and explaining the SQL on {database_name(largest)}")
    explained = ws.run_worker(
        "scale-plans", db=Path(database_name(largest)), username=person["username"],
        token=person["token"], top=plan.plans_top,
    )  # fmt: skip
    load: list[dict[str, Any]] = []
    if plan.load_users and plan.load_seconds:
        from bench import scale_load

        for server in plan.load_servers:
            for users in plan.load_users:
                say(f"load: {users} users for {plan.load_seconds} s against {server}")
                load.append(
                    scale_load.run(
                        ws,
                        db=database_name(largest),
                        server=server,
                        users=users,
                        seconds=plan.load_seconds,
                        accounts=made[largest]["load"][:users],
                        password=password,
                    )
                )
    return {"rows": rows, "made": made, "times": times, "plans": explained, "load": load}


def measure(
    ws: ScaleWorkspace, plan: Plan, made: dict[int, dict[str, Any]]
) -> dict[int, dict[str, list[float]]]:
    times: dict[int, dict[str, list[float]]] = {size: {} for size in plan.sizes}
    sessions = {size: WorkerSession(ws, Path(database_name(size))) for size in plan.sizes}
    try:
        for i in range(plan.warmup + plan.rounds):
            order = plan.sizes if i % 2 == 0 else tuple(reversed(plan.sizes))
            for size in order:
                person = made[size]["person"]
                done = sessions[size].call(
                    "scale-measure", username=person["username"], token=person["token"]
                )
                if i >= plan.warmup:
                    for name, ms in done.items():
                        times[size].setdefault(name, []).append(ms)
    finally:
        for session in sessions.values():
            session.close()
    return times


def ratio_rows(plan: Plan, times: dict[int, dict[str, list[float]]]) -> list[Row]:
    small, large = plan.sizes[0], plan.sizes[-1]
    return [
        Row(
            f"scale: {name}, {label(large)} ÷ {label(small)} accounts",
            "ms",
            median(times[large][name]),
            median(times[small][name]),
            GOAL,
            note=f"{REQUEST_WORDS[name]}; wall-clock median of {len(times[large][name])} rounds; "
            f"by the worker's CPU time the ratio was "
            f"{median(times[large]['cpu ' + name]) / median(times[small]['cpu ' + name]):.2f}",
        )
        for name in REQUESTS
    ]


# --- worker side -------------------------------------------------------------------------------

REQUEST_WORDS = {
    "today": "GET / (Today), signed in",
    "dose": "POST /api/v1/doses with a Bearer token",
    "findings": "GET /api/v1/findings with a Bearer token",
}


def _today(web: Any, api: Any) -> Any:
    from django.urls import reverse

    return web.get(reverse("web:today"))


def _dose(web: Any, api: Any) -> Any:
    return api.post("/api/v1/doses", json.dumps({"amount": 3, "unit": "g"}), content_type="application/json")


def _findings(web: Any, api: Any) -> Any:
    return api.get("/api/v1/findings")


#: The three measured requests: name -> send(web client, API client) -> response.
REQUESTS: dict[str, Callable[[Any, Any], Any]] = {"today": _today, "dose": _dose, "findings": _findings}
_clients: dict[str, tuple[Any, Any]] = {}


def signed_in_clients(username: str, token: str) -> tuple[Any, Any]:
    """A web client signed in as `username` and an API client with its token (kept for the session)."""
    if username not in _clients:
        from django.contrib.auth import get_user_model
        from django.test import Client

        web = Client(HTTP_HOST="127.0.0.1")
        web.force_login(get_user_model().objects.get(username=username))
        api = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token}")
        _clients[username] = (web, api)
    return _clients[username]


def time_requests(*, username: str, token: str) -> dict[str, float]:
    """One round: wall-clock milliseconds of each request in REQUESTS, and ("cpu NAME") the worker
    process's CPU milliseconds (PostgreSQL's work, in its own process, is not in them)."""
    web, api = signed_in_clients(username, token)
    ms: dict[str, float] = {}
    for name, send in REQUESTS.items():
        start, cpu = time.perf_counter(), time.process_time()
        response = send(web, api)
        ms[name] = (time.perf_counter() - start) * 1000
        ms[f"cpu {name}"] = (time.process_time() - cpu) * 1000
        if response.status_code not in (200, 201):
            raise RuntimeError(f"{name} answered {response.status_code}: {response.content[:300]!r}")
    return ms


# --- printing ----------------------------------------------------------------------------------


def describe(result: dict[str, Any], plan: Plan, *, markdown: bool = False) -> str:
    out = [table(result["rows"], markdown=markdown), ""]
    out += [f"  {row.name}: {row.note}" for row in result["rows"]] + [""]
    out.append("Populations:")
    for size, made in result["made"].items():
        rows = made["rows"]
        out.append(
            f"  {label(size)}: {size:,} accounts, {rows['journal_dose']:,} doses, "
            f"{rows['journal_checkin']:,} check-ins, {rows['journal_change']:,} undo rows, "
            f"{rows['database_bytes'] / 2**20:,.0f} MiB, made in {made['seconds']:.0f} s"
        )
    out += ["", plans_summary(result["plans"])]
    if result["load"]:
        from bench.scale_load import load_table

        out += ["", load_table(result["load"], markdown=markdown)]
    return "\n".join(out)


def plans_summary(explained: dict[str, Any]) -> str:
    lines = [f"Queries per request: {explained['queries_per_request']}"]
    failing = [
        (statement, scan)
        for statement in explained["statements"]
        for scan in statement["scans"]
        if scan["verdict"] == "NO OWNER INDEX"
    ]
    per_person = sum(1 for s in explained["statements"] for scan in s["scans"] if scan["verdict"] == "ok")
    lines.append(
        f"Per-person scans through an index that starts with user_id: {per_person}; without: {len(failing)}"
    )
    for statement, scan in failing:
        lines.append(
            f"  NO OWNER INDEX: {scan['node']} on {scan['table']} ({scan['condition']}): {statement['sql'][:200]}"
        )
    lines.append("Indexes used: " + ", ".join(sorted({
        f"{scan['table']}.{scan['index'] or scan['node']}"
        for s in explained["statements"] for scan in s["scans"]
    })))  # fmt: skip
    for statement in explained["statements"]:
        if "analyzed" in statement:
            lines += [
                "",
                f"-- {statement['count']}x in {', '.join(statement['requests'])}, "
                f"{statement['execution_ms']:.2f} ms in PostgreSQL",
                statement["sql"][:600],
                statement["analyzed"],
            ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,100000", help="account counts, smallest first")
    parser.add_argument("--crowd-days", type=int, default=Plan.crowd_days)
    parser.add_argument("--person-days", type=int, default=Plan.person_days)
    parser.add_argument("--rounds", type=int, default=Plan.rounds)
    parser.add_argument("--load-users", default="8,32", help="locust users per run, comma-separated")
    parser.add_argument("--load-seconds", type=int, default=Plan.load_seconds)
    parser.add_argument("--load-servers", default="gunicorn", help="gunicorn, waitress or both")
    parser.add_argument("--no-load", action="store_true", help="skip the locust runs")
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument(
        "--keep", action="store_true", help="keep the databases (and the temporary directory)"
    )
    parser.add_argument("--json", type=Path, default=OUT)
    args = parser.parse_args(argv)
    plan = Plan(
        sizes=tuple(int(s) for s in args.sizes.split(",")),
        crowd_days=args.crowd_days,
        person_days=args.person_days,
        rounds=args.rounds,
        load_users=() if args.no_load else tuple(int(u) for u in args.load_users.split(",")),
        load_seconds=args.load_seconds,
        load_servers=tuple(args.load_servers.split(",")),
    )
    started = time.monotonic()

    def say(text: str) -> None:
        print(f"[{time.monotonic() - started:5.0f} s] {text}", file=sys.stderr, flush=True)

    ws = ScaleWorkspace(Path(tempfile.mkdtemp(prefix="speciosa-scale-")), server_url())
    try:
        result = run(ws, plan, say=say)
    finally:
        if args.keep:
            say(f"kept {ws.root} and the databases {', '.join(map(database_name, plan.sizes))}")
        else:
            for size in plan.sizes:
                ws.drop(database_name(size))
            shutil.rmtree(ws.root, ignore_errors=True)
    say("done")
    print(describe(result, plan, markdown=args.markdown))
    settings = {**asdict(plan), "seconds": round(time.monotonic() - started)}
    write_json(result["rows"], args.json, settings=settings)
    details = args.json.with_name(args.json.stem + "-details.json")
    details.write_text(json.dumps({k: v for k, v in result.items() if k != "rows"}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
