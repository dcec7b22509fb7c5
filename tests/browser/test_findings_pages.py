"""Findings on a phone (390×844): the urgent banner is short and calls for help in one tap, the findings
history of a long journal is one grouped card per check, and "Mark all read" marks them in one tap."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from speciosa.core.journal_format import JournalDocument
from speciosa.demo.load import replay_findings
from speciosa.demo.stories import CASE_STUDIES
from speciosa.journal import findings, services, transfer
from speciosa.journal import models as m
from tests.browser.support import PHONE, axe_violations, make_account

pytestmark = pytest.mark.browser


def with_the_backpain_demo_journal(user: Any) -> None:
    """The back-pain demo journal (docs/demo.md) ending now, with the findings it raised on the way."""
    case = next(c for c in CASE_STUDIES if c.key == "backpain")
    now = timezone.now()
    document = JournalDocument.model_validate(case.journal(end=now))
    transfer.journal_import(user=user, document=document, now=now)
    replay_findings(user=user, document=document, now=now)


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page scrolls sideways ({width} px)"


def test_the_urgent_banner_is_short_calls_for_help_in_one_tap_and_goes_once_read(alice_phone: Page):
    owner = m.Profile.objects.get(user__username="alice").user
    services.entry_create(
        user=owner,
        kind="checkins",
        values={"at": timezone.now(), "side_effects": [{"code": "breathing_problems", "severity": "severe"}]},
    )
    page = alice_phone
    page.goto("/")
    banner = page.locator(".urgent-banner")
    expect(banner).to_contain_text("Slow or stopped breathing")
    box = banner.bounding_box()
    assert box is not None and box["height"] < 200, f"the banner is {box and box['height']} px tall"
    call = banner.locator('a[href="tel:911"]')
    expect(call).to_be_visible()
    expect(banner.locator('a[href="tel:18002221222"]')).to_be_visible()
    assert call.bounding_box()["y"] + call.bounding_box()["height"] <= 844, "Call 911 is on the first screen"
    no_sideways_scroll(page)
    assert not axe_violations(page)
    banner.get_by_role("button", name="I have read this").tap()
    expect(page.get_by_text("Marked as read: Slow or stopped breathing")).to_be_visible()
    expect(page.locator(".urgent-banner")).to_have_count(0)


def test_a_chosen_country_gives_the_banner_that_countrys_numbers(alice_phone: Page):
    owner = m.Profile.objects.get(user__username="alice").user
    services.profile_update(user=owner, country="AU")
    services.entry_create(
        user=owner,
        kind="checkins",
        values={"at": timezone.now(), "side_effects": [{"code": "breathing_problems", "severity": "severe"}]},
    )
    alice_phone.goto("/settings")
    expect(alice_phone.get_by_label("Country", exact=True)).to_have_value("AU")
    banner = alice_phone.locator(".urgent-banner")
    expect(banner.locator('a[href="tel:000"]')).to_be_visible()
    expect(banner.locator('a[href="tel:131126"]')).to_be_visible()


def test_a_long_journals_findings_read_as_one_card_per_check_and_mark_all_read_takes_one_tap(
    open_context: Any, sign_in: Any, transactional_db: None
):
    owner = make_account("bruce", zone="America/Chicago")
    with_the_backpain_demo_journal(owner)
    history = findings.findings_history(user=owner)
    checks = {(h.code, h.severity) for h in history}
    assert len(history) > 2 * len(checks), "the demo journal repeats its findings"
    page = sign_in(open_context(**PHONE).new_page(), owner)
    page.goto("/findings/")
    lines = page.locator("ul.findings-history > li")
    expect(lines).to_have_count(len(checks))
    expect(lines.filter(has_text="Alcohol and kratom")).to_contain_text("times,")
    no_sideways_scroll(page)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, f"the Findings page is {height} px tall on a phone"
    assert not axe_violations(page)

    page.get_by_role("button", name="Mark all read").tap()
    expect(page.get_by_text("as read. They stay listed while they apply")).to_be_visible()
    expect(page.get_by_role("button", name="Mark all read")).to_have_count(0)
    assert not m.FindingState.objects.filter(user=owner, active=True, acknowledged_at=None).exists()


def test_todays_first_screen_holds_the_log_actions_and_the_top_findings_title_and_what_to_do(
    open_context: Any, sign_in: Any, transactional_db: None
):
    owner = make_account("bruce", zone="America/Chicago")
    with_the_backpain_demo_journal(owner)
    for scheme in ("light", "dark"):
        page = sign_in(open_context(**PHONE, color_scheme=scheme).new_page(), owner)
        page.goto("/")
        top = page.locator(".today-findings article").first
        what_to_do = top.locator(".what-to-do")
        expect(what_to_do).to_be_visible()
        bottom = what_to_do.bounding_box()
        assert bottom is not None and bottom["y"] + bottom["height"] <= 844, (
            "what to do is on the first screen"
        )
        expect(page.locator(".today-findings article")).to_have_count(1)
        no_sideways_scroll(page)
        assert not axe_violations(page), scheme
