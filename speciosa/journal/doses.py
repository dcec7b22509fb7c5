"""What the interfaces show about doses beyond the entries themselves, computed once for all three:

- `dose_preview`: a dose before it is logged — where its grams sit among each source's bands (side
  by side, never merged), against the person's own usual amount, the milligrams of alkaloids the
  product's lab figures give, and which findings logging it would raise. Stores nothing.
- `dose_timeline`: the doses of the 24 hours before now with each source's onset, peak and end.
- `usual_amounts`: per product, the amounts this person logged most often lately (their habit, for
  one-tap logging; never a suggestion).

Never advice: the bands are what each source reports for plain leaf, and the findings are the rules'
own words (speciosa.core.safety).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

import pydantic

from speciosa.core import journal_format as fmt
from speciosa.core.errors import InvalidInput
from speciosa.core.safety import Finding, JournalView
from speciosa.core.safety.dose_context import (
    DoseContext,
    band_range,
    dose_in_context,
    preview_findings,
    recent_dose_grams,
)
from speciosa.core.safety.timeline import (
    STAYS_IN_BLOOD,
    STAYS_IN_BLOOD_SOURCES,
    TIMELINE_SPAN,
    AlkaloidMg,
    TimelineDose,
    alkaloid_mg,
)
from speciosa.core.safety.timeline import dose_timeline as courses_of
from speciosa.core.units import Unit, check_dose_grams, parse_unit
from speciosa.journal import User, services
from speciosa.journal import models as m
from speciosa.journal.records import field_errors, to_record
from speciosa.journal.selectors import entry_list
from speciosa.journal.window import journal_window
from speciosa.refdata import dose_context as refdata_dose_context

__all__ = [  # what the interfaces read from here, the engine's value types included
    "AlkaloidMg",
    "BandMark",
    "DoseContext",
    "DosePreview",
    "DoseTimeline",
    "STAYS_IN_BLOOD",
    "SourceBands",
    "TimelineDose",
    "TimelineEntry",
    "UsualAmount",
    "dose_preview",
    "dose_timeline",
    "timeline_document",
    "usual_amounts",
]

# --- the preview -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BandMark:
    label: str
    range: str  # "2–5 g"
    holds: bool  # the dose falls in this band


@dataclass(frozen=True)
class SourceBands:
    """One source's scale with the band(s) holding the dose marked, and its own words on the dose."""

    context_id: str
    title: str
    kind: str  # "bands" (a source's own scale) or "finding" (a study's observed figure)
    source: str  # the source's id in refdata's sources
    bands: tuple[BandMark, ...]
    words: str
    text: str


@dataclass(frozen=True)
class DosePreview:
    grams: float
    conversion: str  # how the amount became grams
    assumed: bool  # the conversion rests on an assumption (a typical teaspoon, an unweighed capsule)
    context: DoseContext  # versus the person's usual amount, the note on the bands, their sources
    sources: tuple[SourceBands, ...]
    findings: tuple[Finding, ...]  # what logging it would raise
    alkaloids: AlkaloidMg | None


def dose_preview(
    *,
    user: User,
    amount: object,
    unit: str | Unit = Unit.GRAMS,
    product_uid: UUID | str | None = None,
    tea_grams: float | None = None,
    tea_ml: float | None = None,
    taken_at: datetime | None = None,
    replacing: UUID | str | None = None,
    now: datetime | None = None,
) -> DosePreview:
    """The preview of a dose as logging it would store it (`replacing`: the uid of a dose being
    changed, left out of the journal it is compared with). Bad input raises as `dose_create` does;
    a dose over the limit is refused, one that would ask for confirmation is shown."""
    conversion, product = services.dose_convert(
        user=user, amount=amount, unit=unit, product_uid=product_uid, tea_grams=tea_grams, tea_ml=tea_ml
    )
    check_dose_grams(conversion.grams, confirmed=True)
    now = now or services.utcnow()
    when = services.not_in_future(taken_at or now, field="taken_at", now=now)
    document = journal_window(user=user, now=now)
    if replacing is not None:
        document = document.model_copy(
            update={"doses": [d for d in document.doses if str(d.uid) != str(replacing)]}
        )
    try:
        record = fmt.DoseRecord(
            uid=uuid4(),
            taken_at=min(when, now),
            grams=conversion.grams,
            amount=float(amount),  # type: ignore[arg-type]  # dose_convert has read it as a number
            unit=parse_unit(str(unit)),
            product_uid=product.uid if product else None,
        )
    except pydantic.ValidationError as error:
        raise InvalidInput(field_errors(error)) from None
    product_record = to_record(product) if product else None
    assert product_record is None or isinstance(product_record, fmt.ProductRecord)
    view = JournalView.of(document, now)
    context = dose_in_context(
        conversion.grams, product.form if product else None, history=recent_dose_grams(view)
    )
    return DosePreview(
        grams=conversion.grams,
        conversion=conversion.explanation,
        assumed=conversion.assumed,
        context=context,
        sources=source_bands(context),
        findings=tuple(preview_findings(view, record)),
        alkaloids=alkaloid_mg(record, product_record),
    )


