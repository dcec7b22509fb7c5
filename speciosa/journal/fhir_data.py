"""What the FHIR export (speciosa.reports.fhir) reads: one person's entries of a period of local days,
as journal-format records, read from the database in chunks so that ten years are never held at once.

- `fhir_timed_records`: check-ins, doses, substances and lab results of the period, kind by kind and
  oldest first, streamed (`.iterator()`); records are built without validating again (the rows were
  validated when written, and the database's constraints hold them).
- `fhir_context`: the small rest: the time zone, every product (for the doses' names), the medications
  taken at some time in the period, the findings as they stand now, and the taper plans that run on
  some day of the period (`FhirTaper`: each with its steps' dates, projected where they lie ahead).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast
from uuid import UUID
from zoneinfo import ZoneInfo

from django.db.models import F, Q, QuerySet

from speciosa.core import journal_format as fmt
from speciosa.core.days import days_window
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.findings import CurrentFinding, findings_current
from speciosa.journal.records import KINDS, record_fields
from speciosa.journal.report_data import taper_overlaps
from speciosa.journal.selectors import user_zone
from speciosa.journal.taper import TaperView, taper_views

#: Rows read from the database at a time.
CHUNK = 2000
#: The kinds of entry with a moment or a day, in the order the export writes them.
TIMED_KINDS = ("checkins", "doses", "substances", "labs", "selfchecks")


@dataclass(frozen=True)
class FhirTaperStep:
    number: int
    grams: float  # the step's daily target
    doses: int  # how many doses the target is split into
    start: date
    end: date  # inclusive
    status: str  # "done", "current" or "ahead" (projected: no more pauses)


@dataclass(frozen=True)
class FhirTaper:
    """A taper plan as the FHIR export writes it (a CarePlan): the person's own plan."""

    uid: UUID
    state: str  # "planned", "running", "paused", "finished", "ended"
    start_on: date
    last_day: date | None  # the day it ended or finished, or its projected last day
    created_at: datetime
    description: str
    steps: list[FhirTaperStep]


@dataclass(frozen=True)
class FhirContext:
    zone: ZoneInfo
    products: dict[UUID, fmt.ProductRecord]
    medications: list[fmt.MedicationRecord]
    findings: list[CurrentFinding]
    tapers: list[FhirTaper] = field(default_factory=list)


def fhir_context(*, user: User, first: date, last: date, now: datetime) -> FhirContext:
    """The time zone, products, the medications taken at some time from `first` to `last`, and the
    current findings."""
    medications = m.Medication.objects.filter(user=user).filter(
        Q(started_on__isnull=True) | Q(started_on__lte=last),
        Q(stopped_on__isnull=True) | Q(stopped_on__gte=first),
    )
    products = cast(list[fmt.ProductRecord], list(_records("products", m.Product.objects.filter(user=user))))
    return FhirContext(
        zone=user_zone(user=user),
        products={product.uid: product for product in products},
        medications=cast(list[fmt.MedicationRecord], list(_records("medications", medications))),
        findings=findings_current(user=user, now=now),
        tapers=[
            _taper(view) for view in taper_views(user=user, now=now) if taper_overlaps(view, first, last)
        ],
    )


def _taper(view: TaperView) -> FhirTaper:
    plan, progress = view.plan, view.progress
    goal = "0 g (stopping)" if not plan.target_grams else f"{plan.target_grams:g} g a day"
    return FhirTaper(
        uid=plan.uid,
        state=view.state,
        start_on=plan.start_on,
        last_day=progress.ended_on or progress.finish_on,
        created_at=plan.created_at,
        description=(
            f"The person's own taper plan: from {plan.start_grams:g} g of kratom a day to {goal}, about "
            f"{plan.percent:g}% a step, each step held at least {plan.hold_days} days, measured as "
            f"{view.measure_label}. Dates ahead are projected, assuming no more pauses."
        ),
        steps=[
            FhirTaperStep(
                number=s.step.number,
                grams=s.step.grams,
                doses=len(s.step.doses),
                start=s.start,
                end=s.end,
                status=s.status,
            )
            for s in progress.steps
        ],
    )


def fhir_timed_records(*, user: User, first: date, last: date) -> Iterator[fmt.Record]:
    """The person's check-ins, doses, substances and lab results from `first` to `last` (local days),
    kind by kind, oldest first, read CHUNK rows at a time."""
    start, end = days_window(first, last, user_zone(user=user))
    for name in TIMED_KINDS:
        kind = KINDS[name]
        rows = kind.model.objects.filter(user=user)
        if name == "labs":
            rows = rows.filter(taken_on__gte=first, taken_on__lte=last)
        else:
            rows = rows.filter(**{f"{kind.time_field}__gte": start, f"{kind.time_field}__lt": end})
        yield from _records(name, rows)


def _records(name: str, rows: QuerySet[Any]) -> Iterator[fmt.Record]:
    """The rows as records, oldest first, CHUNK at a time (a dose names its product by uid)."""
    kind = KINDS[name]
    extra: dict[str, Any] = {"product_uid": F("product__uid")} if name == "doses" else {}
    values = rows.order_by(kind.time_field, "id").values("uid", *record_fields(kind), **extra)
    for row in values.iterator(chunk_size=CHUNK):
        yield kind.record.model_construct(**row)
