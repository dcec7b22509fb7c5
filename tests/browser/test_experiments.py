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


def _finished_experiment(user):
    from datetime import timedelta

    from django.utils import timezone

    from speciosa.journal import experiments, services

    now = timezone.now()
    planned_at = now - timedelta(days=70)
    experiment = experiments.experiment_plan(
        user=user,
        question="Does a morning walk ease my pain more than rest?",
        a_kind="therapy",
        a_label="Morning walk",
        b_kind="none",
        b_label="Rest",
        start_on=planned_at.date(),
        seed=5,
        now=planned_at,
    )
    view = experiments.experiment_view(user=user, uid=experiment.uid, now=planned_at)
    for offset in range(view.schedule.total_days):
        plan = experiments.ex.day_plan(view.schedule, view.schedule.start + timedelta(days=offset))
        value = 3 if plan.block.option == "A" else 6
        services.entry_create(
            user=user,
            kind="checkins",
            values={
                "at": planned_at + timedelta(days=offset, hours=2),
                "peg_pain": value,
                "peg_enjoyment": value,
                "peg_activity": value + offset % 2,
            },
        )
    return experiment


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_a_finished_experiment_shows_its_result_in_words_with_both_charts_and_passes_axe(
    request, alice_account, width
):
    experiment = _finished_experiment(alice_account)
    page = request.getfixturevalue(f"alice_{width}")
    page.goto(f"/experiments/{experiment.uid}/")
    expect(page.get_by_text("A likely lowered the score by a clinically important amount")).to_be_visible()
    expect(page.get_by_role("img", name="B minus A on the PEG-3")).to_be_visible()
    expect(page.get_by_role("img", name="PEG-3 score each day")).to_be_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
