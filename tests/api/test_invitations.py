"""/api/v1/invitations: make a link (shown once), list your own, withdraw one; the link then lets one
person join through the web page."""

from django.contrib.auth import get_user_model
from django.test import Client

from speciosa.journal import accounts
from tests.api.conftest import call, errors_of
from tests.web.test_journal_accounts import signup_data


def test_an_invitation_is_made_shown_once_listed_used_and_listed_as_used(alice_client, bob_client, settings):
    settings.PUBLIC_URL = "https://journal.example.org"
    made = call(alice_client, "post", "/invitations", {"days": 3})
    assert made.status_code == 201
    link = made.json()["link"]
    assert link.startswith("https://journal.example.org/join/inv_") and made.json()["state"] == "waiting"
    listed = call(alice_client, "get", "/invitations").json()
    assert [i["id"] for i in listed] == [made.json()["id"]] and link.rsplit("/", 1)[1] not in str(listed)
    assert call(bob_client, "get", "/invitations").json() == []

    Client().post(link.removeprefix("https://journal.example.org"), signup_data())
    assert get_user_model().objects.filter(username="carol").exists()
    assert call(alice_client, "get", "/invitations").json()[0]["state"] == "used"


def test_a_withdrawn_invitation_no_longer_works_and_only_its_maker_can_withdraw_it(alice_client, bob_client):
    made = call(alice_client, "post", "/invitations", {}).json()
    assert call(bob_client, "delete", f"/invitations/{made['id']}").status_code == 404
    withdrawn = call(alice_client, "delete", f"/invitations/{made['id']}")
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "withdrawn"
    token = made["link"].rsplit("/", 1)[1]
    assert Client().get(accounts.invitation_path(token)).status_code == 410


def test_days_out_of_range_are_refused_naming_the_field(alice_client):
    response = call(alice_client, "post", "/invitations", {"days": 91})
    assert response.status_code == 400 and "days" in errors_of(response)
