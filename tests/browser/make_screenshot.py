"""Make docs/screenshot-today.png: Today on a phone, in the back-pain demo journal.

    .venv/bin/python tests/browser/make_screenshot.py [--output docs/screenshot-today.png]

Everything happens in a temporary data directory (its own SQLite database), so your journal is
never touched. The clock is frozen at one evening, so the picture is the same every time: the
demo journal (docs/demo.md) ends at that moment, a local server serves it on 127.0.0.1, and
Debian's chromium takes the picture on a 390×844 touch screen. Like the browser tests, it fails
if the page asks any other host for anything.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from datetime import datetime
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = ROOT / "docs" / "screenshot-today.png"
#: The demo journal shown: a 45-year-old with chronic back pain (docs/demo.md).
CASE = "backpain"
#: The frozen moment: a weekday evening, after the day's doses, in the story's time zone.
EVENING = datetime(2026, 3, 5, 21, 40, tzinfo=ZoneInfo("America/Chicago"))
#: Pixels per CSS pixel: sharp on a README, well under 200 KB.
SCALE = 2


class QuietThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass


def prepare_django(data_dir: str) -> None:
    """Settings for a throwaway SQLite database in `data_dir`, whatever the environment says."""
    os.environ.pop("DATABASE_URL", None)
    os.environ["SPECIOSA_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "speciosa.settings"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def load_demo_journal() -> Any:
    """The case study's account, holding its journal up to EVENING."""
    from speciosa.core.journal_format import JournalDocument
    from speciosa.demo.load import DEMO_PASSWORD
    from speciosa.demo.stories import case_named
    from speciosa.journal import services, transfer

    case = case_named(CASE)
    user = services.account_create(username=f"demo-{CASE}", password=DEMO_PASSWORD, timezone=case.timezone)
    document = JournalDocument.model_validate(case.journal(end=EVENING))
    transfer.journal_import(user=user, document=document, now=EVENING)
    return user


def session_cookie(user: Any) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def take_picture(url: str, session: str, output: Path) -> None:
    from playwright.sync_api import sync_playwright

    from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, PHONE, RequestLog

    log = RequestLog(url)
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            **PHONE, device_scale_factor=SCALE, base_url=url, timezone_id=str(EVENING.tzinfo), locale="en-US"
        )
        log.watch(context)
        context.add_cookies([{"name": "sessionid", "value": session, "url": url}])
        page = context.new_page()
        page.goto("/")
        page.locator("details.product").first.evaluate("details => { details.open = true; }")
        page.wait_for_load_state("networkidle")
        # From the top down to the last check-in: logging, totals and the day's doses with times.
        last_checkin = page.locator("section", has=page.get_by_role("heading", name="Last check-in"))
        box = last_checkin.bounding_box()
        assert box is not None
        # At most about one and a half phone screens: logging in two taps and the first findings.
        height = min(box["y"] + box["height"], PHONE["viewport"]["height"] * 1.5)
        page.screenshot(
            path=str(output),
            full_page=True,
            clip={"x": 0, "y": 0, "width": PHONE["viewport"]["width"], "height": height},
            animations="disabled",
        )
        browser.close()
    if foreign := log.foreign():
        raise SystemExit("the page asked another host for something: " + ", ".join(foreign))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    output = parser.parse_args().output
    import time_machine

    with tempfile.TemporaryDirectory(prefix="speciosa-screenshot-") as data_dir:
        prepare_django(data_dir)
        with time_machine.travel(EVENING, tick=True):
            from django.conf import settings

            settings.PASSWORD_HASHERS = [
                "django.contrib.auth.hashers.MD5PasswordHasher"
            ]  # a throwaway account
            user = load_demo_journal()
            from speciosa.wsgi import application

            server = make_server(
                "127.0.0.1", 0, application, server_class=QuietThreadingServer, handler_class=QuietHandler
            )
            threading.Thread(target=server.serve_forever, daemon=True).start()
            try:
                take_picture(f"http://127.0.0.1:{server.server_port}", session_cookie(user), output)
            finally:
                server.shutdown()
    print(f"{output} ({output.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
