"""Playwright driving Debian's chromium against pytest-django's live server.

Every page comes from `desktop` or `phone` (browser contexts on the live server), and every
context is watched: a test fails, after it ran, if the browser asked any host but the live server
for anything. Accounts are made with the services and signed in by handing the browser a session
cookie, except in the test that signs up through the page.

Run with `make test-browser` (`pytest -q -m browser tests/browser`). Chromium comes from Debian
(`/usr/bin/chromium`); no browser is ever downloaded.
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that this is fine. It must be set before any database access.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from django.test import Client  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright  # noqa: E402

from tests.browser.support import (  # noqa: E402
    BROWSER_ZONE,
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    STEP_TIMEOUT_MS,
    RequestLog,
    make_account,
)

# A slow machine may take a few seconds for a page; assertions wait as long as actions do.
expect.set_options(timeout=STEP_TIMEOUT_MS)

OpenContext = Callable[..., BrowserContext]
SignIn = Callable[[Page, Any], Page]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything in this folder is a browser test, even a test someone forgot to mark (before `-m` runs)."""
    folder = Path(__file__).parent
    for item in items:
        if folder in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def request_log(live_server: Any) -> Iterator[RequestLog]:
    """Fails the test, after it ran, if the browser asked any host but the live server for anything."""
    log = RequestLog(live_server.url)
    yield log
    foreign = log.foreign()
    assert not foreign, "the browser requested something from another host:\n" + "\n".join(foreign)


@pytest.fixture
def open_context(browser: Browser, live_server: Any, request_log: RequestLog) -> Iterator[OpenContext]:
    """Opens watched browser contexts on the live server; each is closed after the test."""
    contexts: list[BrowserContext] = []

    def open_one(**options: Any) -> BrowserContext:
        context = browser.new_context(
            base_url=live_server.url, timezone_id=BROWSER_ZONE, locale="en-US", **options
        )
        context.set_default_timeout(STEP_TIMEOUT_MS)
        request_log.watch(context)
        contexts.append(context)
        return context

    yield open_one
    for context in contexts:
        context.close()


@pytest.fixture
def desktop(open_context: OpenContext) -> Page:
    """A desktop-sized page nobody is signed in to."""
    return open_context(**DESKTOP).new_page()


@pytest.fixture
def phone(open_context: OpenContext) -> Page:
    """A phone-sized touch screen nobody is signed in to."""
    return open_context(**PHONE).new_page()


@pytest.fixture
def sign_in(live_server: Any) -> SignIn:
    """`sign_in(page, user)` hands the page's browser a session for `user`, as if they had signed in."""

    def sign_in(page: Page, user: Any) -> Page:
        client = Client()
        client.force_login(user)
        session = client.cookies["sessionid"].value
        page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
        return page

    return sign_in


@pytest.fixture
def alice_account(transactional_db: None) -> Any:
    return make_account("alice")


@pytest.fixture
def alice_phone(phone: Page, alice_account: Any, sign_in: SignIn) -> Page:
    return sign_in(phone, alice_account)


@pytest.fixture
def alice_desktop(desktop: Page, alice_account: Any, sign_in: SignIn) -> Page:
    return sign_in(desktop, alice_account)
