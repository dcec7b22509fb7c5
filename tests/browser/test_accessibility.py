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
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from speciosa.journal import services
from tests.browser.support import DESKTOP, PHONE, axe_violations

pytestmark = pytest.mark.browser

#: URL names that are not pages a person looks at, and why.
NOT_PAGES = {
    "logout": "POST only: signs out",
    "health": "JSON for monitors",
    "dose_repeat": "POST only: the Repeat button on Today",
    "product_archive": "POST only: the Archive button on Products",
    "transfer_export_json": "a download",
    "transfer_export_csv": "a download",
    "transfer_import": "POST only: the upload form's target (its answers are checked below)",
    "settings_timezone": "POST only: a form on Settings",
    "settings_teaspoon": "POST only: a form on Settings",
    "token_create": "POST only: a form on Settings (the new token is checked below)",
    "token_revoke": "POST only: a button on Settings",
    "settings_pregnancy": "POST only: a form on Settings",
    "dose_preview": "POST only: the dose form's preview (checked below, swapped into the form)",
    "finding_acknowledge": "POST only: the 'I have read this' button (the banner is checked below)",
    "findings_acknowledge_all": "POST only: the Mark all read button on Findings",
    "finding_log_symptoms": "POST only: the 'Log it as a symptom' button on a finding read from a note",
}
#: A rule code for the page per finding code (every rule page shares one template).
RULE_CODE = "red_flag.symptom"
#: Pages for people who have not signed in.
ANONYMOUS_PAGES = {"signup", "login"}
#: A URL whose name starts with one of these takes the `uid` of that kind of entry.
UID_KINDS = {
    "dose_": "doses",
    "checkin_": "checkins",
    "product_": "products",
    "medication_": "medications",
    "substance_": "substances",
    "therapy_": "therapies",
    "lab_": "labs",
}


def page_names() -> list[str]:
    patterns = get_resolver("speciosa.web.urls").url_patterns
    names = [pattern.name for pattern in patterns if isinstance(pattern, URLPattern) and pattern.name]
    assert len(names) == len(patterns), "every web URL needs a name (and no nested includes here)"
    return [name for name in names if name not in NOT_PAGES]


PAGES = page_names()


def url_of(name: str, journal: dict[str, Any]) -> str:
    """The page's URL, filled with alice's entries; an argument this test does not know fails it."""
    pattern = next(
        p for p in get_resolver("speciosa.web.urls").url_patterns if getattr(p, "name", "") == name
    )
    kwargs: dict[str, Any] = {}
    for argument in pattern.pattern.regex.groupindex:
        if argument == "code":
            kwargs["code"] = RULE_CODE
            continue
        kind = next((kind for prefix, kind in UID_KINDS.items() if name.startswith(prefix)), None)
        if argument != "uid" or kind is None:
            pytest.fail(f"web:{name} takes {argument!r}; teach tests/browser/test_accessibility.py a value")
        kwargs["uid"] = journal[kind].uid
    return reverse(f"web:{name}", kwargs=kwargs)


@pytest.fixture
def journal(alice_account) -> dict[str, Any]:
    """One of each kind of alice's entries, and a token."""
    alice, now = alice_account, timezone.now()
    product = services.entry_create(
        user=alice,
        kind="products",
        values={"name": "Red Bali", "vendor": "Leafy Co", "batch": "RB-0424", "mitragynine_percent": 1.4},
    )
    entries: dict[str, Any] = {"products": product}
    entries["doses"] = services.dose_create(
        user=alice, amount=3, product_uid=product.uid, taken_at=now - timedelta(minutes=5)
    )
    services.dose_create(
        user=alice, amount=1, unit="tsp", note="estimate", taken_at=now - timedelta(minutes=2)
    )
    values = {
        "checkins": {
            "at": now,
            "pain_now": 6,
            "peg_pain": 6,
            "peg_enjoyment": 5,
            "peg_activity": 4,
            "side_effects": [{"code": "nausea", "severity": "moderate", "text": ""}],
        },
        "medications": {"name": "Duloxetine", "purpose": "pain", "dose_text": "30 mg"},
        "substances": {"at": now, "kind": "alcohol", "substance": "Beer", "standard_drinks": 2},
        "therapies": {"at": now, "kind": "exercise", "minutes": 30},
        "labs": {
            "taken_on": now.date(),
            "test": "ALT",
            "value": 30,
            "unit": "U/L",
            "reference_low": 7,
            "reference_high": 56,
        },
    }
    for kind, fields in values.items():
        entries[kind] = services.entry_create(user=alice, kind=kind, values=fields)
    services.token_create(user=alice, name="my script")
    return entries


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
