"""The form that plans a taper: the person's own recent daily amount, their usual number of doses, what
they measure with, the pace, the target and the first day. The checks (never above the recent amount,
what a scale can weigh, a teaspoon's weight) live in speciosa.journal.taper."""

from __future__ import annotations

from typing import Any

from django import forms

from speciosa.journal.taper import Defaults
from speciosa.refdata.taper import taper_rules


def _grams(value: Any) -> float:
    return float(value)


class TaperForm(forms.Form):
    start_grams = forms.FloatField(
        label="Grams a day now",
        required=False,
        min_value=0.01,
        help_text="Your recent daily amount, from your journal. A plan starts from it, never above it.",
    )
    doses_per_day = forms.IntegerField(
        label="Doses a day", min_value=1, max_value=12, help_text="Each day's target is split into these."
    )
    long_term = forms.BooleanField(
        label="I have taken kratom most days for more than a year",
        required=False,
        help_text="Then each step is held long enough that the amount falls by about 10% a month or less.",
    )
    measure = forms.ChoiceField(label="I measure with", widget=forms.RadioSelect)
    measure_grams = forms.TypedChoiceField(
        label="My scale weighs to", coerce=_grams, required=False, empty_value=None
    )
    pace = forms.ChoiceField(label="Pace", widget=forms.RadioSelect)
    target_grams = forms.FloatField(
        label="Target grams a day",
        min_value=0,
        initial=0,
        help_text="0 means stopping at the end of the plan; or a lower amount to keep.",
    )
    start_on = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, defaults: Defaults, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rules = taper_rules()
        measures = [("g", "Grams on a scale")]
        if defaults.teaspoon_grams:
            measures.append(("tsp", f"Quarter teaspoons (your teaspoon: {defaults.teaspoon_grams:g} g)"))
        self.fields["measure"].choices = measures  # type: ignore[attr-defined]
        self.fields["measure_grams"].choices = [  # type: ignore[attr-defined]
            (f"{g:g}", f"{g:g} g") for g in rules.rounding.grams_steps
        ]
        self.fields["pace"].choices = [(p.id, p.label) for p in rules.paces]  # type: ignore[attr-defined]
        if not defaults.teaspoon_grams:
            self.fields[
                "measure"
            ].help_text = "To measure in quarter teaspoons, set your teaspoon's weight in Settings."


def initial_from(defaults: Defaults) -> dict[str, Any]:
    """The form filled from the journal (taper_defaults)."""
    rules = taper_rules()
    return {
        "start_grams": defaults.recent_grams,
        "doses_per_day": defaults.doses_per_day,
        "long_term": defaults.long_term,
        "measure": "g",
        "measure_grams": f"{rules.rounding.default_grams_step:g}",
        "pace": rules.paces[0].id,
        "target_grams": 0,
        "start_on": defaults.start_on,
    }
