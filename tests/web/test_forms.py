"""One way to show a form on every page: the same field template, the same list of problems, the
same time zones."""

from __future__ import annotations

import re

from django.urls import reverse

from speciosa.journal import selectors, services

REQUIRED = '<span class="required">(required)</span>'


def required_controls(html: str) -> int:
    """How many controls the browser will not submit empty (they carry the `required` attribute)."""
    return len(re.findall(r"<(?:input|select|textarea)\b[^>]*\srequired[\s>]", html))


def test_a_field_that_must_be_filled_in_says_so_on_journal_and_record_pages_alike(alice_client, frozen_now):
    dose = alice_client.get(reverse("web:dose_new")).text
    product = alice_client.get(reverse("web:product_new")).text
    assert f'<label for="id_amount">Amount {REQUIRED}</label>' in dose
    assert f'<label for="id_name">Name {REQUIRED}</label>' in product
    assert '<label for="id_note">Note</label>' in dose and '<label for="id_note">Note</label>' in product
    # a list that always holds a choice cannot be left empty, so it is not marked
    assert '<label for="id_unit">Unit</label>' in dose and '<label for="id_form">Form</label>' in product
    assert "(optional)" not in dose + product


def test_the_marked_fields_are_those_the_browser_requires_that_could_be_left_empty(alice_client, frozen_now):
    therapy = alice_client.get(reverse("web:therapy_new")).text
    assert f"When {REQUIRED}" in therapy and f"Minutes {REQUIRED}" in therapy
    assert '<label for="id_kind">What</label>' in therapy
    assert therapy.count(REQUIRED) == required_controls(therapy) == 2
    substance = alice_client.get(reverse("web:substance_new")).text
    assert "<legend>What</legend>" in substance  # its radio buttons start with Alcohol chosen


def test_a_record_forms_problems_are_listed_first_each_linked_to_its_field(alice_client, frozen_now):
    response = alice_client.post(reverse("web:substance_new"), {"at": "2026-03-07T09:30", "kind": "alcohol"})
    problem = "Alcohol needs the number of standard drinks."
    assert "<strong>Nothing was saved.</strong> Please check:" in response.text
    assert f'<li><a href="#id_standard_drinks">Standard drinks</a>: {problem}</li>' in response.text
    assert f'<small class="field-error" id="id_standard_drinks_error">Standard drinks: {problem}</small>' in (
        response.text
    )


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
