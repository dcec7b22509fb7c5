"""`speciosa share`: create a link to the clinician summary, list it with its openings, revoke it."""

from __future__ import annotations

import json

from django.test import Client


def test_a_link_is_made_listed_opened_and_revoked(alice, speciosa, frozen_now):
    made = speciosa(
        "share", "create", "--from", "2026-01-01", "--to", "2026-03-01", "--days", "7", "--format", "json"
    )
    assert made.exit_code == 0, made.stderr
    [link] = json.loads(made.stdout)
    assert link["period"] == "2026-01-01 to 2026-03-01" and link["state"] == "active"
    assert link["url"].startswith("http://127.0.0.1:8000/share/spshr_")
    path = link["url"].removeprefix("http://127.0.0.1:8000")
    assert Client().get(path).status_code == 200
    [listed] = json.loads(speciosa("share", "list", "--format", "json").stdout)
    assert listed["id"] == link["id"] and listed["opened"] == 1 and "url" not in listed
    revoked = speciosa("share", "revoke", str(link["id"]))
    assert revoked.exit_code == 0 and "no longer opens" in revoked.stderr
    assert Client().get(path).status_code == 404


def test_a_bad_period_or_expiry_is_refused_naming_the_option(alice, speciosa, frozen_now):
    backwards = speciosa("share", "create", "--from", "2026-03-01", "--to", "2026-01-01")
    assert backwards.exit_code == 1 and "--to" in backwards.stderr
    too_long = speciosa("share", "create", "--days", "365")
    assert too_long.exit_code == 1 and "--days" in too_long.stderr


def test_another_persons_link_cannot_be_revoked(alice, bob, speciosa, frozen_now):
    made = json.loads(speciosa("share", "create", "--user", "alice", "--format", "json").stdout)
    refused = speciosa("share", "revoke", str(made[0]["id"]), "--user", "bob")
    assert refused.exit_code == 1
    assert (
        json.loads(speciosa("share", "list", "--user", "alice", "--format", "json").stdout)[0]["state"]
        == "active"
    )
