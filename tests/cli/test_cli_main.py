"""`speciosa` as a person runs it: a separate process, a fresh data directory, nothing set up beforehand."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from speciosa.cli.bootstrap import pending_migrations

ROOT = Path(__file__).resolve().parents[2]


def speciosa_process(
    data_dir: Path, *args: str, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SPECIOSA_USER", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(SPECIOSA_DATA_DIR=str(data_dir), COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "speciosa.cli", *args],
        input=input, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip


def test_the_first_command_on_a_fresh_machine_creates_the_database_and_later_ones_use_it(tmp_path):
    created = speciosa_process(tmp_path, "user", "create", "sam", "--timezone", "UTC", "--password-stdin",
                               input="a long enough passphrase\n")  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert (tmp_path / "speciosa.sqlite3").is_file()
    assert speciosa_process(tmp_path, "log", "dose", "3", "--note", "first").returncode == 0
    today = speciosa_process(tmp_path, "today", "--format", "json")
    assert json.loads(today.stdout)["grams_today"] == 3.0
    backed_up = speciosa_process(tmp_path, "backup")
    assert backed_up.returncode == 0, backed_up.stderr
    (copy,) = (tmp_path / "backups").glob("speciosa-*.sqlite3")
    notes = sqlite3.connect(copy).execute("SELECT note FROM journal_dose").fetchall()
    assert notes == [("first",)]


def test_help_needs_no_database_and_ends_with_an_example(tmp_path):
    result = speciosa_process(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage: speciosa" in result.stdout and "Example: speciosa" in result.stdout
    assert not (tmp_path / "speciosa.sqlite3").exists()


def test_the_test_database_has_no_pending_migrations(db):
    assert pending_migrations() == []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_serve_answers_pages_and_static_files_on_loopback(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(SPECIOSA_DATA_DIR=str(tmp_path))
    server = subprocess.Popen(
        [sys.executable, "-m", "speciosa.cli", "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = fetch(f"{base}/health")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "the server did not start within a minute"
                time.sleep(0.2)
        assert status == 200
        status, body = fetch(f"{base}/static/vendor/htmx-2.0.8.min.js")
        assert status == 200 and b"htmx" in body
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert f"speciosa is at http://127.0.0.1:{port}/" in errors
    assert "Your journal is stored in " in errors
    assert "Warning" not in errors
