"""Writes at the same moment, in real threads, on SQLite and on PostgreSQL: none is lost.

Each test releases its writes together (`threads.at_once`, tests.support.threads) on a database every thread
can open; the database makes one wait for the other, and the second starts from the first's result.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from speciosa.journal import models as m
from speciosa.journal import services, transfer
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 200
EARLIER = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def alice(shared_database):
    return services.account_create(username="alice", password=PASSWORD)


def test_two_edits_of_different_fields_of_one_dose_at_the_same_moment_both_survive(alice, threads):
    lost = []
    for round_ in range(ROUNDS):
        dose = services.dose_create(user=alice, amount=3, taken_at=EARLIER)
        note = f"round {round_}"
        threads.at_once(
            lambda uid=dose.uid, note=note: services.dose_update(user=alice, uid=uid, note=note),
            lambda uid=dose.uid: services.dose_update(user=alice, uid=uid, amount=5),
        )
        dose.refresh_from_db()
        if (dose.note, dose.amount, dose.grams, dose.version) != (note, 5, 5, 3):
            lost.append((round_, dose.note, dose.amount, dose.version))
    assert lost == []


def test_two_edits_of_different_fields_of_one_medication_at_the_same_moment_both_survive(alice, threads):
    lost = []
    for round_ in range(ROUNDS // 4):
        medication = services.entry_create(user=alice, kind="medications", values={"name": "Gabapentin"})
        threads.at_once(
            lambda uid=medication.uid: services.entry_update(
                user=alice, kind="medications", uid=uid, values={"schedule": "at night"}
            ),
            lambda uid=medication.uid: services.entry_update(
                user=alice, kind="medications", uid=uid, values={"purpose": "nerve pain"}
            ),
        )
        medication.refresh_from_db()
        if (medication.schedule, medication.purpose, medication.version) != ("at night", "nerve pain", 3):
            lost.append(round_)
    assert lost == []


def test_undoing_two_simultaneous_edits_gives_back_the_dose_as_it_was(alice, threads):
    dose = services.dose_create(user=alice, amount=3, taken_at=EARLIER, note="as logged")
    threads.at_once(
        lambda: services.dose_update(user=alice, uid=dose.uid, note="changed"),
        lambda: services.dose_update(user=alice, uid=dose.uid, amount=5),
    )
    services.change_undo(user=alice)
    services.change_undo(user=alice)
    dose.refresh_from_db()
    assert (dose.note, dose.amount, dose.grams) == ("as logged", 3, 3)
    assert dose.version == 5  # logged, two edits, two undos


def test_the_same_create_sent_twice_at_the_same_moment_stores_one_entry(alice, threads):
    for round_ in range(ROUNDS // 4):
        uid = f"00000000-0000-4000-8000-{round_:012d}"
        first, second = threads.at_once(
            lambda uid=uid: services.dose_create(user=alice, amount=3, taken_at=EARLIER, uid=uid),
            lambda uid=uid: services.dose_create(user=alice, amount=3, taken_at=EARLIER, uid=uid),
        )
        assert first.pk == second.pk
        assert sorted([first.already_stored, second.already_stored]) == [False, True]
    assert m.Dose.objects.filter(user=alice).count() == ROUNDS // 4


def test_the_same_file_imported_twice_at_the_same_moment_is_added_once_and_then_already_present(
    alice, threads
):
    for i in range(5):
        services.dose_create(user=alice, amount=3 + i, taken_at=EARLIER)
    services.entry_create(user=alice, kind="checkins", values={"at": EARLIER, "pain_now": 4})
    exported = transfer.journal_export_json(user=alice)
    bob = services.account_create(username="bob", password=PASSWORD)
    reports = threads.at_once(
        lambda: transfer.import_file(user=bob, content=exported),
        lambda: transfer.import_file(user=bob, content=exported),
    )
    added = sorted(report.added.get("doses", 0) for report in reports)
    present = sorted(report.already_present.get("doses", 0) for report in reports)
    assert (added, present) == ([0, 5], [0, 5])
    assert m.Dose.objects.filter(user=bob).count() == 5
    assert m.CheckIn.objects.filter(user=bob).count() == 1
