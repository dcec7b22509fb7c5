"""Learn: the legal commands (issue 12)."""

from __future__ import annotations

import typer

commands = typer.Typer()
