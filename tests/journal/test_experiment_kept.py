"""Keeping to the plan, read from the doses logged: a kratom day keeps to it within 10% of the plan's
grams a day, a therapy or no-kratom day with no kratom logged; a day with nothing logged is unknown,
and the words count the counted days, the days above the plan's grams, and show while locked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from speciosa.journal import experiments, services

TODAY = date(2026, 3, 7)  # the frozen now's day in New York


def _plan(alice, now, *, b_kind: str = "none", b_label: str = "No kratom"):
    for back in range(1, 15):
        services.dose_create(user=alice, amount=4, taken_at=now - timedelta(days=back), now=now)
    return experiments.experiment_plan(
        user=alice,
        question="Does 3 g ease my back?",
        a_kind="kratom",
        a_label="Green Malay",
        a_grams=3.0,
        b_kind=b_kind,
        b_label=b_label,
        start_on=TODAY,
        block_days=4,
        pairs=2,
        washout_days=1,
        seed=7,
        now=now,
    )


def _counted_days(alice, experiment, now, option: str) -> list[int]:
    """The offsets from TODAY of the counted (not settling) days of one option."""
    schedule = experiments.experiment_view(user=alice, uid=experiment.uid, now=now).schedule
    plans = [experiments.ex.day_plan(schedule, TODAY + timedelta(days=k)) for k in range(16)]
    return [k for k, plan in enumerate(plans) if plan and plan.block.option == option and not plan.washout]


def _dose(alice, now, offset: int, grams: float) -> None:
    at = now + timedelta(days=offset)
    services.dose_create(user=alice, amount=grams, taken_at=at, now=at)


def _checkin(alice, now, offset: int) -> None:
    at = now + timedelta(days=offset, hours=8)
    services.entry_create(user=alice, kind="checkins", values={"at": at, "peg_pain": 5}, now=at)


def _day(alice, experiment, now, offset: int, *, read_on: int = 20) -> experiments.ScoredDay:
    view = experiments.experiment_view(user=alice, uid=experiment.uid, now=now + timedelta(days=read_on))
    return next(d for d in view.days if d.day == TODAY + timedelta(days=offset))


def test_a_kratom_day_within_a_tenth_of_the_plans_grams_kept_to_it_and_one_further_off_did_not(
    alice, frozen_now
) -> None:
    experiment = _plan(alice, frozen_now)
    within, below, above = _counted_days(alice, experiment, frozen_now, "A")[:3]
    _dose(alice, frozen_now, within, 1.5)
    _dose(alice, frozen_now, within, 1.8)  # 3.3 g in two doses: within 10% of 3 g
    _dose(alice, frozen_now, below, 2.0)
    _dose(alice, frozen_now, above, 3.5)
    assert _day(alice, experiment, frozen_now, within).grams_logged == 3.3
    assert _day(alice, experiment, frozen_now, within).kept is True
    assert _day(alice, experiment, frozen_now, below).kept is False
    assert _day(alice, experiment, frozen_now, above).kept is False


def test_a_kratom_day_with_a_check_in_and_no_dose_did_not_keep_to_the_plan(alice, frozen_now) -> None:
    experiment = _plan(alice, frozen_now)
    day = _counted_days(alice, experiment, frozen_now, "A")[0]
    _checkin(alice, frozen_now, day)
    assert _day(alice, experiment, frozen_now, day).grams_logged == 0
    assert _day(alice, experiment, frozen_now, day).kept is False


@pytest.mark.parametrize(("b_kind", "b_label"), [("none", "No kratom"), ("therapy", "Walking")])
def test_a_day_without_kratom_in_the_plan_keeps_to_it_with_a_check_in_and_no_dose_but_not_with_a_dose(
    alice, frozen_now, b_kind, b_label
) -> None:
    experiment = _plan(alice, frozen_now, b_kind=b_kind, b_label=b_label)
    checked_in, dosed = _counted_days(alice, experiment, frozen_now, "B")[:2]
    _checkin(alice, frozen_now, checked_in)
    _dose(alice, frozen_now, dosed, 1.0)
    assert _day(alice, experiment, frozen_now, checked_in).kept is True
    assert _day(alice, experiment, frozen_now, dosed).kept is False
    assert _day(alice, experiment, frozen_now, dosed).grams_logged == 1.0


def test_a_day_with_nothing_logged_is_unknown_and_so_is_today_until_it_is_over(alice, frozen_now) -> None:
    experiment = _plan(alice, frozen_now)
    first = _counted_days(alice, experiment, frozen_now, "B")[0]
    assert _day(alice, experiment, frozen_now, first).kept is None
    _checkin(alice, frozen_now, first)
    assert _day(alice, experiment, frozen_now, first, read_on=first).kept is None
    assert _day(alice, experiment, frozen_now, first, read_on=first + 1).kept is True


def test_the_words_count_the_counted_days_kept_and_the_days_above_the_plans_grams(alice, frozen_now) -> None:
    experiment = _plan(alice, frozen_now)
    a_days = _counted_days(alice, experiment, frozen_now, "A")
    b_days = _counted_days(alice, experiment, frozen_now, "B")
    for offset in a_days[:4]:
        _dose(alice, frozen_now, offset, 3.0)
    for offset in a_days[4:]:
        _dose(alice, frozen_now, offset, 4.0)  # two days above the plan's 3 g
    for offset in b_days[:5]:
        _checkin(alice, frozen_now, offset)  # the sixth B day has nothing logged
    schedule = experiments.experiment_view(user=alice, uid=experiment.uid, now=frozen_now).schedule
    _dose(alice, frozen_now, 0, 5.0)  # a settling day: not counted in the words
    assert experiments.ex.day_plan(schedule, TODAY).washout
    view = experiments.experiment_view(user=alice, uid=experiment.uid, now=frozen_now + timedelta(days=20))
    assert view.kept_words == (
        "Kept to the plan on 9 of 11 counted days with something logged (by the doses logged); 1 more "
        "had nothing logged. On 2 days, the kratom logged was more than the plan's grams a day. The result "
        "compares the plan's options as randomised, so days off the plan pull the difference towards zero."
    )


def test_the_words_show_while_the_result_is_locked_and_say_so_far(alice, frozen_now) -> None:
    experiment = _plan(alice, frozen_now)
    a_day = _counted_days(alice, experiment, frozen_now, "A")[0]
    _dose(alice, frozen_now, a_day, 3.0)
    view = experiments.experiment_view(
        user=alice, uid=experiment.uid, now=frozen_now + timedelta(days=a_day + 1)
    )
    assert view.results_locked and view.result is None
    assert view.kept_words.startswith("Kept to the plan on 1 of 1 counted day so far")


def test_no_words_before_the_first_counted_day_is_over(alice, frozen_now) -> None:
    experiment = _plan(alice, frozen_now)
    assert experiments.experiment_view(user=alice, uid=experiment.uid, now=frozen_now).kept_words == ""


def test_counted_days_with_nothing_logged_say_so(alice, frozen_now) -> None:
    experiment = _plan(alice, frozen_now)
    view = experiments.experiment_view(user=alice, uid=experiment.uid, now=frozen_now + timedelta(days=2))
    assert [d.washout for d in view.days] == [True, False, False]
    assert view.kept_words.startswith("Nothing is logged on the 1 counted day so far (no dose, no check-in)")
