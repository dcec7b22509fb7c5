"""Accounts and API tokens: `speciosa user ...`, `speciosa token ...`, and the shared `--user` option."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from speciosa.cli.bootstrap import database_ready
from speciosa.cli.inputs import this_computer_zone
from speciosa.cli.output import Format, FormatOption, command, emit, fail, say
from speciosa.core.errors import InvalidInput
from speciosa.journal import selectors, services

UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        envvar="SPECIOSA_USER",
        help="The account to act on; may be left out when there is only one.",
        show_default=False,
    ),
]


def account_names() -> list[str]:
    return [user.username for user in selectors.account_list()]


def account_chosen(name: str | None) -> Any:
    """The account named by --user, or the only account there is; otherwise a clear error."""
    database_ready()
    if name:
        user = selectors.account_named(name)
        if user is None:
            known = ", ".join(account_names()) or "none yet"
            fail(f"no account called {name!r}; accounts: {known}", field="user")
        return user
    accounts = selectors.account_list()
    if not accounts:
        fail("there is no account yet; create one with `speciosa user create NAME`", field="user")
    if len(accounts) > 1:
        names = ", ".join(user.username for user in accounts)
        fail(f"there are {len(accounts)} accounts; choose one with --user NAME: {names}", field="user")
    return accounts[0]


# --- speciosa user ----------------------------------------------------------------------------

users = typer.Typer(
    help="Create and list accounts.",
    no_args_is_help=True,
    epilog="Example: speciosa user create sam --timezone Europe/Berlin",
)


@command(users, "create", example="speciosa user create sam --timezone Europe/Berlin")
def user_create(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="The username to sign in with.", show_default=False)
    ],
    timezone: Annotated[
        str | None,
        typer.Option(
            help="Your IANA time zone, e.g. Europe/Berlin; days are counted in it. Default: this computer's."
        ),
    ] = None,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the password from the first line of standard input."),
    ] = False,
) -> None:
    """Create an account (asks for its password twice unless --password-stdin is given)."""
    database_ready()
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InvalidInput("standard input held no password", field="password")
    else:
        password = typer.prompt("Password (10 characters or more)", hide_input=True, confirmation_prompt=True)
    zone_name = timezone or this_computer_zone()
    services.account_create(username=name, password=password, timezone=zone_name)
    say(f"Created the account {name.strip()} (time zone {zone_name}).")


@command(users, "list", example="speciosa user list --format json")
def user_list(fmt: FormatOption = Format.TABLE) -> None:
    """List the accounts on this speciosa."""
    database_ready()
    rows = []
    user: Any
    for user in selectors.account_list():
        zone = selectors.user_zone(user=user)
        rows.append(
            {
                "username": user.username,
                "timezone": zone.key,
                "joined": user.date_joined.astimezone(zone),
                "last_login": user.last_login.astimezone(zone) if user.last_login else None,
            }
        )
    emit(
        rows,
        fmt,
        title="Accounts",
        columns=[
            ("Username", "username"),
            ("Time zone", "timezone"),
            ("Joined", "joined"),
            ("Last sign-in", "last_login"),
        ],
        empty="There is no account yet; create one with `speciosa user create NAME`.",
    )


# --- speciosa token ---------------------------------------------------------------------------

tokens = typer.Typer(
    help="Personal access tokens for programs that use the JSON API.",
    no_args_is_help=True,
    epilog="Example: speciosa token create 'phone shortcut'",
)


@command(tokens, "create", example="speciosa token create 'phone shortcut'")
def token_create(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="What the token is for, e.g. the program that will use it.",
            show_default=False,
        ),
    ],
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Create an API token. It is shown once; speciosa keeps only its hash."""
    owner = account_chosen(user)
    token, raw = services.token_create(user=owner, name=name)
    if fmt is Format.TABLE:
        say(f"Created token {token.pk} ({token.name}). Copy it now; it will not be shown again:")
        typer.echo(raw)
        say("Send it as the header `Authorization: Bearer <token>`.")
        return
    emit([{"id": token.pk, "name": token.name, "token": raw}], fmt, columns=[("Token", "token")])


@command(tokens, "list", example="speciosa token list")
def token_list(user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """List your API tokens (their beginnings only), newest first."""
    owner = account_chosen(user)
    zone = selectors.user_zone(user=owner)
    rows = [
        {
            "id": token.pk,
            "name": token.name,
            "prefix": token.prefix,
            "created_at": token.created_at.astimezone(zone),
            "last_used_at": token.last_used_at.astimezone(zone) if token.last_used_at else None,
            "revoked_at": token.revoked_at.astimezone(zone) if token.revoked_at else None,
        }
        for token in selectors.token_list(user=owner)
    ]
    emit(
        rows,
        fmt,
        title="API tokens",
        columns=[
            ("ID", "id"),
            ("Name", "name"),
            ("Begins", "prefix"),
            ("Created", "created_at"),
            ("Last used", "last_used_at"),
            ("Revoked", "revoked_at"),
        ],
        empty="No tokens yet; create one with `speciosa token create NAME`.",
    )


@command(tokens, "revoke", example="speciosa token revoke 3", fields={"": "token"})
def token_revoke(
    token_id: Annotated[int, typer.Argument(metavar="ID", help="The token's ID from `speciosa token list`.")],
    user: UserOption = None,
) -> None:
    """Revoke an API token: programs using it are refused from now on."""
    owner = account_chosen(user)
    token = services.token_revoke(user=owner, token_id=token_id)
    say(f"Revoked token {token.pk} ({token.name}).")
