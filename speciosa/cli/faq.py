"""Learn: the faq commands (issue 12). `speciosa faq [WORDS]`: the questions people ask, answered from
the sources (speciosa.journal.faq, as the /learn/faq/ page and GET /api/v1/learn/faq)."""

from __future__ import annotations

from typing import Annotated

import typer
from django.utils import timezone as dj_timezone

from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit
from speciosa.journal import faq as journal_faq

commands = typer.Typer()


@command(commands, "faq", example="speciosa faq withdrawal --format json")
def faq(
    words: Annotated[list[str] | None, typer.Argument(help="Words a question must hold.")] = None,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Questions people ask about kratom, each answered from the sources with its evidence grade, sources
    and guide links, and a line from your own journal where it has one."""
    owner = account_chosen(user)
    asked = " ".join(words or [])
    groups = journal_faq.faq_read(user=owner, now=dj_timezone.now(), words=asked)
    rows = [
        {
            "group": g["title"],
            "question": q["question"],
            "answer": q["answer"] + (f"\n{q['personal']}" if q["personal"] else ""),
            "grade": q["grade"],
            "sources": ", ".join(q["sources"]),
            "guide": ", ".join(link["url"] for link in q["guide"]),
        }
        for g in groups
        for q in g["questions"]
    ]
    emit(
        rows,
        fmt,
        title="Questions people ask",
        columns=[
            ("Question", "question"),
            ("Answer", "answer"),
            ("Grade", "grade"),
            ("Sources", "sources"),
            ("Guide", "guide"),
        ],
        document={"q": asked, "groups": groups},
        empty="No question matches those words.",
    )
