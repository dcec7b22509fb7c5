"""speciosa can be installed ("Add to Home Screen"): Chromium parses the manifest without errors,
finds nothing that stops installing it, and the service worker controls the page. With no network,
a page opened is the offline page from the service worker's cache, and it still logs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, PHONE

pytestmark = pytest.mark.browser


def controlled(page: Page) -> None:
    page.goto(reverse("web:today"))
    page.evaluate("navigator.serviceWorker.ready")
    page.reload()  # the first load happened before the worker existed
    page.wait_for_function("navigator.serviceWorker.controller !== null")


@pytest.fixture
def own_profile(
    playwright: Any, live_server: Any, tmp_path: Any, request_log: Any
) -> Iterator[BrowserContext]:
    """A browser with a profile on disk, as a person's own is: Chromium does not install apps from an
    off-the-record profile (every other test's context), and says only that when asked."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS, base_url=live_server.url, **PHONE
    )
    request_log.watch(context)
    yield context
    context.close()


def test_chromium_finds_the_app_installable_and_the_service_worker_controls_the_page(
    own_profile: BrowserContext, sign_in: Any, alice_account: Any
):
    page = sign_in(own_profile.new_page(), alice_account)
    controlled(page)
    cdp = own_profile.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/manifest.webmanifest")
    assert manifest["errors"] == [], manifest["errors"]
    assert '"display": "standalone"' in manifest["data"]
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []


def test_offline_a_page_opens_as_the_cached_offline_page_and_keeps_no_personal_page(
    alice_phone: Page, alice_account: Any
):
    controlled(alice_phone)
    cached = alice_phone.evaluate(
        "caches.keys().then(names => Promise.all(names.map(n => caches.open(n).then(c => c.keys()))))"
        ".then(lists => lists.flat().map(r => new URL(r.url).pathname))"
    )
    assert reverse("web:offline") in cached
    assert not [path for path in cached if not path.startswith("/static/") and path != reverse("web:offline")]

    alice_phone.context.set_offline(True)
    alice_phone.goto(reverse("web:history"))
    expect(alice_phone.get_by_role("heading", name="No connection to speciosa")).to_be_visible()
    expect(alice_phone.get_by_text(alice_account.username)).to_have_count(0)
    alice_phone.get_by_role("button", name="Pain now 5 out of 10, save").click()
    expect(alice_phone.locator("#offline-queue .offline-count")).to_contain_text("1 entry waiting to sync")
    expect(alice_phone.locator("#offline-queue .offline-count")).to_contain_text("open Today to send them")

    alice_phone.context.set_offline(False)
    alice_phone.goto(reverse("web:today"))
    expect(alice_phone.locator("#offline-queue .offline-count")).to_contain_text("synced (1 sent)")
