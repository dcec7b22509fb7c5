"""The interactive API docs, in a real browser: they render and ask nothing of another host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"


def test_the_api_docs_render_from_this_server_alone(live_server, alice):
    from playwright.sync_api import sync_playwright

    client = Client()
    client.force_login(alice)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    server = urlparse(live_server.url)
    requested: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "domain": server.hostname, "path": "/"}]
        )
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{live_server.url}/api/v1/docs")
        page.get_by_text("/api/v1/doses/repeat-last").first.wait_for(timeout=15000)
        page.wait_for_load_state("networkidle")
        browser.close()
    foreign = [
        url
        for url in requested
        if urlparse(url).netloc not in {server.netloc} and not url.startswith("data:")
    ]
    assert any(url.endswith("/api/v1/openapi.json") for url in requested)
    assert not foreign, foreign
