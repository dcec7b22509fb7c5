"""CSV per kind of entry, one row at a time: the writer every CSV export uses (whole-journal exports
and the reports' CSV files); import reads its cells back with speciosa.core.csv_cells.csv_value.

Formula-safe: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return (what a
spreadsheet would run as a formula) is written with a leading `'`; so is one that starts with `'`,
so that reading a cell back (`csv_value`) gives exactly the text that was written
(speciosa.core.csv_cells).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from speciosa.core import journal_format as fmt
from speciosa.core.csv_cells import csv_cell
from speciosa.core.days import days_window
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.records import KINDS, kind_named, to_record
from speciosa.journal.selectors import check_day_range, user_zone

#: Rows read from the database at a time.
CHUNK = 2000


def csv_columns(kind: str) -> list[str]:
    return list(KINDS[kind].record.model_fields)


def csv_lines(kind: str, records: Iterable[fmt.Record]) -> Iterator[str]:
    """The header, then one line per record; a check-in's side effects are one JSON list in their cell,
    a self-check's answers one cell of numbers joined by `;` (`0;1;2;…`)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(kind), lineterminator="\r\n")
    writer.writeheader()
    yield _taken(buffer)
    for record in records:
        row = record.model_dump(mode="json")
        if "side_effects" in row:
            effects = row["side_effects"]
            row["side_effects"] = json.dumps(effects, ensure_ascii=False) if effects else ""
        if "answers" in row:  # a self-check's answers, in order: "0;1;2;…"
            row["answers"] = answers_cell(row["answers"])
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
        yield _taken(buffer)


#: What joins a self-check's answers in their CSV cell.
ANSWERS_SEPARATOR = ";"


def answers_cell(answers: list[int]) -> str:
    return ANSWERS_SEPARATOR.join(str(a) for a in answers)


def answers_of_cell(cell: str | None) -> list[Any]:
    """A self-check's answers from their cell; a part that is not a whole number is kept as text, so
    that the record's check names its place (`answers[3]`)."""
    if not cell:
        return []
    parts = [part.strip() for part in cell.split(ANSWERS_SEPARATOR)]
    return [int(part) if part.lstrip("-").isdigit() else part for part in parts]


def _taken(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def kind_records(
    *, user: User, kind: str, first: date | None = None, last: date | None = None
) -> Iterator[fmt.Record]:
    """The person's entries of one kind, oldest first, read CHUNK rows at a time; with `first` and
    `last`, only those on these local days (both included) in the person's time zone."""
    spec = kind_named(kind)
    rows = spec.model.objects.filter(user=user)
    if first is not None and last is not None:
        check_day_range(first, last)
        rows = rows.filter(**_days_filter(user=user, field=spec.time_field, first=first, last=last))
    if spec.name == "checkins":
        rows = rows.prefetch_related("side_effects")
    product_uids = (
        dict(m.Product.objects.filter(user=user).values_list("id", "uid")) if kind == "doses" else {}
    )
    for row in rows.order_by(spec.time_field, "id").iterator(chunk_size=CHUNK):
        yield to_record(row, product_uids=product_uids)


def _days_filter(*, user: User, field: str, first: date, last: date) -> dict[str, Any]:
    if field == "taken_on":  # a lab result's day is a date already
        return {f"{field}__gte": first, f"{field}__lte": last}
    start, end = days_window(first, last, user_zone(user=user))
    return {f"{field}__gte": start, f"{field}__lt": end}


def kind_csv_lines(
    *, user: User, kind: str, first: date | None = None, last: date | None = None
) -> Iterator[str]:
    """One kind of entry as CSV lines, streamed (what the reports' CSV files are made of)."""
    return csv_lines(kind, kind_records(user=user, kind=kind, first=first, last=last))
