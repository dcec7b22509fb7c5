"""The checks a journal file must pass before it is imported or assessed, without a database.

`speciosa import` (speciosa.journal.transfer) and `speciosa assess --file` run the same checks, so a
file one refuses the other refuses too, with the same `place: reason` lines:

1. Structure, record by record (`validate_records`): every record that pydantic refuses, with its
   place in the file; the records that pass go on to the checks below.
2. What pydantic cannot see (`document_problems`): an unknown time zone, a uid twice in the file (an
   entry's or an experiment's), a time in the future, a dose naming a product that is neither in the
   file nor known, a side effect outside the vocabulary, and grams that contradict the dose's amount
   and unit.

Problems are reported in file order, at most MAX_REPORTED_ERRORS of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

import pydantic

from speciosa.core import journal_format as fmt
from speciosa.core.days import portable_zone
from speciosa.core.errors import FieldError, InvalidInput
from speciosa.core.limits import FUTURE_TOLERANCE
from speciosa.core.units import Unit, grams_agree, grams_contradiction
from speciosa.refdata import side_effects as side_effect_vocabulary

#: Where a bad file stops being reported row by row (the report stays readable).
MAX_REPORTED_ERRORS = 200

#: The record model of each kind of entry, in import order.
RECORDS: dict[str, type[fmt.Record]] = {
    "products": fmt.ProductRecord,
    "doses": fmt.DoseRecord,
    "checkins": fmt.CheckInRecord,
    "medications": fmt.MedicationRecord,
    "substances": fmt.SubstanceRecord,
    "therapies": fmt.TherapyRecord,
    "labs": fmt.LabRecord,
    "selfchecks": fmt.SelfCheckRecord,
}
assert tuple(RECORDS) == fmt.ENTRY_KINDS
#: The record model of each list of plans, imported after the entries.
PLANS: dict[str, type[pydantic.BaseModel]] = {"experiments": fmt.ExperimentRecord, "tapers": fmt.TaperRecord}
assert tuple(PLANS) == fmt.PLAN_KINDS
#: Every list of records a document holds, in import (and file) order.
LISTS: dict[str, type[pydantic.BaseModel]] = {**RECORDS, **PLANS}

#: The field holding the time of each kind that has one (a time in the future is refused).
TIME_FIELDS = {
    "doses": "taken_at",
    "checkins": "at",
    "substances": "at",
    "therapies": "at",
    "selfchecks": "at",
}

Places = Mapping[str, Sequence[int]]


def error_places(error: pydantic.ValidationError, *, prefix: str = "") -> list[FieldError]:
    """Pydantic's errors as FieldErrors with dotted places such as `doses[3].grams`."""
    found = []
    for item in error.errors():
        place = prefix
        for part in item["loc"]:
            if isinstance(part, int):
                place += f"[{part}]"
            else:
                place += f".{part}" if place else str(part)
        found.append(FieldError(place or "document", item["msg"].removeprefix("Value error, ")))
    return found


@dataclass
class Validated:
    """A document of the records that passed, where each came from, and what was wrong with the rest."""

    document: fmt.JournalDocument
    errors: list[FieldError] = field(default_factory=list)
    #: For each kind, the index in the file of each record the document holds.
    places: dict[str, list[int]] = field(default_factory=dict)


def validate_records(data: Mapping[str, Any]) -> Validated:
    """Validate a journal document one record at a time, so every bad record is found in one pass.

    The slow path, for a file the whole-document validation refused: it finds the same problems,
    at the same places, and keeps the records that passed for the checks pydantic cannot make.
    """
    errors: list[FieldError] = []
    head = {name: value for name, value in data.items() if name not in LISTS}
    try:
        document = fmt.JournalDocument.model_validate(head)
    except pydantic.ValidationError as error:
        errors += error_places(error)
        document = fmt.JournalDocument()
    lists: dict[str, list[pydantic.BaseModel]] = {}
    places: dict[str, list[int]] = {}
    for kind, model in LISTS.items():
        items = data.get(kind, [])
        if not isinstance(items, list):
            errors.append(FieldError(kind, "Input should be a valid list"))
            continue
        kept: list[pydantic.BaseModel] = []
        at: list[int] = []
        for i, item in enumerate(items):
            try:
                kept.append(model.model_validate(item))
            except pydantic.ValidationError as error:
                errors += error_places(error, prefix=f"{kind}[{i}]")
                continue
            at.append(i)
        lists[kind], places[kind] = kept, at
    return Validated(document.model_copy(update=lists), errors, places)


def own_products(document: fmt.JournalDocument) -> dict[UUID, float | None]:
    """The products a file holds, by uid, with their grams per capsule."""
    return {product.uid: product.grams_per_capsule for product in document.products}


