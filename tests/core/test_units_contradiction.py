"""A stored dose's grams must agree with the amount and unit it was entered in (what an import checks)."""

import pytest

from speciosa.core.units import PLAUSIBLE_TEASPOON_GRAMS, Unit, grams_contradiction, to_grams


def test_200_g_from_200_mg_contradicts_and_says_what_the_amount_gives():
    message = grams_contradiction(200, 200, Unit.MILLIGRAMS)
    assert message == "200 g contradicts the amount: 200 mg is 0.2 g"


def test_grams_and_milligrams_agree_when_exact_or_rounded_as_logging_rounds_them():
    assert grams_contradiction(3.5, 3.5, Unit.GRAMS) is None
    assert grams_contradiction(0.2, 200, Unit.MILLIGRAMS) is None
    assert grams_contradiction(round(1234.56789 / 1000, 4), 1234.56789, Unit.MILLIGRAMS) is None
    assert grams_contradiction(3.6, 3.5, Unit.GRAMS) is not None  # 100 mg off is not rounding


def test_teaspoons_agree_with_the_weighed_teaspoon_or_the_one_the_conversion_names():
    assert grams_contradiction(12.0, 2, Unit.TEASPOONS, teaspoons=[6.0]) is None
    weighed_then = to_grams(2, Unit.TEASPOONS, teaspoon_grams=6.0)
    assert grams_contradiction(12.0, 2, Unit.TEASPOONS, conversion=weighed_then.explanation) is None
    assert grams_contradiction(12.0, 2, Unit.TEASPOONS) is not None


def test_teaspoons_without_a_weighed_teaspoon_may_be_half_to_twice_erowids_level_teaspoon():
    low, high = PLAUSIBLE_TEASPOON_GRAMS
    assert (low, high) == (0.75, 4.0)
    assert grams_contradiction(3 * 1.75, 3, Unit.TEASPOONS) is None  # the assumed teaspoon
    assert grams_contradiction(3 * 3.0, 3, Unit.TEASPOONS) is None  # heaped
    assert grams_contradiction(3 * 0.8, 3, Unit.TEASPOONS) is None
    message = grams_contradiction(30, 3, Unit.TEASPOONS)
    assert message is not None
    assert "3 tsp would be 10 g a teaspoon" in message and "1.5–2.0 g (Erowid)" in message
    assert "3 tsp is 2.25–12 g" in message
    assert grams_contradiction(0.3, 3, Unit.TEASPOONS) is not None  # a slipped decimal point


def test_capsules_are_checked_against_the_products_grams_per_capsule_when_it_is_known():
    assert grams_contradiction(3.0, 6, Unit.CAPSULES, capsule_grams=0.5) is None
    assert grams_contradiction(30.0, 6, Unit.CAPSULES, capsule_grams=0.5) == (
        "30 g contradicts the amount: 6 capsules of 0.5 g are 3 g"
    )
    assert grams_contradiction(30.0, 6, Unit.CAPSULES) is None  # no product size known: nothing to check


def test_capsules_logged_before_the_product_was_edited_agree_with_the_size_their_conversion_names():
    logged = to_grams(6, Unit.CAPSULES, capsule_grams=0.5)
    assert (
        grams_contradiction(3.0, 6, Unit.CAPSULES, capsule_grams=0.6, conversion=logged.explanation) is None
    )


def test_tea_is_checked_only_against_the_brew_its_conversion_names():
    brewed = to_grams(250, Unit.MILLILITRES, tea_grams_brewed=4, tea_ml_brewed=500)
    assert (
        grams_contradiction(round(brewed.grams, 4), 250, Unit.MILLILITRES, conversion=brewed.explanation)
        is None
    )
    message = grams_contradiction(20, 250, Unit.MILLILITRES, conversion=brewed.explanation)
    assert message == (
        "20 g contradicts the amount: 250 ml of tea, 500 ml brewed from 4 g (as its conversion says), is 2.00 g"
    )
    assert grams_contradiction(20, 250, Unit.MILLILITRES) is None  # any amount of leaf can be brewed


@pytest.mark.parametrize("unit", list(Unit))
def test_what_to_grams_writes_always_agrees_with_itself(unit):
    conversion = to_grams(
        3, unit, capsule_grams=0.55, tea_grams_brewed=5, tea_ml_brewed=10, teaspoon_grams=None
    )
    assert (
        grams_contradiction(
            round(conversion.grams, 4), 3, unit, conversion=conversion.explanation, capsule_grams=0.55
        )
        is None
    )
