"""Trends in a real browser: charts of the last 30, 90 and 365 days, each with its table alternative."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import import_synthetic_journal

pytestmark = pytest.mark.browser

CHARTS = ("Grams of kratom per day", "Doses per day", "Pain and PEG score (0–10)")


@pytest.fixture
def a_year_of_entries(alice_account):
    import_synthetic_journal(alice_account, days=365)


def test_trends_draws_each_chart_for_30_90_and_365_days_with_a_table_of_the_same_days(
    alice_desktop: Page, a_year_of_entries
):
    page = alice_desktop
    page.goto("/trends")
    for days in (30, 90, 365):
        window = page.get_by_role("navigation", name="Window").get_by_role("button", name=f"{days} days")
        window.click()
        expect(window).to_have_attribute("aria-current", "page")
        for title in CHARTS:
            expect(
                page.get_by_role("img", name=re.compile(re.escape(f"{title}") + f".*last {days} days"))
            ).to_be_visible()
        grams = page.get_by_role("region", name=re.compile("^Grams of kratom per day"))
        grams.get_by_text("Show these numbers as a table").click()
        table = grams.get_by_role("table")
        expect(table).to_be_visible()
        expect(table.get_by_role("columnheader", name="Grams")).to_be_visible()
        expect(table.locator("tbody tr")).to_have_count(days)
    days_with_doses = page.locator("dl.summary dd").nth(1)
    expect(days_with_doses).to_have_text(re.compile(r"^3\d\d of 365$"))
