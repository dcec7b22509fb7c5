"""Experiments in a real browser: a person plans one on a phone, sees the schedule and today's option,
finds it on Today, and the pages pass axe at phone and desktop widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import axe_violations

pytestmark = pytest.mark.browser


def test_a_person_plans_an_experiment_on_a_phone_and_sees_todays_option_on_today(alice_phone: Page):
    page = alice_phone
    page.goto("/experiments/")
    page.get_by_role("button", name="Plan an experiment").click()
    page.get_by_label("What the experiment asks").fill("Does a morning walk ease my pain more than rest?")
    page.get_by_label("Option A is").select_option("therapy")
    page.get_by_label("Option A, named").fill("Morning walk")
    page.get_by_label("Option B is").select_option("none")
    page.get_by_label("Option B, named").fill("Rest")
    page.get_by_role("button", name="Make the schedule").click()
    expect(
        page.get_by_role("heading", name="Does a morning walk ease my pain more than rest?")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Schedule")).to_be_visible()
    expect(page.locator(".blocks li")).to_have_count(8)
    expect(page.get_by_text("Locked until")).to_be_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_plan_form_names_each_problem_and_passes_axe_on_a_desktop(alice_desktop: Page):
    page = alice_desktop
    page.goto("/experiments/new")
    page.get_by_role("button", name="Make the schedule").click()
    expect(page.get_by_role("alert")).to_contain_text("What the experiment asks")
    page.get_by_label("What the experiment asks").fill("3 g or none?")
    page.get_by_label("Option A is").select_option("kratom")
    page.get_by_label("Option A, named").fill("Red Bali")
    page.get_by_label("Option A, grams a day (kratom only)").fill("3")
    page.get_by_label("Option B is").select_option("none")
    page.get_by_label("Option B, named").fill("No kratom")
    page.get_by_role("button", name="Make the schedule").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved.")
    expect(page.get_by_role("alert")).to_contain_text("no kratom is logged in the last 4 weeks")
    assert axe_violations(page) == []
