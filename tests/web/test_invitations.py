"""Invitations on the web: Settings → Invitations makes a link shown once; opening it shows the sign-up
form even while sign-up is closed; using it creates the account and signs in; a second use, an expired
or a withdrawn link says why it cannot be used."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from speciosa.journal import accounts
from tests.conftest import PASSWORD
from tests.web.test_journal_accounts import signup_data

User = get_user_model()


@pytest.fixture(autouse=True)
def served_to_the_network(settings):
    """As on a household's or clinic's server: sign-up is closed (nothing says otherwise)."""
    settings.PUBLIC_URL = "https://journal.example.org"
    settings.SIGNUP_OPEN = None


def made_link(client: Client, days: str = "7") -> str:
    page = client.post(reverse("web:invitations"), {"days": days})
    assert page.status_code == 200
    found = re.search(r"https://journal\.example\.org(/join/inv_[\w-]+)", page.text)
    assert found, page.text
    return found.group(1)


def test_served_beyond_this_computer_sign_up_is_closed_and_the_sign_in_page_offers_no_sign_up(db, anonymous):
    response = anonymous.get(reverse("web:signup"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:login")
    assert (
        "Sign-up is closed on this server. Ask someone who has an account for an invitation link."
        in response.text
    )
    assert "Create an account" not in response.text
    anonymous.post(reverse("web:signup"), signup_data())
    assert not User.objects.exists()


def test_an_invitation_link_is_made_shown_once_and_listed_by_its_beginning(alice_client):
    path = made_link(alice_client)
    listed = alice_client.get(reverse("web:invitations"))
    assert path.removeprefix("/join/") not in listed.text
    assert path.removeprefix("/join/")[:10] in listed.text and "not used yet" in listed.text


def test_an_invitation_creates_one_account_and_signs_it_in_then_is_used_up(alice_client):
    path = made_link(alice_client)
    newcomer = Client()
    form = newcomer.get(path)
    assert form.status_code == 200 and "You were invited" in form.text and f'action="{path}"' in form.text
    response = newcomer.post(path, signup_data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:today")
    assert response.context["user"].username == "carol"

    second = Client().post(path, signup_data(username="dave"))
    assert second.status_code == 410
    assert "This invitation has already been used" in second.text
    assert not User.objects.filter(username="dave").exists()
    assert "used " in alice_client.get(reverse("web:invitations")).text


def test_an_expired_invitation_says_so(alice, anonymous, frozen_now):
    new = accounts.invitation_create(user=alice, days=1, now=frozen_now - timedelta(days=3))
    response = anonymous.get(new.path)
    assert response.status_code == 410
    assert (
        "This invitation expired on 2026-03-05: ask the person who invited you for a new one."
        in response.text
    )


def test_a_withdrawn_invitation_no_longer_works(alice_client):
    path = made_link(alice_client)
    invitation_id = accounts.invitation_list(user=User.objects.get(username="alice")).get().pk
    response = alice_client.post(reverse("web:invitation_withdraw", args=[invitation_id]), follow=True)
    assert "Withdrew the invitation" in response.text and "withdrawn" in response.text
    assert Client().get(path).status_code == 410


def test_someone_elses_invitation_cannot_be_withdrawn(alice, bob_client):
    new = accounts.invitation_create(user=alice)
    assert bob_client.post(reverse("web:invitation_withdraw", args=[new.invitation.pk])).status_code == 404
    assert Client().get(new.path).status_code == 200


def test_a_bad_number_of_days_is_named_and_makes_nothing(alice_client, alice):
    response = alice_client.post(reverse("web:invitations"), {"days": "365"})
    assert response.status_code == 400
    assert "must be a whole number of days from 1 to 90" in response.text
    assert not accounts.invitation_list(user=alice).exists()


def test_a_name_in_use_is_refused_on_an_invitation_without_using_it_up(alice_client):
    path = made_link(alice_client)
    refused = Client().post(path, signup_data(username="Alice", password=PASSWORD))
    assert "can&#x27;t be used: choose another name" in refused.text
    assert Client().get(path).status_code == 200
