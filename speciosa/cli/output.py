"""How commands print: records as a Rich table, JSON or CSV, and errors as `field: message` lines.

Rows are plain dicts of Python values (datetimes already in the person's time zone). JSON and CSV
get every key in ISO form; the table shows the columns a command chooses, in words.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from enum import Enum, StrEnum
from typing import Annotated, Any, NoReturn, TypeVar
from uuid import UUID

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from speciosa.core.csv_cells import csv_cell
from speciosa.core.errors import ApplicationError, InvalidInput

Row = Mapping[str, Any]
Cell = str | Callable[[Row], Any]
F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


FormatOption = Annotated[
    Format,
    typer.Option("--format", help="How to print records: a table to read, or JSON or CSV for programs."),
]


def out() -> Console:
    """Rich output on stdout (looked up when called, so redirection and test runners see it)."""
    return Console(highlight=False)


def err() -> Console:
    """Messages, progress bars and errors on stderr, so stdout stays clean for --format json/csv."""
    return Console(stderr=True, highlight=False)


def say(message: str, *, style: str | None = None) -> None:
    """A message for the person (stderr), printed as plain text: no Rich markup inside it is obeyed."""
    err().print(Text(message, style=style or ""))


# --- errors -----------------------------------------------------------------------------------


def show_errors(error: ApplicationError, *, fields: Mapping[str, str] | None = None) -> None:
    """Every problem as `field: message`, with service field names renamed to the command's options."""
    console = err()
    for item in error.errors:
        field = item.field
        if fields:
            head, sep, rest = field.partition(".")
            bare = head.split("[")[0]
            if bare in fields:
                field = fields[bare] + head[len(bare) :] + sep + rest
        console.print(Text(f"{field}: {item.message}" if field else item.message, style="red"))


def fail(message: str, *, field: str = "") -> NoReturn:
    """Stop the command with one error (exit status 1)."""
    raise InvalidInput(message, field=field)


def reports_errors(*, fields: Mapping[str, str] | None = None) -> Callable[[F], F]:
    """Turn ApplicationErrors raised by a command into `field: message` lines and exit status 1."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return command(*args, **kwargs)
            except ApplicationError as error:
                show_errors(error, fields=fields)
                raise typer.Exit(1) from None

        return wrapper  # type: ignore[return-value]

    return decorate


def command(
    group: typer.Typer,
    name: str,
    *,
    example: str,
    fields: Mapping[str, str] | None = None,
    aliases: Sequence[str] = (),
) -> Callable[[F], F]:
    """Register a command whose --help ends with an Example line and whose errors exit 1. Each alias
    runs the same command under an older or longer name, left out of the group's --help."""

    def decorate(function: F) -> F:
        reporting = reports_errors(fields=fields)(function)
        group.command(name, epilog=f"Example: {example}")(reporting)
        for alias in aliases:
            group.command(alias, epilog=f"Example: {example}", hidden=True)(reporting)
        return function

    return decorate


# --- records ----------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A value as JSON has it: ISO dates and times, UUIDs and enums as strings."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def as_text(value: Any, *, time_format: str = "%Y-%m-%d %H:%M") -> str:
    """A value as a person reads it in a table."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{round(value, 3):g}"
    if isinstance(value, datetime):
        return value.strftime(time_format)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ", ".join(as_text(v) for v in value) or "–"
    return str(value)


def print_json(document: Any) -> None:
    typer.echo(json.dumps(plain(document), indent=2, ensure_ascii=False))


def csv_text(rows: Sequence[Row], fieldnames: Iterable[str] | None = None) -> str:
    names = list(fieldnames) if fieldnames is not None else list(rows[0]) if rows else []
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_cell(row.get(key)) for key in names})
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    """A value as its cell, formula-safe as every CSV speciosa writes (speciosa.journal.csv_rows)."""
    value = plain(value)
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return csv_cell(value)


def emit(
    rows: Sequence[Row],
    fmt: Format,
    *,
    columns: Sequence[tuple[str, Cell]],
    title: str = "",
    summary: Sequence[str] = (),
    document: Any = None,
    empty: str = "Nothing to show.",
    time_format: str = "%Y-%m-%d %H:%M",
) -> None:
    """Print records. JSON prints `document` when given (else the rows); CSV and tables print rows."""
    if fmt is Format.JSON:
        print_json(rows if document is None else document)
        return
    if fmt is Format.CSV:
        fieldnames = list(rows[0]) if rows else [c for _, c in columns if isinstance(c, str)]
        typer.echo(csv_text(rows, fieldnames), nl=False)
        return
    console = out()
    if rows:
        table = Table(title=Text(title) if title else None, title_justify="left")
        for label, _ in columns:
            table.add_column(label, overflow="fold")
        for row in rows:
            cells = [cell(row) if callable(cell) else row.get(cell) for _, cell in columns]
            table.add_row(*(Text(as_text(value, time_format=time_format)) for value in cells))
        console.print(table)
    else:
        if title:
            console.print(Text(title, style="bold"))
        console.print(Text(empty))
    for line in summary:
        console.print(Text(line))
