"""A dose in context, for the dose form before saving: where the amount sits among each source's bands
(side by side, never merged into one scale), how it compares with the person's own usual dose, and
which findings the new dose would raise.

Plain words, never advice: a band is what a source reports, not a recommendation, and the bands are
for plain leaf only.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from speciosa.core import journal_format as fmt
from speciosa.core.days import day_start
from speciosa.core.safety import assess
from speciosa.core.safety.findings import Finding
from speciosa.core.safety.view import JournalView
from speciosa.core.vocab import ProductForm
from speciosa.refdata import Band, form_info
from speciosa.refdata import DoseContext as SourceContext
from speciosa.refdata import dose_context as refdata_dose_context

#: The person's usual dose is the median of their doses in the 28 days before today (design choice:
#: four weeks, as for the other personal baselines in the safety rules).
USUAL_DAYS = 28
#: Within this fraction of the usual dose, a dose reads as "about your usual amount" (wording only).
ABOUT_THE_SAME = 0.1


@dataclass(frozen=True)
class SourcePlace:
    """Where a dose sits on one source's scale, in that source's own words."""

    context_id: str
    source: str
    title: str
    kind: str
    labels: tuple[str, ...]
    words: str


@dataclass(frozen=True)
class DoseContext:
    """A dose among the sources' bands and against the person's usual dose, in plain words."""

    grams: float
    form: ProductForm
    bands_apply: bool
    places: tuple[SourcePlace, ...]
    usual_grams: float | None
    versus_usual: str
    note: str
    sources: tuple[str, ...]


def grams_text(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} g"


def band_range(band: Band) -> str:
    if band.min_grams is None and band.max_grams is not None:
        return f"up to {grams_text(band.max_grams)}"
    if band.max_grams is None and band.min_grams is not None:
        return f"{grams_text(band.min_grams)} or more"
    return f"{grams_text(band.min_grams or 0)}–{grams_text(band.max_grams or 0)}".replace(" g–", "–")


def quoted(band: Band) -> str:
    return f'"{band.label}" ({band_range(band)})'


def place_on(grams: float, context: SourceContext) -> SourcePlace:
    """One source's reading of `grams`: the band(s) holding it, or where it falls outside them."""
    holding = context.bands_holding(grams)
    if context.kind == "bands":
        if holding:
            words = f"reported as {' and '.join(quoted(b) for b in holding)} by {context.title}"
        else:
            lowest = min(context.bands, key=lambda b: b.min_grams or 0)
            highest = max(
                context.bands, key=lambda b: b.max_grams if b.max_grams is not None else float("inf")
            )
            if lowest.min_grams is not None and grams < lowest.min_grams:
                words = f"below the lowest band of {context.title}, {quoted(lowest)}"
            elif highest.max_grams is not None and grams > highest.max_grams:
                words = f"above the highest band of {context.title}, {quoted(highest)}"
            else:
                words = f"between the bands of {context.title}"
    else:
        inside = [quoted(b) for b in holding]
        outside = [quoted(b) for b in context.bands if b not in holding]
        parts = []
        if inside:
            parts.append(f"within {' and '.join(inside)}")
        if outside:
            parts.append(f"outside {' and '.join(outside)}")
        words = f"{context.title}: {'; '.join(parts)}"
    return SourcePlace(
        context_id=context.id,
        source=context.source,
        title=context.title,
        kind=context.kind,
        labels=tuple(b.label for b in holding),
        words=words,
    )


def compared_with_usual(grams: float, usual: float | None) -> str:
    if usual is None or usual <= 0:
        return "Not enough doses in the last four weeks to compare with your usual amount."
    ratio = grams / usual
    middle = f"{grams_text(usual)}, the middle of your doses over the last four weeks"
    if abs(ratio - 1) <= ABOUT_THE_SAME:
        return f"About your usual amount ({middle})."
    if ratio >= 2:
        return f"About {ratio:.1f} times your usual amount ({middle})."
    if ratio > 1:
        return f"{round((ratio - 1) * 100)}% more than your usual amount ({middle})."
    return f"{round((1 - ratio) * 100)}% less than your usual amount ({middle})."


def usual_dose(doses: Sequence[fmt.DoseRecord] | Sequence[float]) -> float | None:
    """The median of the doses given (grams, or dose records); None when there are none."""
    grams = [d.grams if isinstance(d, fmt.DoseRecord) else float(d) for d in doses]
    return statistics.median(grams) if grams else None


def recent_dose_grams(view: JournalView) -> list[float]:
    """The grams of each dose in the `USUAL_DAYS` local days before today."""
    start = day_start(view.today - timedelta(days=USUAL_DAYS), view.tz)
    end = day_start(view.today, view.tz) - timedelta(microseconds=1)
    return [d.grams for d in view.doses_between(start, end)]


def dose_in_context(
    grams: float,
    form: ProductForm | str | None,
    history: Sequence[fmt.DoseRecord] | Sequence[float] = (),
    reference: Sequence[SourceContext] | None = None,
) -> DoseContext:
    """Where `grams` of `form` sits among each source's bands (side by side) and against the person's
    usual dose (the median of `history`: their doses of the last four weeks, as records or grams)."""
    kind = ProductForm(form) if form else ProductForm.POWDER
    info = form_info(kind)
    contexts = list(reference) if reference is not None else refdata_dose_context()
    usual = usual_dose(history)
    places = tuple(place_on(grams, c) for c in contexts) if info.dose_bands_apply else ()
    if info.dose_bands_apply:
        note = (
            "What each source reports for plain leaf, side by side. These are reports and survey "
            "figures, not advice, and products differ about tenfold in strength."
        )
        used = tuple(dict.fromkeys(s for c in contexts for s in c.sources))
    else:
        note = (
            f"The published bands are for plain leaf only and say nothing about this form ({info.label}): "
            f"{info.what_it_is} Only a lab report for the batch says how strong it is."
        )
        used = info.sources
    return DoseContext(
        grams=grams,
        form=kind,
        bands_apply=info.dose_bands_apply,
        places=places,
        usual_grams=usual,
        versus_usual=compared_with_usual(grams, usual),
        note=note,
        sources=used,
    )


def preview_findings(view: JournalView, new_dose: fmt.DoseRecord) -> list[Finding]:
    """The findings logging `new_dose` would raise: assess the journal with the dose added and keep
    those not raised without it (or raised now at a higher severity)."""
    now = max(view.now, new_dose.taken_at)
    document = view.document
    before = {f.key: f for f in assess(document, now)}
    with_dose = document.model_copy(update={"doses": [*document.doses, new_dose]})
    return [
        f
        for f in assess(with_dose, now)
        if f.key not in before or f.severity.rank > before[f.key].severity.rank
    ]
