"""The numbers worked out from what a person logged: one formula each, for every layer that shows them.

- The PEG-3 score (Krebs 2009): pain on average, how much pain got in the way of enjoying life and of
  general activity, each 0-10. The score is the mean of the three, and there is none unless all three
  were answered.
- Milligrams of an alkaloid in a dose, from the product's lab figure in % by weight: 1% of 1 g is
  10 mg, so grams × percent × 10.

Callers round for display; these return the exact value.
"""

from __future__ import annotations

#: Milligrams of an alkaloid in one gram of product per 1% by weight (1% of 1 g = 10 mg).
MG_PER_GRAM_PER_PERCENT = 10.0


def peg_score(pain: float | None, enjoyment: float | None, activity: float | None) -> float | None:
    """The PEG-3 score: the mean of its three items, or None when any item was skipped."""
    if pain is None or enjoyment is None or activity is None:
        return None
    return (pain + enjoyment + activity) / 3


def alkaloid_mg(grams: float, percent: float) -> float:
    """Milligrams of an alkaloid in `grams` of a product holding `percent` of it by weight."""
    return grams * percent * MG_PER_GRAM_PER_PERCENT
