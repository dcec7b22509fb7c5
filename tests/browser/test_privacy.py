"""Nothing is loaded from another host: the browser only ever talks to the local server.

Every browser test is watched by the `request_log` fixture (tests/browser/conftest.py), which
fails the test if any request went elsewhere. These tests prove the watch sees what it must.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.support import RequestLog

pytestmark = pytest.mark.browser

MAIN_PAGES = [
    "/",
    "/history/",
    "/trends",
    "/products/",
    "/transfer",
    "/settings",
    "/doses/new/",
    "/checkins/new/",
]


def test_the_watch_notices_a_request_to_another_host(browser: Browser, live_server):
    log = RequestLog(live_server.url)
    context = browser.new_context(base_url=live_server.url)
    log.watch(context)
    context.route("http://elsewhere.example/**", lambda route: route.abort())  # never let it out
    page = context.new_page()
    page.goto("/health")
    page.set_content(
        '<img src="http://elsewhere.example/pixel.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
    )
    page.wait_for_load_state()
    context.close()
    assert log.foreign() == ["http://elsewhere.example/pixel.png"]
    assert log.urls[0] == f"{live_server.url}/health"


def test_every_main_page_loads_its_styles_and_scripts_from_the_local_server(
    alice_phone: Page, request_log: RequestLog
):
    failed: list[str] = []
    alice_phone.on(
        "response", lambda response: failed.append(response.url) if response.status >= 400 else None
    )
    for url in MAIN_PAGES:
        alice_phone.goto(url)
        alice_phone.wait_for_load_state("networkidle")
    assets = {url.rsplit("/", 1)[-1] for url in request_log.urls if "/static/" in url}
    assert {"pico-2.1.1.jade.min.css", "app.css", "htmx-2.0.8.min.js"} <= assets
    assert not [url for url in failed if "/static/" in url], failed
    assert request_log.foreign() == []
