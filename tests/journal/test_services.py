from datetime import date, timedelta

import pytest

from speciosa.core.errors import ConfirmationRequired, InvalidInput, NotFound
from speciosa.journal import models as m
from speciosa.journal import selectors, services


def test_a_dose_in_teaspoons_uses_the_assumed_teaspoon_until_calibrated(alice, frozen_now):
    dose = services.dose_create(user=alice, amount=2, unit="tsp")
    assert dose.grams == pytest.approx(3.5)
    assert dose.is_estimate
    assert "Erowid" in dose.conversion
    services.profile_update(user=alice, teaspoon_grams=2.2)
    dose = services.dose_create(user=alice, amount=2, unit="tsp")
    assert dose.grams == pytest.approx(4.4)
    assert not dose.is_estimate


def test_it_rejects_bad_amounts_and_changes_nothing(alice, frozen_now):
    for amount in (-1, 0, float("nan"), "abc", None):
        with pytest.raises(InvalidInput) as caught:
            services.dose_create(user=alice, amount=amount)
        assert caught.value.errors[0].field == "amount"
    with pytest.raises(ConfirmationRequired):
        services.dose_create(user=alice, amount=120)
    with pytest.raises(InvalidInput):
        services.dose_create(user=alice, amount=251, confirmed=True)
    with pytest.raises(InvalidInput) as caught:
        services.dose_create(user=alice, amount=3, taken_at=frozen_now + timedelta(minutes=10))
    assert caught.value.errors[0].field == "taken_at"
    assert m.Dose.objects.count() == 0
    assert services.dose_create(user=alice, amount=120, confirmed=True).grams == 120


def test_delete_and_undo_bring_a_checkin_back_whole(alice, frozen_now):
    checkin = services.entry_create(
        user=alice,
        kind="checkins",
        values={
            "at": frozen_now,
            "pain_now": 6,
            "side_effects": [{"code": "nausea", "severity": "moderate"}],
        },
    )
    services.entry_delete(user=alice, kind="checkins", uid=checkin.uid)
    assert not m.CheckIn.objects.exists()
    services.change_undo(user=alice)
    restored = m.CheckIn.objects.get(uid=checkin.uid)
    assert restored.pain_now == 6
    assert [s.code for s in restored.side_effects.all()] == ["nausea"]


def test_bob_cannot_reach_alices_entries(alice, bob, frozen_now):
    dose = services.dose_create(user=alice, amount=3)
    with pytest.raises(NotFound):
        selectors.entry_get(user=bob, kind="doses", uid=dose.uid)
    with pytest.raises(NotFound):
        services.entry_delete(user=bob, kind="doses", uid=dose.uid)
    with pytest.raises(NotFound):
        services.change_undo(user=bob)


def test_deleting_a_product_with_doses_archives_it_and_a_second_delete_changes_nothing(alice, frozen_now):
    product = services.entry_create(user=alice, kind="products", values={"name": "Green Malay"})
    services.dose_create(user=alice, amount=3, product_uid=product.uid)
    change = services.entry_delete(user=alice, kind="products", uid=product.uid)
    assert change.action == m.Change.Action.UPDATE
    assert m.Product.objects.get(uid=product.uid).archived
    assert services.entry_delete(user=alice, kind="products", uid=product.uid) is None
    services.change_undo(user=alice, change_id=change.id)
    assert not m.Product.objects.get(uid=product.uid).archived


@pytest.mark.parametrize("grams", [0, 35, float("nan"), "heavy"])
def test_a_teaspoon_weight_out_of_range_is_refused_naming_the_field(alice, grams):
    with pytest.raises(InvalidInput) as caught:
        services.profile_update(user=alice, teaspoon_grams=grams)
    assert caught.value.errors[0].field == "teaspoon_grams"
    assert selectors.profile_get(user=alice).teaspoon_grams is None


