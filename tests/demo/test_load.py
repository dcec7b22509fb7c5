"""`speciosa demo` gives three demo accounts whose journals follow the case studies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from speciosa.core.errors import InvalidInput
from speciosa.demo.load import DEMO_PASSWORD, demo_load
from speciosa.demo.stories import CASE_STUDIES
from speciosa.journal import experiments, selectors, services
from speciosa.journal import models as m
from tests.conftest import NOW


def entry_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            m.Product,
            m.Dose,
            m.CheckIn,
            m.SideEffect,
            m.Medication,
            m.SubstanceUse,
            m.Therapy,
            m.LabResult,
        )
    }


@pytest.fixture
def loaded(db, frozen_now):
    return demo_load(now=NOW)


def test_demo_creates_an_account_per_case_in_its_time_zone_with_the_demo_password(loaded):
    assert [a.username for a in loaded] == ["demo-backpain", "demo-fibro", "demo-opioid", "demo-experiment"]
    for account, case in zip(loaded, CASE_STUDIES, strict=True):
        user = get_user_model().objects.get(username=account.username)
        assert user.check_password(DEMO_PASSWORD) and account.password == DEMO_PASSWORD
        assert selectors.profile_get(user=user).timezone == case.timezone
        assert account.description == case.summary
        assert account.report.added["doses"] > 300 and account.report.added["checkins"] > 200


def test_the_opioid_demo_has_oxycodone_active_on_days_with_kratom_capsule_doses(loaded):
    user = get_user_model().objects.get(username="demo-opioid")
    overlapping = [
        dose
        for dose in m.Dose.objects.filter(user=user)
        if selectors.medication_active(user=user, on=dose.taken_at.date()).filter(name="Oxycodone").exists()
    ]
    assert len(overlapping) > 60
    assert all(dose.unit == "capsule" and dose.product.grams_per_capsule for dose in overlapping)


def test_loading_the_demo_twice_adds_nothing_the_second_time(loaded):
    before = entry_counts()
    again = demo_load(now=NOW)
    assert all(account.report.total_added == 0 for account in again)
    assert entry_counts() == before
    assert get_user_model().objects.filter(username__startswith="demo-").count() == 4
    assert (
        len(experiments.experiment_list(user=get_user_model().objects.get(username="demo-experiment"))) == 1
    )


def test_loading_the_demo_a_week_later_keeps_its_dates_and_only_completes_the_last_day(loaded):
    later = demo_load(now=NOW + timedelta(days=7))
    assert 0 < sum(account.report.total_added for account in later) < 30
    newest = m.Dose.objects.order_by("-taken_at").first()
    assert NOW < newest.taken_at < NOW + timedelta(days=1)


def test_demo_refuses_a_demo_username_held_by_a_real_account_and_changes_nothing(db, frozen_now):
    services.account_create(username="demo-fibro", password="a real person's password", timezone="UTC")
    with pytest.raises(InvalidInput) as error:
        demo_load(now=NOW)
    assert error.value.errors[0].field == "username"
    assert sum(entry_counts().values()) == 0
    assert not get_user_model().objects.filter(username="demo-backpain").exists()


def test_demo_reports_progress_over_all_three_journals(db, frozen_now):
    seen: list[tuple[int, int]] = []
    demo_load(now=NOW, progress=lambda done, total: seen.append((done, total)))
    totals = {total for _, total in seen}
    assert len(totals) == 1 and seen[-1][0] == totals.pop()
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_the_demo_findings_history_shows_what_each_story_raised_along_the_way(db):
    demo_load(now=NOW)
    codes = {
        username: set(m.FindingState.objects.filter(user__username=username).values_list("code", flat=True))
        for username in ("demo-backpain", "demo-fibro", "demo-opioid")
    }
    assert "interaction.medication" in codes["demo-opioid"]  # oxycodone with kratom
    assert {"frequency.dose_creep", "frequency.doses_per_day"} <= codes["demo-fibro"]
    assert not any(code.startswith("red_flag") for code in codes["demo-backpain"])


def test_the_experiment_demo_holds_a_finished_experiment_of_3_g_against_2_g_with_its_result(loaded):
    user = get_user_model().objects.get(username="demo-experiment")
    (experiment,) = experiments.experiment_list(user=user)
    view = experiments.experiment_view(user=user, uid=experiment.uid, now=NOW)
    assert view.state == "finished" and not view.results_locked
    assert view.result is not None and view.result.posterior is not None
    assert view.result.days_a + view.result.days_b >= 28
    assert view.result.better == "A"  # 3 g days scored lower, as the story was written
    assert view.result.prob_important < 0.9  # but not by a clinically important amount


def test_the_fibro_demo_holds_her_taper_plan_replayed_as_finished_with_her_self_checks(loaded):
    from speciosa.journal import selfchecks, taper

    user = get_user_model().objects.get(username="demo-fibro")
    view = taper.taper_latest(user=user, now=NOW)
    assert view is not None and view.state == "finished"
    assert view.plan.start_grams == 15.0 and view.plan.events.count() == 8
    tapering = [d for d in view.progress.days if d.grams > 0]
    assert len(tapering) > 200 and view.progress.over_days <= 0.05 * len(tapering)
    assert [reason for _, _, reason in view.progress.pauses][1].startswith("Your withdrawal score rose")
    assert len(view.sows) > 80 and selfchecks.selfcheck_latest(user=user, instrument="dsm5").result.total == 3
    assert taper.taper_active(user=user, now=NOW) is None
