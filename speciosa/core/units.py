"""Amounts of kratom: every unit a person uses, converted to grams with the assumption shown."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
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


# --- do the grams of a stored dose agree with its amount and unit? ----------------------------

#: Grams and milligrams convert exactly; stored grams are rounded (to 4 decimals when logged, 3 in
#: the demo journals) and notes print 6 significant digits, so grams within 1 mg or 0.1 %, whichever
#: is larger, of what the amount gives agree with it.
GRAMS_TOLERANCE = 0.001
RELATIVE_TOLERANCE = 0.001

#: Grams per teaspoon an imported dose may imply when no weighed teaspoon explains it: half of the
#: low end to twice the high end of Erowid's level teaspoon (1.5–2.0 g, sources.yaml
#: erowid-kratom-dose). A heaped teaspoon holds about twice a level one and powders differ, so only
#: a gross contradiction (a slipped unit or decimal point) falls outside.
PLAUSIBLE_TEASPOON_GRAMS = (0.75, 4.0)

_NUMBER = r"([0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?)"
#: The conversion notes `to_grams` writes, read back: the teaspoon, the capsule and the brew used.
_TEASPOON_NOTE = re.compile(rf"^\s*{_NUMBER} tsp × {_NUMBER} g\b")
_CAPSULE_NOTE = re.compile(rf"^\s*{_NUMBER} capsules × {_NUMBER} g\b")
_TEA_NOTE = re.compile(rf"^\s*{_NUMBER} ml of {_NUMBER} ml brewed from {_NUMBER} g\b")


def grams_agree(grams: float, expected: float) -> bool:
    return abs(grams - expected) <= max(GRAMS_TOLERANCE, RELATIVE_TOLERANCE * expected)


def _stated(pattern: re.Pattern[str], conversion: str) -> list[float] | None:
    found = pattern.match(conversion)
    if found is None:
        return None
    numbers = [float(group) for group in found.groups()]
    return numbers if all(math.isfinite(n) and n > 0 for n in numbers) else None


def grams_contradiction(
    grams: float,
    amount: float,
    unit: Unit,
    *,
    conversion: str = "",
    teaspoons: Iterable[float] = (),
    capsule_grams: float | None = None,
) -> str | None:
    """Why `grams` cannot have come from `amount` `unit`, or None when they agree or cannot be checked.

    - g and mg: exact (within GRAMS_TOLERANCE or RELATIVE_TOLERANCE).
    - tsp: agrees with a weighed teaspoon (`teaspoons`: the profile's; or the one the conversion note
      names), or implies a teaspoon within PLAUSIBLE_TEASPOON_GRAMS.
    - capsule: agrees with the product's grams per capsule or the one the note names; unchecked
      when neither is known.
    - ml of tea: agrees with the brew the note names (grams brewed × ml drunk ÷ ml brewed); unchecked
      without such a note, since any amount of leaf can be brewed.
    """
    if unit is Unit.GRAMS or unit is Unit.MILLIGRAMS:
        expected = amount if unit is Unit.GRAMS else amount / 1000
        if grams_agree(grams, expected):
            return None
        return f"{grams:g} g contradicts the amount: {amount:g} {unit.value} is {expected:g} g"
    if unit is Unit.TEASPOONS:
        return _teaspoon_contradiction(grams, amount, conversion, teaspoons)
    if unit is Unit.CAPSULES:
        note = _stated(_CAPSULE_NOTE, conversion)
        sizes = [size for size in (capsule_grams, note[1] if note else None) if size]
        if not sizes or any(grams_agree(grams, amount * size) for size in sizes):
            return None
        size = sizes[0]
        return (
            f"{grams:g} g contradicts the amount: {amount:g} capsules of {size:g} g are {amount * size:g} g"
        )
    if unit is Unit.MILLILITRES:
        brew = _stated(_TEA_NOTE, conversion)
        if brew is None:
            return None
        _, brewed_ml, brewed_grams = brew
        expected = brewed_grams * amount / brewed_ml
        if grams_agree(grams, expected):
            return None
        return (
            f"{grams:g} g contradicts the amount: {amount:g} ml of tea, {brewed_ml:g} ml brewed from "
            f"{brewed_grams:g} g (as its conversion says), is {expected:.2f} g"
        )
    return None  # pragma: no cover - the enum is exhaustive


def _teaspoon_contradiction(
    grams: float, amount: float, conversion: str, teaspoons: Iterable[float]
) -> str | None:
    note = _stated(_TEASPOON_NOTE, conversion)
    weighed = [size for size in (*teaspoons, note[1] if note else None) if size]
    if any(grams_agree(grams, amount * size) for size in weighed):
        return None
    low, high = PLAUSIBLE_TEASPOON_GRAMS
    per_teaspoon = grams / amount
    if low - 1e-9 <= per_teaspoon <= high + 1e-9:
        return None
    return (
        f"{grams:g} g contradicts the amount: {amount:g} tsp would be {per_teaspoon:.3g} g a teaspoon, "
        "and a level teaspoon of leaf powder holds about 1.5–2.0 g (Erowid); allowing half to twice "
        f"that, {amount:g} tsp is {amount * low:g}–{amount * high:g} g"
        + (f", or {amount * weighed[0]:g} g with your weighed {weighed[0]:g} g teaspoon" if weighed else "")
    )
