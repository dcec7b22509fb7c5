"""On a phone-sized touch screen: add a product, then log doses from Today in two taps or one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from speciosa.journal import models as m

pytestmark = pytest.mark.browser


def totals(page: Page) -> str:
    return page.locator("section", has=page.get_by_role("heading", name="Totals")).inner_text()


def todays_doses(page: Page):
    return page.locator("section", has=page.get_by_role("heading", name="Today's doses")).get_by_role(
        "listitem"
    )


def product_named(page: Page, name: str):
    """The product's disclosure on Today: tapping it shows its amounts."""
    return page.locator("details.product > summary").filter(has_text=name)


def add_product_on_the_phone(page: Page, name: str) -> None:
    page.goto("/products/")
    page.get_by_role("button", name="Add a product").tap()
    page.get_by_role("textbox", name="Name (required)").fill(name)
    page.get_by_label("Vendor").fill("Leafy Co")
    page.get_by_label("Form").select_option(label="Powder (leaf)")
    page.get_by_label("Vein colour").select_option(label="Red")
    page.get_by_label("Batch or lot").fill("RB-0424")
    page.get_by_role("button", name="Save", exact=True).tap()
    expect(page.get_by_role("heading", name=name, level=2)).to_be_visible()


def test_on_a_phone_a_product_is_added_and_a_dose_logged_in_two_taps_from_today(
    alice_phone: Page, alice_account
):
    page = alice_phone
    add_product_on_the_phone(page, "Red Bali")

    # The first dose of a new product goes through the form: Today only offers amounts already logged.
    page.goto("/")
    product_named(page, "Red Bali").tap()
    page.get_by_role("button", name="Other amount…").tap()
    expect(page.get_by_label("Product")).to_have_value(str(m.Product.objects.get(name="Red Bali").uid))
    page.get_by_label("Amount (required)", exact=True).fill("3")
    page.get_by_role("button", name="Log dose").tap()
    expect(page.get_by_text("Logged 3 g · Red Bali at")).to_be_visible()
    expect(todays_doses(page)).to_have_count(1)

    # Now two taps: the product, then an amount.
    product_named(page, "Red Bali").tap()
    page.get_by_role("button", name="Log 3 g of Red Bali now").tap()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("status").filter(has_text="Logged 3 g · Red Bali at")).to_be_visible()
    expect(todays_doses(page)).to_have_count(2)
    expect(todays_doses(page).nth(1)).to_contain_text("6 g so far today")
    assert "6 g in the last 24 hours (2 doses)" in totals(page)
    assert m.Dose.objects.filter(user=alice_account).count() == 2


def test_on_a_phone_the_last_dose_is_repeated_in_one_tap(alice_phone: Page, alice_account):
    page = alice_phone
    add_product_on_the_phone(page, "Green Malay")
    page.goto("/doses/new/")
    page.get_by_label("Amount (required)", exact=True).fill("2.5")
    page.get_by_label("Product").select_option(label="Green Malay")
    page.get_by_role("button", name="Log dose").tap()

    page.get_by_role("button", name="Repeat last dose (2.5 g · Green Malay)").tap()

    expect(page.get_by_role("status").filter(has_text="Logged 2.5 g · Green Malay at")).to_be_visible()
    expect(todays_doses(page)).to_have_count(2)
    assert "5 g in the last 24 hours (2 doses)" in totals(page)


def test_the_phone_layout_fits_the_screen_without_sideways_scrolling(alice_phone: Page):
    alice_phone.goto("/")
    width = alice_phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
