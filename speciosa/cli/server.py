"""`speciosa serve`: the web app and the API on this computer, through waitress."""

from __future__ import annotations

import ctypes
import io
import ipaddress
import logging
import socket
from pathlib import Path
from typing import Annotated, Any

import segno
import typer
from django.conf import settings

from speciosa.cli.bootstrap import database_ready
from speciosa.cli.output import command, err, fail, say

commands = typer.Typer()

THREADS = 4
#: glibc's mallopt option M_ARENA_MAX. Each thread would otherwise keep its own memory pool, so a
#: big request served by each of the 4 threads in turn holds its peak 4 times over (bench/memory.py).
M_ARENA_MAX = -8
#: Room beyond the largest import for a form upload's multipart framing (boundaries, the CSRF field).
MULTIPART_MARGIN = 1024 * 1024
#: Any private address: connecting a UDP socket to it only picks the route (and so this computer's
#: address on that network); no packet is sent.
ROUTE_PROBE = ("10.254.254.254", 9)
#: Where the proxy in front (Caddy, tailscale serve) connects from: the same computer.
PROXY_ADDRESS = "127.0.0.1"
HTTPS_NEEDED = (
    "This is plain http on your network: pages work, but a phone installs speciosa as an app and logs "
    "while offline only over HTTPS, and anyone on the network could read what passes. For HTTPS, see "
    "docs/deploy.md (Tailscale, or Caddy) and set SPECIOSA_PUBLIC_URL."
)


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


def lan_address() -> str | None:
    """This computer's address on its local network, found without sending anything; None without one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(ROUTE_PROBE)
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    unusable = ipaddress.ip_address(address).is_loopback or ipaddress.ip_address(address).is_unspecified
    return None if unusable else address


def qr_code(url: str) -> str:
    """`url` as a QR code in text (half blocks, two rows a line) for a phone's camera to read."""
    text = io.StringIO()
    segno.make_qr(url).terminal(out=text, compact=True)
    return text.getvalue()


def show_address(url: str, where: str) -> None:
    say(f"On your phone, open {url} ({where}) or scan:")
    err().print(qr_code(url), end="", soft_wrap=True, markup=False, highlight=False)


def waitress_options(host: str, port: int) -> dict[str, Any]:
    """How waitress listens. It refuses a body bigger than the largest import before reading it. Behind
    a proxy (SPECIOSA_PUBLIC_URL), it believes the proxy on this computer, and no one else, about the
    scheme and the client's address; without that it would strip X-Forwarded-Proto on its way to Django."""
    options: dict[str, Any] = {
        "host": host.strip("[]"),
        "port": port,
        "threads": THREADS,
        "ident": "speciosa",
        "max_request_body_size": settings.MAX_IMPORT_BYTES + MULTIPART_MARGIN,
    }
    if settings.PUBLIC_URL:
        options |= {
            "trusted_proxy": PROXY_ADDRESS,
            "trusted_proxy_count": 1,
            "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
        }
    return options


def signup_words() -> str:
    """What serving beyond this computer means for sign-up, as `signup_open` decides it."""
    from speciosa.journal.accounts import signup_open

    if signup_open():
        return "Sign-up is open to anyone who reaches it (SPECIOSA_SIGNUP_OPEN=true)."
    return "Sign-up is closed: people join by invitation (speciosa invite)."


@command(commands, "serve", example="speciosa serve --lan")
def serve(
    host: Annotated[
        str, typer.Option(help="The address to listen on. Anything but 127.0.0.1 lets other devices connect.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")] = 8000,
    lan: Annotated[
        bool,
        typer.Option(
            "--lan", help="Listen on this computer's address on your network and show it as a QR code."
        ),
    ] = False,
) -> None:
    """Serve speciosa's pages and API (creating or updating the database first)."""
    if lan:
        if host != "127.0.0.1":
            fail("choose --host or --lan, not both", field="--lan")
        if settings.PUBLIC_URL.startswith("https://"):
            fail(
                "SPECIOSA_PUBLIC_URL is set, so pages are served over https only: "
                f"open {settings.PUBLIC_URL} instead (serve without --lan behind your proxy), "
                "or unset it for plain http on your network",
                field="--lan",
            )
        host = lan_address() or "0.0.0.0"
    database_ready()
    # WhiteNoise serves from the finders; an empty STATIC_ROOT spares a warning at every start.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    from waitress import serve as waitress_serve

    from speciosa.wsgi import application

    if not is_loopback(host):
        settings.SERVED_BEYOND_LOOPBACK = True
        hosts_advice = "" if lan else "Add the address people will use to SPECIOSA_ALLOWED_HOSTS. "
        say(
            f"Warning: listening on {host} lets other devices on your network reach speciosa, "
            "and your journal is private health data. Use 127.0.0.1 unless you mean it, "
            f"and put HTTPS in front of it. {hosts_advice}{signup_words()}",
            style="bold yellow",
        )
    share_one_memory_pool()
    # waitress warns "Task queue depth is N" when a page's requests wait for a thread a moment: noise
    # in the terminal of a person browsing their own journal.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    say(f"speciosa is at {url_for(host, port)} (Ctrl+C stops it)")
    say(f"Your journal is stored in {journal_location()}")
    if lan and host == "0.0.0.0":
        say(
            "This computer's network address was not found, so it listens on all of them (0.0.0.0): "
            "add the address the phone opens to SPECIOSA_ALLOWED_HOSTS."
        )
    elif lan:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]
        show_address(url_for(host, port), "on the same network")
    if lan:
        say(HTTPS_NEEDED, style="yellow")
    if settings.PUBLIC_URL:
        show_address(settings.PUBLIC_URL + "/", "SPECIOSA_PUBLIC_URL")
    waitress_serve(application, **waitress_options(host, port))
