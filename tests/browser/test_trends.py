"""Trends in a real browser: charts of the last 30, 90 and 365 days, each with its table alternative;
the opioid demo journal's oxycodone lane over the days of kratom doses; text readable on a phone."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from speciosa.core.journal_format import JournalDocument
from speciosa.demo.stories import case_named
from speciosa.journal import transfer
from tests.browser.support import DESKTOP, PHONE, axe_violations, import_synthetic_journal, make_account

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
        window = page.get_by_role("navigation", name="Range").get_by_role("button", name=f"{days} days")
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


@pytest.fixture
def opioid_journal(transactional_db):
    """The opioid demo journal (docs/demo.md): oxycodone tapered to zero while kratom starts."""
    case = case_named("opioid")
    user = make_account("opioid", zone=case.timezone)
    now = timezone.now()
    transfer.journal_import(
        user=user, document=JournalDocument.model_validate(case.journal(end=now)), now=now
    )
    return user


#: The smallest rendered chart text, in CSS pixels: font size × the SVG's scale (1 without a viewBox);
#: text a narrow screen hides (the in-between day labels) is not rendered, so it is left out.
SHOWN_TEXT = '[...document.querySelectorAll("svg.chart text")].filter((t) => t.getClientRects().length)'
SMALLEST_TEXT = (
    """() => Math.min(..."""
    + SHOWN_TEXT
    + """.map((text) => {
    const svg = text.ownerSVGElement;
    const box = svg.viewBox.baseVal;
    const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
    return parseFloat(getComputedStyle(text).fontSize) * scale;
}))"""
)


def test_the_opioid_journal_shows_the_oxycodone_lane_over_days_with_kratom_doses(
    open_context, sign_in, opioid_journal
):
    page = sign_in(open_context(**DESKTOP).new_page(), opioid_journal)
    page.goto("/trends?range=all")
    lanes = page.get_by_role("img", name=re.compile("^Kratom beside medications"))
    expect(lanes).to_be_visible()
    oxycodone = lanes.locator('g[data-label="Oxycodone (medication)"] rect.span')
    start, end = oxycodone.get_attribute("data-start"), oxycodone.get_attribute("data-end")
    bar = oxycodone.bounding_box()
    marks = lanes.locator('g[data-lane="kratom"] rect.mark')
    inside = [
        box
        for day, box in marks.evaluate_all(
            "(rects) => rects.map((r) => [r.dataset.day, r.getBoundingClientRect().toJSON()])"
        )
        if start <= day <= end
    ]
    assert len(inside) > 30  # kratom from the first week on, oxycodone until day 70
    for box in inside:
        middle = box["x"] + box["width"] / 2
        assert bar["x"] <= middle <= bar["x"] + bar["width"]
    expect(page.locator("#lanes-summary")).to_contain_text("Oxycodone (")
    expect(page.locator("#lanes-summary")).to_contain_text("kratom on")
    withdrawal = lanes.locator('g[data-lane="symptom-withdrawal"] rect.mark')
    assert withdrawal.count() > 10
    expect(page.get_by_role("img", name=re.compile("^Liver tests"))).to_be_visible()
    assert page.locator("svg.chart").first.bounding_box()["width"] > 900


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_chart_text_is_at_least_12_px_and_the_page_passes_axe(
    open_context, sign_in, opioid_journal, scheme
):
    page = sign_in(open_context(**PHONE, color_scheme=scheme).new_page(), opioid_journal)
    page.goto("/trends?range=all")
    assert page.evaluate(SMALLEST_TEXT) >= 12
    heights = page.evaluate(f"() => {SHOWN_TEXT}.map((t) => t.getBoundingClientRect().height)")
    assert min(heights) >= 12
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []


def test_a_custom_span_comes_from_the_date_form_and_a_wrong_one_names_the_field(
    open_context, sign_in, opioid_journal
):
    page = sign_in(open_context(**PHONE).new_page(), opioid_journal)
    page.goto("/trends")
    page.get_by_text("Choose dates").click()
    page.get_by_label("From", exact=True).fill("2026-01-01")
    page.get_by_label("To", exact=True).fill("2025-12-01")
    page.get_by_role("button", name="Show these dates").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("From")
    expect(alert).to_contain_text("on or before the last day")
    expect(page.get_by_label("From", exact=True)).to_have_attribute("aria-invalid", "true")