def test_sign_up_reports_every_problem_at_once(db):
    with pytest.raises(InvalidInput) as caught:
        services.account_create(username="", password="123", timezone="Mars/Olympus")
    assert {e.field for e in caught.value.errors} == {"username", "password", "timezone"}


def test_text_with_a_nul_character_is_refused(alice, frozen_now):
    with pytest.raises(InvalidInput) as caught:
        services.dose_create(user=alice, amount=3, note="before\x00after")
    assert caught.value.errors[0].field == "note"


def test_times_and_dates_outside_plausible_years_are_refused(alice, frozen_now):
    from datetime import UTC, datetime

    with pytest.raises(InvalidInput):
        services.dose_create(user=alice, amount=3, taken_at=datetime(1, 1, 1, tzinfo=UTC))
    with pytest.raises(InvalidInput):
        selectors.history_days(user=alice, first=date(1, 1, 1), last=date(2026, 1, 1))
    with pytest.raises(InvalidInput):
        list(selectors.entry_list(user=alice, kind="doses", start=datetime(1, 1, 1, tzinfo=UTC)))


def test_a_lab_range_must_be_in_order_and_a_lab_date_not_in_the_future(alice, frozen_now):
    with pytest.raises(InvalidInput) as caught:
        services.entry_create(
            user=alice,
            kind="labs",
            values={
                "taken_on": date(2026, 3, 1),
                "test": "ALT",
                "value": 30,
                "unit": "U/L",
                "reference_low": 60,
                "reference_high": 40,
            },
        )
    assert caught.value.errors[0].field == "reference_high"
    with pytest.raises(InvalidInput) as caught:
        services.entry_create(
            user=alice,
            kind="labs",
            values={"taken_on": date(2026, 3, 9), "test": "ALT", "value": 30, "unit": "U/L"},
        )
    assert caught.value.errors[0].field == "taken_on"


def test_an_empty_checkin_is_refused(alice, frozen_now):
    with pytest.raises(InvalidInput, match="at least one"):
        services.entry_create(user=alice, kind="checkins", values={"at": frozen_now})


def test_undoing_an_older_change_while_a_later_one_stands_is_refused(alice, frozen_now):
    dose = services.dose_create(user=alice, amount=3)
    services.dose_update(user=alice, uid=dose.uid, note="a")
    first_edit = selectors.change_last(user=alice)
    services.dose_update(user=alice, uid=dose.uid, note="b")
    with pytest.raises(InvalidInput, match="later"):
        services.change_undo(user=alice, change_id=first_edit.id)
    services.change_undo(user=alice)
    assert m.Dose.objects.get(uid=dose.uid).note == "a"


def test_undoing_the_creation_of_a_product_that_doses_use_is_refused_and_changes_nothing(alice, frozen_now):
    product = services.entry_create(user=alice, kind="products", values={"name": "Red Bali"})
    created = selectors.change_last(user=alice)
    services.dose_create(user=alice, amount=3, product_uid=product.uid)
    with pytest.raises(InvalidInput, match="archive"):
        services.change_undo(user=alice, change_id=created.id)
    assert m.Product.objects.filter(uid=product.uid).exists()


def test_changing_only_the_product_of_a_gram_dose_keeps_its_amount(alice, frozen_now):
    services.profile_update(user=alice, teaspoon_grams=2.5)
    product = services.entry_create(user=alice, kind="products", values={"name": "Red Bali"})
    dose = services.dose_create(user=alice, amount=2, unit="tsp")
    services.profile_update(user=alice, teaspoon_grams=3)
    changed = services.dose_update(user=alice, uid=dose.uid, product_uid=product.uid)
    assert changed.grams == 5 and changed.product_id == product.id


def test_a_checkin_matching_a_search_through_two_side_effects_is_listed_once(alice, frozen_now):
    services.entry_create(
        user=alice,
        kind="checkins",
        values={"at": frozen_now, "side_effects": [{"code": "dizziness"}, {"code": "drowsiness"}]},
    )
    assert len(selectors.entry_list(user=alice, kind="checkins", search="ness")) == 1
