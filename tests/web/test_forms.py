"""One way to show a form on every page: the same time zones."""

from __future__ import annotations

from django.urls import reverse

from speciosa.journal import selectors, services


def test_sign_up_and_settings_offer_the_same_time_zones_utc_first_without_legacy_aliases(
    alice_client, anonymous, frozen_now
):
    signup = anonymous.get(reverse("web:signup")).context["form"].fields["timezone"].choices
    settings = alice_client.get(reverse("web:settings")).context["zone_form"].fields["timezone"].choices
    assert signup == settings
    names = [name for name, _ in settings]
    assert names[0] == "UTC" and names[1:] == sorted(names[1:])
    assert {"America/New_York", "Europe/Lisbon", "Pacific/Auckland"} <= set(names)
    assert not {"US/Eastern", "EST5EDT", "Etc/GMT+5", "GB"} & set(names)
    assert ("America/New_York", "America/New York") in settings


def test_a_legacy_zone_set_from_the_cli_stays_selected_and_can_be_saved_again(
    alice, alice_client, frozen_now
):
    services.profile_update(user=alice, timezone="US/Eastern")
    html = alice_client.get(reverse("web:settings")).text
    assert '<option value="US/Eastern" selected>US/Eastern</option>' in html
    response = alice_client.post(reverse("web:settings_timezone"), {"timezone": "US/Eastern"})
    assert response.status_code == 302
    assert selectors.profile_get(user=alice).timezone == "US/Eastern"
