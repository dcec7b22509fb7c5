"""The dose form: units, local times, the teaspoon assumption, confirmation, inline errors, edit, delete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from speciosa.core.units import TEASPOON_SOURCE
from speciosa.journal import models as m
from speciosa.journal import services


def log(client, **fields):
    data = {"amount": "3", "unit": "g", "product": "", "taken_at": ""} | fields
    return client.post(reverse("web:dose_new"), data, follow=True)


@pytest.fixture
def capsules(alice):
    return services.entry_create(
        user=alice, kind="products", values={"name": "Red caps", "grams_per_capsule": 0.7}
    )


def test_the_form_says_it_assumes_a_teaspoon_and_cites_why_until_one_is_weighed(
    alice, alice_client, frozen_now
):
    page = alice_client.get(reverse("web:dose_new")).text
    assert "assumes 1.75 g per level teaspoon" in page
    assert TEASPOON_SOURCE in page
    assert f'href="{reverse("web:settings")}"' in page
    services.profile_update(user=alice, teaspoon_grams=2.2)
    page = alice_client.get(reverse("web:dose_new")).text
    assert "your weighed teaspoon: 2.2 g" in page
    assert "assumes 1.75 g" not in page


def test_a_new_dose_s_time_starts_empty_so_a_form_left_open_logs_the_moment_it_is_sent(
    alice, alice_client, frozen_now
):
    page = alice_client.get(reverse("web:dose_new")).text
    assert (
        '<input type="datetime-local" name="taken_at" aria-describedby="id_taken_at_helptext" id="id_taken_at">'
        in page
    )
    assert 'name="taken_at" value=' not in page
    assert "<summary>More details: time (now), estimate, note</summary>" in page


def test_a_dose_logged_at_a_local_time_is_stored_in_utc(alice, alice_client, frozen_now, capsules):
    response = log(
        alice_client, amount="2", unit="capsule", product=str(capsules.uid), taken_at="2026-03-07T08:30"
    )
    dose = m.Dose.objects.get(user=alice)
    assert dose.taken_at == datetime(2026, 3, 7, 13, 30, tzinfo=UTC)
    assert dose.grams == pytest.approx(1.4)
    assert "Logged 2 capsules (1.4 g) · Red caps at 08:30." in response.text


def test_an_empty_time_means_now_and_an_estimate_can_be_marked(alice, alice_client, frozen_now):
    log(alice_client, amount="2.5", is_estimate="on", note="after lunch")
    dose = m.Dose.objects.get(user=alice)
    assert (dose.taken_at, dose.grams, dose.is_estimate, dose.note) == (frozen_now, 2.5, True, "after lunch")


def test_teaspoons_use_the_assumed_figure_and_are_marked_as_estimates(alice, alice_client, frozen_now):
    log(alice_client, amount="2", unit="tsp")
    dose = m.Dose.objects.get(user=alice)
    assert dose.grams == pytest.approx(3.5) and dose.is_estimate


def test_tea_in_millilitres_counts_the_share_of_the_grams_brewed(alice, alice_client, frozen_now):
    log(alice_client, amount="200", unit="ml", tea_grams="5", tea_ml="400")
    assert m.Dose.objects.get(user=alice).grams == pytest.approx(2.5)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"amount": "-1"}, "amount"),
        ({"amount": "0"}, "amount"),
        ({"amount": "nan"}, "amount"),
        ({"amount": "abc"}, "amount"),
        ({"amount": ""}, "amount"),
        ({"amount": "251"}, "amount"),
        ({"unit": "kg"}, "unit"),
        ({"taken_at": "2026-03-07T10:30"}, "taken_at"),
        ({"taken_at": "yesterday-ish"}, "taken_at"),
        ({"unit": "capsule"}, "product"),
        ({"unit": "ml", "amount": "200"}, "tea_grams"),
        ({"note": "x" * 5001}, "note"),
    ],
    ids=lambda value: str(value)[:40],
)
def test_bad_input_is_shown_at_its_field_and_nothing_is_stored(
    alice, alice_client, frozen_now, fields, field
):
    response = log(alice_client, **fields)
    assert response.status_code == 200 and not response.redirect_chain
    assert response.context["form"].errors[field]
    assert f'id="id_{field}_error"' in response.text and 'aria-invalid="true"' in response.text
    assert "Nothing was saved." in response.text
    assert not m.Dose.objects.exists()


def test_log_dose_comes_right_after_amount_unit_and_product_and_the_rarely_changed_fields_after_it(
    alice_client, frozen_now
):
    page = alice_client.get(reverse("web:dose_new")).text
    order = [
        page.index(marker)
        for marker in (
            'name="amount"',
            'name="unit"',
            'name="product"',
            ">Log dose</button>",
            'name="taken_at"',
        )
    ]
    assert order == sorted(order)
    more = page.split('<details class="more-details">')[1].split("</details>")[0]
    assert "<summary>More details: time (now), estimate, note</summary>" in more
    for name in ("taken_at", "is_estimate", "note"):
        assert f'name="{name}"' in more, name
    assert "(optional)" not in page, "the form marks the few required fields only"


@pytest.mark.parametrize(
    ("fields", "field"), [({"taken_at": "yesterday-ish"}, "taken_at"), ({"note": "x" * 5001}, "note")]
)
def test_a_problem_with_a_field_under_more_details_opens_the_group_and_names_the_field(
    alice_client, frozen_now, fields, field
):
    page = log(alice_client, **fields).text
    more = page.split('<details class="more-details" open>')[1].split("</details>")[0]
    assert f'id="id_{field}_error"' in more
    assert f'<a href="#id_{field}">' in page.split('class="form-errors"')[1]


def test_the_edit_form_shows_the_time_and_note_without_a_tap(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=4, taken_at=frozen_now - timedelta(hours=1), note="first")
    page = alice_client.get(reverse("web:dose_edit", kwargs={"uid": dose.uid})).text
    more = page.split('<details class="more-details" open>')[1].split("</details>")[0]
    assert "<summary>More details: time (09:00), estimate, note</summary>" in more
    assert "\nfirst</textarea>" in more


def test_a_problem_with_the_amount_leaves_more_details_closed(alice_client, frozen_now):
    page = log(alice_client, amount="abc").text
    assert '<details class="more-details">' in page and 'id="id_amount_error"' in page


def test_a_time_more_than_five_minutes_ahead_is_refused_with_the_reason(alice, alice_client, frozen_now):
    response = log(alice_client, taken_at="2026-03-07T10:30")
    assert "Time: is more than 5 minutes in the future" in response.text


def test_over_100_grams_asks_to_confirm_and_stores_only_once_confirmed(alice, alice_client, frozen_now):
    response = log(alice_client, amount="120")
    assert "Yes, log 120 g" in response.text
    assert not m.Dose.objects.exists()
    log(alice_client, amount="120", confirmed="on")
    assert m.Dose.objects.get(user=alice).grams == 120


def test_over_250_grams_is_refused_even_when_confirmed(alice, alice_client, frozen_now):
    response = log(alice_client, amount="300", confirmed="on")
    assert "over the 250 g limit" in response.text
    assert not m.Dose.objects.exists()


def test_editing_a_dose_changes_what_was_changed_and_keeps_the_rest(
    alice, alice_client, frozen_now, capsules
):
    taken = datetime(2026, 3, 7, 12, 15, 42, tzinfo=UTC)
    dose = services.dose_create(user=alice, amount=4, taken_at=taken, note="first")
    page = alice_client.get(reverse("web:dose_edit", kwargs={"uid": dose.uid}))
    assert 'value="2026-03-07T07:15"' in page.text
    data = {"amount": "5", "unit": "g", "product": "", "taken_at": "2026-03-07T07:15", "note": "first"}
    response = alice_client.post(reverse("web:dose_edit", kwargs={"uid": dose.uid}), data, follow=True)
    dose.refresh_from_db()
    assert (dose.amount, dose.grams, dose.taken_at, dose.note) == (5, 5, taken, "first")
    assert "Saved the dose: 5 g." in response.text
    assert 'name="change"' in response.text  # the message carries Undo


def test_saving_an_untouched_dose_changes_nothing(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=200, unit="ml", tea_grams=4, taken_at=frozen_now)
    changes = m.Change.objects.count()
    data = {"amount": "200", "unit": "ml", "product": "", "taken_at": "2026-03-07T10:00", "note": ""}
    response = alice_client.post(reverse("web:dose_edit", kwargs={"uid": dose.uid}), data, follow=True)
    assert "Nothing changed." in response.text
    assert m.Change.objects.count() == changes
    dose.refresh_from_db()
    assert dose.grams == 4


def test_editing_into_a_bad_amount_shows_the_error_and_keeps_the_dose(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=4, taken_at=frozen_now)
    data = {"amount": "-2", "unit": "g", "product": "", "taken_at": "2026-03-07T10:00"}
    response = alice_client.post(reverse("web:dose_edit", kwargs={"uid": dose.uid}), data)
    assert response.context["form"].errors["amount"]
    dose.refresh_from_db()
    assert dose.amount == 4


def test_an_archived_product_stays_choosable_on_its_old_doses(alice, alice_client, frozen_now, capsules):
    dose = services.dose_create(user=alice, amount=2, unit="capsule", product_uid=capsules.uid)
    services.entry_update(user=alice, kind="products", uid=capsules.uid, values={"archived": True})
    page = alice_client.get(reverse("web:dose_edit", kwargs={"uid": dose.uid})).text
    assert "Red caps (archived)" in page
    assert "Red caps" not in alice_client.get(reverse("web:dose_new")).text


def test_deleting_a_dose_asks_first_then_deletes_with_undo(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=4, taken_at=frozen_now - timedelta(hours=1))
    url = reverse("web:dose_delete", kwargs={"uid": dose.uid})
    confirm = alice_client.get(url)
    assert "Delete this dose?" in confirm.text and "4 g" in confirm.text
    assert m.Dose.objects.filter(uid=dose.uid).exists()
    response = alice_client.post(url, {"next": reverse("web:history")}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:history")
    assert not m.Dose.objects.filter(uid=dose.uid).exists()
    assert "Deleted the dose: 4 g." in response.text and ">Undo</button>" in response.text
