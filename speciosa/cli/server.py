"""`speciosa serve`: the web app and the API on this computer, through waitress."""

from __future__ import annotations

import ctypes
import ipaddress
import logging
from pathlib import Path
from typing import Annotated

import typer
from django.conf import settings

from speciosa.cli.bootstrap import database_ready
from speciosa.cli.output import command, say

commands = typer.Typer()

THREADS = 4
#: glibc's mallopt option M_ARENA_MAX. Each thread would otherwise keep its own memory pool, so a
#: big request served by each of the 4 threads in turn holds its peak 4 times over (bench/memory.py).
M_ARENA_MAX = -8


def journal_location() -> str:
    """Where the journal lives, in words: the SQLite file, or the PostgreSQL database."""
    database = settings.DATABASES["default"]
    if str(database["ENGINE"]).endswith("sqlite3"):
        return str(database["NAME"])
    return f"the PostgreSQL database {database['NAME']} on {database.get('HOST') or 'localhost'}"


def share_one_memory_pool() -> bool:
    """Ask glibc to keep one memory pool for all threads; False where that is not glibc."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, 1))
    except (OSError, AttributeError):
        return False


def is_loopback(host: str) -> bool:
    """True when only this computer can reach `host` (127.0.0.0/8, ::1 or localhost)."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    bare = host.strip("[]")
    shown = f"[{bare}]" if ":" in bare else bare
    return f"http://{shown}:{port}/"


@command(commands, "serve", example="speciosa serve --port 8080")
def serve(
    host: Annotated[
        str, typer.Option(help="The address to listen on. Anything but 127.0.0.1 lets other devices connect.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")] = 8000,
) -> None:
    """Serve speciosa's pages and API (creating or updating the database first)."""
    database_ready()
    # WhiteNoise serves from the finders; an empty STATIC_ROOT spares a warning at every start.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    from waitress import serve as waitress_serve

    from speciosa.wsgi import application

    if not is_loopback(host):
        settings.SERVED_BEYOND_LOOPBACK = True
        say(
            f"Warning: listening on {host} lets other devices on your network reach speciosa, "
            "and your journal is private health data. Use 127.0.0.1 unless you mean it, "
            "and put HTTPS in front of it. "
            "Add the address people will use to SPECIOSA_ALLOWED_HOSTS, and set "
            "SPECIOSA_SIGNUP_OPEN=false once everyone who should have an account has one.",
            style="bold yellow",
        )
    share_one_memory_pool()
    # waitress warns "Task queue depth is N" when a page's requests wait for a thread a moment: noise
    # in the terminal of a person browsing their own journal.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    say(f"speciosa is at {url_for(host, port)} (Ctrl+C stops it)")
    say(f"Your journal is stored in {journal_location()}")
    waitress_serve(application, host=host.strip("[]"), port=port, threads=THREADS, ident="speciosa")
