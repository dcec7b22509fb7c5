"""`speciosa invite` prints a single-use link on the public address (or the local one), once."""

import json

from speciosa.journal import accounts


def test_invite_prints_a_link_that_lets_one_person_join(alice, speciosa):
    result = speciosa("invite", "--days", "3")
    assert result.exit_code == 0, result.stderr
    link = result.stdout.strip()
    assert link.startswith("http://127.0.0.1:8000/join/inv_")
    assert "set SPECIOSA_PUBLIC_URL" in result.stderr
    invitation = accounts.invitation_check(link.rsplit("/", 1)[1])
    assert (invitation.expires_at - invitation.created_at).days == 3 and invitation.user == alice


def test_invite_uses_the_public_address_when_it_is_set(settings, alice, speciosa):
    settings.PUBLIC_URL = "https://journal.example.org"
    rows = json.loads(speciosa("invite", "--format", "json").stdout)
    assert rows[0]["url"].startswith("https://journal.example.org/join/inv_")


def test_invite_names_a_bad_number_of_days_and_makes_nothing(alice, speciosa):
    result = speciosa("invite", "--days", "0")
    assert result.exit_code == 1
    assert "--days: must be a whole number of days from 1 to 90" in result.stderr
    assert not accounts.invitation_list(user=alice).exists()
