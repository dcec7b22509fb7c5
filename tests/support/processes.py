"""Servers in their own processes for tests: `speciosa serve` on a free port, with a fresh journal."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def speciosa_environment(data_dir: Path, **settings: str) -> dict[str, str]:
    """Only what `speciosa` needs, and a fresh SQLite journal in `data_dir` whatever the suite's database."""
    return {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "SPECIOSA_DATA_DIR": str(data_dir),
        **settings,
    }


def speciosa_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "speciosa.cli", *args]


def wait_until_listening(process: subprocess.Popen[str], port: int, name: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{name} stopped: {process.communicate()[1]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{name} did not listen on {port} within {STARTUP_SECONDS} s")


@contextmanager
def running(command: list[str], *, port: int, environment: Mapping[str, str], name: str) -> Iterator[None]:
    """`command` running until the block ends, once it listens on `port`."""
    process = subprocess.Popen(
        command, cwd=ROOT, env=dict(environment), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        wait_until_listening(process, port, name)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)
