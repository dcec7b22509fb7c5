"""Accounts in a real browser: the first visit offers to create an account, then login is required."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from speciosa.journal import selectors
from tests.browser.support import BROWSER_ZONE, make_account
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_first_visit_offers_an_account_and_signing_up_lands_on_today(desktop: Page, transactional_db):
    desktop.goto("/")
    expect(desktop).to_have_url(re.compile(r"/signup/$"))
    expect(desktop.get_by_role("heading", name="Create an account")).to_be_visible()
    expect(desktop.get_by_text("Nobody has an account on this computer yet")).to_be_visible()
    expect(desktop.get_by_label("Time zone")).to_have_value(BROWSER_ZONE)

    desktop.get_by_label("Username").fill("maria")
    desktop.get_by_label("Password (required)", exact=True).fill(PASSWORD)
    desktop.get_by_label("Password again").fill(PASSWORD)
    desktop.get_by_role("button", name="Create account").click()

    expect(desktop).to_have_url(re.compile(r"/$"))
    expect(desktop.get_by_role("heading", name=re.compile("^Today"), level=1)).to_be_visible()
    expect(desktop.get_by_text("Welcome, maria. Your journal is ready.")).to_be_visible()
    maria = get_user_model().objects.get(username="maria")
    assert str(selectors.user_zone(user=maria)) == BROWSER_ZONE


def test_once_an_account_exists_a_stranger_must_sign_in(desktop: Page, transactional_db):
    make_account("maria")
    desktop.goto("/history/")
    expect(desktop).to_have_url(re.compile(r"/login/\?next=/history/$"))
    desktop.get_by_label("Username").fill("maria")
    desktop.get_by_label("Password").fill(PASSWORD)
    desktop.get_by_role("button", name="Sign in").click()
    expect(desktop).to_have_url(re.compile(r"/history/$"))
    expect(desktop.get_by_role("heading", name="History", exact=True)).to_be_visible()


def test_signing_out_from_more_on_a_small_phone_says_so(open_context, transactional_db, sign_in):
    """At 320 px More is whole on screen, its Sign out names the account, and the sign-in page confirms."""
    page = sign_in(open_context(viewport={"width": 320, "height": 568}).new_page(), make_account("maria"))
    page.goto("/")
    more = page.locator("details.dropdown > summary")
    box = more.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
    more.click()
    sign_out = page.get_by_role("button", name="Sign out (maria)")
    expect(sign_out).to_be_in_viewport()
    sign_out.click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.get_by_role("status")).to_have_text("You have signed out.")
