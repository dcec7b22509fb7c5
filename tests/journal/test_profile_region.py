"""The profile's region (a US state for the legal-status lookup): set, refused, exported and imported."""

from __future__ import annotations

import pytest
from django.urls import reverse

from speciosa.core.errors import InvalidInput
from speciosa.journal import selectors, services, transfer
from speciosa.journal.records import profile_record


def test_region_is_blank_by_default_and_takes_a_usps_code(alice):
    assert selectors.profile_get(user=alice).region == ""
    services.profile_update(user=alice, region="tx")
    assert selectors.profile_get(user=alice).region == "TX"
    with pytest.raises(InvalidInput):
        services.profile_update(user=alice, region="XX")
    services.profile_update(user=alice, region="")
    assert selectors.profile_get(user=alice).region == ""


def test_region_survives_export_and_import(alice, frozen_now, db):
    services.profile_update(user=alice, region="LA")
    assert profile_record(selectors.profile_get(user=alice)).region == "LA"
    carol = services.account_create(username="carol", password="correct horse battery")
    data = transfer.journal_export(user=alice).model_dump_json().encode()
    assert transfer.import_file(user=carol, content=data).profile_updated
    assert selectors.profile_get(user=carol).region == "LA"


def test_region_is_set_on_the_settings_page(alice, alice_client, frozen_now):
    html = alice_client.get(reverse("web:settings")).content.decode()
    assert 'name="region"' in html and "US state" in html
    alice_client.post(reverse("web:settings_timezone"), {"timezone": "America/Chicago", "region": "AL"})
    assert selectors.profile_get(user=alice).region == "AL"
    alice_client.post(reverse("web:settings_timezone"), {"timezone": "America/Chicago"})
    assert selectors.profile_get(user=alice).region == "AL"
