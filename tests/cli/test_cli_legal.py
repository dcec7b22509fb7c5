"""`speciosa legal [PLACE]`."""

from __future__ import annotations

import json

from speciosa.journal import services


def test_a_place_shows_its_entries(speciosa, alice):
    result = speciosa("legal", "AL", "--user", "alice")
    assert result.exit_code == 0
    assert "Alabama" in result.stdout and "banned" in result.stdout


def test_json_names_the_locality_its_state_and_federal(speciosa, alice):
    result = speciosa("legal", "San Diego, CA", "--format", "json", "--user", "alice")
    document = json.loads(result.stdout)
    assert [e["code"] for e in document["entries"]] == ["us-ca-san-diego", "CA", "US"]
    assert all(e["as_of"] for e in document["entries"])


def test_an_unknown_place_says_so(speciosa, alice):
    result = speciosa("legal", "Atlantis", "--user", "alice")
    assert result.exit_code == 0
    assert "no entry for this place" in result.stdout + result.stderr


def test_no_place_shows_your_own_or_every_entry(speciosa, alice):
    services.profile_update(user=alice, country="ZZ")
    result = speciosa("legal", "--user", "alice", "--format", "json")
    assert len(json.loads(result.stdout)) > 50
    services.profile_update(user=alice, country="")
    services.profile_update(user=alice, region="AR")
    result = speciosa("legal", "--user", "alice")
    assert "Arkansas" in result.stdout


def test_profile_region(speciosa, alice):
    result = speciosa("profile", "--region", "tx", "--user", "alice", "--format", "json")
    assert result.exit_code == 0
    assert '"region": "TX"' in result.stdout
