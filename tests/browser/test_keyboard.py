"""The keyboard: Escape closes the More menu and gives the focus back to it, and the focused control
shows a ring anyone can see."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_escape_closes_the_more_menu_and_returns_the_focus_to_it(alice_phone: Page, live_server):
    alice_phone.goto(f"{live_server.url}/")
    more = alice_phone.locator("details.dropdown")
    more.locator("summary").focus()
    alice_phone.keyboard.press("Enter")
    expect(more).to_have_attribute("open", "")
    alice_phone.keyboard.press("Tab")
    alice_phone.keyboard.press("Escape")
    expect(more).not_to_have_attribute("open", "")
    assert alice_phone.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_the_focused_control_has_a_three_pixel_ring(alice_phone: Page, live_server):
    alice_phone.goto(f"{live_server.url}/")
    alice_phone.keyboard.press("Tab")
    alice_phone.keyboard.press("Tab")
    width = alice_phone.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert width == "3px"


def test_the_dose_form_opens_with_the_amount_focused(alice_phone: Page, live_server):
    alice_phone.goto(f"{live_server.url}/doses/new/")
    assert alice_phone.evaluate("document.activeElement.name") == "amount"
