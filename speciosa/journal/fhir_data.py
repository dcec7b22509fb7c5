"""What the FHIR export (speciosa.reports.fhir) reads: one person's entries of a period of local days,
as journal-format records, read from the database in chunks so that ten years are never held at once.

- `fhir_timed_records`: check-ins, doses, substances and lab results of the period, kind by kind and
  oldest first, streamed (`.iterator()`); records are built without validating again (the rows were
  validated when written, and the database's constraints hold them).
- `fhir_context`: the small rest: the time zone, every product (for the doses' names), the medications
  taken at some time in the period, and the findings as they stand now.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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
from speciosa.journal.selectors import user_zone

#: Rows read from the database at a time.
CHUNK = 2000
#: The kinds of entry with a moment or a day, in the order the export writes them.
TIMED_KINDS = ("checkins", "doses", "substances", "labs")


@dataclass(frozen=True)
class FhirContext:
    zone: ZoneInfo
    products: dict[UUID, fmt.ProductRecord]
    medications: list[fmt.MedicationRecord]
    findings: list[CurrentFinding]


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
