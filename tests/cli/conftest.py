"""Running `speciosa ...` in-process with Typer's test runner, wide enough that tables do not wrap."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from speciosa.cli.app import app

Speciosa = Callable[..., Result]


@pytest.fixture
def speciosa() -> Speciosa:
    """`speciosa("log", "dose", "3")` runs the command and returns its Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str | None] | None = None) -> Result:
        environment: dict[str, str | None] = {"COLUMNS": "200", "SPECIOSA_USER": None, **(env or {})}
        return runner.invoke(app, list(args), input=input, env=environment, catch_exceptions=False)

    return invoke
