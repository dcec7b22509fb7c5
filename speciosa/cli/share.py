"""`speciosa share`: links to the clinician summary for a clinician to open without signing in (create,
list, revoke), through the same journal-layer functions as Reports → Share and /api/v1/share-links."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from django.urls import reverse
from django.utils import timezone as dj_timezone

from speciosa.cli import inputs
from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, say
from speciosa.journal import share_links
from speciosa.reports.base import period_of

share = typer.Typer(
    help="Share your clinician summary: a read-only link that expires, and that you can revoke.",
    no_args_is_help=True,
    epilog="Example: speciosa share list",
)

#: Where `speciosa serve` answers by default; a link is this address plus the link's path.
DEFAULT_SERVER = "http://127.0.0.1:8000"


def _row(link: share_links.SharedLink) -> dict[str, Any]:
    return {
        "id": link.id,
        "period": f"{link.start.isoformat()} to {link.end.isoformat()}",
        "expires_at": link.expires_at.isoformat(timespec="minutes"),
        "state": link.state,
        "opened": len(link.openings),
        "last_opened": link.openings[-1].at.isoformat(timespec="minutes") if link.openings else "",
    }


@command(
    share,
    "create",
    example="speciosa share create --from 2026-01-01 --to 2026-03-31 --days 14",
    fields={"from": "--from", "to": "--to", "expires_in_days": "--days"},
)
def create(
    start: Annotated[
        str | None, typer.Option("--from", metavar="DATE", help="First day (default: 90 days before --to).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", metavar="DATE", help="Last day (default: today).")
    ] = None,
    days: Annotated[
        int,
        typer.Option("--days", help=f"Days the link lasts, 1 to {share_links.MAX_EXPIRY_DAYS}."),
    ] = share_links.DEFAULT_EXPIRY_DAYS,
    server: Annotated[
        str, typer.Option("--server", help="The address your clinician reaches speciosa at.")
    ] = DEFAULT_SERVER,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Make a link to your clinician summary for a period; the link is printed this once."""
    owner = account_chosen(user)
    now = dj_timezone.now()
    period = period_of(
        user=owner,
        start=inputs.local_date(start, field="from") if start else None,
        end=inputs.local_date(end, field="to") if end else None,
        now=now,
    )
    link, raw = share_links.share_create(
        user=owner, start=period.start, end=period.end, expires_in_days=days, now=now
    )
    url = server.rstrip("/") + reverse("web:shared_report", kwargs={"token": raw})
    emit(
        [{**_row(link), "url": url}],
        fmt,
        title="Share link",
        columns=[("Link (shown this once)", "url"), ("Period", "period"), ("Expires", "expires_at")],
    )
    say("Anyone with this link can read the summary until it expires or you revoke it.")


@command(share, "list", example="speciosa share list")
def share_list(user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """Your share links: period, expiry, state and how often each was opened."""
    owner = account_chosen(user)
    rows = [_row(link) for link in share_links.share_list(user=owner, now=dj_timezone.now())]
    emit(
        rows,
        fmt,
        title="Share links",
        columns=[
            ("ID", "id"),
            ("Period", "period"),
            ("Expires", "expires_at"),
            ("State", "state"),
            ("Opened", "opened"),
            ("Last opened", "last_opened"),
        ],
    )


@command(share, "revoke", example="speciosa share revoke 3", fields={"": "link_id"})
def revoke(
    link_id: Annotated[int, typer.Argument(metavar="ID", help="The link's ID (see `speciosa share list`).")],
    user: UserOption = None,
) -> None:
    """Revoke a share link: it stops opening at once."""
    owner = account_chosen(user)
    link = share_links.share_revoke(user=owner, link_id=link_id, now=dj_timezone.now())
    say(f"Revoked the link to {link.start.isoformat()} to {link.end.isoformat()}; it no longer opens.")
