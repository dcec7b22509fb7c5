from datetime import timedelta

import pytest

from speciosa.journal import models as m
from speciosa.journal import services
from tests.api.conftest import call, errors_of


def dose_count(user):
    return m.Dose.objects.filter(user=user).count()


def test_logging_a_dose_in_grams_answers_201_with_the_dose(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", {"amount": 3.5, "note": "after lunch"})
    assert response.status_code == 201
    dose = response.json()
    assert dose["grams"] == 3.5 and dose["amount"] == 3.5 and dose["unit"] == "g"
    assert dose["taken_at"] == "2026-03-07T15:00:00Z"  # now, when no time is given
    assert dose["product"] is None and dose["note"] == "after lunch"
    assert m.Dose.objects.get(user=alice, uid=dose["uid"]).grams == 3.5


def test_a_dose_in_capsules_is_converted_with_the_products_grams_per_capsule(alice, alice_client, frozen_now):
    product = services.entry_create(
        user=alice, kind="products", values={"name": "Green caps", "grams_per_capsule": 0.5}
    )
    response = call(
        alice_client,
        "post",
        "/doses",
        {
            "amount": 6,
            "unit": "capsule",
            "product_uid": str(product.uid),
            "taken_at": "2026-03-07T09:30:00-05:00",
        },
    )
    assert response.status_code == 201
    dose = response.json()
    assert dose["grams"] == 3 and dose["conversion"] == "6 capsules × 0.5 g"
    assert dose["product"] == {"uid": str(product.uid), "name": "Green caps"}
    assert dose["taken_at"] == "2026-03-07T14:30:00Z"


def test_a_dose_in_teaspoons_says_it_assumes_a_teaspoon_and_is_marked_estimated(alice_client, frozen_now):
    dose = call(alice_client, "post", "/doses", {"amount": 2, "unit": "tsp"}).json()
    assert dose["grams"] == 3.5
    assert "assumed teaspoon" in dose["conversion"] and "Erowid" in dose["conversion"]
    assert dose["is_estimate"] is True


def test_a_dose_in_millilitres_of_tea_needs_the_grams_brewed(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", {"amount": 250, "unit": "ml"})
    assert response.status_code == 400
    assert "tea_grams" in errors_of(response)
    dose = call(
        alice_client, "post", "/doses", {"amount": 250, "unit": "ml", "tea_grams": 8, "tea_ml": 500}
    ).json()
    assert dose["grams"] == 4


@pytest.mark.parametrize(
    ("amount", "says"),
    [
        (-2, "greater than 0"),
        (0, "greater than 0"),
        ("NaN", "not text"),
        ("Infinity", "not text"),
        ("2.5", "not text"),
        ("three", "valid number"),
        (None, "valid number"),
        (True, "must be a number"),
    ],
)
def test_an_amount_that_is_not_a_positive_number_is_refused_and_nothing_is_stored(
    alice, alice_client, frozen_now, amount, says
):
    response = call(alice_client, "post", "/doses", {"amount": amount})
    assert response.status_code == 400
    assert says in errors_of(response)["amount"]
    assert dose_count(alice) == 0


def test_a_bare_nan_in_the_json_body_is_refused(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", '{"amount": NaN}')
    assert response.status_code == 400
    assert "finite number" in errors_of(response)["amount"]
    assert dose_count(alice) == 0


def test_a_missing_amount_is_named(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", {"unit": "g"})
    assert errors_of(response) == {"amount": "Field required"}


def test_a_dose_over_100_g_asks_for_confirmation_with_409_and_is_stored_once_confirmed(
    alice, alice_client, frozen_now
):
    response = call(alice_client, "post", "/doses", {"amount": 120})
    assert response.status_code == 409
    assert "confirm" in errors_of(response)["amount"]
    assert dose_count(alice) == 0
    confirmed = call(alice_client, "post", "/doses", {"amount": 120, "confirm": True})
    assert confirmed.status_code == 201 and confirmed.json()["grams"] == 120


def test_a_dose_over_250_g_is_refused_even_when_confirmed(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", {"amount": 251, "confirm": True})
    assert response.status_code == 400
    assert "250 g limit" in errors_of(response)["amount"]
    assert dose_count(alice) == 0


def test_the_limits_apply_to_the_grams_after_conversion(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", {"amount": 300000, "unit": "mg"})
    assert response.status_code == 400 and "250 g limit" in errors_of(response)["amount"]
    assert call(alice_client, "post", "/doses", {"amount": 3000, "unit": "mg"}).json()["grams"] == 3


def test_a_time_more_than_five_minutes_in_the_future_is_refused(alice, alice_client, frozen_now):
    later = (frozen_now + timedelta(minutes=6)).isoformat()
    response = call(alice_client, "post", "/doses", {"amount": 3, "taken_at": later})
    assert response.status_code == 400
    assert errors_of(response) == {"taken_at": "is more than 5 minutes in the future"}
    assert dose_count(alice) == 0
    soon = (frozen_now + timedelta(minutes=4)).isoformat()
    assert call(alice_client, "post", "/doses", {"amount": 3, "taken_at": soon}).status_code == 201


def test_a_time_without_a_time_zone_is_refused(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", {"amount": 3, "taken_at": "2026-03-07T09:00:00"})
    assert response.status_code == 400
    assert "time zone" in errors_of(response)["taken_at"]
    assert dose_count(alice) == 0


def test_an_unknown_unit_is_refused_with_the_units_it_knows(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", {"amount": 3, "unit": "oz"})
    assert response.status_code == 400
    message = errors_of(response)["unit"]
    assert all(unit in message for unit in ("'g'", "'mg'", "'tsp'", "'capsule'", "'ml'"))
    assert dose_count(alice) == 0


def test_malformed_json_is_refused_with_where_it_breaks(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", '{"amount": 3,,}')
    assert response.status_code == 400
    assert "is not valid JSON (line 1, column 14" in errors_of(response)["body"]
    assert dose_count(alice) == 0


def test_a_body_that_is_not_an_object_is_refused(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", "[3]")
    assert response.status_code == 400 and "body" in errors_of(response)
    assert dose_count(alice) == 0


def test_an_unknown_field_is_refused_rather_than_ignored(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", {"amount": 3, "grams": 900})
    assert errors_of(response) == {"grams": "Extra inputs are not permitted"}
    assert dose_count(alice) == 0


def test_a_note_over_5000_characters_is_refused_and_the_error_states_the_limit(
    alice, alice_client, frozen_now
):
    response = call(alice_client, "post", "/doses", {"amount": 3, "note": "x" * 5001})
    assert response.status_code == 400
    assert "5000 characters" in errors_of(response)["note"]
    assert dose_count(alice) == 0


def test_a_long_unicode_note_is_kept_exactly(alice_client, frozen_now):
    note = ("Schmerz ↓ 😌 ملاحظة 痛み " * 250)[:5000]
    created = call(alice_client, "post", "/doses", {"amount": 3, "note": note}).json()
    assert call(alice_client, "get", f"/doses/{created['uid']}").json()["note"] == note


def test_another_persons_product_cannot_be_used_for_a_dose(alice, bob, alice_client, frozen_now):
    bobs = services.entry_create(user=bob, kind="products", values={"name": "Bob's", "grams_per_capsule": 1})
    response = call(
        alice_client, "post", "/doses", {"amount": 2, "unit": "capsule", "product_uid": str(bobs.uid)}
    )
    assert response.status_code == 400
    assert errors_of(response) == {"product": "no such product in your journal"}
    assert dose_count(alice) == 0


def test_doses_are_listed_newest_first_and_filtered_by_time_and_search(alice, alice_client, frozen_now):
    for hours, note in ((30, "old"), (5, "morning walk"), (1, "evening")):
        services.dose_create(user=alice, amount=2, taken_at=frozen_now - timedelta(hours=hours), note=note)
    notes = [d["note"] for d in call(alice_client, "get", "/doses").json()]
    assert notes == ["evening", "morning walk", "old"]
    since = call(alice_client, "get", "/doses?start=2026-03-07T00:00:00Z").json()
    assert [d["note"] for d in since] == ["evening", "morning walk"]
    assert [d["note"] for d in call(alice_client, "get", "/doses?q=WALK").json()] == ["morning walk"]
    assert len(call(alice_client, "get", "/doses?limit=1").json()) == 1


def test_list_filters_are_checked(alice_client, frozen_now):
    assert "limit" in errors_of(call(alice_client, "get", "/doses?limit=0"))
    assert "start" in errors_of(call(alice_client, "get", "/doses?start=yesterday"))


def test_patching_a_dose_changes_only_the_fields_given_and_converts_again(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=3, note="keep me")
    response = call(alice_client, "patch", f"/doses/{dose.uid}", {"amount": 4500, "unit": "mg"})
    assert response.status_code == 200
    changed = response.json()
    assert changed["grams"] == 4.5 and changed["unit"] == "mg" and changed["note"] == "keep me"


def test_patching_a_dose_over_100_g_needs_confirmation_too(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=3)
    assert call(alice_client, "patch", f"/doses/{dose.uid}", {"amount": 150}).status_code == 409
    assert m.Dose.objects.get(pk=dose.pk).grams == 3
    assert (
        call(alice_client, "patch", f"/doses/{dose.uid}", {"amount": 150, "confirm": True}).json()["grams"]
        == 150
    )


def test_a_patch_cannot_blank_a_required_field(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=3)
    response = call(alice_client, "patch", f"/doses/{dose.uid}", {"taken_at": None, "amount": None})
    assert response.status_code == 400
    assert set(errors_of(response)) == {"taken_at", "amount"}
    assert m.Dose.objects.get(pk=dose.pk).grams == 3


def test_deleting_a_dose_returns_the_change_that_undo_reverts(alice, alice_client, frozen_now):
    dose = services.dose_create(user=alice, amount=3)
    deleted = call(alice_client, "delete", f"/doses/{dose.uid}").json()
    assert deleted["archived"] is False and deleted["change_id"]
    assert call(alice_client, "get", f"/doses/{dose.uid}").status_code == 404
    undone = call(alice_client, "post", "/changes/undo", {"change_id": deleted["change_id"]})
    assert undone.status_code == 200 and undone.json()["undid"] == "delete"
    assert call(alice_client, "get", f"/doses/{dose.uid}").json()["grams"] == 3


def test_repeat_last_logs_the_same_amount_and_product_now(alice, alice_client, frozen_now):
    product = services.entry_create(
        user=alice, kind="products", values={"name": "Red", "grams_per_capsule": 0.5}
    )
    services.dose_create(
        user=alice,
        amount=4,
        unit="capsule",
        product_uid=product.uid,
        taken_at=frozen_now - timedelta(hours=5),
    )
    response = call(alice_client, "post", "/doses/repeat-last")
    assert response.status_code == 201
    dose = response.json()
    assert (dose["amount"], dose["unit"], dose["grams"]) == (4, "capsule", 2)
    assert dose["product"]["name"] == "Red" and dose["taken_at"] == "2026-03-07T15:00:00Z"


def test_repeat_last_without_any_dose_says_so(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses/repeat-last")
    assert response.status_code == 400
    assert "no earlier dose" in errors_of(response)["dose"]


def test_preview_converts_without_storing_anything(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses/preview", {"amount": 2, "unit": "tsp"})
    assert response.status_code == 200
    preview = response.json()
    assert (preview["grams"], preview["assumed"]) == (3.5, True)
    assert "1.75 g" in preview["explanation"]
    assert dose_count(alice) == 0


def test_preview_places_the_dose_in_each_sources_figures_and_names_what_it_would_raise(
    alice, alice_client, frozen_now
):
    services.entry_create(
        user=alice, kind="medications", values={"name": "oxycodone", "started_on": frozen_now.date()}
    )
    preview = call(alice_client, "post", "/doses/preview", {"amount": 4, "unit": "g"}).json()
    assert preview["sources"] and all(row["source"]["citation"] for row in preview["sources"])
    assert any(band["holds"] for row in preview["sources"] for band in row["bands"])
    assert preview["versus_usual"] and preview["usual_grams"] is None
    assert "interaction.medication" in [f["code"] for f in preview["findings"]]
    assert dose_count(alice) == 0


def test_preview_refuses_what_logging_would_refuse(alice_client, frozen_now):
    response = call(alice_client, "post", "/doses/preview", {"amount": 300, "unit": "g"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "amount"


def test_preview_uses_the_persons_weighed_teaspoon(alice, alice_client, frozen_now):
    services.profile_update(user=alice, teaspoon_grams=2.5)
    preview = call(alice_client, "post", "/doses/preview", {"amount": 2, "unit": "tsp"}).json()
    assert preview["grams"] == 5 and preview["assumed"] is False


def test_a_body_nested_a_hundred_thousand_deep_is_refused_naming_the_body(alice, alice_client, frozen_now):
    response = call(alice_client, "post", "/doses", "[" * 100_000)
    assert response.status_code == 400
    assert "nests arrays and objects more than 200 levels deep" in errors_of(response)["body"]
    assert dose_count(alice) == 0
