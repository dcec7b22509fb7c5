"""Settings: time zone, teaspoon calibration, and personal access tokens shown once and revocable."""

from __future__ import annotations

from django.urls import reverse

from speciosa.journal import models as m
from speciosa.journal import selectors, services


def test_the_time_zone_can_be_chosen_from_every_known_zone(alice, alice_client, frozen_now):
    page = alice_client.get(reverse("web:settings"))
    html = page.content.decode()
    assert (
        '<option value="America/New_York" selected>' in html and '<option value="Pacific/Auckland">' in html
    )
    response = alice_client.post(reverse("web:settings_timezone"), {"timezone": "Europe/Lisbon"}, follow=True)
    assert "Your time zone is now Europe/Lisbon." in [str(x) for x in response.context["messages"]]
    assert selectors.profile_get(user=alice).timezone == "Europe/Lisbon"


def test_an_unknown_time_zone_is_an_error_on_its_field(alice, alice_client, frozen_now):
    response = alice_client.post(reverse("web:settings_timezone"), {"timezone": "Mars/Olympus_Mons"})
    assert response.status_code == 400
    assert response.context["zone_form"].errors["timezone"]
    assert selectors.profile_get(user=alice).timezone == "America/New_York"


def test_until_a_teaspoon_is_weighed_the_page_says_what_it_assumes_and_cites_it(alice_client, frozen_now):
    html = alice_client.get(reverse("web:settings")).content.decode()
    assert "assumes <strong>1.75 g</strong>" in html
    assert "Erowid" in html and "erowid.org/plants/kratom/kratom_dose.shtml" in html


def test_a_weighed_teaspoon_is_saved_and_can_be_cleared(alice, alice_client, frozen_now):
    alice_client.post(reverse("web:settings_teaspoon"), {"teaspoon_grams": "2.1"})
    assert selectors.profile_get(user=alice).teaspoon_grams == 2.1
    html = alice_client.get(reverse("web:settings")).content.decode()
    assert "<strong>2.1 g</strong>" in html and "Go back to the assumed 1.75 g" in html
    alice_client.post(reverse("web:settings_teaspoon"), {"teaspoon_grams": "2.1", "clear": "1"})
    assert selectors.profile_get(user=alice).teaspoon_grams is None


def test_an_impossible_teaspoon_is_an_error_on_its_field_and_changes_nothing(alice, alice_client, frozen_now):
    alice_client.post(reverse("web:settings_teaspoon"), {"teaspoon_grams": "2"})
    for bad in ("0", "-1", "35", "nan", "lots"):
        response = alice_client.post(reverse("web:settings_teaspoon"), {"teaspoon_grams": bad})
        assert response.status_code == 400, bad
        assert response.context["teaspoon_form"].errors["teaspoon_grams"], bad
    assert selectors.profile_get(user=alice).teaspoon_grams == 2


def test_a_new_token_is_shown_once_and_only_its_hash_is_kept(alice, alice_client, frozen_now):
    response = alice_client.post(reverse("web:token_create"), {"name": "my shortcut"})
    assert response.status_code == 200
    raw = response.context["new_token"]["raw"]
    html = response.content.decode()
    assert raw in html and "shown only this once" in html
    assert "no-store" in response["Cache-Control"]
    token = m.ApiToken.objects.get(user=alice)
    assert token.token_hash == services.token_hash(raw) and raw not in token.token_hash
    assert selectors.token_user(raw=raw)[0] == alice

    later = alice_client.get(reverse("web:settings")).content.decode()
    assert raw not in later
    assert "my shortcut" in later and f"{token.prefix}…" in later and "never" in later


def test_a_token_needs_a_name(alice_client, frozen_now):
    response = alice_client.post(reverse("web:token_create"), {"name": "  "})
    assert response.status_code == 400
    assert response.context["token_form"].errors["name"]
    assert not m.ApiToken.objects.exists()