def document_problems(
    document: fmt.JournalDocument,
    *,
    now: datetime,
    products: Mapping[UUID, float | None],
    teaspoons: Iterable[float | None] = (),
    places: Places | None = None,
) -> list[FieldError]:
    """Every problem pydantic cannot see, with its place in the file.

    `products` are the products a dose may name (the file's own, and for an import the journal's),
    with their grams per capsule; `teaspoons` are weighed teaspoons a dose in teaspoons may have
    used (the profiles'); `places` maps each record back to its index in the file when some
    records were left out (see `validate_records`).
    """
    errors: list[FieldError] = []
    try:
        portable_zone(document.profile.timezone, field="profile.timezone")
    except InvalidInput as error:
        errors.extend(error.errors)
    latest = now + FUTURE_TOLERANCE
    weighed = tuple(size for size in (document.profile.teaspoon_grams, *teaspoons) if size)
    vocabulary = side_effect_vocabulary()
    for kind in fmt.ENTRY_KINDS:
        records: list[fmt.Record] = getattr(document, kind)
        at = places.get(kind) if places is not None else None
        time_field = TIME_FIELDS.get(kind, "")
        seen: set[UUID] = set()
        for i, record in enumerate(records):
            place = f"{kind}[{at[i] if at is not None else i}]"
            values = record.__dict__  # pydantic keeps field values here; reading it directly is fast
            if record.uid in seen:
                errors.append(FieldError(f"{place}.uid", "appears twice in this file"))
            seen.add(record.uid)
            if time_field and values[time_field] > latest:
                errors.append(FieldError(f"{place}.{time_field}", "is in the future"))
            if kind == "doses":
                errors += _dose_problems(values, place, products=products, teaspoons=weighed)
            elif kind == "checkins":
                errors += [
                    FieldError(f"{place}.side_effects[{j}].code", f"unknown side effect {effect.code!r}")
                    for j, effect in enumerate(values["side_effects"])
                    if effect.code not in vocabulary
                ]
    at = places.get("experiments") if places is not None else None
    planned: set[UUID] = set()
    for i, experiment in enumerate(document.experiments):
        if experiment.uid in planned:
            errors.append(
                FieldError(f"experiments[{at[i] if at is not None else i}].uid", "appears twice in this file")
            )
        planned.add(experiment.uid)
    return errors


def _dose_problems(
    values: dict[str, Any], place: str, *, products: Mapping[UUID, float | None], teaspoons: Sequence[float]
) -> list[FieldError]:
    errors = []
    product_uid = values["product_uid"]
    if product_uid and product_uid not in products:
        message = "names a product that is in neither this file nor your journal"
        errors.append(FieldError(f"{place}.product_uid", message))
    grams, amount = values["grams"], values["amount"]
    if values["unit"] is Unit.GRAMS and grams_agree(grams, amount):  # the common case, checked inline
        return errors
    contradiction = grams_contradiction(
        grams,
        amount,
        values["unit"],
        conversion=values["conversion"],
        teaspoons=teaspoons,
        capsule_grams=products.get(product_uid) if product_uid else None,
    )
    if contradiction:
        errors.append(FieldError(f"{place}.grams", contradiction))
    return errors


_ROW = re.compile(r"^(\w+)\[(\d+)\]")


def _file_order(error: FieldError) -> tuple[int, int]:
    """Problems of the whole document first, then by kind of entry and row."""
    kinds = list(LISTS)
    row = _ROW.match(error.field)
    if row is not None and row[1] in LISTS:
        return kinds.index(row[1]), int(row[2])
    head = error.field.split(".")[0]
    return (kinds.index(head), -1) if head in LISTS else (-1, 0)


def in_file_order(errors: Iterable[FieldError]) -> list[FieldError]:
    """The problems sorted by where they are in the file (a row's problems stay in their order)."""
    return sorted(errors, key=_file_order)


def refuse(errors: Sequence[FieldError]) -> None:
    """Raise InvalidInput with the problems in file order, at most MAX_REPORTED_ERRORS; nothing if none."""
    if errors:
        raise InvalidInput(in_file_order(errors)[:MAX_REPORTED_ERRORS])


def check_file(
    document: fmt.JournalDocument,
    *,
    now: datetime,
    errors: Sequence[FieldError] = (),
    places: Places | None = None,
) -> fmt.JournalDocument:
    """A file on its own (`speciosa assess --file`): the document, or InvalidInput naming every problem.

    `errors` are the structural problems found while reading it (see `validate_records`). The
    products a dose may name are the file's own; the weighed teaspoon is the file's profile's.
    """
    refuse([*errors, *document_problems(document, now=now, products=own_products(document), places=places)])
    return document
