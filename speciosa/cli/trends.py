"""`speciosa trends`: the Trends page in a terminal, read by the same journal-layer function."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from django.utils import timezone as dj_timezone

from speciosa.cli import inputs
from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, fail
from speciosa.journal import trends as journal_trends

commands = typer.Typer()


@command(
    commands,
    "trends",
    example="speciosa trends --from 2026-02-01 --to 2026-04-30",
    fields={"first": "--from", "last": "--to", "days": "--days"},
)
def trends(
    days: Annotated[int, typer.Option(help="The last 30, 90 or 365 days, today included.")] = 30,
    since_first: Annotated[
        bool, typer.Option("--all", help="Since the first entry (at most the last 366 days).")
    ] = False,
    first: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="DATE", help="First day, e.g. 2026-02-01 (with --to).", show_default=False
        ),
    ] = None,
    last: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="DATE", help="Last day, e.g. 2026-02-28 (with --from).", show_default=False
        ),
    ] = None,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Grams a day and their 7-day mean, grams per dose, doses, pain and PEG, day by day; then the lanes
    (medications, substances, symptoms) and liver tests in one sentence each, as on the Trends page."""
    owner = account_chosen(user)
    if days not in journal_trends.WINDOWS:
        fail("must be 30, 90 or 365 (or use --all, or --from and --to)", field="days")
    span = journal_trends.trends_range(
        user=owner,
        now=dj_timezone.now(),
        days=days,
        since_first=since_first,
        first=inputs.local_date(first, field="first") if first else None,
        last=inputs.local_date(last, field="last") if last else None,
    )
    found = journal_trends.trends_read(user=owner, span=span)
    rows = [asdict(day) for day in found.days]
    shortened = " (cut to the last 366 days)" if span.shortened else ""
    summary = [
        f"{span.first} to {span.last}, {span.days} days{shortened}.",
        *asdict(found.summaries).values(),
    ]
    document = {
        "first": span.first,
        "last": span.last,
        "days": span.days,
        "range": span.kind.value,
        "shortened": span.shortened,
        "series": rows,
        "lanes": [asdict(lane) for lane in found.lanes],
        "labs": [asdict(series) for series in found.labs],
        "summaries": asdict(found.summaries),
    }
    emit(
        rows,
        fmt,
        title="Trends",
        columns=[
            ("Day", "day"),
            ("Grams", "grams"),
            ("7-day mean", "rolling_grams"),
            ("Doses", "doses"),
            ("Grams per dose", "grams_per_dose"),
            ("Pain", "pain"),
            ("PEG", "peg"),
        ],
        summary=summary,
        document=document,
        empty="No days in this span.",
    )