def test_a_revoked_token_no_longer_works_and_is_listed_as_revoked(alice, alice_client, frozen_now):
    token, raw = services.token_create(user=alice, name="old script")
    response = alice_client.post(reverse("web:token_revoke", kwargs={"token_id": token.id}), follow=True)
    assert "Revoked the token “old script”." in str(list(response.context["messages"])[0])
    assert selectors.token_user(raw=raw) is None
    html = response.content.decode()
    assert "Revoked</dt>" in html
    assert reverse("web:token_revoke", kwargs={"token_id": token.id}) not in html


# --- country: the emergency and poison-control numbers ------------------------------------------


def test_settings_offers_the_countries_of_the_reference_data_and_other_with_the_saved_one_selected(
    alice, alice_client, frozen_now
):
    html = alice_client.get(reverse("web:settings")).content.decode()
    assert '<option value="" selected>Not chosen: United States, from your time zone</option>' in html
    for code, name in (("GB", "United Kingdom"), ("AU", "Australia"), ("ZZ", "Other / not listed")):
        assert f'<option value="{code}">{name}</option>' in html
    response = alice_client.post(
        reverse("web:settings_timezone"), {"timezone": "America/New_York", "country": "GB"}, follow=True
    )
    assert "and your country United Kingdom." in response.content.decode()
    assert selectors.profile_get(user=alice).country == "GB"
    assert (
        '<option value="GB" selected>United Kingdom</option>'
        in alice_client.get(reverse("web:settings")).content.decode()
    )


def test_saving_only_the_time_zone_keeps_the_chosen_country(alice, alice_client, frozen_now):
    services.profile_update(user=alice, country="AU")
    alice_client.post(reverse("web:settings_timezone"), {"timezone": "Europe/Lisbon"})
    assert selectors.profile_get(user=alice).country == "AU"


def test_a_country_not_in_the_list_is_refused_on_its_field(alice, alice_client, frozen_now):
    response = alice_client.post(
        reverse("web:settings_timezone"), {"timezone": "Europe/Lisbon", "country": "FR"}
    )
    assert response.status_code == 400 and response.context["zone_form"].errors["country"]
    assert selectors.profile_get(user=alice).country == ""


def test_each_form_has_one_primary_button_and_none_is_secondary_to_another(alice_client, frozen_now):
    html = alice_client.get(reverse("web:settings")).content.decode()
    primaries = [b for b in html.split("<button")[1:] if 'type="submit">' in b.split(">")[0] + ">"]
    assert len(primaries) == 3, "time zone and country, teaspoon, pregnancy: the token form's is secondary"
    assert html.count('class="settings-form"') == 4


def test_the_checkin_reminder_is_set_on_the_settings_page_and_a_bad_time_is_an_error_on_its_field(
    alice, alice_client, frozen_now
):
    form = {"timezone": "America/New_York", "checkin_reminder": "19:40"}
    alice_client.post(reverse("web:settings_timezone"), form)
    assert f"{selectors.profile_get(user=alice).checkin_reminder:%H:%M}" == "19:40"
    assert 'value="19:40"' in alice_client.get(reverse("web:settings")).content.decode()
    refused = alice_client.post(reverse("web:settings_timezone"), {**form, "checkin_reminder": "soon"})
    assert refused.status_code == 400 and 'id="id_checkin_reminder"' in refused.content.decode()
    assert f"{selectors.profile_get(user=alice).checkin_reminder:%H:%M}" == "19:40"
    alice_client.post(reverse("web:settings_timezone"), {**form, "checkin_reminder": ""})
    assert selectors.profile_get(user=alice).checkin_reminder is None


def test_a_zone_stored_before_it_was_refused_is_not_offered_again(alice, alice_client, frozen_now):
    m.Profile.objects.filter(user=alice).update(timezone="localtime")  # set before `localtime` was refused
    page = alice_client.get(reverse("web:settings")).content.decode()
    assert 'value="localtime"' not in page
    response = alice_client.post(reverse("web:settings_timezone"), {"timezone": "localtime"})
    assert response.status_code == 400
    assert response.context["zone_form"].errors["timezone"]
