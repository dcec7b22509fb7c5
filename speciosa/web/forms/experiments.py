"""The form that plans an N-of-1 experiment: two options, the first day and the schedule's shape. The
rules (usual amount, interactions, overlaps) live in speciosa.journal.experiments."""

from __future__ import annotations

from django import forms

from speciosa.core.insights import experiment as ex
from speciosa.journal import experiments as journal_experiments


class PlanForm(forms.Form):
    question = forms.CharField(
        label="What the experiment asks",
        max_length=120,
        help_text="In your words, e.g. “Does 3 g of Green Malay ease my back more than physical therapy?”",
    )
    a_kind = forms.ChoiceField(label="Option A is", choices=journal_experiments.OPTION_KINDS)
    a_label = forms.CharField(
        label="Option A, named", max_length=120, help_text="A product, an amount, a therapy"
    )
    a_grams = forms.FloatField(
        label="Option A, grams a day (kratom only)",
        required=False,
        min_value=0.01,
        help_text="No more than your recent usual amount.",
    )
    b_kind = forms.ChoiceField(label="Option B is", choices=journal_experiments.OPTION_KINDS)
    b_label = forms.CharField(label="Option B, named", max_length=120)
    b_grams = forms.FloatField(label="Option B, grams a day (kratom only)", required=False, min_value=0.01)
    start_on = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}))
    block_days = forms.IntegerField(
        label="Days in each block",
        initial=ex.DEFAULT_BLOCK_DAYS,
        min_value=ex.MIN_BLOCK_DAYS,
        max_value=ex.MAX_BLOCK_DAYS,
        help_text="7 days: 3 to settle after a switch, then 4 that count.",
    )
    pairs = forms.IntegerField(
        label="Pairs of blocks",
        initial=ex.DEFAULT_PAIRS,
        min_value=ex.MIN_PAIRS,
        max_value=ex.MAX_PAIRS,
        help_text="Each pair has one block of A and one of B, in a random order.",
    )
    washout_days = forms.IntegerField(
        label="Settling days after each switch",
        initial=ex.DEFAULT_WASHOUT_DAYS,
        min_value=0,
        max_value=ex.MAX_BLOCK_DAYS - 2,
        help_text="Left out of the result: mitragynine takes days to leave the body.",
    )
