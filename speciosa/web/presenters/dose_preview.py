"""A dose before it is saved, as the dose form shows it: speciosa.journal.doses.dose_preview (each
source's bands with the dose marked, the person's usual amount, the alkaloid milligrams and the findings
logging it would raise) with its sources as links and its findings as cards.

Used by the dose form twice: the htmx endpoint `web:dose_preview` (as the person types) and the
"Check this dose" button (without JavaScript). Stores nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from speciosa.core.errors import ApplicationError
from speciosa.journal.doses import AlkaloidMg, BandMark, DoseContext, dose_preview
from speciosa.web.forms import DoseForm
from speciosa.web.presenters.findings_display import FindingCard, SourceRef, card, source_refs


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
