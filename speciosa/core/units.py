"""Amounts of kratom: every unit a person uses, converted to grams with the assumption shown."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from speciosa.core.errors import ConfirmationRequired, FieldError, InvalidInput
from speciosa.core.limits import CONFIRM_DOSE_GRAMS, MAX_DOSE_GRAMS

#: Grams in one level teaspoon of dried leaf powder until the person weighs their own.
#: Erowid's kratom dose page gives "1 tsp dried leaf ≈ 1.5–2.0 g" (grade D); this is the midpoint.
ASSUMED_TEASPOON_GRAMS = 1.75
TEASPOON_SOURCE = (
    "Erowid, Kratom dosage (erowid.org/plants/kratom/kratom_dose.shtml): one level teaspoon of "
    "dried leaf is about 1.5–2.0 g. Evidence grade D; powders differ, so weigh one teaspoon of yours."
)


class Unit(StrEnum):
    GRAMS = "g"
    MILLIGRAMS = "mg"
    TEASPOONS = "tsp"
    CAPSULES = "capsule"
    MILLILITRES = "ml"

    @property
    def label(self) -> str:
        return UNIT_LABELS[self]


UNIT_LABELS = {
    Unit.GRAMS: "grams",
    Unit.MILLIGRAMS: "milligrams",
    Unit.TEASPOONS: "teaspoons",
    Unit.CAPSULES: "capsules",
    Unit.MILLILITRES: "millilitres of tea",
}


@dataclass(frozen=True)
class Conversion:
    """An amount in grams of leaf, how it was worked out, and whether it rests on an assumption."""

    grams: float
    explanation: str
    assumed: bool = False


#: Other ways people write the units (plurals, long names), all mapped to one Unit.
UNIT_ALIASES = {
    "gram": Unit.GRAMS,
    "grams": Unit.GRAMS,
    "milligram": Unit.MILLIGRAMS,
    "milligrams": Unit.MILLIGRAMS,
    "teaspoon": Unit.TEASPOONS,
    "teaspoons": Unit.TEASPOONS,
    "capsules": Unit.CAPSULES,
    "caps": Unit.CAPSULES,
    "millilitre": Unit.MILLILITRES,
    "millilitres": Unit.MILLILITRES,
    "milliliter": Unit.MILLILITRES,
    "milliliters": Unit.MILLILITRES,
}


def parse_unit(value: str, *, field: str = "unit") -> Unit:
    """A unit from its symbol (g, mg, tsp, capsule, ml) or a common long or plural name."""
    text = value.strip().lower()
    try:
        return UNIT_ALIASES.get(text) or Unit(text)
    except ValueError:
        known = ", ".join(u.value for u in Unit)
        raise InvalidInput(f"unknown unit {value!r}; use one of {known}", field=field) from None


def positive_number(value: object, *, field: str) -> float:
    """A finite number above zero, or an InvalidInput naming the field."""
    if isinstance(value, bool):
        raise InvalidInput("must be a number", field=field)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput(f"must be a number, not {value!r}", field=field) from None
    if math.isnan(number) or math.isinf(number):
        raise InvalidInput("must be a finite number", field=field)
    if number <= 0:
        raise InvalidInput("must be more than 0", field=field)
    return number


def to_grams(
    amount: object,
    unit: Unit,
    *,
    teaspoon_grams: float | None = None,
    capsule_grams: float | None = None,
    tea_grams_brewed: float | None = None,
    tea_ml_brewed: float | None = None,
) -> Conversion:
    """Convert an amount in any unit to grams of leaf.

    Teaspoons use the person's own calibration, or an assumed figure with its source.
    Capsules need the product's grams per capsule. Millilitres of tea need the grams brewed;
    the millilitres brewed default to the millilitres drunk (the whole brew).
    """
    value = positive_number(amount, field="amount")
    if unit is Unit.GRAMS:
        return Conversion(value, f"{value:g} g")
    if unit is Unit.MILLIGRAMS:
        return Conversion(value / 1000, f"{value:g} mg = {value / 1000:g} g")
    if unit is Unit.TEASPOONS:
        if teaspoon_grams:
            grams = value * teaspoon_grams
            return Conversion(grams, f"{value:g} tsp × {teaspoon_grams:g} g (your weighed teaspoon)")
        grams = value * ASSUMED_TEASPOON_GRAMS
        return Conversion(
            grams,
            f"{value:g} tsp × {ASSUMED_TEASPOON_GRAMS:g} g, an assumed teaspoon ({TEASPOON_SOURCE})",
            assumed=True,
        )
    if unit is Unit.CAPSULES:
        if not capsule_grams:
            raise InvalidInput("choose a product with its grams per capsule to log capsules", field="product")
        grams = value * capsule_grams
        return Conversion(grams, f"{value:g} capsules × {capsule_grams:g} g")
    if unit is Unit.MILLILITRES:
        brewed = (
            positive_number(tea_grams_brewed, field="tea_grams") if tea_grams_brewed is not None else None
        )
        if brewed is None:
            raise InvalidInput("give the grams of leaf brewed to log tea in millilitres", field="tea_grams")
        volume = positive_number(tea_ml_brewed, field="tea_ml") if tea_ml_brewed is not None else value
        if value > volume:
            raise InvalidInput("cannot drink more tea than was brewed", field="amount")
        grams = brewed * value / volume
        return Conversion(grams, f"{value:g} ml of {volume:g} ml brewed from {brewed:g} g = {grams:.2f} g")
    raise InvalidInput(f"unknown unit {unit!r}", field="unit")  # pragma: no cover - enum is exhaustive


def check_dose_grams(grams: float, *, confirmed: bool = False, field: str = "amount") -> None:
    """Refuse a dose above MAX_DOSE_GRAMS; ask to confirm one above CONFIRM_DOSE_GRAMS."""
    if grams > MAX_DOSE_GRAMS:
        raise InvalidInput(
            f"{grams:g} g in one dose is over the {MAX_DOSE_GRAMS:g} g limit; check the amount and unit",
            field=field,
        )
    if grams > CONFIRM_DOSE_GRAMS and not confirmed:
        raise ConfirmationRequired(
            [FieldError(field, f"{grams:g} g in one dose is unusually large; confirm it if it is right")]
        )
