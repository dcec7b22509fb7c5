"""Cutting down and the withdrawal score in a real browser, on a 390 px phone: a person answers the SOWS
with one tap a statement and sees the total, then plans a taper from the amount in their journal,
previews it and starts it, and finds its target on Today. Every page passes axe and fits the screen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import axe_violations

pytestmark = pytest.mark.browser


def _fits(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_person_scores_withdrawal_on_a_phone(alice_phone: Page):
    page = alice_phone
    assert page.viewport_size is not None and page.viewport_size["width"] == 390
    page.goto("/selfchecks/sows")
    expect(page.get_by_role("heading", name="Withdrawal score (SOWS)")).to_be_visible()
    assert axe_violations(page) == [] and _fits(page)
    items = page.locator("fieldset.item")
    expect(items).to_have_count(16)
    for number in range(16):
        items.nth(number).get_by_role("radio", name="A little" if number < 6 else "Not at all").click()
    page.get_by_role("button", name="Save and see the total").click()
    expect(page.locator(".total")).to_contain_text("6 of 64")
    expect(page.get_by_text("has no kratom cut-offs")).to_be_visible()
    assert axe_violations(page) == [] and _fits(page)


def test_a_person_plans_a_taper_on_a_phone_and_sees_its_target_on_today(alice_phone: Page, alice_account):
    from django.utils import timezone

    from speciosa.journal import services

    now = timezone.now()
    for back in range(1, 15):
        services.dose_create(user=alice_account, amount=4, taken_at=now - timedelta(days=back), now=now)
    page = alice_phone
    page.goto("/taper/")
    expect(page.get_by_label("Grams a day now")).to_have_value("4.0")
    assert axe_violations(page) == [] and _fits(page)
    page.get_by_role("button", name="Preview the plan").click()
    expect(page.get_by_role("heading", name="Your plan, step by step")).to_be_visible()
    expect(page.locator("table.schedule tbody tr").first).to_contain_text("3.5 g")
    expect(page.locator("svg.staircase")).to_be_visible()
    assert axe_violations(page) == [] and _fits(page)
    page.get_by_role("button", name="Start this plan").click()
    expect(page.get_by_role("heading", name="Today in your plan")).to_be_visible()
    expect(page.locator(".state-line")).to_contain_text("Under way")
    assert axe_violations(page) == [] and _fits(page)
    page.goto("/")
    expect(page.locator(".taper-card")).to_contain_text("Today's target 3.5 g")
    assert _fits(page)
