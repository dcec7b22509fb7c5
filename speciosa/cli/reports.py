"""`speciosa report`: the reports of speciosa.reports.registry (the same list as the Reports page and
GET /api/v1/reports), listed, or one written to a file with a progress bar of the bytes written."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from django.utils import timezone as dj_timezone
from rich.progress import BarColumn, DownloadColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.files import open_private
from speciosa.cli.inputs import local_date
from speciosa.cli.output import Format, FormatOption, command, emit, err, fail, say
from speciosa.core.errors import NotFound
from speciosa.reports.registry import exporter_get, exporters, period_of

commands = typer.Typer()

#: The ID that lists the reports instead of writing one.
LIST = "list"


@contextmanager
def _target(output: Path, *, overwrite: bool) -> Iterator[BinaryIO]:
    """Standard output for `-`, else a file only its owner can read; a file left half written by an
    error is removed."""
    if str(output) == "-":
        yield sys.stdout.buffer
        sys.stdout.flush()
        return
    handle = open_private(output, overwrite=overwrite)
    try:
        with handle:
            yield handle
    except BaseException:
        output.unlink(missing_ok=True)
        raise


@command(
    commands,
    "report",
    example="speciosa report csv-doses --from 2026-01-01 --to 2026-03-31 -o doses.csv",
    fields={"from": "--from", "to": "--to"},
)
def report(
    report_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="A report's id (see `speciosa report list`), or `list`.", show_default=False
        ),
    ],
    start: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="DATE", help="The first day (default: 89 days before --to).", show_default=False
        ),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help="The last day (default: today).", show_default=False),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Where to write the report, `-` for stdout. Default: the report's file name, here.",
            show_default=False,
        ),
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace the file if it exists.")] = False,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Write a report (a CSV per kind of entry, ...) over a period of your local days, or list them."""
    if report_id == LIST:
        rows = [
            {"id": e.id, "label": e.label, "media_type": e.media_type, "description": e.description}
            for e in exporters()
        ]
        listed = [
            ("ID", "id"),
            ("Report", "label"),
            ("Type", "media_type"),
            ("What is in it", "description"),
        ]
        emit(rows, fmt, title="Reports", columns=listed, empty="No reports.")
        return
    owner = account_chosen(user)
    try:
        exporter = exporter_get(report_id)
    except NotFound:
        fail(f"no report called {report_id!r}; see `speciosa report list`", field="ID")
    now = dj_timezone.now()
    period = period_of(
        user=owner,
        start=local_date(start, field="--from") if start else None,
        end=local_date(end, field="--to") if end else None,
        now=now,
    )
    target = output or Path(exporter.filename(period))
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
    )
    written = 0
    with _target(target, overwrite=overwrite) as handle, Progress(*columns, console=err()) as bar:
        task = bar.add_task(f"{exporter.label}, {period}", total=None)  # a stream's size is unknown
        for chunk in exporter.render(user=owner, period=period, now=now):
            handle.write(chunk)
            written += len(chunk)
            bar.update(task, completed=written)
    if str(target) != "-":
        say(f"Wrote {exporter.label}, {period}, to {target} ({written} bytes).")
