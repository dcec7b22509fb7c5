"""The Content-Security-Policy in a real browser: the watch that test_every_page.py relies on sees a
refused inline style, and the pages that use htmx (the dose form's live preview) and draw the dose
timeline run with nothing refused."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from speciosa.journal import services
from tests.browser.support import CSP_WATCH, csp_violations

pytestmark = pytest.mark.browser


def test_the_policy_refuses_an_inline_style_and_the_watch_sees_it(alice_desktop: Page):
    alice_desktop.add_init_script(CSP_WATCH)
    alice_desktop.goto(reverse("web:today"))
    alice_desktop.evaluate("document.body.setAttribute('style', 'color: red')")
    alice_desktop.wait_for_function("window.__cspViolations.length > 0")
    assert any(v.startswith("style-src-attr refused inline") for v in csp_violations(alice_desktop))


def test_htmx_and_the_timeline_run_with_nothing_refused(alice_desktop: Page, alice_account):
    services.dose_create(user=alice_account, amount=3)
    alice_desktop.add_init_script(CSP_WATCH)
    alice_desktop.goto(reverse("web:today"))
    expect(alice_desktop.locator(".timeline-track rect.tl-peak")).to_have_count(1)
    width = alice_desktop.locator(".timeline-track rect.tl-active").bounding_box()["width"]
    assert width > 10, "the bar is drawn"
    alice_desktop.goto(reverse("web:dose_new"))
    alice_desktop.get_by_label("Amount", exact=False).first.fill("3")
    expect(alice_desktop.locator("#dose-preview")).not_to_be_empty()
    assert csp_violations(alice_desktop) == []
