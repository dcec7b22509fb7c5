"""Learn: the legal commands (issue 12): `speciosa legal [PLACE]`, the legal status of kratom and 7-OH
products in a place. Nothing is sent anywhere: the lookup reads local reference data."""

from __future__ import annotations

from typing import Annotated

import typer

from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, say
from speciosa.core.legal import NO_ENTRY, TRAVEL, LegalAnswer, lookup, own_place, place_row
from speciosa.journal import selectors
from speciosa.refdata.legal import VERIFY_LOCALLY, legal_places

commands = typer.Typer()

COLUMNS = (
    ("Place", lambda r: f"{r['name']}, {r['state']}" if r["state"] else r["name"]),
    ("Status", "status"),
    ("Leaf", "leaf"),
    ("7-OH products", "seven_oh"),
    ("Conditions", "conditions"),
    ("Since", "since"),
    ("As of", "as_of"),
    (
        "Confidence",
        lambda r: r["confidence"] + (f" ({VERIFY_LOCALLY.lower()})" if r["verify_locally"] else ""),
    ),
    ("Sources", "sources"),
)


@command(commands, "legal", example="speciosa legal 'San Diego, CA'")
def legal(
    place: Annotated[
        str | None,
        typer.Argument(
            help=(
                "A US state (code or name), a US city or county (with its state: 'Kansas City, MO'), or a "
                "country (code or name). Without it: your own place from your profile, else every entry."
            ),
            show_default=False,
        ),
    ] = None,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """The legal status of kratom and 7-OH products in a place, with the date of our information and
    how sure we are. Laws change: verify locally."""
    answers: list[LegalAnswer]
    if place:
        answers = lookup(place)
        title = f"Legal status: {place}"
    else:
        profile = selectors.profile_get(user=account_chosen(user))
        mine = own_place(country=profile.country, region=profile.region, zone=profile.timezone)
        answers = [mine] if mine else []
        title = "Legal status where you live"
    if not place and not answers:
        rows = [place_row(p) for p in legal_places()]
        emit(rows, fmt, columns=COLUMNS, title="Legal status: every entry", summary=(TRAVEL,))
        return
    rows = [place_row(p) for answer in answers for p in answer.entries]
    if fmt is Format.TABLE and not rows:
        say(NO_ENTRY)
        return
    emit(
        rows,
        fmt,
        columns=COLUMNS,
        title=title,
        document={"query": place or "", "entries": rows, "found": bool(rows)},
        summary=(TRAVEL,),
        empty=NO_ENTRY,
    )
