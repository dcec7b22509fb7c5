"""Learn in a real browser, on a 390 px phone: a person pastes a vendor's text into the claim checker
and sees each claim marked with its verdict; searches with a typo and lands on the guide; looks up a
state. Every page passes axe and fits the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import axe_violations

pytestmark = pytest.mark.browser

VENDOR_TEXT = (
    "Our Red Maeng Da is 100% natural and non-addictive. It has fewer side effects than opioids. "
    "Free shipping on orders over $50."
)


def _fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_person_checks_a_vendors_text_on_a_phone(alice_phone: Page):
    page = alice_phone
    page.goto("/learn/claims/")
    page.locator("textarea").fill(VENDOR_TEXT)
    page.get_by_role("button", name="Check the text").click()
    expect(page.get_by_role("heading", name="What the text claims")).to_be_visible()
    expect(page.get_by_text("2 of 3 sentences make a known marketing claim")).to_be_visible()
    expect(page.locator("main").get_by_text("False").first).to_be_visible()
    assert axe_violations(page) == [] and _fits(page)


def test_a_search_with_a_typo_finds_the_guide_and_the_lookup_finds_a_state(alice_phone: Page):
    page = alice_phone
    page.goto("/learn/")
    page.get_by_label("Search the guide, questions, interactions, rules and sources").fill("gabapentn")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Showing results for")).to_be_visible()
    assert axe_violations(page) == [] and _fits(page)
    page.locator("main ol a").filter(has_text="Interactions").first.click()
    expect(page.get_by_role("heading", name="Interactions", exact=True)).to_be_visible()
    page.goto("/learn/legal/")
    page.get_by_label("Place").fill("Indiana")
    page.get_by_role("button", name="Look up").click()
    expect(page.locator("#answer-us-state-in-h")).to_have_text("Indiana (US state): Banned")
    assert axe_violations(page) == [] and _fits(page)
