"""A taper's steps: each about a tenth (or a twentieth) of the current amount lower, rounded to what
the person measures, held a week, split into whole units, slower after more than a year of daily use."""

from __future__ import annotations

import pytest

from speciosa.core.taper.schedule import PlanSpec, plan_steps, split, total_days, units


def _steps(start: float, pace: str = "standard", **values):
    values.setdefault("measure_grams", 0.25)
    return plan_steps(PlanSpec.of_pace(pace, start_grams=start, **values))


def test_fifteen_grams_at_the_standard_pace_goes_down_about_a_tenth_a_step_to_nothing():
    steps = _steps(15.0)
    assert [s.grams for s in steps[:4]] == [13.5, 12.25, 11.0, 10.0]
    assert steps[-1].grams == 0.0
    assert all(s.hold_days == 7 for s in steps)
    assert [s.number for s in steps] == list(range(1, len(steps) + 1))
    assert total_days(steps) == 7 * len(steps)


@pytest.mark.parametrize("start", [15.0, 7.3, 3.0, 42.0, 1.0])
@pytest.mark.parametrize("measure", [0.1, 0.25, 0.5])
def test_every_step_is_at_least_one_unit_lower_and_a_whole_number_of_units(start, measure):
    steps = _steps(start, measure_grams=measure)
    amounts = [units(start, measure) * measure, *(s.grams for s in steps)]
    for before, after in zip(amounts, amounts[1:], strict=False):
        assert before - after >= measure - 1e-9
        assert abs(after / measure - round(after / measure)) < 1e-6
    assert steps[-1].grams == 0.0


def test_the_gentle_pace_cuts_about_half_as_much_and_takes_about_twice_as_many_steps():
    gentle, standard = _steps(15.0, "gentle"), _steps(15.0)
    assert [s.grams for s in gentle[:3]] == [14.25, 13.5, 12.75]
    assert all(s.cut_percent <= 7 for s in gentle if s.grams >= 5)
    assert len(gentle) > 1.5 * len(standard)


def test_a_half_gram_scale_rounds_to_half_grams_and_a_tenth_gram_scale_to_tenths():
    assert [s.grams for s in _steps(15.0, measure_grams=0.5)[:3]] == [13.5, 12.0, 11.0]
    assert [s.grams for s in _steps(15.0, measure_grams=0.1)[:3]] == [13.5, 12.2, 11.0]


def test_a_teaspoon_measure_counts_in_quarters_of_the_persons_own_teaspoon():
    quarter = 2.2 * 0.25  # a 2.2 g level teaspoon
    steps = _steps(8.8, measure_grams=quarter)  # 4 teaspoons: 16 quarters
    assert units(steps[0].grams, quarter) == 14  # 16 - round(1.6)
    assert all(abs(s.grams / quarter - round(s.grams / quarter)) < 1e-6 for s in steps)


def test_a_plan_can_stop_above_zero():
    steps = _steps(15.0, target_grams=5.0)
    assert steps[-1].grams == 5.0
    assert min(s.grams for s in steps) == 5.0


def test_each_days_target_is_split_into_the_persons_doses_in_whole_units_larger_first():
    steps = _steps(15.0, doses_per_day=3)
    assert steps[1].grams == 12.25
    assert steps[1].doses == (4.25, 4.0, 4.0)
    assert all(abs(sum(s.doses) - s.grams) < 1e-6 for s in steps)
    assert split(2, 4) == (1, 1)  # fewer doses than asked when there are fewer units
    assert steps[-1].doses == ()


def test_after_more_than_a_year_of_daily_use_ten_percent_steps_are_held_four_weeks():
    steps = _steps(15.0, long_term=True)
    assert steps[0].grams == 13.5 and steps[0].hold_days == 28
    for step in steps:
        assert 7 <= step.hold_days <= 28
        if not step.over_monthly_cap:  # no 28 days lower the amount by more than about 10%
            assert step.cut_percent * 28 / step.hold_days <= 10.05  # cut_percent is rounded to 0.1


def test_small_last_steps_of_a_long_term_plan_are_flagged_over_the_monthly_cap_and_nothing_else_is():
    steps = _steps(15.0, long_term=True)
    flagged = [s for s in steps if s.over_monthly_cap]
    assert flagged, "the last quarter-gram steps are more than 10% each"
    assert all(s.cut_percent > 10 and s.hold_days == 28 for s in flagged)
    assert all(s.grams <= 2.0 for s in flagged)
    assert not any(s.over_monthly_cap for s in _steps(15.0))  # only long-term plans have the cap


def test_a_tiny_starting_amount_still_makes_a_plan_that_ends():
    assert [s.grams for s in _steps(0.5)] == [0.25, 0.0]
    assert [s.grams for s in _steps(0.25)] == [0.0]
    assert _steps(0.1) == ()  # less than half a unit rounds to nothing (the journal refuses it)
