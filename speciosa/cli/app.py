"""The command tree of `speciosa`. Import it only after Django is set up (see main.run)."""

from __future__ import annotations

import typer

from speciosa.cli import (
    backup,
    claims,
    faq,
    files,
    guide,
    insights,
    invite,
    legal,
    maintenance,
    profile,
    reports,
    safety,
    search,
    server,
    trends,
    views,
)
from speciosa.cli.accounts import tokens, users
from speciosa.cli.checks import check
from speciosa.cli.experiments import experiment
from speciosa.cli.log import log
from speciosa.cli.share import share
from speciosa.cli.taper import taper

app = typer.Typer(
    name="speciosa",
    help="speciosa: a private, local-first kratom journal. Not medical advice.",
    no_args_is_help=True,
    epilog="Example: speciosa log dose 3 g",
)
app.add_typer(server.commands)
app.add_typer(users, name="user")
app.add_typer(log, name="log")
app.add_typer(views.commands)
app.add_typer(trends.commands)
app.add_typer(insights.commands)
app.add_typer(safety.commands)
app.add_typer(profile.commands)
app.add_typer(files.commands)
app.add_typer(backup.commands)
app.add_typer(reports.commands)
app.add_typer(tokens, name="token")
app.add_typer(invite.commands)
app.add_typer(experiment, name="experiment")
app.add_typer(taper, name="taper")
app.add_typer(check, name="check")
app.add_typer(share, name="share")
app.add_typer(maintenance.commands)
app.add_typer(guide.commands)
app.add_typer(faq.commands)
app.add_typer(claims.commands)
app.add_typer(legal.commands)
app.add_typer(search.commands)
