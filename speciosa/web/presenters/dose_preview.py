"""A dose before it is saved, as the dose form shows it: speciosa.journal.doses.dose_preview (each
source's bands with the dose marked, the person's usual amount, the alkaloid milligrams and the findings
logging it would raise) with its sources as links and its findings as cards.

The form shows it as one compact strip first ("3 g · 4 of 6 source scales call it "light", 4 "common" ·
your usual 4 g · no new findings", with the title and severity of every finding it would raise), and the
full side-by-side on request. The strip only counts the sources' own band names: it never merges the
scales into one verdict of its own.

Used by the dose form twice: the htmx endpoint `web:dose_preview` (as the person types) and the
"Check this dose" button (without JavaScript). Stores nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from speciosa.core.errors import ApplicationError
from speciosa.journal.doses import AlkaloidMg, BandMark, DoseContext, dose_preview
from speciosa.web.forms import DoseForm
from speciosa.web.presenters.findings_display import FindingCard, SourceRef, card, source_refs
from speciosa.web.templatetags.journal_tags import number


@dataclass(frozen=True)
class SourceRow:
    """One source's scale with the band(s) holding the dose marked, and its own words on the dose."""

    title: str
    kind: str
    source: SourceRef | None
    bands: tuple[BandMark, ...]
    words: str
    text: str


@dataclass(frozen=True)
class DosePreview:
    grams: float | None = None
    conversion: str = ""
    context: DoseContext | None = None
    rows: list[SourceRow] = field(default_factory=list)
    findings: list[FindingCard] = field(default_factory=list)
    alkaloids: AlkaloidMg | None = None
    problem: str = ""

    @property
    def sources(self) -> list[SourceRef]:
        return source_refs(self.context.sources) if self.context else []

    @property
    def scales(self) -> list[SourceRow]:
        """The sources with a scale of their own (light, common, strong...), not a study's one figure."""
        return [row for row in self.rows if row.kind == "bands"]

    @property
    def scales_text(self) -> str:
        """Where the dose sits, counted in the sources' own band names: "4 of 6 source scales call it
        "light", 4 "common"", and how many put it outside their bands. Empty without scales."""
        if self.context is not None and not self.context.bands_apply:
            return "the published bands are for plain leaf only, not this product's form"
        scales = self.scales
        if not scales:
            return ""
        called: Counter[str] = Counter(band.label for row in scales for band in row.bands if band.holds)
        named = [f"{count} “{label}”" for label, count in called.most_common(STRIP_LABELS)]
        outside = [row for row in scales if not any(band.holds for band in row.bands)]
        above = sum(1 for row in outside if row.words.startswith("above"))
        below = sum(1 for row in outside if row.words.startswith("below"))
        placed = [
            (f"1 puts it {where.format('its')}" if count == 1 else f"{count} put it {where.format('their')}")
            for count, where in (
                (above, "above {} highest band"),
                (below, "below {} lowest band"),
                (len(outside) - above - below, "between {} bands"),
            )
            if count
        ]
        of_all = f" of {len(scales)} source scales"
        if named:
            count, label = named[0].split(" ", 1)
            named[0] = f"{count}{of_all} call it {label}"
            return "; ".join(filter(None, (", ".join(named), ", ".join(placed))))
        count, rest = placed[0].split(" ", 1)
        placed[0] = f"{count}{of_all} {rest.replace('puts it', 'put it').replace(' its ', ' their ')}"
        return ", ".join(placed)

    @property
    def usual_text(self) -> str:
        """The person's usual amount (the middle of their doses over four weeks), or that there is none."""
        usual = self.context.usual_grams if self.context else None
        return f"your usual {number(usual)} g" if usual else "no usual amount yet"

    @property
    def findings_text(self) -> str:
        count = len(self.findings)
        if not count:
            return "no new findings"
        return f"{count} new finding{'' if count == 1 else 's'}"


#: How many of the sources' band names the strip counts (the most common first); the rest are a tap away.
STRIP_LABELS = 2


def _label(form: DoseForm, name: str) -> str:
    field = form.fields.get(name)
    return str(field.label) if field is not None and field.label else name.replace("_", " ")


def _problem(error: ApplicationError) -> str:
    return "; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in error.errors)


def preview_for(*, user: Any, form: DoseForm, editing: UUID | None = None) -> DosePreview:
    """The preview of the dose the form describes (`editing`: the uid of the dose being changed)."""
    if not form.is_valid():
        if "amount" in form.errors or not form.data.get("amount"):
            return DosePreview(problem="Enter an amount to see where it sits.")
        return DosePreview(
            problem="; ".join(
                f"{_label(form, name)}: {' '.join(str(e) for e in errors)}"
                for name, errors in form.errors.items()
            )
        )
    values = form.service_values()
    try:
        preview = dose_preview(
            user=user,
            amount=values["amount"],
            unit=values["unit"],
            product_uid=values["product_uid"],
            tea_grams=values["tea_grams"],
            tea_ml=values["tea_ml"],
            taken_at=values["taken_at"],
            replacing=editing,
        )
    except ApplicationError as error:
        return DosePreview(problem=_problem(error))
    return DosePreview(
        grams=preview.grams,
        conversion=preview.conversion if values["unit"] != "g" else "",
        context=preview.context,
        rows=[
            SourceRow(s.title, s.kind, next(iter(source_refs([s.source])), None), s.bands, s.words, s.text)
            for s in preview.sources
        ],
        findings=[card(finding) for finding in preview.findings],
        alkaloids=preview.alkaloids,
    )
