"""Writes through /api/v1 that never overwrite each other, and creates that a retry cannot double.

An entry's answer carries its version as an ETag; If-Match on PATCH and DELETE refuses (412) a change
based on an older version. A POST that names its own uid, or sends an Idempotency-Key, and is sent
again answers the entry already stored (200) instead of storing a second one.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from speciosa.core.journal_format import ENTRY_KINDS
from speciosa.journal import models as m
from speciosa.journal import services
from tests.api.conftest import call, errors_of, journal_snapshot

UID = "6f1c2a43-9d0e-4b4e-9a55-0c1d2e3f4a5b"


def new_entry(kind: str, moment) -> dict:
    """A valid body for creating one entry of `kind`."""
    earlier = (moment - timedelta(hours=1)).isoformat()
    return {
        "doses": {"amount": 3, "taken_at": earlier},
        "products": {"name": "Green Malay"},
        "checkins": {"at": earlier, "pain_now": 4},
        "medications": {"name": "Gabapentin"},
        "substances": {"at": earlier, "kind": "alcohol", "substance": "Wine", "standard_drinks": 1},
        "therapies": {"at": earlier, "kind": "exercise", "minutes": 20},
        "labs": {"taken_on": moment.date().isoformat(), "test": "ALT", "value": 30},
        "selfchecks": {"at": earlier, "instrument": "sows", "answers": [1] * 16},
    }[kind]


# --- versions ---------------------------------------------------------------------------------


def test_a_doses_answers_carry_its_version_as_the_etag(alice_client, frozen_now):
    created = call(alice_client, "post", "/doses", {"amount": 3})
    assert created.status_code == 201
    assert created["ETag"] == '"1"' and created.json()["version"] == 1
    uid = created.json()["uid"]
    assert call(alice_client, "get", f"/doses/{uid}")["ETag"] == '"1"'
    changed = call(alice_client, "patch", f"/doses/{uid}", {"note": "with food"}, **{"If-Match": '"1"'})
    assert changed.status_code == 200
    assert changed["ETag"] == '"2"' and changed.json()["version"] == 2
    assert call(alice_client, "get", "/doses").json()[0]["version"] == 2


@pytest.mark.parametrize("kind", ENTRY_KINDS)
def test_a_patch_based_on_an_older_version_is_refused_with_412_and_changes_nothing(
    alice, alice_journal, alice_client, kind
):
    path = f"/{kind}/{alice_journal.entry(kind).uid}"
    read = call(alice_client, "get", path)["ETag"]
    assert call(alice_client, "patch", path, {"note": "changed on the phone"}).status_code == 200
    before = journal_snapshot(alice)
    stale = call(alice_client, "patch", path, {"note": "changed on the laptop"}, **{"If-Match": read})
    assert stale.status_code == 412
    assert "changed elsewhere" in errors_of(stale)["If-Match"]
    assert stale["ETag"] == call(alice_client, "get", path)["ETag"] != read
    assert journal_snapshot(alice) == before
    again = call(
        alice_client, "patch", path, {"note": "changed on the laptop"}, **{"If-Match": stale["ETag"]}
    )
    assert again.status_code == 200 and again.json()["note"] == "changed on the laptop"


@pytest.mark.parametrize("kind", ["doses", "labs"])
def test_a_delete_based_on_an_older_version_is_refused_with_412_and_deletes_nothing(
    alice, alice_journal, alice_client, kind
):
    path = f"/{kind}/{alice_journal.entry(kind).uid}"
    read = call(alice_client, "get", path)["ETag"]
    call(alice_client, "patch", path, {"note": "changed on the phone"})
    refused = call(alice_client, "delete", path, **{"If-Match": read})
    assert refused.status_code == 412 and "If-Match" in errors_of(refused)
    assert call(alice_client, "get", path).json()["note"] == "changed on the phone"
    current = call(alice_client, "get", path)["ETag"]
    assert call(alice_client, "delete", path, **{"If-Match": current}).status_code == 200
    assert call(alice_client, "get", path).status_code == 404


def test_if_match_star_or_none_changes_whatever_is_stored_and_anything_else_is_refused(
    alice_journal, alice_client
):
    path = f"/doses/{alice_journal.dose.uid}"
    assert call(alice_client, "patch", path, {"note": "a"}, **{"If-Match": "*"}).status_code == 200
    assert call(alice_client, "patch", path, {"note": "b"}).status_code == 200
    for bad in ("2", 'W/"2"', '"two"', '"1", "2"'):
        response = call(alice_client, "patch", path, {"note": "c"}, **{"If-Match": bad})
        assert response.status_code == 400, bad
        assert "the ETag the entry was read with" in errors_of(response)["If-Match"]
    assert call(alice_client, "get", path).json()["note"] == "b"


def test_bob_with_a_version_of_alices_entry_still_gets_404(alice_journal, bob_client):
    path = f"/doses/{alice_journal.dose.uid}"
    response = call(bob_client, "patch", path, {"note": "bob was here"}, **{"If-Match": '"1"'})
    assert response.status_code == 404 and "ETag" not in response
    assert call(bob_client, "delete", path, **{"If-Match": '"1"'}).status_code == 404


# --- creates that a retry cannot double -------------------------------------------------------


@pytest.mark.parametrize("kind", ENTRY_KINDS)
def test_a_create_sent_again_with_its_uid_answers_the_entry_already_stored(
    alice, alice_client, frozen_now, kind
):
    body = {**new_entry(kind, frozen_now), "uid": UID}
    first = call(alice_client, "post", f"/{kind}", body)
    assert first.status_code == 201 and first.json()["uid"] == UID
    changes = m.Change.objects.filter(user=alice).count()
    again = call(alice_client, "post", f"/{kind}", body)
    assert again.status_code == 200
    assert again.json() == first.json() and again["ETag"] == first["ETag"]
    assert m.Change.objects.filter(user=alice).count() == changes
    assert [e["uid"] for e in call(alice_client, "get", f"/{kind}").json()] == [UID]


def test_a_retry_answers_the_dose_as_first_stored_even_if_its_body_differs(alice_client, frozen_now):
    call(alice_client, "post", "/doses", {"amount": 3, "uid": UID})
    again = call(alice_client, "post", "/doses", {"amount": 4, "uid": UID})
    assert again.status_code == 200 and again.json()["amount"] == 3
    assert len(call(alice_client, "get", "/doses").json()) == 1


def test_an_idempotency_key_does_what_a_uid_does(alice_client, frozen_now):
    key = {"Idempotency-Key": "phone-7f3a-0001"}
    first = call(alice_client, "post", "/doses", {"amount": 3}, **key)
    again = call(alice_client, "post", "/doses", {"amount": 3}, **key)
    other = call(alice_client, "post", "/doses", {"amount": 3}, **{"Idempotency-Key": "phone-7f3a-0002"})
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert again.json()["uid"] == first.json()["uid"] != other.json()["uid"]
    as_uid = call(alice_client, "post", "/checkins", {"pain_now": 3}, **{"Idempotency-Key": UID})
    assert as_uid.json()["uid"] == UID


def test_an_idempotency_key_naming_another_entry_than_the_uid_is_refused(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", {"amount": 3, "uid": UID}, **{"Idempotency-Key": "other"})
    assert response.status_code == 400 and "Idempotency-Key" in errors_of(response)
    too_long = call(alice_client, "post", "/doses", {"amount": 3}, **{"Idempotency-Key": "k" * 201})
    assert too_long.status_code == 400 and "Idempotency-Key" in errors_of(too_long)
    assert not m.Dose.objects.filter(user=alice).exists()


def test_repeating_the_last_dose_with_an_idempotency_key_logs_it_once(alice, alice_client, frozen_now):
    services.dose_create(user=alice, amount=3, taken_at=frozen_now - timedelta(hours=3))
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = call(alice_client, "post", "/doses/repeat-last", **key)
    again = call(alice_client, "post", "/doses/repeat-last", **key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["uid"] == first.json()["uid"]
    assert m.Dose.objects.filter(user=alice).count() == 2


def test_a_uid_alice_used_gives_bob_his_own_new_entry_and_nothing_of_hers(
    alice_journal, bob, bob_client, frozen_now
):
    uid = str(alice_journal.dose.uid)
    response = call(bob_client, "post", "/doses", {"amount": 5, "uid": uid, "note": "bob's"})
    assert response.status_code == 201
    assert (response.json()["amount"], response.json()["note"]) == (5, "bob's")
    assert not any(secret in response.content.decode() for secret in alice_journal.secrets if secret != uid)
    again = call(bob_client, "post", "/doses", {"amount": 5, "uid": uid, "note": "bob's"})
    assert again.status_code == 200 and again.json()["note"] == "bob's"
    alice_journal.dose.refresh_from_db()
    assert (alice_journal.dose.amount, alice_journal.dose.note) == (4, "alice-note-dose")
    assert m.Dose.objects.filter(user=bob).count() == 1
