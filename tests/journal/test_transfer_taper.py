"""Taper plans and self-checks travel in the journal document: an export imported into a fresh account
shows the same plans, events, scores and progress; a plan already present is skipped by uid; a bad plan
or a plan twice refuses the whole import naming its field; self-checks go through CSV and back."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from speciosa.core.errors import InvalidInput
from speciosa.journal import models as m
from speciosa.journal import selfchecks, services, taper, transfer

TODAY = date(2026, 3, 7)  # the frozen now's day in New York


def _journal_with_a_taper(user, now):
    """Two weeks at 12 g a day, a plan from today, doses on its target, a SOWS every other day (one that
    rises sharply on day 9, pausing it), resumed on day 11 and held a week on day 12."""
    for back in range(1, 15):
        services.dose_create(user=user, amount=12, taken_at=now - timedelta(days=back), now=now)
    plan = taper.taper_plan(user=user, measure_grams=0.25, now=now)
    for day in range(14):
        at = now + timedelta(days=day)
        view = taper.taper_view(user=user, uid=plan.uid, now=at)
        services.dose_create(user=user, amount=view.target_today, taken_at=at, now=at)
        if day % 2 == 1:
            level = 1 if day == 9 else 0
            selfchecks.selfcheck_create(user=user, instrument="sows", answers=[level] * 16, now=at)
        if day == 11:
            taper.taper_act(user=user, uid=plan.uid, action="resume", note="feeling steadier", now=at)
        if day == 12:
            taper.taper_act(user=user, uid=plan.uid, action="hold", days=7, now=at)
    selfchecks.selfcheck_create(user=user, instrument="dsm5", answers=[1] * 5 + [0] * 6, now=now)
    return plan, now + timedelta(days=13)


def test_an_exported_taper_imports_into_a_fresh_account_with_the_same_events_scores_and_progress(
    alice, frozen_now
):
    bob = services.account_create(username="carol", password="correct horse battery")  # a fresh account
    plan, later = _journal_with_a_taper(alice, frozen_now)
    mine = taper.taper_view(user=alice, uid=plan.uid, now=later)
    assert [e.kind for e in plan.events.all()] == ["resume", "hold"]
    assert mine.progress.pauses and mine.state == "running"
    exported = transfer.journal_export_json(user=alice, now=later)
    report = transfer.import_file(user=bob, content=exported, now=later)
    assert report.profile_updated  # New York, so the same local days
    assert report.added["tapers"] == 1 and report.added["selfchecks"] == 8
    theirs = taper.taper_view(user=bob, uid=plan.uid, now=later)
    assert theirs.progress == mine.progress
    assert theirs.state == mine.state and theirs.target_today == mine.target_today
    assert [(e.day, e.kind, e.days, e.note) for e in theirs.plan.events.all()] == [
        (e.day, e.kind, e.days, e.note) for e in plan.events.all()
    ]
    assert selfchecks.selfcheck_latest(user=bob, instrument="dsm5").result.total == 5
    assert [t for _, t in selfchecks.sows_by_day(user=bob)] == [
        t for _, t in selfchecks.sows_by_day(user=alice)
    ]
    assert (
        json.loads(transfer.journal_export_json(user=bob, now=later))["tapers"]
        == json.loads(exported)["tapers"]
    )
    again = transfer.import_file(user=bob, content=exported, now=later)
    assert again.added["tapers"] == 0 and again.already_present["tapers"] == 1
    assert m.TaperEvent.objects.filter(plan__user=bob).count() == 2


def test_the_streamed_export_and_the_document_hold_the_same_tapers(alice, frozen_now):
    _journal_with_a_taper(alice, frozen_now)
    document = transfer.journal_export(user=alice, now=frozen_now)
    streamed = json.loads(transfer.journal_export_json(user=alice, now=frozen_now))
    assert streamed["tapers"] == document.model_dump(mode="json")["tapers"]
    assert streamed["tapers"][0]["events"][0]["note"] == "feeling steadier"
    assert streamed["selfchecks"] == document.model_dump(mode="json")["selfchecks"]


def _taper_json(**changes):
    values = {
        "uid": "00000000-0000-4000-8000-0000000000a1",
        "start_on": "2026-02-01",
        "start_grams": 12.0,
        "percent": 10,
        "hold_days": 7,
        "measure_grams": 0.25,
        "doses_per_day": 3,
        "events": [{"day": "2026-02-10", "kind": "pause", "note": "flu"}],
    }
    return {**values, **changes}


def _document(*tapers, selfchecks_=()):
    return json.dumps(
        {"format": "speciosa-journal", "version": 1, "tapers": list(tapers), "selfchecks": list(selfchecks_)}
    ).encode()


def test_a_taper_written_by_hand_imports_with_its_events_and_replays(alice, frozen_now):
    transfer.import_file(user=alice, content=_document(_taper_json()), now=frozen_now)
    view = taper.taper_view(user=alice, uid="00000000-0000-4000-8000-0000000000a1", now=frozen_now)
    assert view.state == "paused" and view.progress.paused_since == date(2026, 2, 10)
    assert view.plan.events.get().at == frozen_now  # no time given: when imported


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"percent": 60}, "tapers[0].percent", "less than 50"),
        ({"hold_days": 3}, "tapers[0].hold_days", "greater than or equal to 7"),
        ({"target_grams": 12.0}, "tapers[0].target_grams", "a taper goes down"),
        ({"measure": "cup"}, "tapers[0].measure", "'g' or 'tsp'"),
        ({"events": [{"day": "2026-02-10", "kind": "skip"}]}, "tapers[0].events[0].kind", "'pause'"),
        ({"events": [{"day": "2026-02-10", "kind": "hold", "days": 40}]}, "tapers[0].events[0].days", "28"),
    ],
)
def test_a_bad_taper_refuses_the_whole_import_naming_its_field(alice, frozen_now, changes, field, words):
    sows = {"uid": "00000000-0000-4000-8000-0000000000b1", "at": "2026-03-01T08:00:00Z", "instrument": "sows"}
    content = _document(_taper_json(**changes), selfchecks_=[{**sows, "answers": [0] * 16}])
    with pytest.raises(InvalidInput) as refused:
        transfer.import_file(user=alice, content=content, now=frozen_now)
    problems = {e.field: e.message for e in refused.value.errors}
    assert words in problems[field], problems
    assert not m.TaperPlan.objects.filter(user=alice).exists() and not m.SelfCheck.objects.exists()


def test_a_taper_twice_in_one_file_is_refused(alice, frozen_now):
    with pytest.raises(InvalidInput) as refused:
        transfer.import_file(user=alice, content=_document(_taper_json(), _taper_json()), now=frozen_now)
    assert "tapers[1].uid" in {e.field for e in refused.value.errors}
    assert not m.TaperPlan.objects.exists()


def test_a_self_check_with_a_bad_answer_refuses_the_import_naming_its_place(alice, frozen_now):
    bad = {"uid": "00000000-0000-4000-8000-0000000000b1", "at": "2026-03-01T08:00:00Z", "instrument": "dsm5"}
    with pytest.raises(InvalidInput) as refused:
        transfer.import_file(user=alice, content=_document(selfchecks_=[{**bad, "answers": [0] * 10 + [3]}]))
    (problem,) = refused.value.errors
    assert problem.field == "selfchecks[0].answers" and "answers[10]" in problem.message


def test_self_checks_go_to_csv_with_their_answers_in_one_cell_and_come_back_unchanged(alice, bob, frozen_now):
    selfchecks.selfcheck_create(
        user=alice, instrument="sows", answers=list(range(5)) * 3 + [4], now=frozen_now
    )
    selfchecks.selfcheck_create(
        user=alice, instrument="dsm5", answers=[1, 0] * 5 + [1], note="=hm", now=frozen_now
    )
    original = transfer.journal_export(user=alice)
    csv_text = transfer.journal_export_csv(user=alice, kind="selfchecks", document=original)
    assert "0;1;2;3;4;0;1;2;3;4;0;1;2;3;4;4" in csv_text and "'=hm" in csv_text
    report = transfer.import_file(
        user=bob, content=csv_text.encode(), filename="selfchecks.csv", now=frozen_now
    )
    assert report.added["selfchecks"] == 2
    assert transfer.journal_export(user=bob).selfchecks == original.selfchecks


def test_a_csv_self_check_with_a_bad_answer_names_its_place(alice, frozen_now):
    selfchecks.selfcheck_create(user=alice, instrument="sows", answers=[1] * 16, now=frozen_now)
    csv_text = transfer.journal_export_csv(user=alice, kind="selfchecks").replace("1;1;1;1", "1;x;1;1", 1)
    with pytest.raises(InvalidInput) as refused:
        transfer.import_file(user=alice, content=csv_text.encode(), filename="selfchecks.csv", now=frozen_now)
    assert any(e.field.startswith("selfchecks[0].answers") for e in refused.value.errors), (
        refused.value.errors
    )


def test_a_document_without_tapers_or_self_checks_imports_as_before(alice, frozen_now):
    dose = {
        "uid": "00000000-0000-4000-8000-000000000d01",
        "taken_at": "2026-03-01T08:00:00Z",
        "grams": 3,
        "amount": 3,
    }
    content = json.dumps({"format": "speciosa-journal", "version": 1, "doses": [dose]}).encode()
    report = transfer.import_file(user=alice, content=content, now=frozen_now)
    assert report.added == {"doses": 1} and not m.TaperPlan.objects.exists()
