"""`speciosa demo` and `speciosa schema`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from speciosa.cli.bootstrap import database_ready
from speciosa.cli.output import Format, FormatOption, command, emit, say
from speciosa.core.journal_format import json_schema

commands = typer.Typer()

#: The JSON Schema kept in the repository, which `speciosa schema --check` compares with the code.
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "journal-format.schema.json"


@command(commands, "demo", example="speciosa demo")
def demo(fmt: FormatOption = Format.TABLE) -> None:
    """Load the demo accounts: months of journal that follow the case studies in docs/demo.md."""
    database_ready()
    from speciosa.cli.files import progress_bar
    from speciosa.demo.load import demo_load

    with progress_bar("Writing the demo journals") as progress:
        accounts = demo_load(progress=progress)
    rows = [
        {
            "username": account.username,
            "password": account.password,
            "description": account.description,
            "entries": account.report.total_added,
        }
        for account in accounts
    ]
    emit(
        rows,
        fmt,
        title="Demo accounts",
        columns=[
            ("Username", "username"),
            ("Password", "password"),
            ("Who", "description"),
            ("Entries", "entries"),
        ],
        summary=["These are local demo accounts: anyone who can reach this speciosa can sign in with them."],
    )


def schema_text() -> str:
    """The journal format's JSON Schema as the docs keep it: indent 2, sorted keys, trailing newline."""
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"


@command(commands, "schema", example="speciosa schema > docs/journal-format.schema.json")
def schema(
    check: Annotated[
        bool, typer.Option("--check", help="Compare with the schema file instead; exit 1 if they differ.")
    ] = False,
    file: Annotated[Path, typer.Option(help="The schema file that --check compares with.")] = SCHEMA_FILE,
) -> None:
    """Print the JSON Schema of the journal format (what `speciosa export` writes)."""
    expected = schema_text()
    if not check:
        typer.echo(expected, nl=False)
        return
    if not file.is_file():
        say(f"file: there is no schema file at {file}", style="red")
        raise typer.Exit(1)
    if file.read_text(encoding="utf-8") != expected:
        say(
            f"{file} differs from the journal format in the code; update it with `speciosa schema > {file}`",
            style="red",
        )
        raise typer.Exit(1)
    say(f"{file} matches the journal format.")
