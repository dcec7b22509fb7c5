"""Learn: the guide commands (issue 12): `speciosa learn` lists the topics; `speciosa learn TOPIC` prints
a topic's statements with their evidence grades and sources, and its tables."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from speciosa.cli.output import Format, FormatOption, command, emit, fail, out, print_json
from speciosa.refdata.guide import filter_table, guide, guide_topic, topic_document

commands = typer.Typer()


@command(commands, "learn", example="speciosa learn interactions --search gabapentin")
def learn(
    topic: Annotated[str, typer.Argument(help="A guide topic (its slug); none lists the topics.")] = "",
    search: Annotated[
        str, typer.Option("--search", "-q", help="Filter a searchable table (interactions).")
    ] = "",
    fmt: FormatOption = Format.TABLE,
) -> None:
    """The guide: what the sources say, topic by topic, each statement with its grade and sources."""
    if not topic:
        rows = [{"slug": t.slug, "title": t.title, "summary": t.summary, "url": t.url} for t in guide()]
        emit(
            rows, fmt, columns=[("Topic", "slug"), ("Title", "title"), ("Summary", "summary")], title="Guide"
        )
        return
    found = guide_topic(topic)
    if found is None:
        fail(f"No guide topic {topic!r}; `speciosa learn` lists them.", field="topic")
    if fmt is not Format.TABLE:
        print_json(topic_document(found, search))
        return
    console = out()
    console.print(Text(found.title, style="bold"))
    console.print(Text(found.summary))
    for section in found.sections:
        console.print(Text(f"\n{section.heading}", style="bold"))
        for statement in section.statements:
            console.print(
                Text(f"- {statement.text} [grade {statement.grade}; {', '.join(statement.sources)}]")
            )
        if section.table is not None:
            shown = filter_table(section.table, search) if section.table.searchable else section.table
            table = Table(title=Text(shown.caption), title_justify="left")
            for column in (*shown.columns, "Grade", "Sources"):
                table.add_column(column, overflow="fold")
            for row in shown.rows:
                table.add_row(*row.cells, row.grade, ", ".join(row.sources))
            console.print(table)
        for link in section.links:
            console.print(Text(f"See: {link.title} ({link.url})"))
