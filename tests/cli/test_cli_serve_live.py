"""`speciosa serve` for real, in its own process on a free port: what waitress does before Django runs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAX_IMPORT_BYTES = 1_000_000
BODY_CAP = MAX_IMPORT_BYTES + 1024 * 1024
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_listening(process: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"speciosa serve stopped: {process.communicate()[1]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"speciosa serve did not listen on {port} within {STARTUP_SECONDS} s")


@pytest.fixture(scope="module")
def server_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = free_port()
    # No DATABASE_URL: a fresh SQLite journal, whatever database the rest of the suite uses.
    environment = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "SPECIOSA_DATA_DIR": str(tmp_path_factory.mktemp("data")),
        "SPECIOSA_MAX_IMPORT_BYTES": str(MAX_IMPORT_BYTES),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "speciosa.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_listening(process, port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def post_import(port: int, *, declared_length: int, sent: bytes) -> bytes:
    """An anonymous import POST that declares `declared_length` bytes and sends only `sent`: the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        connection.sendall(
            b"POST /api/v1/import HTTP/1.1\r\n"
            + f"Host: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n".encode()
            + f"Content-Length: {declared_length}\r\nConnection: close\r\n\r\n".encode()
            + sent
        )
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        return answer


def test_an_anonymous_body_past_the_cap_is_refused_before_it_is_sent(server_port):
    answer = post_import(server_port, declared_length=BODY_CAP + 1, sent=b"[" * 1024)
    assert answer.startswith(b"HTTP/1.1 413 ")


def test_an_anonymous_body_within_the_cap_reaches_speciosa_and_is_asked_to_sign_in(server_port):
    body = b"{}"
    answer = post_import(server_port, declared_length=len(body), sent=body)
    assert answer.startswith(b"HTTP/1.1 401 ")
