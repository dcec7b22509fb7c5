import math

import pytest

from speciosa.core.errors import ConfirmationRequired, InvalidInput
from speciosa.core.units import ASSUMED_TEASPOON_GRAMS, Unit, check_dose_grams, parse_unit, to_grams


def test_grams_and_milligrams_convert_exactly():
    assert to_grams(3, Unit.GRAMS).grams == 3
    assert to_grams(2500, Unit.MILLIGRAMS).grams == pytest.approx(2.5)


def test_teaspoons_use_the_persons_own_weighed_teaspoon():
    conversion = to_grams(2, Unit.TEASPOONS, teaspoon_grams=2.4)
    assert conversion.grams == pytest.approx(4.8)
    assert not conversion.assumed


def test_teaspoons_without_calibration_say_they_assume_a_figure_and_cite_it():
    conversion = to_grams(1, Unit.TEASPOONS)
    assert conversion.grams == ASSUMED_TEASPOON_GRAMS
    assert conversion.assumed
    assert "erowid.org" in conversion.explanation


def test_capsules_need_the_products_grams_per_capsule():
    assert to_grams(6, Unit.CAPSULES, capsule_grams=0.5).grams == pytest.approx(3)
    with pytest.raises(InvalidInput) as caught:
        to_grams(6, Unit.CAPSULES)
    assert caught.value.errors[0].field == "product"


def test_tea_in_millilitres_is_a_share_of_the_grams_brewed():
    assert to_grams(250, Unit.MILLILITRES, tea_grams_brewed=10, tea_ml_brewed=500).grams == pytest.approx(5)
    assert to_grams(250, Unit.MILLILITRES, tea_grams_brewed=10).grams == pytest.approx(10)
    with pytest.raises(InvalidInput):
        to_grams(250, Unit.MILLILITRES)
    with pytest.raises(InvalidInput):
        to_grams(600, Unit.MILLILITRES, tea_grams_brewed=10, tea_ml_brewed=500)


@pytest.mark.parametrize("amount", [0, -1, math.nan, math.inf, "three", None, True, ""])
def test_amounts_that_are_not_positive_finite_numbers_are_refused_naming_the_field(amount):
    with pytest.raises(InvalidInput) as caught:
        to_grams(amount, Unit.GRAMS)
    assert caught.value.errors[0].field == "amount"


def test_unknown_units_are_refused_with_the_known_ones_listed():
    with pytest.raises(InvalidInput, match="use one of g, mg, tsp, capsule, ml"):
        parse_unit("oz")
    assert parse_unit(" TSP ") is Unit.TEASPOONS


def test_a_dose_over_100_g_asks_for_confirmation_and_over_250_g_is_refused():
    check_dose_grams(100)
    with pytest.raises(ConfirmationRequired):
        check_dose_grams(100.5)
    check_dose_grams(100.5, confirmed=True)
    check_dose_grams(250, confirmed=True)
    with pytest.raises(InvalidInput):
        check_dose_grams(250.1, confirmed=True)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("grams", Unit.GRAMS),
        ("capsules", Unit.CAPSULES),
        ("Teaspoons", Unit.TEASPOONS),
        ("millilitres", Unit.MILLILITRES),
    ],
)
def test_plural_and_long_unit_names_are_understood(text, unit):
    assert parse_unit(text) is unit
