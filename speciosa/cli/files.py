"""`speciosa import` and `speciosa export`: whole journals in and out, through journal.transfer."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from django.conf import settings
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.describe import count
from speciosa.cli.output import Format, FormatOption, command, emit, err, fail, say, show_errors
from speciosa.core.errors import ApplicationError, TooLarge
from speciosa.core.journal_format import ENTRY_KINDS, PLAN_KINDS
from speciosa.journal import transfer

commands = typer.Typer()

SOURCES = {
    "speciosa": "a speciosa JSON export",
    "csv": "a speciosa CSV file",
    "psychonautwiki": "a PsychonautWiki Journal export",
}


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A Rich progress bar on stderr, and the `progress(done, total)` callback that moves it."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err()) as bar:
        task = bar.add_task(description, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def open_private(path: Path, *, overwrite: bool) -> BinaryIO:
    """A file only its owner can read (a journal is health data), opened to write; one that exists is
    refused unless told to replace it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | (0 if overwrite else os.O_EXCL)
    try:
        descriptor = os.open(path, flags, 0o600)
    except FileExistsError:
        fail(f"{path} exists; choose another name, or add --overwrite", field="output")
    except OSError as error:
        fail(f"cannot write {path}: {error.strerror}", field="output")
    return os.fdopen(descriptor, "wb")


def write_private(path: Path, content: bytes, *, overwrite: bool) -> None:
    """Write a file only its owner can read; refuse to replace one unless told."""
    with open_private(path, overwrite=overwrite) as handle:
        handle.write(content)


@command(commands, "import", example="speciosa import speciosa-export.json")
def import_journal(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A speciosa JSON or CSV export, or a PsychonautWiki Journal export.",
            show_default=False,
        ),
    ],
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Import a journal file: all of it or nothing, and entries you already have are not added twice."""
    owner = account_chosen(user)
    if not file.is_file():
        fail(f"there is no file at {file}", field="file")
    limit = settings.MAX_IMPORT_BYTES
    if file.stat().st_size > limit:
        show_errors(
            TooLarge(
                f"{file} is larger than {limit // (1024 * 1024)} MB (SPECIOSA_MAX_IMPORT_BYTES)", field="file"
            )
        )
        say("Nothing was imported.")
        raise typer.Exit(1)
    try:
        with progress_bar(f"Importing {file.name}") as progress:
            report = transfer.import_file(
                user=owner, content=file.read_bytes(), filename=file.name, progress=progress, max_bytes=limit
            )
    except ApplicationError as error:
        show_errors(error)
        if len(error.errors) >= transfer.MAX_REPORTED_ERRORS:
            say(f"(The first {transfer.MAX_REPORTED_ERRORS} problems are listed; there may be more.)")
        say("Nothing was imported.")
        raise typer.Exit(1) from None
    rows = [
        {
            "kind": kind,
            "added": report.added.get(kind, 0),
            "already_present": report.already_present.get(kind, 0),
        }
        for kind in (*ENTRY_KINDS, *PLAN_KINDS)
    ]
    summary = [
        f"Read {SOURCES.get(report.source, report.source)}: added {count(report.total_added, 'entry')}, "
        f"{sum(report.already_present.values())} already in your journal."
    ]
    summary += [f"Skipped: {reason}" for reason in report.skipped]
    if report.profile_updated:
        summary.append("Your profile took the file's time zone and teaspoon weight.")
    emit(
        rows,
        fmt,
        title=f"Imported {file.name}",
        columns=[("Kind", "kind"), ("Added", "added"), ("Already present", "already_present")],
        summary=summary,
        document=report.as_dict(),
    )


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


@command(commands, "export", example="speciosa export --format csv --kind doses -o doses.csv")
def export_journal(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format", help="JSON: the whole journal in one document. CSV: one kind of entry per file."
        ),
    ] = ExportFormat.JSON,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND", help=f"For CSV, the kind of entry: {', '.join(ENTRY_KINDS)}.", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="A file (JSON, or CSV with --kind), or a directory for a CSV per kind. Default: stdout.",
            show_default=False,
        ),
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace files that already exist.")] = False,
    user: UserOption = None,
) -> None:
    """Export your journal: JSON (the documented journal format) or CSV. Files are readable by you only."""
    owner = account_chosen(user)
    if kind is not None and kind not in ENTRY_KINDS:
        fail(f"unknown kind {kind!r}; use one of {', '.join(ENTRY_KINDS)}", field="kind")
    if fmt is ExportFormat.JSON:
        if kind is not None:
            fail("JSON holds the whole journal; --kind is for --format csv", field="kind")
        content = transfer.journal_export_json(user=owner)
        if output is None:
            typer.echo(content.decode())
            return
        write_private(output, content + b"\n", overwrite=overwrite)
        say(f"Wrote your journal to {output}.")
        return
    if kind is not None:
        text = transfer.journal_export_csv(user=owner, kind=kind)
        if output is None:
            typer.echo(text, nl=False)
            return
        write_private(output, text.encode(), overwrite=overwrite)
        say(f"Wrote your {kind} to {output}.")
        return
    if output is None:
        fail("CSV needs --kind KIND for one file, or -o DIRECTORY for one file per kind", field="output")
    if output.exists() and not output.is_dir():
        fail(f"{output} is a file; give a directory for one CSV file per kind", field="output")
    targets = {name: output / f"{name}.csv" for name in ENTRY_KINDS}
    present = [str(path) for path in targets.values() if path.exists()]
    if present and not overwrite:
        fail(
            f"{', '.join(present)} already exist; choose another directory, or add --overwrite",
            field="output",
        )
    output.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name, path in targets.items():
        write_private(path, transfer.journal_export_csv(user=owner, kind=name).encode(), overwrite=overwrite)
    say(f"Wrote {len(ENTRY_KINDS)} CSV files ({', '.join(f'{k}.csv' for k in ENTRY_KINDS)}) to {output}.")
