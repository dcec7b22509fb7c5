"""The dose form on a phone in one hand: Amount is focused, typing an amount shows one compact strip
(the grams, the sources' own band names, the usual amount, the findings it would raise) with the full
side by side one tap away, Log dose stays on the screen, Enter logs the dose, and Log dose is a few Tabs
from Amount. Checked with axe in the light and the dark colour scheme."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from speciosa.journal import models as m
from speciosa.journal import services
from tests.browser.support import BROWSER_ZONE, PHONE, axe_violations

#: At most this many presses of Tab lead from Amount to Log dose (unit, product, the comparison, the button).
TABS_TO_LOG_DOSE = 4


@pytest.fixture
def regular(alice_account: Any) -> Any:
    """alice with a week of 4 g doses behind her: a usual amount to compare with."""
    now = timezone.now()
    for days in range(2, 9):
        services.dose_create(user=alice_account, amount=4, taken_at=now - timedelta(days=days))
    return alice_account


@pytest.fixture
def dose_form(open_context: Callable[..., Any], sign_in: Callable[[Page, Any], Page], regular: Any) -> Page:
    page = sign_in(open_context(**PHONE).new_page(), regular)
    page.goto("/doses/new/")
    return page


def amount(page: Page) -> Locator:
    return page.locator("input[name=amount]")


def log_dose(page: Page) -> Locator:
    return page.get_by_role("button", name="Log dose", exact=True)


def strip(page: Page) -> Locator:
    return page.locator("#dose-preview .dose-strip")


def typed(page: Page, text: str) -> Page:
    """`text` typed key by key into Amount (which has the focus), its strip shown."""
    amount(page).press_sequentially(text)
    expect(strip(page)).to_contain_text(f"{text} g")
    return page


def test_on_a_phone_log_dose_is_on_the_screen_after_typing_an_amount(dose_form: Page):
    page = typed(dose_form, "3")
    box = log_dose(page).bounding_box()
    assert box is not None
    height = PHONE["viewport"]["height"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (
        f"Log dose at {box}, the screen is {height} px"
    )
    assert page.evaluate("document.documentElement.scrollHeight") < 2 * height, "the preview is one strip"


def test_the_strip_shows_the_amount_the_sources_band_names_and_the_usual_amount(dose_form: Page):
    page = typed(dose_form, "3")
    expect(strip(page)).to_contain_text("3 g")
    expect(strip(page)).to_contain_text("source scales call it “")
    expect(strip(page)).to_contain_text("your usual 4 g")
    expect(strip(page)).to_contain_text("no new findings")
    expect(page.locator("table.dose-bands")).to_be_hidden()


def test_the_findings_a_dose_would_raise_show_in_the_strip_without_a_tap(dose_form: Page):
    page = typed(dose_form, "16")
    finding = page.locator("#dose-preview .strip-findings li").filter(has_text="A very large single dose")
    expect(finding).to_be_visible()
    expect(finding.locator(".severity-badge")).to_be_visible()


def test_the_full_comparison_opens_on_a_tap_and_stays_open_as_the_amount_changes(dose_form: Page):
    page = typed(dose_form, "3")
    page.get_by_text("Each source side by side").tap()
    table = page.locator("table.dose-bands")
    expect(table).to_be_visible()
    expect(table).to_contain_text("TripSit factsheet")
    amount(page).focus()
    amount(page).press_sequentially("5")
    expect(strip(page)).to_contain_text("35 g")
    expect(page.locator("table.dose-bands")).to_be_visible()


def test_enter_in_amount_logs_the_dose_once_the_strip_is_shown(dose_form: Page, regular: Any):
    page = typed(dose_form, "2.5")
    amount(page).press("Enter")
    expect(page.get_by_role("status").filter(has_text="Logged 2.5 g at")).to_be_visible()
    assert m.Dose.objects.filter(user=regular, amount=2.5).count() == 1


def test_enter_in_amount_logs_the_dose_while_the_preview_is_still_on_its_way(dose_form: Page, regular: Any):
    amount(dose_form).press_sequentially("3.5")
    amount(dose_form).press("Enter")
    expect(dose_form.get_by_role("status").filter(has_text="Logged 3.5 g at")).to_be_visible()
    assert m.Dose.objects.filter(user=regular, amount=3.5).count() == 1


def test_log_dose_is_a_few_tabs_from_amount(dose_form: Page):
    page = typed(dose_form, "3")
    assert page.evaluate("document.activeElement.name") == "amount"
    presses = 0
    while presses < 20 and page.evaluate("document.activeElement.textContent.trim()") != "Log dose":
        page.keyboard.press("Tab")
        presses += 1
    assert presses <= TABS_TO_LOG_DOSE, f"{presses} Tabs from Amount to Log dose"


def test_a_problem_with_the_time_opens_more_details_at_the_field(dose_form: Page, regular: Any):
    page = dose_form
    amount(page).fill("3")
    page.get_by_text("More details").tap()
    later = timezone.now().astimezone(ZoneInfo(BROWSER_ZONE)) + timedelta(hours=2)
    page.locator("input[name=taken_at]").fill(later.strftime("%Y-%m-%dT%H:%M"))
    log_dose(page).tap()
    expect(page.locator("#id_taken_at_error")).to_contain_text("Time:")
    expect(page.locator("input[name=taken_at]")).to_be_visible()
    assert not m.Dose.objects.filter(user=regular, amount=3).exists()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_dose_form_with_its_strip_and_a_finding_has_no_serious_accessibility_violation(
    open_context: Callable[..., Any], sign_in: Callable[[Page, Any], Page], regular: Any, scheme: str
):
    page = sign_in(open_context(**PHONE, color_scheme=scheme).new_page(), regular)
    page.goto("/doses/new/")
    typed(page, "16")
    expect(page.locator("#dose-preview .strip-findings")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_enter_never_confirms_a_dose_over_the_confirmation_limit_only_the_yes_button_does(
    dose_form: Page, regular: Any
):
    page = typed(dose_form, "120")
    amount(page).press("Enter")
    yes = page.get_by_role("button", name="Yes, log 120 g")
    expect(yes).to_be_visible()
    amount(page).press("Enter")
    expect(page.get_by_role("button", name="Yes, log 120 g")).to_be_visible()
    assert not m.Dose.objects.filter(user=regular, amount=120).exists()
    page.get_by_role("button", name="Yes, log 120 g").tap()
    expect(page.get_by_role("status").filter(has_text="Logged 120 g at")).to_be_visible()
    assert m.Dose.objects.filter(user=regular, amount=120).count() == 1
