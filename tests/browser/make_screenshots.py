"""Make the screenshots in docs/screens/: the main pages in the demo journals, at three widths.

    .venv/bin/python tests/browser/make_screenshots.py [--output docs/screens]

Everything happens in a temporary data directory (its own SQLite database), so your journal is
never touched. The clock is frozen at one evening, so the pictures are the same every time: the
demo journals (docs/demo.md) end at that moment, a local server serves them on 127.0.0.1, and
Debian's chromium takes each page's first screen at 320 × 568 and 390 × 844 (touch screens) and
1280 × 800. Like the browser tests, it fails if a page asks any other host for anything.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = ROOT / "docs" / "screens"
#: The frozen moment: a weekday evening, after the day's doses.
EVENING = datetime(2026, 3, 5, 21, 40, tzinfo=ZoneInfo("America/Chicago"))
#: The screens: name, width, height, whether it is a touch screen.
SCREENS = (("phone-320", 320, 568, True), ("phone-390", 390, 844, True), ("desktop-1280", 1280, 800, False))


@dataclass(frozen=True)
class Shot:
    """One page of one demo journal; `prepare` runs on the loaded page before the picture."""

    name: str
    journal: str
    path: str
    prepare: Callable[[Any], None] | None = None
    #: How many screens tall the picture is.
    screens: float = 1.0


def type_an_amount(page: Any) -> None:
    page.locator("input[name=amount]").fill("3")
    page.locator(".dose-strip").wait_for()


def open_the_first_experiment(page: Any) -> None:
    page.locator("main a[href^='/experiments/']").filter(has_text="?").first.click()
    page.wait_for_load_state("networkidle")


VENDOR_TEXT = (
    "Our Red Maeng Da is 100% natural and non-addictive. Many customers use it instead of opioids "
    "because it has fewer side effects. Dose by body weight: about 1 g per 20 lb. Free shipping on "
    "orders over $50."
)


def check_a_vendor_text(page: Any) -> None:
    page.locator("textarea").fill(VENDOR_TEXT)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")


def open_the_past_plan(page: Any) -> None:
    page.locator("main a").filter(has_text="g a day").first.click()
    page.wait_for_load_state("networkidle")


def preview_a_taper(page: Any) -> None:
    """The taper form's preview (when the journal has no plan yet; else the plan as it is)."""
    preview = page.get_by_role("button", name="Preview the plan")
    if preview.count():
        preview.click()
        page.wait_for_load_state("networkidle")


SHOTS = (
    Shot("today", "backpain", "/"),
    Shot("dose-form", "backpain", "/doses/new/", type_an_amount),
    Shot("findings", "backpain", "/findings/"),
    Shot("trends", "opioid", "/trends?range=all", screens=1.5),
    Shot("checkin", "fibro", "/checkins/new/"),
    Shot("insights", "fibro", "/insights", screens=2.0),
    Shot("experiment", "experiment", "/experiments/", open_the_first_experiment, screens=2.0),
    Shot("reports", "backpain", "/reports/", screens=1.5),
    Shot("taper", "backpain", "/taper/", preview_a_taper, screens=2.0),
    Shot("taper-plan", "fibro", "/taper/", open_the_past_plan, screens=2.5),
    Shot("sows", "backpain", "/selfchecks/sows", screens=1.5),
    Shot("learn", "backpain", "/learn/"),
    Shot("learn-dosage", "backpain", "/learn/guide/dosage/", screens=2.0),
    Shot("claims", "backpain", "/learn/claims/", check_a_vendor_text, screens=2.0),
    Shot("search", "backpain", "/learn/search/?q=gabapentn", screens=1.5),
    Shot("legal", "backpain", "/learn/legal/?place=Indiana", screens=1.5),
    Shot("faq", "backpain", "/learn/faq/", screens=1.5),
)


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


def load_demo_journals() -> dict[str, Any]:
    """The demo accounts, by case key, each holding its journal up to EVENING."""
    from django.contrib.auth import get_user_model

    from speciosa.demo.load import demo_load

    accounts = demo_load(now=EVENING)
    users = get_user_model().objects
    return {
        account.username.removeprefix("demo-"): users.get(username=account.username) for account in accounts
    }


def session_cookie(user: Any) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def take_pictures(url: str, sessions: dict[str, str], output: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, RequestLog

    log = RequestLog(url)
    written = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for screen, width, height, touch in SCREENS:
            for shot in SHOTS:
                context = browser.new_context(
                    viewport={"width": width, "height": height},
                    is_mobile=touch,
                    has_touch=touch,
                    base_url=url,
                    timezone_id=str(EVENING.tzinfo),
                    locale="en-US",
                )
                log.watch(context)
                context.add_cookies([{"name": "sessionid", "value": sessions[shot.journal], "url": url}])
                page = context.new_page()
                page.goto(shot.path)
                page.wait_for_load_state("networkidle")
                if shot.prepare:
                    shot.prepare(page)
                picture = output / f"{shot.name}-{screen}.png"
                page.screenshot(
                    path=str(picture),
                    full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": height * shot.screens},
                    animations="disabled",
                )
                written.append(picture)
                context.close()
        browser.close()
    if foreign := log.foreign():
        raise SystemExit("a page asked another host for something: " + ", ".join(foreign))
    return written


@contextmanager
def demo_server(prefix: str) -> Iterator[tuple[str, dict[str, str]]]:
    """A local server of the demo journals at EVENING, in a throwaway data directory: its URL and a
    signed-in session per journal (by case key)."""
    import time_machine

    with tempfile.TemporaryDirectory(prefix=prefix) as data_dir:
        prepare_django(data_dir)
        with time_machine.travel(EVENING, tick=True):
            from django.conf import settings

            settings.PASSWORD_HASHERS = [
                "django.contrib.auth.hashers.MD5PasswordHasher"
            ]  # throwaway accounts
            users = load_demo_journals()
            from speciosa.wsgi import application

            server = make_server(
                "127.0.0.1", 0, application, server_class=QuietThreadingServer, handler_class=QuietHandler
            )
            threading.Thread(target=server.serve_forever, daemon=True).start()
            try:
                yield (
                    f"http://127.0.0.1:{server.server_port}",
                    {key: session_cookie(user) for key, user in users.items()},
                )
            finally:
                server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    output = parser.parse_args().output
    output.mkdir(parents=True, exist_ok=True)
    with demo_server("speciosa-screenshot-") as (url, sessions):
        written = take_pictures(url, sessions, output)
    for picture in written:
        print(f"{picture} ({picture.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
