"""Signing in is throttled: the fifth wrong password for one name from one address pauses that pair for
15 minutes (429, the right password refused too), another address still signs in, and twenty failures from
one address pause it for every name. The message never says whether the account exists."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from speciosa.journal.sign_in_throttle import ADDRESS_LIMIT
from tests.conftest import NOW, PASSWORD

WRONG = "not the password at all"


def sign_in(client: Client, username: str, password: str, address: str = "203.0.113.5"):
    return client.post(
        reverse("web:login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def test_the_fifth_wrong_password_starts_a_cool_off_and_every_try_in_it_is_refused_with_429(
    alice, anonymous, clock
):
    for _ in range(4):
        assert sign_in(anonymous, "alice", WRONG).status_code == 200
    fifth = sign_in(anonymous, "alice", WRONG)
    assert fifth.status_code == 429
    sixth = sign_in(anonymous, "alice", WRONG)
    assert sixth.status_code == 429
    assert "Too many failed attempts from this address: wait 15 minutes" in sixth.text
    assert sixth["Retry-After"] == "900"


def test_during_the_cool_off_the_right_password_is_refused_for_that_name_and_address(alice, anonymous, clock):
    for _ in range(5):
        sign_in(anonymous, "alice", WRONG)
    response = sign_in(anonymous, "alice", PASSWORD)
    assert response.status_code == 429
    assert anonymous.get(reverse("web:today")).status_code == 302


def test_the_owner_still_signs_in_from_another_address_while_a_stranger_is_paused(alice, anonymous, clock):
    for _ in range(6):
        sign_in(anonymous, "alice", WRONG, address="198.51.100.7")
    owner = Client()
    response = sign_in(owner, "alice", PASSWORD, address="203.0.113.5")
    assert response.status_code == 302 and response["Location"] == reverse("web:today")


def test_after_the_cool_off_the_right_password_works_again(alice, anonymous, clock):
    for _ in range(6):
        sign_in(anonymous, "alice", WRONG)
    clock.shift(timedelta(minutes=14))
    assert sign_in(anonymous, "alice", PASSWORD).status_code == 429
    clock.shift(timedelta(minutes=16))
    response = sign_in(anonymous, "alice", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("web:today")


def test_a_name_without_an_account_gets_the_same_answers_as_one_with_an_account(alice, clock):
    answers = {}
    for name in ("alice", "nobody-here"):
        client = Client()
        statuses = [sign_in(client, name, WRONG).status_code for _ in range(6)]
        last = sign_in(client, name, WRONG)
        answers[name] = (statuses, re.sub(r"[A-Za-z0-9]{64}", "CSRF", last.text))
    assert answers["alice"] == answers["nobody-here"]
    assert answers["alice"][0] == [200, 200, 200, 200, 429, 429]


def test_an_address_that_fails_with_many_names_is_paused_for_every_name(alice, anonymous, clock):
    for number in range(ADDRESS_LIMIT - 1):
        assert sign_in(anonymous, f"guess{number}", WRONG).status_code == 200
    assert sign_in(anonymous, "one-more-guess", WRONG).status_code == 429
    assert sign_in(anonymous, "alice", PASSWORD).status_code == 429
    assert sign_in(Client(), "alice", PASSWORD, address="198.51.100.7").status_code == 302


def test_signing_in_clears_the_names_own_failures_but_not_the_addresss(alice, anonymous, clock):
    for _ in range(4):
        sign_in(anonymous, "alice", WRONG)
    assert sign_in(anonymous, "alice", PASSWORD).status_code == 302
    anonymous.post(reverse("web:logout"))
    for _ in range(4):
        assert sign_in(anonymous, "alice", WRONG).status_code == 200


def test_behind_a_proxy_on_this_computer_the_forwarded_address_is_the_one_counted(settings, alice, clock):
    settings.PUBLIC_URL = "https://journal.example.org"
    stranger, owner = Client(), Client()
    for _ in range(6):
        stranger.post(
            reverse("web:login"),
            {"username": "alice", "password": WRONG},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    response = owner.post(
        reverse("web:login"),
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    assert response.status_code == 302
