"""Today on a phone in one hand (390 × 844): the log actions on the first screen, pain now in one tap,
a known product's dose in two, the set-up checklist of a new journal, and a check-in that asks
"Something is wrong?" before anything else."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from speciosa.journal import models as m
from speciosa.journal import services
from tests.browser.support import import_synthetic_journal

pytestmark = pytest.mark.browser

SCREEN = 844  # the phone's height: its first screen


def bottom(locator: Locator) -> float:
    box = locator.bounding_box()
    assert box is not None, "it is on the page"
    return box["y"] + box["height"]


def top(locator: Locator) -> float:
    box = locator.bounding_box()
    assert box is not None, "it is on the page"
    return box["y"]


@pytest.fixture
def busy_journal(alice_account) -> Any:
    """Two weeks of regular use with three products, and today a very large dose: a warning finding."""
    import_synthetic_journal(alice_account, days=14)
    services.dose_create(
        user=alice_account,
        amount=16,
        confirmed=True,
        product_uid=m.Product.objects.get(user=alice_account, name="Red Bali").uid,
        taken_at=timezone.now() - timedelta(minutes=20),
    )
    return alice_account


def test_on_a_phone_the_first_screen_holds_the_log_actions_and_the_findings_follow(
    alice_phone: Page, busy_journal
):
    page = alice_phone
    page.goto("/")
    actions = [
        page.get_by_role("button", name="Repeat last dose"),
        page.locator("summary").filter(has_text="Red Bali"),
        page.locator("summary").filter(has_text="Green Malay"),
        page.get_by_role("button", name="Log dose", exact=True),
        page.get_by_role("button", name="Check in", exact=True),
    ]
    for action in actions:
        expect(action).to_be_visible()
        assert bottom(action) <= SCREEN, f"{action} is below the first screen"
    findings = page.get_by_role("heading", name="Findings", exact=True)
    assert top(findings) > bottom(actions[-1]), "the findings come right after the log actions"
    assert top(findings) < SCREEN, "and begin on the first screen"
    pain_now = page.get_by_role("heading", name="Pain now")
    totals = page.get_by_role("heading", name="Totals")
    assert top(findings) < top(pain_now) < top(totals)


def test_pain_now_is_saved_in_one_tap_from_today(alice_phone: Page, busy_journal):
    page = alice_phone
    page.goto("/")
    before = m.CheckIn.objects.filter(user=busy_journal).count()

    page.get_by_role("button", name="Pain now 6 out of 10, save").tap()

    expect(page.get_by_role("status").filter(has_text="Checked in: Pain 6")).to_be_visible()
    expect(page.get_by_role("status").get_by_role("button", name="Undo")).to_be_visible()
    newest = m.CheckIn.objects.filter(user=busy_journal).order_by("-at", "-id").first()
    assert m.CheckIn.objects.filter(user=busy_journal).count() == before + 1
    assert newest is not None and (newest.pain_now, newest.peg_pain, newest.mood) == (6, None, None)
    last_checkin = page.locator("section", has=page.get_by_role("heading", name="Last check-in"))
    expect(last_checkin).to_contain_text("pain now 6/10")


def test_a_dose_of_a_known_product_is_logged_in_two_taps_from_today(alice_phone: Page, busy_journal):
    page = alice_phone
    page.goto("/")
    before = m.Dose.objects.filter(user=busy_journal).count()

    page.locator("summary").filter(has_text="Green Malay").tap()
    amount = page.locator("details.product[open] .amounts button").first
    label = amount.inner_text()
    amount.tap()

    expect(page.get_by_role("status").filter(has_text=f"Logged {label} · Green Malay at")).to_be_visible()
    assert m.Dose.objects.filter(user=busy_journal).count() == before + 1


def test_a_new_account_sees_a_set_up_checklist_whose_steps_go_once_done(alice_phone: Page, alice_account):
    page = alice_phone
    page.goto("/")
    setup = page.locator("section", has=page.get_by_role("heading", name="Set up your journal"))
    expect(setup.get_by_role("listitem")).to_have_count(4)
    expect(setup).to_contain_text("Add your product")
    expect(setup).to_contain_text("Weigh a teaspoon of your powder")
    expect(setup).to_contain_text("List your medications")
    expect(page.get_by_role("heading", name="Totals")).to_have_count(0)  # an empty journal stays calm

    setup.get_by_role("link", name="Add your product").tap()
    page.get_by_role("textbox", name="Name (required)").fill("Red Bali")
    page.get_by_role("button", name="Save", exact=True).tap()
    expect(page.get_by_role("heading", name="Red Bali", level=2)).to_be_visible()
    page.goto("/")

    expect(setup.get_by_role("listitem")).to_have_count(3)
    expect(setup).not_to_contain_text("Add your product")
    expect(setup).to_contain_text("List your medications")

    setup.get_by_role("link", name="Choose your country").tap()
    page.get_by_label("Country", exact=True).select_option("GB")
    with page.expect_navigation():
        page.get_by_role("button", name="Save time zone, country and reminder").tap()
    page.goto("/")
    expect(setup.get_by_role("listitem")).to_have_count(2)
    expect(setup).not_to_contain_text("Choose your country")


def test_the_check_in_asks_whether_something_is_wrong_before_the_pain_scales(alice_phone: Page):
    page = alice_phone
    page.goto("/checkins/new/")
    something_wrong = page.locator("details.something-wrong")
    pain_now = page.get_by_role("group", name="Pain right now")
    expect(something_wrong).to_contain_text("Something is wrong?")
    assert top(something_wrong) < top(pain_now) < SCREEN
    in_dom_order = page.evaluate(
        """() => {
            const wrong = document.querySelector('details.something-wrong');
            const pain = document.querySelector('input[name=pain_now]');
            return Boolean(wrong.compareDocumentPosition(pain) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    assert in_dom_order

    page.get_by_text("Signs that need medical help", exact=True).tap()
    expect(something_wrong).to_contain_text("act now")
    side_effects = page.locator("details.side-effects")
    expect(side_effects).not_to_have_attribute("open", "")
    expect(side_effects.locator("summary")).to_contain_text("(none filled)")
