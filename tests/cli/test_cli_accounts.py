import json

from django.contrib.auth import get_user_model

from speciosa.journal import models as m
from speciosa.journal import selectors

PASSWORD = "a long enough passphrase"


def test_user_create_reads_the_password_from_stdin_and_keeps_the_time_zone(db, speciosa):
    result = speciosa(
        "user", "create", "sam", "--timezone", "Europe/Berlin", "--password-stdin", input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.stderr
    assert "Created the account sam" in result.stderr
    sam = get_user_model().objects.get(username="sam")
    assert sam.check_password(PASSWORD)
    assert selectors.profile_get(user=sam).timezone == "Europe/Berlin"


def test_user_create_prompts_twice_for_the_password_without_password_stdin(db, speciosa):
    result = speciosa("user", "create", "sam", "--timezone", "UTC", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.stderr
    assert get_user_model().objects.get(username="sam").check_password(PASSWORD)


def test_user_create_names_every_problem_and_creates_nothing(alice, speciosa):
    result = speciosa("user", "create", "Alice", "--timezone", "UTC", "--password-stdin", input="short\n")
    assert result.exit_code == 1
    assert "username: can't be used: choose another name" in result.stderr
    assert "password: This password is too short" in result.stderr
    result = speciosa(
        "user", "create", "sam", "--timezone", "Mars/Olympus", "--password-stdin", input=PASSWORD
    )
    assert result.exit_code == 1
    assert "timezone: unknown time zone 'Mars/Olympus'" in result.stderr
    assert get_user_model().objects.count() == 1


def test_user_list_prints_every_account_as_json(alice, bob, speciosa):
    result = speciosa("user", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    accounts = json.loads(result.stdout)
    assert [(a["username"], a["timezone"]) for a in accounts] == [
        ("alice", "America/New_York"),
        ("bob", "Europe/Berlin"),
    ]


def test_a_command_acts_on_the_only_account_without_user(alice, speciosa, frozen_now):
    assert speciosa("log", "dose", "3").exit_code == 0
    assert m.Dose.objects.get().user == alice


def test_with_two_accounts_a_command_asks_for_user_and_lists_them(alice, bob, speciosa, frozen_now):
    result = speciosa("log", "dose", "3")
    assert result.exit_code == 1
    assert "user: there are 2 accounts; choose one with --user NAME: alice, bob" in result.stderr
    assert not m.Dose.objects.exists()
    assert speciosa("log", "dose", "3", "--user", "bob").exit_code == 0
    assert m.Dose.objects.get().user == bob


def test_the_account_can_come_from_speciosa_user_in_the_environment(alice, bob, speciosa, frozen_now):
    assert speciosa("log", "dose", "3", env={"SPECIOSA_USER": "bob"}).exit_code == 0
    assert m.Dose.objects.get().user == bob


def test_an_unknown_user_is_refused_with_the_known_names(alice, bob, speciosa):
    result = speciosa("today", "--user", "carol")
    assert result.exit_code == 1
    assert "user: no account called 'carol'; accounts: alice, bob" in result.stderr


def test_without_any_account_a_command_says_how_to_create_one(db, speciosa):
    result = speciosa("today")
    assert result.exit_code == 1
    assert "speciosa user create NAME" in result.stderr


def test_token_create_shows_the_token_once_and_stores_only_its_hash(alice, speciosa):
    result = speciosa("token", "create", "phone shortcut")
    assert result.exit_code == 0, result.stderr
    raw = result.stdout.strip()
    assert raw.startswith("spc_")
    token = m.ApiToken.objects.get(user=alice)
    assert token.name == "phone shortcut" and raw not in token.token_hash
    assert selectors.token_user(raw=raw)[0] == alice


def test_token_list_and_revoke(alice, speciosa):
    created = json.loads(speciosa("token", "create", "script", "--format", "json").stdout)[0]
    listed = json.loads(speciosa("token", "list", "--format", "json").stdout)
    assert [(t["id"], t["name"], t["revoked_at"]) for t in listed] == [(created["id"], "script", None)]
    assert "token" not in listed[0]
    result = speciosa("token", "revoke", str(created["id"]))
    assert result.exit_code == 0, result.stderr
    assert selectors.token_user(raw=created["token"]) is None
    assert json.loads(speciosa("token", "list", "--format", "json").stdout)[0]["revoked_at"]


def test_nobody_revokes_another_persons_token(alice, bob, speciosa):
    created = json.loads(speciosa("token", "create", "script", "--user", "alice", "--format", "json").stdout)[
        0
    ]
    result = speciosa("token", "revoke", str(created["id"]), "--user", "bob")
    assert result.exit_code == 1
    assert "token: no such token" in result.stderr
    assert selectors.token_user(raw=created["token"])[0] == alice


def test_profile_refuses_the_servers_clock_as_a_time_zone(alice, speciosa):
    result = speciosa("profile", "--timezone", "localtime")
    assert result.exit_code == 1
    assert "timezone: 'localtime' is not a place's time zone" in result.stderr
    assert m.Profile.objects.get(user=alice).timezone == "America/New_York"
