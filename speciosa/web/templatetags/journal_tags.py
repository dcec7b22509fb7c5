"""Words for journal entries, shared by the pages and their messages: "2 tsp (3.5 g)", "Pain 6 · PEG 5.3".

The functions take a row or its journal-format record (undo describes a deleted entry from its
record), so they read fields by name only.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from django import template
from django.utils.html import format_html

from speciosa.core.scores import peg_score
from speciosa.core.units import Unit
from speciosa.core.vocab import LabTest, SubstanceKind, SymptomSeverity, TherapyKind
from speciosa.refdata import side_effects

register = template.Library()


@register.filter
def number(value: float | int | None) -> str:
    """A number without trailing zeros, to at most two decimals: 4, 3.5, 3.33."""
    if value is None:
        return "–"
    return f"{round(float(value), 2):g}"


@register.filter
def grams(value: float | None) -> str:
    return f"{number(value)} g"


@register.filter
def score(value: int | float | None) -> str:
    """A 0–10 answer, or a dash when it was skipped."""
    return "–" if value is None else number(value)


def short_amount(amount: float, unit: str) -> str:
    """An amount as typed, for a button: "3 g", "1 capsule", "2 capsules", "1.5 tsp"."""
    unit = str(Unit(str(unit)))
    if unit == Unit.CAPSULES:
        return f"{number(amount)} capsule" + ("" if amount == 1 else "s")
    if unit == Unit.MILLILITRES:
        return f"{number(amount)} ml of tea"
    return f"{number(amount)} {unit}"


@register.filter
def dose_amount(dose: Any) -> str:
    """The amount as entered and, when it was converted, the grams: "2 tsp (3.5 g)"."""
    text = short_amount(dose.amount, dose.unit)
    if str(dose.unit) != Unit.GRAMS:
        text += f" ({grams(dose.grams)})"
    return text


@register.filter
def peg(checkin: Any) -> str:
    """The PEG-3 score (mean of its three items) to one decimal, as the scale is read: 6.7, not 6.67;
    a dash when an item was skipped."""
    score = peg_score(checkin.peg_pain, checkin.peg_enjoyment, checkin.peg_activity)
    return "–" if score is None else f"{round(float(score), 1):g}"


def _effects(checkin: Any) -> list[Any]:
    effects = checkin.side_effects
    return list(effects.all() if hasattr(effects, "all") else effects)


@register.filter
def side_effect_words(checkin: Any) -> str:
    """ "Nausea (moderate), Headache (mild)"."""
    vocabulary = side_effects()
    words = []
    for effect in _effects(checkin):
        label = vocabulary[effect.code].label if effect.code in vocabulary else effect.code
        if effect.code == "other" and effect.text:
            label = effect.text
        words.append(f"{label} ({SymptomSeverity(str(effect.severity)).value})")
    return ", ".join(words)


def entry_summary(kind: str, entry: Any) -> str:
    """One line saying what an entry of any kind holds."""
    if kind == "doses":
        text = dose_amount(entry)
        product = getattr(entry, "product", None)
        if product is not None:
            text += f" · {product.name}"
        return text + (" · estimate" if entry.is_estimate else "")
    if kind == "checkins":
        parts = [f"Pain {score(entry.pain_now)}", f"PEG {peg(entry)}"]
        if effects := side_effect_words(entry):
            parts.append(effects)
        return " · ".join(parts)
    if kind == "substances":
        if str(entry.kind) == SubstanceKind.ALCOHOL:
            drinks = entry.standard_drinks
            return f"{entry.substance}: {number(drinks)} standard drink" + ("" if drinks == 1 else "s")
        return " ".join(part for part in (entry.substance, entry.amount_text) if part)
    if kind == "therapies":
        return f"{TherapyKind(str(entry.kind)).label}, {entry.minutes} min"
    if kind == "labs":
        text = f"{LabTest(str(entry.test)).value} {number(entry.value)} {entry.unit}"
        if entry.reference_low is not None or entry.reference_high is not None:
            low = number(entry.reference_low) if entry.reference_low is not None else ""
            high = number(entry.reference_high) if entry.reference_high is not None else ""
            text += f" (reference {low}–{high})"
        return text
    return str(getattr(entry, "name", "") or kind)


@register.simple_tag
def summary(kind: str, entry: Any) -> str:
    return entry_summary(kind, entry)


@register.simple_tag(takes_context=True)
def new_entry_uid(context: Any) -> str:
    """A hidden `uid` input for a form that creates an entry: the uid it will be stored under, kept
    when the form comes back with a problem, so submitting it twice stores it once."""
    request = context.get("request")
    posted = request.POST.get("uid", "") if request is not None and request.method == "POST" else ""
    try:
        value = UUID(str(posted).strip())
    except ValueError:
        value = uuid4()
    return format_html('<input type="hidden" name="uid" value="{}">', value)
