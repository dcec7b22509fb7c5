"""Following a taper day by day: steps advance only on done days, pauses (the person's, a bad day, a
sharp rise in the withdrawal score) stop the count and say why, holds and slows stretch the plan, and
days over the target are counted plainly."""

from __future__ import annotations

from datetime import date, timedelta

from speciosa.core.taper import follow as tf
from speciosa.core.taper.schedule import PlanSpec

START = date(2026, 3, 2)
SPEC = PlanSpec.of_pace("standard", start_grams=15.0, measure_grams=0.25, doses_per_day=3)


def day(n: int) -> date:
    return START + timedelta(days=n)


def _follow(today: int, events=(), scores=(), logged=None, spec=SPEC):
    return tf.follow(spec, start_on=START, today=day(today), events=events, scores=scores, logged=logged)


def test_a_step_advances_only_when_its_seven_days_are_done():
    last_day_of_first = _follow(6)
    assert last_day_of_first.state == "running"
    assert last_day_of_first.target_today == 13.5
    assert last_day_of_first.day_in_step == 7 and last_day_of_first.days_left_in_step == 0
    first_day_of_second = _follow(7)
    assert first_day_of_second.target_today == 12.25
    assert first_day_of_second.day_in_step == 1
    assert first_day_of_second.steps[0].status == "done"
    assert first_day_of_second.steps[0].end == day(6)
    assert first_day_of_second.current.start == day(7) and first_day_of_second.current.end == day(13)
    assert [d.grams for d in first_day_of_second.days] == [13.5] * 7 + [12.25]


def test_paused_days_do_not_count_towards_the_step_and_the_target_stays():
    events = [tf.Event(day(3), "pause", note="moving house"), tf.Event(day(6), "resume")]
    paused = _follow(5, events)
    assert paused.state == "paused"
    assert paused.target_today == 13.5
    assert paused.pause_reason == "You paused the plan: moving house"
    assert not paused.auto_paused
    resumed = _follow(9, events)
    assert resumed.state == "running"
    assert resumed.target_today == 13.5  # 3 paused days: the first step ends on day 9
    assert _follow(10, events).target_today == 12.25
    assert resumed.pauses == ((day(3), day(5), "You paused the plan: moving house"),)
    assert sum(d.paused for d in resumed.days) == 3


def _sows(*pairs):
    return [tf.Score(day(n), total) for n, total in pairs]


def test_a_sharp_rise_in_the_withdrawal_score_pauses_the_plan_and_says_why():
    scores = _sows((1, 6), (3, 4), (8, 16))  # 12 above the lowest of the 7 days before
    progress = _follow(9, scores=scores)
    assert progress.state == "paused" and progress.auto_paused
    assert progress.paused_since == day(8)
    assert "rose from 4 to 16 (SOWS)" in progress.pause_reason
    assert progress.target_today == 12.25  # the step it was on, never lower


def test_a_rise_of_eleven_points_or_a_rise_over_a_score_more_than_seven_days_old_does_not_pause():
    assert _follow(9, scores=_sows((3, 5), (8, 16))).state == "running"
    assert _follow(12, scores=_sows((1, 2), (9, 14), (10, 14))).state == "running"  # day 1 is 8+ days back


def test_resume_goes_on_and_a_rise_before_the_resume_day_does_not_pause_it_again():
    scores = _sows((1, 3), (8, 20), (10, 21))
    events = [tf.Event(day(10), "resume")]
    progress = _follow(14, events=events, scores=scores)
    assert progress.state == "running"
    assert progress.pauses[0][:2] == (day(8), day(9))
    assert _follow(14, events=events, scores=[*scores, tf.Score(day(13), 33)]).state == "paused"


def test_marking_a_bad_day_pauses_the_plan_until_resumed():
    progress = _follow(4, events=[tf.Event(day(4), "bad_day", note="flare")])
    assert progress.state == "paused" and progress.auto_paused
    assert progress.pause_reason.endswith("a bad day: flare")


def test_hold_adds_days_to_the_current_step():
    held = _follow(10, events=[tf.Event(day(2), "hold", days=7)])
    assert held.target_today == 13.5
    assert held.steps[0].step.hold_days == 14
    assert _follow(14, events=[tf.Event(day(2), "hold", days=7)]).target_today == 12.25
    default = _follow(10, events=[tf.Event(day(2), "hold")])
    assert default.steps[0].step.hold_days == 14


def test_slow_replans_the_rest_at_the_gentle_pace_and_again_adds_a_week_a_step():
    slowed = _follow(8, events=[tf.Event(day(8), "slow")])
    assert slowed.target_today == 12.25
    ahead = [s.step for s in slowed.steps if s.status == "ahead"]
    assert ahead[0].grams == 11.75 and ahead[0].hold_days == 7  # 5% of 49 units: 2 units
    assert all(s.cut_percent <= 7 for s in ahead if s.grams >= 5)
    twice = _follow(9, events=[tf.Event(day(8), "slow"), tf.Event(day(9), "slow")])
    assert [s.step.grams for s in twice.steps] == [s.step.grams for s in slowed.steps]
    assert all(s.step.hold_days == 14 for s in twice.steps if s.status == "ahead")


def test_a_gentle_plan_slowed_holds_each_step_a_week_longer():
    gentle = PlanSpec.of_pace("gentle", start_grams=15.0, measure_grams=0.25)
    slowed = _follow(3, events=[tf.Event(day(3), "slow")], spec=gentle)
    assert all(s.step.hold_days == 14 for s in slowed.steps if s.status == "ahead")


def test_ending_a_plan_stops_it_and_a_plan_finishes_after_its_last_step():
    ended = _follow(20, events=[tf.Event(day(12), "end")])
    assert ended.state == "ended" and ended.ended_on == day(12)
    assert ended.target_today is None
    assert len(ended.days) == 12
    finished = _follow(400)
    assert finished.state == "finished" and finished.target_today is None
    assert finished.finish_on == START + timedelta(days=7 * len(finished.steps) - 1)
    assert finished.steps[-1].step.grams == 0.0 and finished.steps[-1].status == "done"


def test_days_over_the_target_count_only_beyond_the_ten_percent_margin_and_not_today():
    logged = {day(0): 14.85, day(1): 14.9, day(2): 20.0, day(3): 13.0, day(4): 30.0}
    progress = _follow(4, logged=logged)
    assert [d.over for d in progress.days] == [False, True, True, False, False]  # 13.5 × 1.1 = 14.85
    assert progress.over_days == 2
    assert tf.is_over(0.25, 0.0) and not tf.is_over(None, 0.0) and not tf.is_over(0.0, 0.0)


def test_a_plan_starting_later_is_planned_with_its_steps_dated_from_its_start():
    progress = _follow(-3)
    assert progress.state == "planned" and progress.target_today is None
    assert progress.days == ()
    assert progress.steps[0].start == START and progress.steps[0].end == day(6)
    assert all(s.status == "ahead" for s in progress.steps)


def test_the_projection_moves_with_each_pause():
    plain = _follow(5)
    paused = _follow(5, events=[tf.Event(day(2), "pause")])
    assert paused.finish_on == plain.finish_on + timedelta(days=4)
