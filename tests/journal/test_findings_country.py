"""The country of a person's emergency numbers: chosen in the profile (else read from the time zone),
named by a red flag that asks to call poison control, and kept by export and import."""

from __future__ import annotations

from datetime import timedelta

import pytest

from speciosa.core.errors import InvalidInput
from speciosa.journal import findings, services, transfer
from speciosa.journal import models as m


def child_swallowed(user, now):
    services.entry_create(
        user=user,
        kind="checkins",
        values={
            "at": now - timedelta(minutes=5),
            "side_effects": [{"code": "child_swallowed_kratom", "severity": "severe"}],
        },
    )
    [current] = [c for c in findings.findings_current(user=user, now=now) if c.severity == "urgent"]
    return current.finding.action


def test_a_red_flag_names_the_poison_line_of_the_time_zone_until_a_country_is_chosen(alice, frozen_now):
    assert "1-800-222-1222" in child_swallowed(alice, frozen_now), "alice lives in New York"


def test_a_red_flag_names_the_poison_line_of_the_chosen_country(alice, frozen_now):
    services.profile_update(user=alice, country="AU")
    action = child_swallowed(alice, frozen_now)
    assert "13 11 26" in action and "1-800-222-1222" not in action


def test_a_country_outside_the_list_is_refused_and_changes_nothing(alice, frozen_now):
    with pytest.raises(InvalidInput):
        services.profile_update(user=alice, country="FR")
    assert m.Profile.objects.get(user=alice).country == ""
    services.profile_update(user=alice, country="ZZ")
    assert m.Profile.objects.get(user=alice).country == "ZZ"


def test_the_country_travels_in_the_export_and_a_fresh_account_takes_it_on_import(alice, bob, frozen_now):
    services.profile_update(user=alice, country="NZ")
    exported = transfer.journal_export(user=alice, now=frozen_now)
    assert exported.profile.country == "NZ"
    m.Profile.objects.filter(user=bob).update(timezone="UTC")
    transfer.import_file(user=bob, content=exported.model_dump_json().encode(), now=frozen_now)
    assert m.Profile.objects.get(user=bob).country == "NZ"
