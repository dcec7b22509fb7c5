"""`speciosa invite`: an invitation link that lets one person create an account on this server, even
while sign-up is closed (the same journal-layer function as Settings → Invitations)."""

from __future__ import annotations

from typing import Annotated

import typer
from django.conf import settings

from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, say
from speciosa.journal import accounts

commands = typer.Typer()


@command(commands, "invite", example="speciosa invite --days 3", fields={"days": "--days"})
def invite(
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            help=f"Days the link works, 1 to {accounts.MAX_INVITATION_DAYS} "
            "(default: SPECIOSA_INVITATION_DAYS, 7).",
            show_default=False,
        ),
    ] = None,
    server: Annotated[
        str,
        typer.Option(
            "--server", help="The address people reach speciosa at, when SPECIOSA_PUBLIC_URL is unset."
        ),
    ] = accounts.LOCAL_ADDRESS,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Make a single-use invitation link for one new account; the link is printed this once."""
    owner = account_chosen(user)
    new = accounts.invitation_create(user=owner, days=days)
    row = {
        "id": new.invitation.pk,
        "url": accounts.invitation_link(new.token, base=server),
        "expires_at": new.invitation.expires_at.isoformat(timespec="minutes"),
    }
    if fmt is not Format.TABLE:
        emit([row], fmt, columns=[("ID", "id"), ("Link", "url"), ("Expires", "expires_at")])
        return
    say(f"Invitation {row['id']}, usable once until {row['expires_at']}. The link is shown this once:")
    typer.echo(row["url"])  # on a line of its own, unwrapped, to copy whole
    say("Whoever opens this link first can create one account with it. Send it privately.")
    if not settings.PUBLIC_URL and server == accounts.LOCAL_ADDRESS:
        say(
            "The link is on this computer's address: "
            "set SPECIOSA_PUBLIC_URL (or --server) for others to open it."
        )
