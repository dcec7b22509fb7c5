"""Requests to /api/v1 at the same moment, in real threads, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from speciosa.journal import models as m
from speciosa.journal import services
from tests.api.conftest import API, call
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def alice(shared_database):
    return services.account_create(username="alice", password=PASSWORD)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_two_patches_of_different_fields_of_one_dose_at_the_same_moment_both_answer_and_both_stay(
    alice, threads
):
    phone, laptop = signed_in(alice), signed_in(alice)
    lost = []
    for round_ in range(25):
        uid = call(phone, "post", "/doses", {"amount": 3}).json()["uid"]
        answers = threads.at_once(
            lambda uid=uid: call(phone, "patch", f"/doses/{uid}", {"note": "with food"}),
            lambda uid=uid: call(laptop, "patch", f"/doses/{uid}", {"amount": 5}),
        )
        assert [answer.status_code for answer in answers] == [200, 200]
        dose = call(phone, "get", f"/doses/{uid}").json()
        if (dose["note"], dose["amount"], dose["version"]) != ("with food", 5, 3):
            lost.append(round_)
    assert lost == []


def test_the_same_file_imported_twice_at_the_same_moment_answers_200_twice_and_adds_it_once(alice, threads):
    for amount in (2, 3, 4):
        services.dose_create(user=alice, amount=amount)
    exported = call(signed_in(alice), "get", "/export").getvalue()
    for round_ in range(5):
        bob = services.account_create(username=f"bob{round_}", password=PASSWORD)
        answers = threads.at_once(
            *[
                lambda client=client: client.post(
                    f"{API}/import", {"file": SimpleUploadedFile("journal.json", exported)}
                )
                for client in (signed_in(bob), signed_in(bob))
            ]
        )
        assert [answer.status_code for answer in answers] == [200, 200]
        reports = sorted((a.json()["added"]["doses"], a.json()["already_present"]["doses"]) for a in answers)
        assert reports == [(0, 3), (3, 0)]
        assert m.Dose.objects.filter(user=bob).count() == 3
