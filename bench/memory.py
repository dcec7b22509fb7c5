"""Peak memory of a real server while it serves a long journal.

`speciosa serve` (waitress, 4 threads, on speciosa.wsgi) runs as a subprocess on a free loopback
port with the journal's database. A client signs in through the login form, requests every page,
the export and a few API calls, a fixed number of times; then the server's peak resident set
(VmHWM in /proc/<pid>/status) is read and the server is stopped. The same is done on the short
journal as the baseline. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.report import Goal, Row
from bench.workspace import REPO, Account, Workspace

GOAL = Goal("measured", "<", 200, "MB")
HOST = "127.0.0.1"
START_TIMEOUT_S = 60
REQUEST_TIMEOUT_S = 120
#: What the client asks for, in order, after signing in; the whole list is requested `passes` times.
PAGES = ("/", "/history/", "/trends?days=30", "/trends?days=90", "/trends?days=365")
EXPORTS = ("/transfer/export.json",)
API_CALLS = (
    ("POST", "/api/v1/doses", {"amount": 2.5, "unit": "g"}),
    ("GET", "/api/v1/doses?limit=100", None),
    ("GET", "/api/v1/export", None),
)


@dataclass(frozen=True)
class Peak:
    peak_mb: float
    idle_mb: float  # resident set after start-up, before the first request
    #: (request, peak after it) in order: where the peak grew, and by how much.
    steps: list[tuple[str, float]]

    def growth(self) -> list[tuple[str, float]]:
        """How much each request raised the peak, summed over passes, largest first (over 1 MB)."""
        before = [self.idle_mb, *(mb for _, mb in self.steps)]
        totals: dict[str, float] = {}
        for (name, mb), prior in zip(self.steps, before, strict=False):
            totals[name] = totals.get(name, 0.0) + mb - prior
        return sorted(((n, mb) for n, mb in totals.items() if mb >= 1), key=lambda item: -item[1])


def run(
    ws: Workspace,
    *,
    short: Path,
    long: Path,
    account: Account,
    labels: tuple[str, str] = ("1y", "10y"),
    passes: int = 2,
) -> list[Row]:
    baseline = serve_and_measure(ws, db=short, account=account, passes=passes)
    measured = serve_and_measure(ws, db=long, account=account, passes=passes)
    raised = ", ".join(f"{name} +{mb:.0f}" for name, mb in measured.growth()[:4])
    return [
        Row(
            f"server peak memory ({labels[1]} journal)",
            "MB",
            measured.peak_mb,
            baseline.peak_mb,
            GOAL,
            note=f"VmHWM of `speciosa serve` after {len(measured.steps)} requests "
            f"(sign-in, pages, export, API); baseline: the same on the {labels[0]} journal; "
            f"{measured.idle_mb:.0f} MB after start-up; the peak rose with {raised} (MB)",
        )
    ]


def serve_and_measure(ws: Workspace, *, db: Path, account: Account, passes: int) -> Peak:
    with serving(ws, db) as server:
        idle = _status_mb(server.pid, "VmRSS")
        client = _Client(server.base)
        try:
            client.sign_in(account.username, account.password)
            steps = [("sign-in", _status_mb(server.pid, "VmHWM"))]
            for _ in range(passes):
                for path in (*PAGES, *EXPORTS):
                    client.request("GET", path)
                    steps.append((f"GET {path}", _status_mb(server.pid, "VmHWM")))
                for method, path, body in API_CALLS:
                    client.request(method, path, body=body, token=account.token)
                    steps.append((f"{method} {path}", _status_mb(server.pid, "VmHWM")))
        except urllib.error.HTTPError as error:
            raise RuntimeError(
                f"{error.geturl()} answered {error.code}; the server said:\n{server.log_tail()}"
            ) from None
        return Peak(steps[-1][1], idle, steps)


@dataclass(frozen=True)
class Server:
    pid: int
    base: str
    log: Path

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:]


@contextmanager
def serving(ws: Workspace, db: Path) -> Iterator[Server]:
    """`speciosa serve` on a free loopback port with `db`, stopped when the block ends."""
    ws.prepare()
    port = _free_port()
    command = [sys.executable, "-m", "speciosa.cli", "serve", "--host", HOST, "--port", str(port)]
    log_path = ws.path(f"server-{port}.log")
    log = log_path.open("wb")
    server = subprocess.Popen(command, cwd=REPO, env=ws.env(db), stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, server)
        yield Server(server.pid, f"http://{HOST}:{port}", log_path)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


class _Client:
    """A browser-like client: cookies, the CSRF token from the login form, and bearer calls."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def sign_in(self, username: str, password: str) -> None:
        with self.opener.open(self.base + "/", timeout=REQUEST_TIMEOUT_S) as response:  # redirects to sign-in
            login_url, page = response.geturl(), response.read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if token is None:
            raise RuntimeError(f"no sign-in form at {login_url}")
        form = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        ).encode()
        request = urllib.request.Request(login_url, data=form, headers={"Referer": login_url})
        with self.opener.open(request, timeout=REQUEST_TIMEOUT_S) as response:
            if urllib.parse.urlsplit(response.geturl()).path == urllib.parse.urlsplit(login_url).path:
                raise RuntimeError("signing in failed: the sign-in page came back")

    def request(self, method: str, path: str, *, body: object = None, token: str | None = None) -> bytes:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        opener = urllib.request.build_opener() if token else self.opener
        with opener.open(request, timeout=REQUEST_TIMEOUT_S) as response:
            answer: bytes = response.read()
            return answer


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode} before it listened")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not listen on {HOST}:{port} within {START_TIMEOUT_S} s")


def _status_mb(pid: int, key: str) -> float:
    """A memory figure from /proc/<pid>/status (kB there) in MB (10^6 bytes)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) * 1024 / 1_000_000
    raise RuntimeError(f"{key} not found for process {pid}")
