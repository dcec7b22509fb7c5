"""Personas and a frozen clock, shared by every test.

alice owns data, bob is another person, and `anonymous` is a client that has not signed in.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

from speciosa.journal import services

#: Shared fixtures kept beside the tests that use them: `test_rules` and `alices_findings`.
pytest_plugins = ["tests.support.safety"]

#: The frozen "now" of the tests: a Saturday morning in March, before the US DST change.
NOW = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def frozen_now():
    import time_machine

    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def alice(db):
    return services.account_create(username="alice", password=PASSWORD, timezone="America/New_York")


@pytest.fixture
def bob(db):
    return services.account_create(username="bob", password=PASSWORD, timezone="Europe/Berlin")


@pytest.fixture
def alice_client(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def anonymous() -> Client:
    return Client()
