"""`speciosa serve` for real, in its own process on a free port: what waitress does before Django runs."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from tests.support.processes import free_port, running, speciosa_command, speciosa_environment

MAX_IMPORT_BYTES = 1_000_000
BODY_CAP = MAX_IMPORT_BYTES + 1024 * 1024


@pytest.fixture(scope="module")
def server_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = free_port()
    environment = speciosa_environment(
        tmp_path_factory.mktemp("data"), SPECIOSA_MAX_IMPORT_BYTES=str(MAX_IMPORT_BYTES)
    )
    with running(
        speciosa_command("serve", "--port", str(port)),
        port=port,
        environment=environment,
        name="speciosa serve",
    ):
        yield port


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
