"""Planning an N-of-1 experiment: its safety checks, today's assignment, locked results, ending early,
and a red flag that stops it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from speciosa.core.errors import InvalidInput, NotFound
from speciosa.journal import experiments, services

TODAY = date(2026, 3, 7)  # the frozen now's day in New York


def _usual_days(user, grams: float = 4.0, days: int = 14, now=None) -> None:
    for back in range(1, days + 1):
        services.dose_create(user=user, amount=grams, taken_at=now - timedelta(days=back), now=now)


def _plan(user, now, **changes):
    values = dict(
        question="Does 3 g ease my back more than physical therapy?",
        a_kind="kratom",
        a_label="Green Malay",
        a_grams=3.0,
        b_kind="therapy",
        b_label="Physical therapy",
        start_on=TODAY,
        seed=42,
        now=now,
    )
    values.update(changes)
    return experiments.experiment_plan(user=user, **values)


def _errors(excinfo) -> dict[str, str]:
    return {e.field: e.message for e in excinfo.value.errors}


def test_a_plan_stores_its_randomised_order_and_shows_todays_assignment(alice, frozen_now) -> None:
    _usual_days(alice, now=frozen_now)
    experiment = _plan(alice, frozen_now)
    assert len(experiment.order) == 8 and experiment.usual_grams == 4.0
    view = experiments.experiment_today(user=alice, now=frozen_now)
    assert view is not None and view.state == "running"
    assert view.today_plan is not None and view.today_plan.day_number == 1 and view.today_plan.washout
    assert view.today_plan.block.option == experiment.order[0]


def test_a_kratom_option_above_the_recent_usual_amount_is_refused(alice, frozen_now) -> None:
    _usual_days(alice, grams=4.0, now=frozen_now)
    with pytest.raises(InvalidInput) as excinfo:
        _plan(alice, frozen_now, a_grams=6.0)
    assert "more than your recent usual amount (4 g a day" in _errors(excinfo)["a_grams"]


def test_without_kratom_in_the_last_four_weeks_no_kratom_option_can_be_planned(alice, frozen_now) -> None:
    with pytest.raises(InvalidInput) as excinfo:
        _plan(alice, frozen_now)
    assert "no kratom is logged in the last 4 weeks" in _errors(excinfo)["a_grams"]


def test_kratom_is_not_planned_alongside_a_medication_with_an_interaction_warning(alice, frozen_now) -> None:
    _usual_days(alice, now=frozen_now)
    services.entry_create(user=alice, kind="medications", values={"name": "oxycodone"}, now=frozen_now)
    with pytest.raises(InvalidInput) as excinfo:
        _plan(alice, frozen_now)
    assert "oxycodone on your medication list has an interaction warning" in _errors(excinfo)["a_kind"]
    therapy_only = _plan(alice, frozen_now, a_kind="none", a_label="No kratom", a_grams=None)
    assert therapy_only.a_kind == "none"


def test_bad_fields_are_named_and_nothing_is_stored(alice, frozen_now) -> None:
    with pytest.raises(InvalidInput) as excinfo:
        _plan(alice, frozen_now, question=" ", a_kind="none", a_grams=None, b_label="", pairs=1)
    assert set(_errors(excinfo)) == {"question", "b_label", "pairs"}
    assert experiments.experiment_list(user=alice) == []


def test_results_are_locked_until_the_planned_end(alice, frozen_now) -> None:
    experiment = _plan(alice, frozen_now, a_kind="none", a_label="No kratom", a_grams=None)
    view = experiments.experiment_view(user=alice, uid=experiment.uid, now=frozen_now + timedelta(days=20))
    assert view.results_locked and view.result is None
    done = experiments.experiment_view(user=alice, uid=experiment.uid, now=frozen_now + timedelta(days=60))
    assert done.state == "finished" and not done.results_locked and done.result is not None


def test_ending_early_unlocks_the_results_marked_as_ended_early(alice, frozen_now) -> None:
    experiment = _plan(alice, frozen_now, a_kind="none", a_label="No kratom", a_grams=None)
    later = frozen_now + timedelta(days=10)
    experiments.experiment_end_early(user=alice, uid=experiment.uid, now=later)
    view = experiments.experiment_view(user=alice, uid=experiment.uid, now=later)
    assert view.state == "ended early" and not view.results_locked
    assert view.last_day == TODAY + timedelta(days=10)
    with pytest.raises(InvalidInput, match="already ended early"):
        experiments.experiment_end_early(user=alice, uid=experiment.uid, now=later)


def test_a_red_flag_during_the_experiment_stops_it_with_the_reason(alice, frozen_now) -> None:
    experiment = _plan(alice, frozen_now, a_kind="none", a_label="No kratom", a_grams=None)
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "side_effects": [{"code": "seizure", "severity": "severe"}]},
        now=frozen_now,
    )
    view = experiments.experiment_view(user=alice, uid=experiment.uid, now=frozen_now)
    assert view.state == "stopped" and view.stopped_on == TODAY
    assert view.stop_reason
    assert experiments.experiment_today(user=alice, now=frozen_now) is not None


def test_one_experiment_at_a_time_and_only_the_owner_sees_it(alice, bob, frozen_now) -> None:
    experiment = _plan(alice, frozen_now, a_kind="none", a_label="No kratom", a_grams=None)
    with pytest.raises(InvalidInput) as excinfo:
        _plan(alice, frozen_now, a_kind="none", a_label="No kratom", a_grams=None)
    assert "one experiment at a time" in _errors(excinfo)["start_on"]
    with pytest.raises(NotFound):
        experiments.experiment_view(user=bob, uid=experiment.uid)


def test_a_red_flag_logged_a_moment_after_another_write_stops_it_at_once(alice, frozen_now) -> None:
    experiment = _plan(alice, frozen_now, a_kind="none", a_label="No kratom", a_grams=None)
    services.entry_create(
        user=alice, kind="therapies", values={"at": frozen_now, "kind": "exercise", "minutes": 20}
    )
    services.entry_create(  # within the engine's 2 seconds: the stored findings are behind
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "side_effects": [{"code": "breathing_problems", "severity": "severe"}]},
        now=frozen_now,
    )
    view = experiments.experiment_view(user=alice, uid=experiment.uid, now=frozen_now)
    assert view.state == "stopped"
