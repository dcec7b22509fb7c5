"""Experiments travel in the journal document: an export imported into a fresh account shows the same
plan, schedule and result; a bad experiment refuses the whole import naming its field; and deleting
an experiment leaves the journal's entries as they were."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import time_machine

from speciosa.core.errors import InvalidInput, NotFound
from speciosa.journal import experiments, services, transfer
from speciosa.journal import models as m

TODAY = date(2026, 3, 7)  # the frozen now's day in New York


def _journal_with_an_experiment(user, now):
    """Two weeks at 4 g a day, a kratom experiment (3 g against no kratom) with daily PEG check-ins,
    ended early on its 20th day."""
    for back in range(1, 15):
        services.dose_create(user=user, amount=4, taken_at=now - timedelta(days=back), now=now)
    experiment = experiments.experiment_plan(
        user=user,
        question="Does 3 g ease my knee more than none?",
        a_kind="kratom",
        a_label="Green Malay",
        a_grams=3.0,
        b_kind="none",
        b_label="No kratom",
        start_on=TODAY,
        seed=7,
        now=now,
    )
    for day in range(20):
        at = now + timedelta(days=day)
        score = 3 + day % 4
        values = {"at": at, "peg_pain": score, "peg_enjoyment": score, "peg_activity": score}
        services.entry_create(user=user, kind="checkins", values=values, now=at)
    later = now + timedelta(days=19)
    experiments.experiment_end_early(user=user, uid=experiment.uid, now=later)
    return experiment, later


def _experiment_json(**changes):
    values = {
        "uid": "00000000-0000-4000-8000-0000000000e1",
        "question": "Walk or rest?",
        "a_kind": "therapy",
        "a_label": "Walking",
        "b_kind": "none",
        "b_label": "Rest",
        "start_on": "2026-02-01",
        "block_days": 7,
        "pairs": 4,
        "washout_days": 3,
        "seed": 5,
        "order": "ABBAABBA",
    }
    return {**values, **changes}


def _document(*experiment_list):
    dose = {
        "uid": "00000000-0000-4000-8000-000000000d01",
        "taken_at": "2026-03-01T08:00:00Z",
        "grams": 3,
        "amount": 3,
    }
    return json.dumps(
        {"format": "speciosa-journal", "version": 1, "doses": [dose], "experiments": list(experiment_list)}
    ).encode()


def test_an_exported_experiment_imports_into_a_fresh_account_with_the_same_schedule_and_result(
    alice, bob, frozen_now
):
    experiment, later = _journal_with_an_experiment(alice, frozen_now)
    exported = transfer.journal_export_json(user=alice, now=later)
    report = transfer.import_file(user=bob, content=exported, now=later)
    assert report.added["experiments"] == 1
    assert (
        json.loads(transfer.journal_export_json(user=bob, now=later))["experiments"]
        == json.loads(exported)["experiments"]
    )
    with time_machine.travel(later + timedelta(days=1), tick=False):
        mine = experiments.experiment_view(user=alice, uid=experiment.uid)
        theirs = experiments.experiment_view(user=bob, uid=experiment.uid)
    assert theirs.state == mine.state == "ended early"
    assert theirs.schedule == mine.schedule and theirs.days == mine.days
    assert theirs.result is not None and theirs.result == mine.result
    again = transfer.import_file(user=bob, content=exported, now=later)
    assert again.added.get("experiments") == 0 and again.already_present["experiments"] == 1


def test_the_streamed_export_and_the_document_hold_the_same_experiments(alice, frozen_now):
    _journal_with_an_experiment(alice, frozen_now)
    document = transfer.journal_export(user=alice, now=frozen_now)
    streamed = json.loads(transfer.journal_export_json(user=alice, now=frozen_now))
    assert streamed["experiments"] == document.model_dump(mode="json")["experiments"]
    assert streamed["experiments"][0]["ended"] == "early" and streamed["experiments"][0]["usual_grams"] == 4.0


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"pairs": 1}, "experiments[0].pairs", "greater than or equal to 2"),
        ({"order": "ABBA"}, "experiments[0].order", "one AB or BA for each of the 4 pairs"),
        ({"order": "AABBAABB"}, "experiments[0].order", "should match pattern"),
        ({"washout_days": 6}, "experiments[0].washout_days", "at least 2 measured days"),
        ({"a_grams": 2}, "experiments[0].a_grams", "only for a kratom option"),
        ({"a_kind": "kratom", "usual_grams": 3}, "experiments[0].a_grams", "required for a kratom option"),
        (
            {"a_kind": "kratom", "a_grams": 5, "usual_grams": 3},
            "experiments[0].usual_grams",
            "never plans more kratom than the recent usual amount",
        ),
        ({"ended": "early"}, "experiments[0].ended_on", "given exactly when `ended` is early"),
        ({"ended": "early", "ended_on": "2026-01-01"}, "experiments[0].ended_on", "before start_on"),
        ({"question": ""}, "experiments[0].question", "at least 1 character"),
        ({"b_kind": "pills"}, "experiments[0].b_kind", "'kratom', 'therapy' or 'none'"),
    ],
)
def test_a_bad_experiment_refuses_the_whole_import_naming_its_field(alice, frozen_now, changes, field, words):
    with pytest.raises(InvalidInput) as refused:
        transfer.import_file(user=alice, content=_document(_experiment_json(**changes)), now=frozen_now)
    problems = {e.field: e.message for e in refused.value.errors}
    assert words in problems[field], problems
    assert (
        not m.Dose.objects.filter(user=alice).exists()
        and not m.Experiment.objects.filter(user=alice).exists()
    )


def test_an_experiment_twice_in_one_file_is_refused(alice, frozen_now):
    with pytest.raises(InvalidInput) as refused:
        transfer.import_file(
            user=alice, content=_document(_experiment_json(), _experiment_json()), now=frozen_now
        )
    assert {e.field: e.message for e in refused.value.errors} == {
        "experiments[1].uid": "appears twice in this file"
    }


def test_a_hand_written_experiment_without_its_planning_time_imports_as_planned_at_the_import(
    alice, frozen_now
):
    report = transfer.import_file(user=alice, content=_document(_experiment_json()), now=frozen_now)
    assert report.added == {"doses": 1, "experiments": 1}
    (view,) = experiments.experiment_views(user=alice, now=frozen_now)
    assert view.experiment.created_at == frozen_now and view.schedule.order == "ABBAABBA"
    assert view.state == "running" and view.schedule.end == date(2026, 3, 28)


def test_a_document_from_before_experiments_still_imports(alice, frozen_now):
    old = json.loads(_document())
    del old["experiments"]
    report = transfer.import_file(user=alice, content=json.dumps(old).encode(), now=frozen_now)
    assert report.added == {"doses": 1} and experiments.experiment_list(user=alice) == []


def test_deleting_an_experiment_keeps_every_dose_and_check_in(alice, frozen_now):
    experiment, _ = _journal_with_an_experiment(alice, frozen_now)
    doses, checkins = m.Dose.objects.filter(user=alice).count(), m.CheckIn.objects.filter(user=alice).count()
    experiments.experiment_delete(user=alice, uid=experiment.uid)
    assert experiments.experiment_list(user=alice) == []
    assert m.Dose.objects.filter(user=alice).count() == doses == 14
    assert m.CheckIn.objects.filter(user=alice).count() == checkins == 20


def test_another_person_cannot_delete_an_experiment(alice, bob, frozen_now):
    experiment, _ = _journal_with_an_experiment(alice, frozen_now)
    with pytest.raises(NotFound):
        experiments.experiment_delete(user=bob, uid=experiment.uid)
    assert experiments.experiment_list(user=alice) == [experiment]
