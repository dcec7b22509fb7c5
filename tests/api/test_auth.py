"""Who may call /api/v1: a personal access token, or a signed-in session with its CSRF token."""

import re
from datetime import time

import pytest
from django.test import Client

from speciosa.journal import models as m
from speciosa.journal import services
from tests.api.conftest import call, errors_of

CSRF_SECRET = "a" * 32


@pytest.fixture
def strict_alice(alice) -> Client:
    """alice signed in with a browser session whose CSRF checks are enforced, as a real browser's are."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.cookies["csrftoken"] = CSRF_SECRET
    return client


def test_a_token_is_created_shown_once_used_and_revoked(alice, alice_client, anonymous, frozen_now):
    created = call(alice_client, "post", "/tokens", {"name": "spreadsheet script"})
    assert created.status_code == 201
    raw = created.json()["token"]
    assert raw.startswith("spc_") and created.json()["prefix"] == raw[:10]

    listed = call(alice_client, "get", "/tokens").json()
    assert [t["name"] for t in listed] == ["spreadsheet script"]
    assert "token" not in listed[0] and raw not in str(listed)

    bearer = {"Authorization": f"Bearer {raw}"}
    assert call(anonymous, "get", "/profile", **bearer).json()["username"] == "alice"
    assert call(anonymous, "post", "/doses", {"amount": 2}, **bearer).status_code == 201
    assert m.Dose.objects.filter(user=alice).count() == 1
    assert m.ApiToken.objects.get(user=alice).last_used_at == frozen_now

    revoked = call(alice_client, "delete", f"/tokens/{created.json()['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] == "2026-03-07T15:00:00Z"
    refused = call(anonymous, "get", "/profile", **bearer)
    assert refused.status_code == 401
    assert errors_of(refused) == {"": "the access token is unknown or revoked"}
    assert refused["WWW-Authenticate"].startswith("Bearer")


def test_a_token_is_stored_only_as_a_hash_that_no_answer_shows(alice, alice_client, frozen_now):
    created = call(alice_client, "post", "/tokens", {"name": "cli"}).json()
    token = m.ApiToken.objects.get(user=alice)
    assert created["token"] not in token.token_hash and token.token_hash == services.token_hash(
        created["token"]
    )
    for path in ("/tokens", "/profile", "/export"):
        assert token.token_hash not in call(alice_client, "get", path).getvalue().decode()


def test_a_token_needs_a_name(alice, alice_client, frozen_now):
    assert "name" in errors_of(call(alice_client, "post", "/tokens", {"name": ""}))
    assert not m.ApiToken.objects.filter(user=alice).exists()


@pytest.mark.parametrize(
    "authorization",
    ["Bearer spc_not-a-real-token", "Bearer ", "Bearer"],
)
def test_an_unknown_token_is_refused(alice, anonymous, authorization):
    response = call(anonymous, "get", "/doses", Authorization=authorization)
    assert response.status_code == 401
    assert errors_of(response)


def test_a_revoked_token_is_refused_even_alongside_a_session(alice, alice_client, frozen_now):
    token, raw = services.token_create(user=alice, name="old")
    services.token_revoke(user=alice, token_id=token.id)
    assert call(alice_client, "get", "/doses", Authorization=f"Bearer {raw}").status_code == 401


def test_nobody_signed_in_gets_401_in_the_error_shape(anonymous, db):
    response = call(anonymous, "post", "/doses", {"amount": 3})
    assert response.status_code == 401
    assert "Bearer spc_" in errors_of(response)[""]


def test_a_session_needs_its_csrf_token_to_write(alice, strict_alice, frozen_now):
    refused = call(strict_alice, "post", "/doses", {"amount": 3})
    assert refused.status_code == 403
    assert "CSRF" in errors_of(refused)["X-CSRFToken"]
    assert not m.Dose.objects.filter(user=alice).exists()
    accepted = call(strict_alice, "post", "/doses", {"amount": 3}, **{"X-CSRFToken": CSRF_SECRET})
    assert accepted.status_code == 201


def test_a_session_reads_without_a_csrf_token(strict_alice, frozen_now):
    assert call(strict_alice, "get", "/doses").status_code == 200


def test_a_token_writes_without_a_csrf_token(alice, frozen_now):
    _, raw = services.token_create(user=alice, name="script")
    program = Client(enforce_csrf_checks=True)
    assert call(program, "post", "/doses", {"amount": 3}, Authorization=f"Bearer {raw}").status_code == 201


def test_the_health_check_needs_no_sign_in(anonymous, db):
    response = call(anonymous, "get", "/health")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_the_openapi_document_is_served_at_its_stable_path_to_signed_in_callers(alice_client, anonymous):
    assert call(anonymous, "get", "/openapi.json").status_code == 401
    document = call(alice_client, "get", "/openapi.json").json()
    assert document["info"]["version"] == "1"
    assert "/api/v1/doses/{uid}" in document["paths"]
    assert set(document["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}


def test_the_docs_page_loads_nothing_from_another_host(alice_client, anonymous):
    assert call(anonymous, "get", "/docs").status_code == 302  # to the login page
    page = call(alice_client, "get", "/docs").content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', page) + re.findall(r'"url": "([^"]+)"', page)
    assert urls and all(url.startswith("/") and not url.startswith("//") for url in urls), urls
    assert (
        '"validatorUrl": null' in page
    )  # Swagger UI would otherwise fetch a badge from validator.swagger.io
    assert "http://" not in page and "https://" not in page


def test_an_unknown_method_or_path_answers_in_the_error_shape(alice_client):
    assert call(alice_client, "put", "/doses").status_code == 405
    assert errors_of(call(alice_client, "put", "/doses"))
    assert call(alice_client, "get", "/").status_code == 404
    assert errors_of(call(alice_client, "get", "/"))


# --- profile and undo -------------------------------------------------------------------------


def test_the_profile_holds_the_time_zone_and_the_weighed_teaspoon(alice, alice_client):
    profile = call(alice_client, "get", "/profile").json()
    assert profile == {
        "username": "alice",
        "timezone": "America/New_York",
        "teaspoon_grams": None,
        "assumed_teaspoon_grams": 1.75,
        "pregnant": False,
        "breastfeeding": False,
        "country": "",
        "region": "",
        "checkin_reminder": None,
    }
    changed = call(
        alice_client, "patch", "/profile", {"timezone": "Europe/Lisbon", "teaspoon_grams": 2.2}
    ).json()
    assert (changed["timezone"], changed["teaspoon_grams"]) == ("Europe/Lisbon", 2.2)
    assert call(alice_client, "patch", "/profile", {"teaspoon_grams": None}).json()["teaspoon_grams"] is None
    assert call(alice_client, "get", "/profile").json()["timezone"] == "Europe/Lisbon"


def test_the_profile_sets_and_removes_the_checkin_reminder_and_names_a_bad_time(alice, alice_client):
    assert (
        call(alice_client, "patch", "/profile", {"checkin_reminder": "07:45"}).json()["checkin_reminder"]
        == "07:45"
    )
    assert m.Profile.objects.get(user=alice).checkin_reminder == time(7, 45)
    assert "checkin_reminder" in errors_of(
        call(alice_client, "patch", "/profile", {"checkin_reminder": "25:00"})
    )
    assert m.Profile.objects.get(user=alice).checkin_reminder == time(7, 45)
    assert (
        call(alice_client, "patch", "/profile", {"checkin_reminder": None}).json()["checkin_reminder"] is None
    )


def test_a_bad_profile_change_changes_nothing(alice, alice_client):
    response = call(alice_client, "patch", "/profile", {"timezone": "Mars/Olympus", "teaspoon_grams": 2})
    assert errors_of(response) == {"timezone": "unknown time zone 'Mars/Olympus'"}
    assert "teaspoon_grams" in errors_of(call(alice_client, "patch", "/profile", {"teaspoon_grams": 0}))
    profile = m.Profile.objects.get(user=alice)
    assert (profile.timezone, profile.teaspoon_grams) == ("America/New_York", None)


def test_undo_reverts_the_latest_change_and_404s_when_there_is_none(alice, alice_client, frozen_now):
    assert call(alice_client, "post", "/changes/undo").status_code == 404
    created = call(alice_client, "post", "/doses", {"amount": 3}).json()
    undone = call(alice_client, "post", "/changes/undo")
    assert undone.status_code == 200
    assert (undone.json()["undid"], undone.json()["uid"]) == ("create", created["uid"])
    assert not m.Dose.objects.filter(user=alice).exists()
    assert errors_of(call(alice_client, "post", "/changes/undo")) == {"": "there is nothing to undo"}


def test_undo_of_a_change_that_is_not_yours_is_404(alice, bob, bob_client, frozen_now):
    services.dose_create(user=alice, amount=3)
    alices_change = m.Change.objects.get(user=alice)
    assert call(bob_client, "post", "/changes/undo", {"change_id": alices_change.id}).status_code == 404
    assert m.Dose.objects.filter(user=alice).count() == 1


# --- reference data ---------------------------------------------------------------------------


def test_the_side_effect_vocabulary_comes_with_groups_and_sources(alice_client):
    terms = {t["code"]: t for t in call(alice_client, "get", "/refdata/side-effects").json()}
    assert {"nausea", "constipation", "dizziness", "drowsiness", "itching", "sweating", "insomnia"} <= set(
        terms
    )
    assert terms["nausea"]["group"] == "common" and terms["nausea"]["sources"]
    assert {t["group"] for t in terms.values()} == {"common", "withdrawal", "serious"}


def test_the_units_come_with_the_assumed_teaspoon_and_its_source(alice, alice_client):
    units = call(alice_client, "get", "/refdata/units").json()
    assert [u["unit"] for u in units["units"]] == ["g", "mg", "tsp", "capsule", "ml"]
    assert units["assumed_teaspoon_grams"] == 1.75 and "Erowid" in units["teaspoon_source"]
    assert units["teaspoon_source_id"] == "erowid-kratom-dose"
    services.profile_update(user=alice, teaspoon_grams=2.0)
    assert call(alice_client, "get", "/refdata/units").json()["your_teaspoon_grams"] == 2.0


def test_the_profile_refuses_the_servers_clock_as_a_time_zone(alice, alice_client):
    response = call(alice_client, "patch", "/profile", {"timezone": "localtime"})
    assert response.status_code == 400
    assert "not a place's time zone" in errors_of(response)["timezone"]
    assert m.Profile.objects.get(user=alice).timezone == "America/New_York"
