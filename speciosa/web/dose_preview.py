"""A dose before it is saved: where its grams sit among each source's bands (side by side, never merged),
against the person's own usual amount, and which findings logging it would raise.

Used by the dose form twice: the htmx endpoint `web:dose_preview` (as the person types) and the
"Check this dose" button (without JavaScript). Stores nothing. Never advice: the bands are what each
source reports for plain leaf, and the findings are the rules' own words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import uuid4

import pydantic
from django.utils import timezone

from speciosa.core import journal_format as fmt
from speciosa.core.errors import ApplicationError
from speciosa.core.limits import MAX_DOSE_GRAMS
from speciosa.core.safety import JournalView
from speciosa.core.safety.dose_context import (
    DoseContext,
    band_range,
    dose_in_context,
    preview_findings,
    recent_dose_grams,
)
from speciosa.core.safety.timeline import AlkaloidMg, alkaloid_mg
from speciosa.journal import models as m
from speciosa.journal import services
from speciosa.journal.findings import journal_window
from speciosa.journal.records import to_record
from speciosa.refdata import dose_context as refdata_dose_context
from speciosa.web.findings_display import FindingCard, SourceRef, card, source_refs
from speciosa.web.forms import DoseForm


@dataclass(frozen=True)
class BandCell:
    label: str
    range: str
    holds: bool


@dataclass(frozen=True)
class SourceRow:
    """One source's scale with the band(s) holding the dose marked, and its own words on the dose."""

    title: str
    kind: str  # "bands" (a source's own scale) or "finding" (a study's observed figure)
    source: SourceRef | None
    bands: list[BandCell]
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


def source_rows(context: DoseContext) -> list[SourceRow]:
    """Each source of refdata's dose context, in file order, with where the dose sits on it."""
    places = {place.context_id: place for place in context.places}
    rows = []
    for entry in refdata_dose_context():
        place = places.get(entry.id)
        if place is None:
            continue
        refs = source_refs([entry.source])
        rows.append(
            SourceRow(
                title=entry.title,
                kind=entry.kind,
                source=refs[0] if refs else None,
                bands=[BandCell(b.label, band_range(b), b.label in place.labels) for b in entry.bands],
                words=place.words,
                text=entry.text,
            )
        )
    return rows


def _label(form: DoseForm, name: str) -> str:
    field = form.fields.get(name)
    return str(field.label) if field is not None and field.label else name.replace("_", " ")


def _problem(error: ApplicationError) -> str:
    return "; ".join(f"{e.field}: {e.message}" if e.field else e.message for e in error.errors)


def preview_for(*, user: Any, form: DoseForm, editing: m.Dose | None = None) -> DosePreview:
    """The preview of the dose the form describes (`editing`: the dose being changed, left out)."""
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
        conversion, product = services.dose_convert(
            user=user,
            amount=values["amount"],
            unit=values["unit"],
            product_uid=values["product_uid"],
            tea_grams=values["tea_grams"],
            tea_ml=values["tea_ml"],
        )
    except ApplicationError as error:
        return DosePreview(problem=_problem(error))
    if conversion.grams > MAX_DOSE_GRAMS:
        return DosePreview(
            grams=conversion.grams,
            problem=f"Over {MAX_DOSE_GRAMS:g} g in one dose is refused as a likely typing mistake.",
        )
    now = timezone.now()
    document = journal_window(user=user, now=now)
    if editing is not None:
        document = document.model_copy(update={"doses": [d for d in document.doses if d.uid != editing.uid]})
    view = JournalView.of(document, now)
    try:
        record = fmt.DoseRecord(
            uid=uuid4(),
            taken_at=min(values["taken_at"] or now, now),
            grams=conversion.grams,
            amount=values["amount"],
            unit=values["unit"],
            product_uid=product.uid if product else None,
        )
    except pydantic.ValidationError:
        return DosePreview(problem="Enter an amount above zero to see where it sits.")
    product_record = to_record(product) if product else None
    assert product_record is None or isinstance(product_record, fmt.ProductRecord)
    context = dose_in_context(
        conversion.grams, product.form if product else None, history=recent_dose_grams(view)
    )
    return DosePreview(
        grams=conversion.grams,
        conversion=conversion.explanation if values["unit"] != "g" else "",
        context=context,
        rows=source_rows(context),
        findings=[card(finding) for finding in preview_findings(view, record)],
        alkaloids=alkaloid_mg(record, product_record),
    )
