"""GET /legal?place= and the profile's region over the API."""

from __future__ import annotations

from tests.api.conftest import call, errors_of


def test_a_place_returns_its_entries_most_specific_first(alice_client):
    body = call(alice_client, "GET", "/legal?place=San%20Diego").json()
    assert body["found"] is True
    assert [e["code"] for e in body["entries"]] == ["us-ca-san-diego", "CA", "US"]
    assert body["entries"][0]["verify_locally"] is True


def test_an_unknown_place_is_not_found_and_never_legal(alice_client):
    body = call(alice_client, "GET", "/legal?place=Atlantis").json()
    assert body["found"] is False and body["entries"] == []
    assert "no entry" in body["message"]


def test_no_place_lists_every_entry(alice_client):
    body = call(alice_client, "GET", "/legal").json()
    assert len(body["entries"]) > 50


def test_the_profile_region_round_trips(alice_client):
    response = call(alice_client, "PATCH", "/profile", {"region": "LA"})
    assert response.status_code == 200 and response.json()["region"] == "LA"
    assert call(alice_client, "GET", "/profile").json()["region"] == "LA"
    response = call(alice_client, "PATCH", "/profile", {"region": "XX"})
    assert response.status_code == 400 and "region" in errors_of(response)
