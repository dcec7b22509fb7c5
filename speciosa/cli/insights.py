"""`speciosa insights`: the Insights page in a terminal, read by the same journal-layer function."""

from __future__ import annotations

import typer
from django.utils import timezone as dj_timezone

from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit
from speciosa.journal import insights as journal_insights

commands = typer.Typer()


@command(commands, "insights", example="speciosa insights --format json")
def insights(user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """Relief after a dose, side effects by dose band, tolerance, the PEG-3 trend and factors, each with
    its n and 95% interval; factors are associations, never causes."""
    owner = account_chosen(user)
    found = journal_insights.insights_read(user=owner, now=dj_timezone.now())
    sentences = journal_insights.insights_sentences(found)
    emit(
        journal_insights.insights_rows(found),
        fmt,
        title="Insights",
        columns=[
            ("Insight", "insight"),
            ("Group", "group"),
            ("Value", "value"),
            ("95% interval", "interval"),
            ("n", "n"),
        ],
        summary=sentences,
        document={**journal_insights.insights_data(found), "sentences": sentences},
        empty="Nothing to show yet.",
    )
