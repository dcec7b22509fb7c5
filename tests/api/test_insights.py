import json
from datetime import timedelta

from speciosa.journal import services
from tests.api.conftest import call
from tests.cli.conftest import speciosa as speciosa  # the fixture: runs a CLI command


def log_pairs(user, now, days=8):
    for day in range(days):
        at = now - timedelta(days=day + 1)
        services.entry_create(
            user=user, kind="checkins", values={"at": at - timedelta(minutes=30), "pain_now": 7}
        )
        services.dose_create(user=user, amount=3, taken_at=at)
        services.entry_create(
            user=user, kind="checkins", values={"at": at + timedelta(hours=2), "pain_now": 5 - day % 2}
        )


def test_insights_give_relief_after_a_dose_with_its_interval_and_n(alice, alice_client, frozen_now):
    log_pairs(alice, frozen_now)
    found = call(alice_client, "get", "/insights").json()
    assert found["relief"]["pairs"] == 8
    assert found["relief"]["overall"]["value"] == 2.5
    assert found["relief"]["overall"]["low"] < 2.5 < found["relief"]["overall"]["high"]
    assert any("before/after pairs" in s for s in found["sentences"])


def test_the_api_and_the_cli_give_the_same_insights(alice, alice_client, speciosa, frozen_now):
    log_pairs(alice, frozen_now)
    from_api = call(alice_client, "get", "/insights").json()
    from_cli = json.loads(speciosa("insights", "--user", "alice", "--format", "json").stdout)
    assert from_cli == from_api
