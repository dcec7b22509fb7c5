"""Who may create an account: sign-up is open on this computer and closed once served beyond it unless
SPECIOSA_SIGNUP_OPEN says otherwise; an invitation works once, until it expires or is withdrawn, and
only its hash is stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from speciosa.core.errors import InvalidInput, NotFound, TooManyAttempts
from speciosa.journal import accounts
from speciosa.journal import models as m
from speciosa.journal.selectors import token_hash
from tests.conftest import NOW, PASSWORD

User = get_user_model()


def a_request():
    return RequestFactory().post("/signup/", REMOTE_ADDR="203.0.113.4")


def join(token: str | None, name: str = "carol"):
    return accounts.sign_up(a_request(), username=name, password=PASSWORD, timezone="UTC", invitation=token)


@pytest.mark.parametrize(
    ("public_url", "beyond_loopback", "explicit", "open_"),
    [
        ("", False, None, True),
        ("https://journal.example.org", False, None, False),
        ("", True, None, False),
        ("https://journal.example.org", True, True, True),
        ("", False, False, False),
    ],
)
def test_sign_up_is_open_on_this_computer_and_closed_beyond_it_unless_set(
    settings, public_url, beyond_loopback, explicit, open_
):
    settings.PUBLIC_URL, settings.SERVED_BEYOND_LOOPBACK, settings.SIGNUP_OPEN = (
        public_url,
        beyond_loopback,
        explicit,
    )
    assert accounts.signup_open() is open_


def test_with_sign_up_closed_nobody_joins_without_an_invitation(settings, db):
    settings.SIGNUP_OPEN = False
    with pytest.raises(InvalidInput, match="sign-up is closed"):
        join(None)
    assert not User.objects.filter(username="carol").exists()


def test_an_invitation_creates_one_account_while_sign_up_is_closed_and_is_used_up(settings, alice):
    settings.SIGNUP_OPEN = False
    new = accounts.invitation_create(user=alice)
    assert join(new.token).get_username() == "carol"
    with pytest.raises(InvalidInput, match="already been used"):
        join(new.token, name="dave")
    assert not User.objects.filter(username="dave").exists()
    assert m.Invitation.objects.get().used_at is not None


def test_only_the_hash_of_an_invitation_is_stored(alice):
    new = accounts.invitation_create(user=alice)
    stored = m.Invitation.objects.get()
    assert stored.token_hash == token_hash(new.token) and new.token not in str(stored.__dict__)
    assert new.path == f"/join/{new.token}" and new.token.startswith("inv_")


def test_an_invitation_expires_after_its_days(alice):
    new = accounts.invitation_create(user=alice, days=2, now=NOW)
    accounts.invitation_check(new.token, now=NOW + timedelta(days=2) - timedelta(seconds=1))
    with pytest.raises(InvalidInput, match="this invitation expired on 2026-03-09"):
        accounts.invitation_check(new.token, now=NOW + timedelta(days=2))


def test_an_expired_invitation_creates_nobody(alice, frozen_now):
    new = accounts.invitation_create(user=alice, days=1, now=frozen_now - timedelta(days=2))
    with pytest.raises(InvalidInput, match="expired"):
        join(new.token)
    assert not User.objects.filter(username="carol").exists()


def test_invitations_last_seven_days_unless_told_otherwise(settings, alice):
    assert accounts.invitation_create(user=alice, now=NOW).invitation.expires_at == NOW + timedelta(days=7)
    settings.INVITATION_DAYS = 3
    assert accounts.invitation_create(user=alice, now=NOW).invitation.expires_at == NOW + timedelta(days=3)
    for days in (0, 91):
        with pytest.raises(InvalidInput, match="from 1 to 90") as raised:
            accounts.invitation_create(user=alice, days=days)
        assert raised.value.errors[0].field == "days"


def test_a_withdrawn_or_unknown_invitation_is_not_valid(alice, bob):
    new = accounts.invitation_create(user=alice)
    with pytest.raises(NotFound):
        accounts.invitation_withdraw(user=bob, invitation_id=new.invitation.pk)
    accounts.invitation_withdraw(user=alice, invitation_id=new.invitation.pk)
    for token in (new.token, "inv_never-made"):
        with pytest.raises(InvalidInput, match="not valid"):
            join(token)


def test_a_failed_sign_up_leaves_the_invitation_usable(alice):
    new = accounts.invitation_create(user=alice)
    with pytest.raises(InvalidInput):
        accounts.sign_up(
            a_request(), username="carol", password="short", timezone="UTC", invitation=new.token
        )
    assert join(new.token).get_username() == "carol"


def test_each_person_sees_only_the_invitations_they_made(alice, bob):
    accounts.invitation_create(user=alice)
    assert accounts.invitation_list(user=bob).count() == 0
    assert accounts.invitation_list(user=alice).count() == 1


def test_the_link_uses_the_public_address_when_there_is_one(settings):
    assert accounts.invitation_link("inv_x") == "http://127.0.0.1:8000/join/inv_x"
    assert (
        accounts.invitation_link("inv_x", base="http://192.168.1.5:8000/")
        == "http://192.168.1.5:8000/join/inv_x"
    )
    settings.PUBLIC_URL = "https://journal.example.org"
    assert (
        accounts.invitation_link("inv_x", base="http://ignored") == "https://journal.example.org/join/inv_x"
    )


def test_names_refused_at_sign_up_count_against_the_address(alice, frozen_now):
    from speciosa.journal.sign_in_throttle import ADDRESS_LIMIT

    for _ in range(ADDRESS_LIMIT):
        with pytest.raises(InvalidInput):
            join(None, name="alice")
    with pytest.raises(TooManyAttempts):
        join(None, name="a-free-name")
    assert not User.objects.filter(username="a-free-name").exists()
