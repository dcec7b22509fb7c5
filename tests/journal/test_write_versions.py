"""Every entry has a version that each change raises; a change based on an older version is refused.
A create that names its own uid stores the entry once, however often it is sent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from speciosa.core.errors import InvalidInput, StaleEntry
from speciosa.journal import models as m
from speciosa.journal import services

UID = "6f1c2a43-9d0e-4b4e-9a55-0c1d2e3f4a5b"


def test_every_change_raises_the_version_an_undo_and_a_deletion_undone_too(alice, frozen_now):
    dose = services.dose_create(user=alice, amount=3)
    assert dose.version == 1
    assert services.dose_update(user=alice, uid=dose.uid, note="first").version == 2
    assert services.dose_update(user=alice, uid=dose.uid, amount=4).version == 3
    services.change_undo(user=alice)
    dose.refresh_from_db()
    assert (dose.amount, dose.note, dose.version) == (3, "first", 4)
    services.entry_delete(user=alice, kind="doses", uid=dose.uid)
    services.change_undo(user=alice)
    back = m.Dose.objects.get(user=alice, uid=dose.uid)
    assert (back.note, back.version) == ("first", 5)  # not 1 again: an ETag read before stays stale


@pytest.mark.parametrize("write", ["dose_update", "entry_update", "entry_delete"])
def test_a_change_based_on_an_older_version_is_refused_and_changes_nothing(alice, frozen_now, write):
    dose = services.dose_create(user=alice, amount=3, note="logged")
    services.dose_update(user=alice, uid=dose.uid, note="changed on the phone")
    changes = m.Change.objects.count()
    with pytest.raises(StaleEntry) as caught:
        if write == "dose_update":
            services.dose_update(user=alice, uid=dose.uid, expected_version=1, amount=5)
        elif write == "entry_update":
            services.entry_update(
                user=alice, kind="doses", uid=dose.uid, values={"amount": 5}, expected_version=1
            )
        else:
            services.entry_delete(user=alice, kind="doses", uid=dose.uid, expected_version=1)
    assert caught.value.status == 412 and caught.value.current_version == 2
    assert "changed elsewhere" in caught.value.errors[0].message
    dose.refresh_from_db()
    assert (dose.amount, dose.note, dose.version) == (3, "changed on the phone", 2)
    assert m.Change.objects.count() == changes


def test_a_change_based_on_the_current_version_is_saved(alice, frozen_now):
    medication = services.entry_create(user=alice, kind="medications", values={"name": "Gabapentin"})
    saved = services.entry_update(
        user=alice,
        kind="medications",
        uid=medication.uid,
        values={"schedule": "at night"},
        expected_version=1,
    )
    assert (saved.schedule, saved.version) == ("at night", 2)
    assert services.entry_delete(user=alice, kind="medications", uid=medication.uid, expected_version=2)


def test_an_edit_writes_only_the_fields_it_changes(alice, frozen_now):
    dose = services.dose_create(user=alice, amount=3)
    with CaptureQueriesContext(connection) as queries:
        services.dose_update(user=alice, uid=dose.uid, note="after lunch")
    (update,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    written = update.split(" SET ")[1].split(" WHERE ")[0]
    assert '"note"' in written and '"version"' in written
    assert '"grams"' not in written and '"amount"' not in written and '"taken_at"' not in written


# --- creates that name their own uid ----------------------------------------------------------


def test_a_dose_logged_again_with_its_uid_is_the_one_stored_the_first_time(alice, frozen_now):
    first = services.dose_create(user=alice, amount=3, uid=UID)
    changes = m.Change.objects.count()
    again = services.dose_create(user=alice, amount=4, uid=UID)
    assert not first.already_stored and again.already_stored
    assert (again.pk, again.amount) == (first.pk, 3)
    assert m.Dose.objects.filter(user=alice).count() == 1
    assert m.Change.objects.count() == changes


@pytest.mark.parametrize(
    ("kind", "values"),
    [
        ("products", {"name": "Maeng Da"}),
        ("checkins", {"pain_now": 4}),
        ("medications", {"name": "Gabapentin"}),
        ("substances", {"kind": "alcohol", "substance": "Wine", "standard_drinks": 1}),
        ("therapies", {"kind": "exercise", "minutes": 20}),
        ("labs", {"test": "ALT", "value": 30, "unit": "U/L"}),
    ],
)
def test_every_kind_created_again_with_its_uid_is_stored_once(alice, frozen_now, kind, values):
    if kind in {"checkins", "substances", "therapies"}:
        values = {**values, "at": frozen_now - timedelta(hours=1)}
    if kind == "labs":
        values = {**values, "taken_on": frozen_now.date()}
    first = services.entry_create(user=alice, kind=kind, values=values, uid=UID)
    again = services.entry_create(user=alice, kind=kind, values=values, uid=UID)
    assert str(first.uid) == UID and again.pk == first.pk and again.already_stored
    assert type(first).objects.filter(user=alice).count() == 1


def test_a_uid_another_person_used_gives_a_new_entry_of_ones_own_and_nothing_of_theirs(
    alice, bob, frozen_now
):
    alices = services.dose_create(user=alice, amount=3, note="alice's", uid=UID)
    bobs = services.dose_create(user=bob, amount=5, note="bob's", uid=UID)
    assert not bobs.already_stored and bobs.pk != alices.pk
    assert (bobs.user, bobs.amount, bobs.note) == (bob, 5, "bob's")
    alices.refresh_from_db()
    assert (alices.amount, alices.note) == (3, "alice's")


def test_a_uid_that_is_not_a_uuid_is_refused_naming_the_field(alice, frozen_now):
    with pytest.raises(InvalidInput) as caught:
        services.dose_create(user=alice, amount=3, uid="not-a-uuid")
    assert caught.value.errors[0].field == "uid"
    assert not m.Dose.objects.exists()


def test_repeating_the_last_dose_again_with_its_uid_logs_it_once(alice, frozen_now):
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=3))
    first = services.dose_repeat_last(user=alice, uid=UID)
    again = services.dose_repeat_last(user=alice, uid=UID)
    assert again.pk == first.pk and again.already_stored
    assert m.Dose.objects.filter(user=alice).count() == 2
