"""The bridge between journal rows and the journal format's records (export, import, undo, API)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any
from uuid import UUID

import pydantic
from django.db import models

from speciosa.core import journal_format as fmt
from speciosa.core.errors import InvalidInput, NotFound
from speciosa.core.journal_checks import error_places
from speciosa.journal import models as m


@dataclass(frozen=True)
class Kind:
    """One kind of journal entry: its name in URLs and exports, its table and its record."""

    name: str
    label: str
    model: type[m.Entry]
    record: type[fmt.Record]
    time_field: str

    @property
    def singular(self) -> str:
        return {"therapies": "therapy", "checkins": "check-in", "selfchecks": "self-check"}.get(
            self.name, self.name.rstrip("s")
        )


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("products", "Products", m.Product, fmt.ProductRecord, "created_at"),
        Kind("doses", "Doses", m.Dose, fmt.DoseRecord, "taken_at"),
        Kind("checkins", "Check-ins", m.CheckIn, fmt.CheckInRecord, "at"),
        Kind("medications", "Medications", m.Medication, fmt.MedicationRecord, "created_at"),
        Kind("substances", "Substances and alcohol", m.SubstanceUse, fmt.SubstanceRecord, "at"),
        Kind("therapies", "Therapies and activities", m.Therapy, fmt.TherapyRecord, "at"),
        Kind("labs", "Lab results", m.LabResult, fmt.LabRecord, "taken_on"),
        Kind("selfchecks", "Self-checks (withdrawal, dependence)", m.SelfCheck, fmt.SelfCheckRecord, "at"),
    )
}
assert tuple(KINDS) == fmt.ENTRY_KINDS


def kind_named(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise NotFound(f"no kind of entry called {name!r}") from None


def kind_of(obj: models.Model) -> Kind:
    for kind in KINDS.values():
        if isinstance(obj, kind.model):
            return kind
    raise TypeError(f"{type(obj).__name__} is not a journal entry")


def kind_of_record(record: fmt.Record) -> Kind:
    """The kind of entry a journal-format record holds."""
    return _KIND_OF_RECORD[type(record)]


_KIND_OF_RECORD = {kind.record: kind for kind in KINDS.values()}


def record_fields(kind: Kind) -> list[str]:
    return _fields_of(kind.record)


@cache
def _enum_fields_of(record: type[fmt.Record]) -> list[str]:
    """Fields holding an enum (stored as its value)."""
    return [
        name
        for name, spec in record.model_fields.items()
        if name in _fields_of(record)
        and isinstance(spec.annotation, type)
        and issubclass(spec.annotation, Enum)
    ]


@cache
def _fields_of(record: type[fmt.Record]) -> list[str]:
    """The record's fields that are plain columns of its row."""
    return [name for name in record.model_fields if name not in {"uid", "product_uid", "side_effects"}]


def to_record(obj: m.Entry, *, product_uids: dict[int, UUID] | None = None) -> fmt.Record:
    """The entry as a journal-format record (what export writes and undo keeps)."""
    kind = kind_of(obj)
    values: dict[str, Any] = {name: getattr(obj, name) for name in record_fields(kind)}
    values["uid"] = obj.uid
    if isinstance(obj, m.Dose):
        if obj.product_id is None:
            values["product_uid"] = None
        elif product_uids is not None:
            values["product_uid"] = product_uids[obj.product_id]
        else:
            values["product_uid"] = obj.product.uid if obj.product else None
    if isinstance(obj, m.CheckIn):
        values["side_effects"] = [
            fmt.SideEffectRecord(code=s.code, severity=s.severity, text=s.text)
            for s in obj.side_effects.all()
        ]
    return kind.record.model_validate(values)