def source_bands(context: DoseContext) -> tuple[SourceBands, ...]:
    """Each source of refdata's dose context, in file order, with where the dose sits on it."""
    places = {place.context_id: place for place in context.places}
    return tuple(
        SourceBands(
            context_id=entry.id,
            title=entry.title,
            kind=entry.kind,
            source=entry.source,
            bands=tuple(BandMark(b.label, band_range(b), b.label in place.labels) for b in entry.bands),
            words=place.words,
            text=entry.text,
        )
        for entry in refdata_dose_context()
        if (place := places.get(entry.id)) is not None
    )


# --- the timeline ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    dose: m.Dose  # the stored dose, for its summary and product name
    course: TimelineDose  # its expected onset, peak and end from the sources


@dataclass(frozen=True)
class DoseTimeline:
    """The doses of the 24 hours before `now`, oldest first, on the sources' time courses."""

    entries: tuple[TimelineEntry, ...]
    now: datetime
    sources: tuple[str, ...]
    stays_in_blood: str = STAYS_IN_BLOOD
    stays_in_blood_sources: tuple[str, ...] = STAYS_IN_BLOOD_SOURCES

    @property
    def any_active(self) -> bool:
        return any(entry.course.active_now for entry in self.entries)

    @property
    def last_peak_at(self) -> datetime | None:
        """When the newest dose is expected to peak (median published Tmax), while that is still ahead."""
        peak = self.entries[-1].course.expected_peak_at if self.entries else None
        return peak if peak is not None and peak > self.now else None


def timeline_document(timeline: DoseTimeline | None) -> dict[str, Any]:
    """The timeline as plain values (the API's `timeline` in GET /today, `speciosa today`'s JSON)."""
    return {
        "doses": [
            {
                "uid": entry.dose.uid,
                "taken_at": entry.course.dose.taken_at,
                "onset": [entry.course.onset.start, entry.course.onset.end],
                "peak": [entry.course.peak.start, entry.course.peak.end],
                "expected_peak_at": entry.course.expected_peak_at,
                "ends": [entry.course.ends.start, entry.course.ends.end],
                "active_now": entry.course.active_now,
                "phase": entry.course.phase,
                "sources": list(entry.course.sources),
            }
            for entry in (timeline.entries if timeline else ())
        ],
        "stays_in_blood": STAYS_IN_BLOOD,
        "sources": list(timeline.sources if timeline else ()),
    }


def dose_timeline(*, user: User, now: datetime) -> DoseTimeline | None:
    """The doses of the 24 hours before `now` on the sources' time courses (None when there are none)."""
    doses = [d for d in entry_list(user=user, kind="doses", start=now - TIMELINE_SPAN) if d.taken_at <= now]
    if not doses:
        return None
    products: dict[UUID, fmt.ProductRecord] = {}
    for dose in doses:
        if dose.product is not None and dose.product.uid not in products:
            record = to_record(dose.product)
            assert isinstance(record, fmt.ProductRecord)
            products[dose.product.uid] = record
    by_uid = {dose.uid: dose for dose in doses}
    records = [r for r in (to_record(dose) for dose in doses) if isinstance(r, fmt.DoseRecord)]
    placed = courses_of(records, products, now)
    if not placed:
        return None
    used = tuple(dict.fromkeys(s for t in placed for s in t.sources))
    return DoseTimeline(tuple(TimelineEntry(by_uid[t.dose.uid], t) for t in placed), now, used)


# --- the person's usual amounts ----------------------------------------------------------------

#: How many past doses to read when offering a product's recent amounts (a window, not history).
RECENT_DOSES = 300
#: Most amounts offered for one product.
AMOUNTS_PER_PRODUCT = 4
UNIT_ORDER = {unit.value: i for i, unit in enumerate(Unit)}


@dataclass(frozen=True)
class UsualAmount:
    amount: float
    unit: str


def usual_amounts(*, user: User, products: list[m.Product]) -> dict[UUID, list[UsualAmount]]:
    """Per product (by uid), the amounts this person logged most often lately. Tea in ml needs its
    brew, so is left out. A product not yet used offers the person's own recent gram or teaspoon
    amounts with any product (capsules only where the product says how much a capsule holds)."""
    doses = entry_list(user=user, kind="doses")
    counts: dict[int, Counter[tuple[float, str]]] = {}
    for product_id, amount, unit in (
        doses.filter(product__in=products)
        .exclude(unit=Unit.MILLILITRES)
        .values_list("product_id", "amount", "unit")[:RECENT_DOSES]
    ):
        counts.setdefault(product_id, Counter())[(amount, unit)] += 1
    overall: Counter[tuple[float, str]] = Counter(
        (amount, unit)
        for amount, unit in doses.filter(unit__in=[Unit.GRAMS, Unit.TEASPOONS, Unit.CAPSULES]).values_list(
            "amount", "unit"
        )[:RECENT_DOSES]
    )
    offered: dict[UUID, list[UsualAmount]] = {}
    for product in products:
        counter = counts.get(product.id) or Counter(
            {pair: n for pair, n in overall.items() if pair[1] != Unit.CAPSULES or product.grams_per_capsule}
        )
        if not counter:
            continue
        chosen = [pair for pair, _ in counter.most_common(AMOUNTS_PER_PRODUCT)]
        chosen.sort(key=lambda pair: (UNIT_ORDER.get(pair[1], 99), pair[0]))
        offered[product.uid] = [UsualAmount(amount, unit) for amount, unit in chosen]
    return offered
