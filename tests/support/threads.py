"""Run writes in real threads at the same moment, on a database every thread can open.

PostgreSQL's test database is shared as it is. SQLite's test database lives in memory, where the
threads' connections cannot wait for each other's locks (the shared cache answers "table is locked"
at once instead of using the busy timeout), so `shared_database` copies it to a file for the test:
every connection, the main thread's and each thread's, then opens that file with the project's own
SQLite settings (WAL, busy timeout, IMMEDIATE transactions), as `speciosa serve` does.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Any

import pytest
from django.db import connection, connections


@pytest.fixture
def shared_database(transactional_db: None, tmp_path: Any) -> Iterator[None]:
    memory = connections["default"]
    if memory.vendor != "sqlite":
        yield
        return
    memory.ensure_connection()
    path = tmp_path / "shared.sqlite3"
    copy = sqlite3.connect(path)
    memory.connection.backup(copy)  # the migrated schema (and whatever rows are there)
    copy.close()
    settings = connections.settings["default"]  # the dict every new connection is made from
    name = settings["NAME"]
    settings["NAME"] = str(path)
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = memory
        settings["NAME"] = name


class Threads:
    """`size` threads, each with its own database connection, kept for many rounds of writes
    (opening a PostgreSQL connection per round would cost more than the writes)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pool = ThreadPoolExecutor(max_workers=size)

    def at_once(self, *work: Callable[[], Any]) -> list[Any]:
        """Run each function in its own thread, released together; their results in order.

        An exception in any of them is raised here, after all have finished."""
        assert len(work) == self.size
        start = threading.Barrier(self.size)  # also keeps each thread to one of the functions

        def run(function: Callable[[], Any]) -> Any:
            start.wait()
            return function()

        futures = [self.pool.submit(run, function) for function in work]
        wait(futures)
        return [future.result() for future in futures]

    def close(self) -> None:
        self.at_once(*[lambda: connection.close()] * self.size)  # each thread closes its own connection
        self.pool.shutdown()


@pytest.fixture
def threads() -> Iterator[Threads]:
    """Two threads for writes at the same moment: `threads.at_once(write, other_write)`."""
    pair = Threads(2)
    yield pair
    pair.close()
