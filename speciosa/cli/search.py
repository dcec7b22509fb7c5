"""Learn: the search commands (issue 12): `speciosa search WORDS`, `speciosa search --rebuild` and
`speciosa bibliography`."""

from __future__ import annotations

from typing import Annotated

import typer

from speciosa.cli.bootstrap import database_ready
from speciosa.cli.output import Format, FormatOption, command, emit, say

commands = typer.Typer()


@command(commands, "search", example='speciosa search "gabapentin withdrawal"')
def search_command(
    words: Annotated[list[str] | None, typer.Argument(help="The words to look for.")] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Build the search index again from the documents in the code.")
    ] = False,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Search Learn: the guide, questions, claims, legal status, interactions, safety checks, red flags
    and sources, best first. A word that matches nothing is corrected to the nearest indexed word."""
    database_ready()
    from speciosa.journal.search import rebuild_index, search

    if rebuild:
        say(f"Search index rebuilt: {rebuild_index()} documents.")
        if not words:
            return
    if not words:
        say("words: give the words to look for, e.g. speciosa search gabapentin", style="red")
        raise typer.Exit(1)
    found = search(" ".join(words))
    rows = [
        {
            "kind": hit.kind,
            "title": hit.title,
            "snippet": hit.snippet,
            "url": hit.url,
            "matched": ", ".join(hit.matched),
        }
        for hit in found.hits
    ]
    summary = [f"Showing results for: {found.searched}"] if found.corrected else []
    emit(
        rows,
        fmt,
        title=f"Search: {found.searched}",
        columns=[("Kind", "kind"), ("Title", "title"), ("Snippet", "snippet"), ("Page", "url")],
        summary=summary,
        document={
            "query": found.query,
            "searched": found.searched,
            "corrected": found.corrected,
            "results": rows,
        },
        empty="Nothing matched. Try another word.",
    )


@command(commands, "bibliography", example="speciosa bibliography --format json")
def bibliography(fmt: FormatOption = Format.TABLE) -> None:
    """Every source with its evidence grade, link, and the pages, safety checks and entries that cite it."""
    from speciosa.journal.search import cited_by
    from speciosa.refdata import sources

    citing = cited_by()
    rows = [
        {
            "id": s.id,
            "grade": s.grade_label,
            "citation": s.citation,
            "link": s.link,
            "cited_by": "; ".join(f"{c.kind_label}: {c.title}" for c in citing.get(s.id, [])),
        }
        for s in sources().values()
    ]
    emit(
        rows,
        fmt,
        title="Bibliography",
        columns=[("Grade", "grade"), ("Source", "citation"), ("Link", "link"), ("Cited by", "cited_by")],
    )
