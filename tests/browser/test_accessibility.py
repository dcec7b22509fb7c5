"""axe-core (vendored, 4.11.0) on every page: no violation whose impact is serious or critical.

The pages come from the URL conf, so a page added later is checked the moment it exists. Each
URL is filled with one of alice's entries of the kind its name starts with. Besides each page as
it first opens, the states a person meets often are checked too: an empty journal, forms showing
an error or asking to confirm, the import report and its error report, a new token, a message
with its Undo button, and the phone layout. Every page is checked in the light and the dark
colour scheme. Every `<details>` is opened before axe runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from tests.browser.pages import ANONYMOUS_PAGES, one_of_each, page_names, url_of
from tests.browser.support import DESKTOP, PHONE, axe_violations

pytestmark = pytest.mark.browser

PAGES = page_names()


@pytest.fixture
def journal(alice_account) -> dict[str, Any]:
    return one_of_each(alice_account)


def check(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n" + "\n".join(violations)


def opened(page: Page, url: str) -> Page:
    """The page at `url`, which must answer 200 with HTML and stay where it is."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    assert response.headers["content-type"].startswith("text/html")
    assert page.url.endswith(url), f"{url} sent the browser on to {page.url}"
    return page


def test_the_walk_covers_the_pages_the_issue_names():
    assert {
        "signup",
        "login",
        "today",
        "dose_new",
        "checkin_new",
        "history",
        "trends",
        "products",
        "product_new",
        "medications",
        "substances",
        "therapies",
        "labs",
        "transfer",
        "settings",
        "undo",
    } <= set(PAGES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_the_page_has_no_serious_accessibility_violation(
    name: str, scheme: str, journal: dict[str, Any], open_context: Callable[..., Any], sign_in, alice_account
):
    """In the light and the dark colour scheme: the layout declares both (`color-scheme: light dark`)."""
    page = open_context(**DESKTOP, color_scheme=scheme).new_page()
    if name not in ANONYMOUS_PAGES:
        sign_in(page, alice_account)
    check(opened(page, url_of(name, journal)))


# --- states a person meets often --------------------------------------------------------------


def test_sign_up_on_the_first_visit(desktop: Page, transactional_db):
    assert not get_user_model().objects.exists()
    check(opened(desktop, "/signup/"))


def test_today_with_an_empty_journal(alice_desktop: Page):
    page = opened(alice_desktop, "/")
    expect(page.get_by_text("No doses logged today.")).to_be_visible()
    check(page)


def test_today_with_entries_on_a_phone(journal, open_context, sign_in, alice_account):
    page = sign_in(open_context(**PHONE).new_page(), alice_account)
    check(opened(page, "/"))


def test_a_dose_form_refusing_an_amount(alice_desktop: Page):
    page = opened(alice_desktop, "/doses/new/")
    page.get_by_label("Amount (required)", exact=True).fill("300")
    page.get_by_role("button", name="Log dose").click()
    expect(page.locator(".field-error").first).to_be_visible()
    check(page)


def test_a_dose_form_asking_to_confirm_a_large_amount(alice_desktop: Page):
    page = opened(alice_desktop, "/doses/new/")
    page.get_by_label("Amount (required)", exact=True).fill("150")
    page.get_by_role("button", name="Log dose").click()
    expect(page.get_by_role("button", name="Yes, log 150 g")).to_be_visible()
    check(page)


def test_a_check_in_form_refusing_a_future_time(alice_desktop: Page):
    page = opened(alice_desktop, "/checkins/new/")
    page.get_by_label("Time").fill("2099-01-01T09:00")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.locator(".field-error").first).to_be_visible()
    check(page)


def test_a_product_form_showing_its_errors(alice_desktop: Page):
    page = opened(alice_desktop, "/products/new")
    page.locator("form.record-form").evaluate("form => { form.noValidate = true; }")
    page.get_by_label("Grams per capsule").fill("50")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Nothing was saved.")).to_be_visible()
    check(page)


def test_the_import_report_and_the_import_error_report(alice_desktop: Page, tmp_path):
    good, bad = tmp_path / "journal.json", tmp_path / "broken.json"
    good.write_text('{"format": "speciosa-journal", "version": 1, "doses": []}')
    bad.write_text('{"format": "speciosa-journal", "version": 1, "doses": [{"grams": -1}]}')
    page = opened(alice_desktop, "/transfer")
    for upload, shown in ((good, "Imported journal.json"), (bad, "Nothing was imported")):
        page.get_by_label("File to import").set_input_files(upload)
        page.get_by_role("button", name="Import", exact=True).click()
        expect(page.locator("#import-result")).to_contain_text(shown)
        check(page)


def test_settings_showing_a_new_token(alice_desktop: Page):
    page = opened(alice_desktop, "/settings")
    page.get_by_label("Name").fill("backup script")
    page.get_by_role("button", name="Create a token").click()
    expect(page.get_by_text("Copy it now: it is shown only this once.")).to_be_visible()
    check(page)


def test_invitations_showing_a_new_link_then_the_link_used_up(alice_desktop: Page, open_context):
    page = opened(alice_desktop, "/settings/invitations")
    page.get_by_role("button", name="Make an invitation link").click()
    expect(page.get_by_text("Copy it now: it is shown only this once.")).to_be_visible()
    check(page)
    link = page.get_by_role("textbox", name="Link").input_value()
    guest = open_context(**DESKTOP).new_page()
    guest.goto(link)
    expect(guest.get_by_text("You were invited")).to_be_visible()
    guest.locator("#id_username").fill("carol")
    guest.locator("#id_password").fill("a long enough passphrase")
    guest.locator("#id_password_again").fill("a long enough passphrase")
    guest.get_by_role("button", name="Create account").click()
    expect(guest.get_by_text("Welcome, carol")).to_be_visible()
    guest.context.clear_cookies()
    assert guest.goto(link).status == 410
    expect(guest.get_by_role("alert")).to_contain_text("This invitation has already been used")
    check(guest)


def test_the_sign_in_page_refusing_for_a_while(alice_account, desktop: Page):
    opened(desktop, "/login/")
    for _ in range(5):
        desktop.get_by_label("Username").fill("alice")
        desktop.get_by_label("Password").fill("not the password at all")
        desktop.get_by_role("button", name="Sign in").click()
    expect(desktop.get_by_role("alert")).to_contain_text("Too many failed attempts from this address")
    check(desktop)


def test_the_undo_page_with_a_change_to_undo(journal, alice_desktop: Page):
    page = opened(alice_desktop, "/undo/")
    expect(page.get_by_role("button", name="Undo adding")).to_be_visible()
    check(page)


def test_a_message_with_its_undo_button(journal, alice_desktop: Page):
    page = opened(alice_desktop, "/")
    page.get_by_role("button", name="Repeat last dose").click()
    expect(page.get_by_role("status").get_by_role("button", name="Undo")).to_be_visible()
    check(page)


def test_an_urgent_finding_above_the_page(alice_desktop: Page):
    page = opened(alice_desktop, "/checkins/new/")
    page.get_by_text("Signs that need medical help", exact=True).click()
    page.locator("#id_effect_breathing_problems").select_option("severe")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.locator(".urgent-banner")).to_contain_text("Act on this now")
    check(page)


def test_the_dose_form_showing_where_a_dose_sits(alice_desktop: Page):
    page = opened(alice_desktop, "/doses/new/")
    page.get_by_label("Amount (required)", exact=True).fill("16")
    expect(page.locator("#dose-preview")).to_contain_text("Before you log 16 g")
    check(page)
