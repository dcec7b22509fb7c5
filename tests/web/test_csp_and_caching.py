"""Every page carries a Content-Security-Policy that allows nothing inline and nothing from another
host, and no page needs more: no inline script, style attribute, event handler or javascript: URL.
Every answer the app renders (pages, API, exports) is `Cache-Control: no-store`; static files keep
their own caching. (tests/browser/test_every_page.py watches the browser for violations.)"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from speciosa.journal import services
from tests.browser.pages import ANONYMOUS_PAGES, one_of_each, page_names, url_of

#: What a page would need 'unsafe-inline' (or 'unsafe-hashes') for.
INLINE = {
    "a style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE),
    "an inline <style>": re.compile(r"<style[\s>]", re.IGNORECASE),
    "an inline <script>": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "an event handler attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE),
    "a javascript: URL": re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE),
}


def policy(response: Any) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


@pytest.fixture
def journal(db: None, alice: Any) -> dict[str, Any]:
    return one_of_each(alice)


@pytest.fixture
def signed_in(journal: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(journal["user"])
    return client


def never_stored(response: Any) -> bool:
    return "no-store" in [word.strip() for word in response.headers.get("Cache-Control", "").split(",")]


def every_page(journal: dict[str, Any], signed_in: Client) -> list[tuple[str, Any]]:
    anonymous = Client()
    pages = [(url_of(name, journal), anonymous) for name in ANONYMOUS_PAGES]
    pages += [(url_of(name, journal), signed_in) for name in page_names() if name not in ANONYMOUS_PAGES]
    return [(url, client.get(url)) for url, client in pages]


def test_every_page_has_a_policy_that_allows_only_this_server_and_nothing_inline(journal, signed_in):
    for url, response in every_page(journal, signed_in):
        assert response.status_code == 200, url
        rules = policy(response)
        assert rules.get("default-src") == ["'self'"], f"{url}: {rules}"
        for directive in ("script-src", "style-src", "connect-src"):
            assert rules.get(directive) == ["'self'"], f"{url}: {directive} {rules.get(directive)}"
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"], url
        assert rules.get("frame-ancestors") == ["'none'"] and rules.get("object-src") == ["'none'"], url


def test_no_page_holds_anything_the_policy_would_refuse(journal, signed_in):
    # A dose in the last 24 hours, so Today draws its timeline (once drawn with style attributes).
    services.dose_create(user=journal["user"], amount=2)
    found = []
    for url, response in every_page(journal, signed_in):
        html = response.content.decode()
        found += [
            f"{url} has {what}: {match.group(0)[:80]}"
            for what, rule in INLINE.items()
            if (match := rule.search(html))
        ]
    assert not found, "\n".join(found)


def test_the_timeline_is_drawn_with_svg_attributes_not_inline_styles(journal, signed_in):
    services.dose_create(user=journal["user"], amount=2)
    html = signed_in.get(reverse("web:today")).content.decode()
    track = html.split('<div class="timeline-track" aria-hidden="true">')[1].split("</div>")[0]
    assert re.search(r'<rect class="tl-peak" x="[\d.]+%" width="[\d.]+%"', track)
    assert "style=" not in track


def test_htmx_is_told_not_to_add_its_indicator_style_and_the_stylesheet_has_it(signed_in):
    html = signed_in.get(reverse("web:today")).content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html
    stylesheet = signed_in.get("/static/web/app.css")
    assert b".htmx-request .htmx-indicator" in b"".join(stylesheet.streaming_content)


def test_pages_api_answers_and_exports_are_never_stored_in_a_cache(journal, signed_in):
    for url, response in every_page(journal, signed_in):
        assert never_stored(response), f"{url}: {response.headers.get('Cache-Control')}"
    for answer in (
        signed_in.get("/api/v1/doses"),
        Client().get("/api/v1/doses"),  # a 401 too
        signed_in.get(reverse("web:transfer_export_csv", kwargs={"kind": "doses"})),
        signed_in.get(reverse("web:transfer_export_json")),
    ):
        assert never_stored(answer), answer.request["PATH_INFO"]


def test_static_files_keep_their_caching(signed_in):
    response = signed_in.get("/static/web/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "max-age" in response.headers["Cache-Control"]