def model_values(record: fmt.Record, *, product_ids: Mapping[UUID, int | None]) -> dict[str, Any]:
    """Column values for a row holding this record (side effects are stored separately)."""
    stored = record.__dict__  # pydantic keeps field values here; reading it directly is the fast path
    values = {name: stored[name] for name in _fields_of(type(record))}
    for name in _enum_fields_of(type(record)):
        value = values[name]
        values[name] = value.value if isinstance(value, Enum) else value
    values["uid"] = record.uid
    if isinstance(record, fmt.DoseRecord):
        values["product_id"] = product_ids[record.product_uid] if record.product_uid else None
    return values


#: Pydantic's errors as FieldErrors with dotted places such as `doses[3].grams` (one definition, in core).
field_errors = error_places


def validate_record(kind: Kind, values: dict[str, Any]) -> fmt.Record:
    try:
        return kind.record.model_validate(values)
    except pydantic.ValidationError as error:
        raise InvalidInput(field_errors(error)) from None


def uids(objects: Iterable[m.Entry]) -> set[UUID]:
    return {o.uid for o in objects}


def profile_record(profile: m.Profile) -> fmt.ProfileRecord:
    """A person's profile as the journal document holds it (export, findings window, file checks)."""
    return fmt.ProfileRecord(
        timezone=profile.timezone,
        teaspoon_grams=profile.teaspoon_grams,
        pregnant=profile.pregnant,
        breastfeeding=profile.breastfeeding,
        country=profile.country,
        region=profile.region,
        checkin_reminder=f"{profile.checkin_reminder:%H:%M}" if profile.checkin_reminder else None,
    )


#: An experiment's fields that the journal format holds as they are stored.
EXPERIMENT_FIELDS = tuple(name for name in fmt.ExperimentRecord.model_fields if name != "created_at")
assert set(fmt.OPTION_KINDS) == set(m.Experiment.OptionKind.values)


def experiment_record(experiment: m.Experiment) -> fmt.ExperimentRecord:
    """An experiment as the journal document holds it (export)."""
    values = {name: getattr(experiment, name) for name in EXPERIMENT_FIELDS}
    return fmt.ExperimentRecord.model_validate({**values, "created_at": experiment.created_at})


def experiment_values(record: fmt.ExperimentRecord, *, now: Any) -> dict[str, Any]:
    """Column values for an experiment row holding this record (import)."""
    values = {name: getattr(record, name) for name in EXPERIMENT_FIELDS}
    return {**values, "created_at": record.created_at or now}


#: A taper plan's fields that the journal format holds as they are stored (its events apart).
TAPER_FIELDS = tuple(name for name in fmt.TaperRecord.model_fields if name not in {"created_at", "events"})
EVENT_FIELDS = tuple(name for name in fmt.TaperEventRecord.model_fields if name != "at")


def taper_record(plan: m.TaperPlan) -> fmt.TaperRecord:
    """A taper plan with its events, in order, as the journal document holds it (export); the events
    are read from `plan.events` (prefetch them for many plans)."""
    values = {name: getattr(plan, name) for name in TAPER_FIELDS}
    events = [
        fmt.TaperEventRecord.model_validate({**{n: getattr(e, n) for n in EVENT_FIELDS}, "at": e.at})
        for e in sorted(plan.events.all(), key=lambda e: (e.day, e.id))
    ]
    return fmt.TaperRecord.model_validate({**values, "events": events, "created_at": plan.created_at})


def taper_values(record: fmt.TaperRecord, *, now: Any) -> dict[str, Any]:
    """Column values for a taper plan row holding this record (import; its events apart)."""
    values = {name: getattr(record, name) for name in TAPER_FIELDS}
    return {**values, "created_at": record.created_at or now}


def taper_event_values(event: fmt.TaperEventRecord, *, plan_id: int, now: Any) -> dict[str, Any]:
    """Column values for a taper event row of the plan `plan_id` (import)."""
    return {
        **{name: getattr(event, name) for name in EVENT_FIELDS},
        "plan_id": plan_id,
        "at": event.at or now,
    }
