"""`shared_database` and `threads`: for tests whose writes run in real threads (tests.support.threads)."""

from tests.support.threads import shared_database, threads  # noqa: F401
