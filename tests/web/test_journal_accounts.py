"""Accounts: the first visit offers sign-up, then every journal page needs a signed-in person."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from speciosa.journal.selectors import profile_get
from speciosa.journal.services import NAME_UNAVAILABLE
from tests.conftest import PASSWORD

User = get_user_model()


def signup_data(**changes: str) -> dict[str, str]:
    return {
        "username": "carol",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "timezone": "Europe/Paris",
    } | changes


def test_the_first_visit_to_a_fresh_install_offers_to_create_an_account(db, anonymous):
    response = anonymous.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:signup")
    assert "Create an account" in response.text
    assert "Nobody has an account on this computer yet" in response.text
    assert anonymous.get(reverse("web:login"))["Location"] == reverse("web:signup")


def test_signing_up_creates_the_account_in_its_time_zone_and_signs_in(db, anonymous):
    response = anonymous.post(reverse("web:signup"), signup_data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:today")
    assert response.context["user"].username == "carol"
    assert "Welcome, carol" in response.text
    assert profile_get(user=User.objects.get(username="carol")).timezone == "Europe/Paris"


def test_the_sign_up_page_suggests_the_browsers_time_zone_with_a_local_script(db, anonymous):
    page = anonymous.get(reverse("web:signup")).text
    assert "data-browser-timezone" in page
    assert '<option value="America/New_York">America/New York</option>' in page
    assert "/static/web/journal.js" in page
    assert 'src="http' not in page and 'href="http' not in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"password_again": "something else entirely"}, "password_again"),
        ({"password": "short", "password_again": "short"}, "password"),
        ({"username": "  "}, "username"),
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
    ],
)
def test_sign_up_problems_are_shown_at_their_field_and_create_nobody(db, anonymous, changes, field):
    response = anonymous.post(reverse("web:signup"), signup_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'aria-invalid="true"' in response.text
    assert not User.objects.exists()


def test_a_name_in_use_is_refused_without_saying_it_is_taken(alice, anonymous):
    response = anonymous.post(reverse("web:signup"), signup_data(username="ALICE"))
    assert response.context["form"].errors["username"] == [NAME_UNAVAILABLE]
    assert "taken" not in response.text
    assert User.objects.count() == 1


def test_sign_up_is_closed_when_the_setting_says_so(settings, alice, anonymous):
    settings.SIGNUP_OPEN = False
    assert anonymous.get(reverse("web:signup"))["Location"] == reverse("web:login")
    anonymous.post(reverse("web:signup"), signup_data())
    assert not User.objects.filter(username="carol").exists()
    assert "Create an account" not in anonymous.get(reverse("web:login")).text


def test_once_someone_has_an_account_every_journal_page_needs_sign_in(alice, anonymous):
    for name in ("today", "history", "dose_new", "checkin_new", "undo"):
        response = anonymous.get(reverse(f"web:{name}"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("web:login") + "?next=")
    page = anonymous.get(reverse("web:login"))
    assert page.status_code == 200 and 'name="password"' in page.text


def test_signing_in_and_out(alice, anonymous):
    response = anonymous.post(reverse("web:login"), {"username": "alice", "password": PASSWORD})
    assert response["Location"] == reverse("web:today")
    assert anonymous.get(reverse("web:today")).status_code == 200
    assert anonymous.post(reverse("web:logout"))["Location"] == reverse("web:login")
    assert anonymous.get(reverse("web:today")).status_code == 302


def test_signing_out_says_so_on_the_sign_in_page(alice, anonymous):
    anonymous.post(reverse("web:login"), {"username": "alice", "password": PASSWORD})
    page = anonymous.post(reverse("web:logout"), follow=True)
    assert page.redirect_chain[-1][0] == reverse("web:login")
    assert "You have signed out." in page.text
    assert anonymous.get(reverse("web:login")).text.count("You have signed out.") == 0


def test_a_wrong_password_signs_nobody_in(alice, anonymous):
    response = anonymous.post(reverse("web:login"), {"username": "alice", "password": "not the password"})
    assert response.status_code == 200
    assert "correct username and password" in response.text
    assert anonymous.get(reverse("web:today")).status_code == 302


def test_signing_out_needs_a_post(alice_client):
    assert alice_client.get(reverse("web:logout")).status_code == 405
    assert alice_client.get(reverse("web:today")).status_code == 200


def test_the_health_check_is_public_and_asks_the_database(db, anonymous):
    response = anonymous.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
