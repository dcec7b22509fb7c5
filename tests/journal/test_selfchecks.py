"""Self-checks are journal entries: stored with their answers, scored on reading, each bad answer named
by its place, listed newest first per questionnaire, scoped to their owner, and deleted and undone like
any entry."""

from __future__ import annotations

from datetime import timedelta

import pytest

from speciosa.core.errors import InvalidInput
from speciosa.journal import selfchecks, services


def test_a_sows_is_stored_with_its_answers_and_read_back_with_its_total(alice, frozen_now):
    check = selfchecks.selfcheck_create(user=alice, instrument="sows", answers=[1, 2] * 8, now=frozen_now)
    assert check.result.total == 24 and check.result.band == ""
    assert check.entry.answers == [1, 2] * 8 and check.at == frozen_now
    assert selfchecks.selfcheck_latest(user=alice, instrument="sows").entry == check.entry


def test_the_dsm5_self_check_has_its_band(alice, frozen_now):
    check = selfchecks.selfcheck_create(
        user=alice, instrument="dsm5", answers=[1] * 7 + [0] * 4, now=frozen_now
    )
    assert check.result.total == 7 and check.result.band == "Severe"


@pytest.mark.parametrize(
    ("instrument", "answers", "field"),
    [
        ("sows", [0, 0, 0, 9] + [0] * 12, "answers[3]"),
        ("sows", [0] * 15, "answers"),
        ("dsm5", [0] * 10 + [2], "answers[10]"),
        ("phq9", [0] * 9, "instrument"),
    ],
)
def test_bad_answers_are_refused_naming_their_place(alice, frozen_now, instrument, answers, field):
    with pytest.raises(InvalidInput) as excinfo:
        selfchecks.selfcheck_create(user=alice, instrument=instrument, answers=answers, now=frozen_now)
    assert any(e.field.endswith(field) for e in excinfo.value.errors), excinfo.value.errors
    assert selfchecks.selfcheck_latest(user=alice, instrument="sows") is None


def test_a_time_in_the_future_is_refused(alice, frozen_now):
    with pytest.raises(InvalidInput) as excinfo:
        selfchecks.selfcheck_create(
            user=alice,
            instrument="sows",
            answers=[0] * 16,
            at=frozen_now + timedelta(hours=1),
            now=frozen_now,
        )
    assert excinfo.value.errors[0].field == "at"


def test_scores_are_listed_newest_first_by_day_in_local_time_and_only_the_owners(alice, bob, frozen_now):
    for back, level in ((3, 0), (2, 1), (1, 2)):
        at = frozen_now - timedelta(days=back)
        selfchecks.selfcheck_create(
            user=alice, instrument="sows", answers=[level] * 16, at=at, now=frozen_now
        )
    selfchecks.selfcheck_create(user=bob, instrument="sows", answers=[4] * 16, now=frozen_now)
    assert [c.result.total for c in selfchecks.selfcheck_list(user=alice, instrument="sows")] == [32, 16, 0]
    by_day = selfchecks.sows_by_day(user=alice)
    assert [total for _, total in by_day] == [0, 16, 32]
    assert str(by_day[0][0].tzinfo) == "America/New_York"
    assert selfchecks.selfcheck_list(user=alice, instrument="dsm5") == []


def test_a_self_check_is_deleted_and_undone_like_any_entry(alice, frozen_now):
    check = selfchecks.selfcheck_create(user=alice, instrument="sows", answers=[1] * 16, now=frozen_now)
    change = services.entry_delete(user=alice, kind="selfchecks", uid=check.entry.uid)
    assert selfchecks.selfcheck_latest(user=alice, instrument="sows") is None
    services.change_undo(user=alice, change_id=change.id)
    assert selfchecks.selfcheck_latest(user=alice, instrument="sows").result.total == 16


def test_the_form_lists_the_questionnaires_items_and_answers():
    assert len(selfchecks.form_of("sows").items) == 16 and len(selfchecks.form_of("dsm5").items) == 11


def test_a_yes_or_no_sent_as_true_or_false_is_not_taken_for_an_answer(alice, frozen_now):
    check = selfchecks.selfcheck_create(user=alice, instrument="dsm5", answers=[0] * 11, now=frozen_now)
    with pytest.raises(InvalidInput) as refused:
        services.entry_update(
            user=alice,
            kind="selfchecks",
            uid=check.entry.uid,
            values={"answers": [True] * 11},
            now=frozen_now,
        )
    assert refused.value.errors[0].field == "answers[0]"
    assert selfchecks.selfcheck_latest(user=alice, instrument="dsm5").entry.answers == [0] * 11
