"""Guessing API tokens is throttled by address: unknown tokens are answered 401 until the address has
sent twenty in fifteen minutes, then 429 in the API's one error shape, even for a good token from that
address, while other addresses are served; after the cool-off the address is served again."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client

from speciosa.journal import services
from speciosa.journal.sign_in_throttle import ADDRESS_LIMIT
from tests.api.conftest import API, errors_of
from tests.conftest import NOW


def profile(client: Client, token: str, address: str = "203.0.113.9"):
    return client.get(f"{API}/profile", headers={"Authorization": f"Bearer {token}"}, REMOTE_ADDR=address)


def test_a_flood_of_unknown_tokens_from_one_address_is_answered_429_until_the_cool_off_ends(alice, anonymous):
    _, good = services.token_create(user=alice, name="phone")
    with time_machine.travel(NOW, tick=False) as clock:
        statuses = [profile(anonymous, f"spc_guess{n}").status_code for n in range(ADDRESS_LIMIT + 5)]
        assert statuses[: ADDRESS_LIMIT - 1] == [401] * (ADDRESS_LIMIT - 1)
        assert set(statuses[ADDRESS_LIMIT:]) == {429}

        refused = profile(anonymous, good)
        assert refused.status_code == 429
        assert errors_of(refused) == {
            "": "too many failed attempts from this address: wait 15 minutes, then try again"
        }
        assert refused["Retry-After"] == "900"

        assert profile(Client(), good, address="198.51.100.20").status_code == 200

        clock.shift(timedelta(minutes=16))
        assert profile(anonymous, good).status_code == 200
