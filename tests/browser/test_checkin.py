"""Checking in through the page: pain now, the PEG-3 items and a side effect, then the PEG score on Today."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from speciosa.journal import models as m

pytestmark = pytest.mark.browser


def answer(page: Page, question: str, value: str) -> None:
    page.get_by_role("group", name=question).get_by_role("radio", name=value, exact=True).check()


def test_a_check_in_with_pain_peg_and_a_side_effect_shows_its_peg_score_on_today(
    alice_desktop: Page, alice_account
):
    page = alice_desktop
    page.goto("/")
    expect(page.get_by_text("No doses logged today.")).to_be_visible()
    page.get_by_role("button", name="Check in").click()

    answer(page, "Pain right now", "6")
    answer(page, "Pain on average (past week)", "7")
    answer(page, "How much pain got in the way of enjoying life", "5")
    answer(page, "How much pain got in the way of your general activity", "4")
    page.get_by_text("Side effects and withdrawal symptoms").click()
    answer(page, "Nausea", "Moderate")
    page.get_by_label("Note").fill("after lunch")
    page.get_by_role("button", name="Save check-in").click()

    last_checkin = page.locator("section", has=page.get_by_role("heading", name="Last check-in"))
    expect(last_checkin).to_contain_text("pain now 6/10")
    expect(last_checkin).to_contain_text("PEG score 5.3/10")
    expect(last_checkin).to_contain_text("Nausea (moderate)")
    checkin = m.CheckIn.objects.get(user=alice_account)
    assert (checkin.pain_now, checkin.peg_pain, checkin.peg_enjoyment, checkin.peg_activity) == (6, 7, 5, 4)
    assert [(e.code, e.severity) for e in checkin.side_effects.all()] == [("nausea", "moderate")]
