"""The experiment schedule (randomised within pairs, seeded, washout days) and its plain-words result."""

from datetime import date, timedelta

import numpy as np
import pytest

from speciosa.core.insights import experiment as ex

START = date(2026, 3, 2)


def test_the_default_plan_is_four_pairs_of_seven_day_blocks_with_three_washout_days() -> None:
    schedule = ex.make_schedule(START, seed=11)
    assert (schedule.block_days, schedule.pairs, schedule.washout_days) == (7, 4, 3)
    assert schedule.total_days == 56
    assert schedule.end == START + timedelta(days=55)
    assert all(schedule.order[i : i + 2] in ("AB", "BA") for i in range(0, 8, 2))


def test_the_order_within_each_pair_is_random_but_fixed_by_the_seed() -> None:
    orders = {ex.make_schedule(START, seed=seed).order for seed in range(40)}
    assert len(orders) > 4
    assert ex.make_schedule(START, seed=7).order == ex.make_schedule(START, seed=7).order
    stored = ex.make_schedule(START, seed=7).order
    assert ex.make_schedule(START, seed=999, order=stored).order == stored


def test_each_day_has_its_option_and_the_first_days_of_a_block_are_washout() -> None:
    schedule = ex.make_schedule(START, seed=3)
    first = ex.day_plan(schedule, START)
    fourth = ex.day_plan(schedule, START + timedelta(days=3))
    eighth = ex.day_plan(schedule, START + timedelta(days=7))
    assert first is not None and first.washout and first.day_number == 1
    assert fourth is not None and not fourth.washout and fourth.block.option == schedule.order[0]
    assert eighth is not None and eighth.washout and eighth.block.option == schedule.order[1]
    assert ex.day_plan(schedule, START - timedelta(days=1)) is None
    assert ex.day_plan(schedule, schedule.end + timedelta(days=1)) is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"block_days": 2}, "block length"), ({"pairs": 1}, "pairs"), ({"washout_days": 6}, "washout")],
)
def test_plans_that_cannot_be_analysed_are_refused(kwargs: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ex.make_schedule(START, seed=1, **kwargs)


def _scores(schedule: ex.Schedule, effect_b: float, seed: int) -> dict[date, float]:
    rng = np.random.default_rng(seed)
    out, e = {}, 0.0
    for offset in range(schedule.total_days):
        day = START + timedelta(days=offset)
        plan = ex.day_plan(schedule, day)
        assert plan is not None
        e = 0.7 * e + rng.normal(0, 1.5 * np.sqrt(1 - 0.49))
        out[day] = 6 + (effect_b if plan.block.option == "B" else 0.0) + e
    return out


def test_washout_days_are_left_out_of_the_analysis() -> None:
    schedule = ex.make_schedule(START, seed=5)
    result = ex.analyse_days(schedule, _scores(schedule, 0.0, seed=1))
    assert result.days_a == result.days_b == 16
    assert result.posterior is not None and result.posterior.n == 32


def test_a_clear_difference_is_told_in_plain_words_with_its_interval_and_chance() -> None:
    schedule = ex.make_schedule(START, seed=5)
    result = ex.analyse_days(schedule, _scores(schedule, -4.0, seed=2))
    assert result.better == "B"
    assert result.prob_important > 0.9
    assert "B likely lowered the score by a clinically important amount" in result.verdict
    assert "95% credible interval" in result.verdict


def test_few_scored_days_say_not_enough_instead_of_a_result() -> None:
    schedule = ex.make_schedule(START, seed=5)
    scores = dict(list(_scores(schedule, 0.0, seed=3).items())[:9])
    result = ex.analyse_days(schedule, scores)
    assert result.posterior is None
    assert result.verdict.startswith("Not enough scored days yet")


def test_ending_early_analyses_only_the_days_up_to_the_end() -> None:
    schedule = ex.make_schedule(START, seed=5)
    result = ex.analyse_days(schedule, _scores(schedule, 0.0, seed=4), until=START + timedelta(days=27))
    assert result.days_a + result.days_b == 16
