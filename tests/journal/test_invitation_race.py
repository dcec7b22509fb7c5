"""One invitation opened by two people at the same moment, in real threads, on SQLite and on
PostgreSQL: exactly one account is created, and the other is told the invitation has been used."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from speciosa.core.errors import InvalidInput
from speciosa.journal import accounts, services
from tests.conftest import PASSWORD
from tests.support.threads import shared_database, threads  # noqa: F401  (writes in real threads)

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 20


def test_an_invitation_used_twice_at_the_same_moment_creates_one_account(shared_database, threads):  # noqa: F811
    alice = services.account_create(username="alice", password=PASSWORD)
    for round_ in range(ROUNDS):
        token = accounts.invitation_create(user=alice).token

        def join(name: str, token: str = token) -> str:
            request = RequestFactory().post("/join/", REMOTE_ADDR=f"203.0.113.{len(name)}")
            try:
                accounts.sign_up(request, username=name, password=PASSWORD, timezone="UTC", invitation=token)
            except InvalidInput as error:
                return error.errors[0].message
            return "joined"

        first, second = f"first{round_}", f"second-{round_}"
        answers = threads.at_once(lambda: join(first), lambda: join(second))  # noqa: B023 (run before the next round)
        assert sorted(answers) == ["joined", accounts.INVITATION_USED], answers
    assert get_user_model().objects.count() == 1 + ROUNDS
