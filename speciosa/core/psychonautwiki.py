"""Read a PsychonautWiki Journal export into a speciosa journal document.

The export (Android `JournalExport.kt`, iOS `JournalFile.swift`) holds `experiences[]`, each with
`ingestions[]`; times are Unix epoch milliseconds, routes are upper case ("ORAL"), and `dose` may be
null (unknown) or counted in a custom unit (`customUnitId` into `customUnits[]`). Kratom ingestions
become doses; every other substance becomes a substance event (alcohol with standard drinks where
the unit allows). Each entry's uid is derived from its content, so importing twice adds nothing.

An ingestion logged for someone else (`consumerName` set, as both apps write it: a friend's dose) is
not the person's own: it is skipped, kratom and other substances alike, and listed in `skipped`, so it
never feeds their findings.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from speciosa.core.errors import FieldError
from speciosa.core.units import Unit

NAMESPACE = uuid.UUID("6f6b1c2e-8f0e-4c55-9a57-3a1f4b7b9e10")
KRATOM_NAMES = {"kratom", "mitragyna speciosa", "mitragynine"}
ALCOHOL_NAMES = {"alcohol", "ethanol", "beer", "wine"}
#: One US standard drink holds 14 g of ethanol (NIAAA); ethanol weighs 0.789 g/mL.
GRAMS_ETHANOL_PER_DRINK = 14.0
ETHANOL_DENSITY = 0.789


@dataclass
class Converted:
    """What a PsychonautWiki export turns into, plus every row that could not be read."""

    document: dict[str, Any]
    errors: list[FieldError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def looks_like_psychonautwiki(data: object) -> bool:
    return isinstance(data, dict) and "experiences" in data and "format" not in data


def _moment(value: object, place: str, errors: list[FieldError]) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        errors.append(FieldError(place, "must be a time in epoch milliseconds"))
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        errors.append(FieldError(place, f"{value!r} is not a usable time in epoch milliseconds"))
        return None


def _uid(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "psychonautwiki:" + "|".join(repr(p) for p in parts)))


def _standard_drinks(dose: float, units: str) -> float | None:
    units = units.strip().lower()
    if units in {"drinks", "drink", "standard drinks", "std drinks"}:
        return dose
    if units in {"ml etoh", "ml ethanol"}:
        return dose * ETHANOL_DENSITY / GRAMS_ETHANOL_PER_DRINK
    if units in {"g etoh", "g ethanol", "g"}:
        return dose / GRAMS_ETHANOL_PER_DRINK
    return None


def convert(data: dict[str, Any]) -> Converted:
    out = Converted(document={"format": "speciosa-journal", "version": 1, "doses": [], "substances": []})
    errors = out.errors
    experiences = data.get("experiences")
    if not isinstance(experiences, list):
        errors.append(FieldError("experiences", "must be a list"))
        return out
    custom_units = {u.get("id"): u for u in data.get("customUnits") or [] if isinstance(u, dict)}
    for e, experience in enumerate(experiences):
        if not isinstance(experience, dict):
            errors.append(FieldError(f"experiences[{e}]", "must be an object"))
            continue
        title = str(experience.get("title") or "").strip()
        for i, ingestion in enumerate(experience.get("ingestions") or []):
            place = f"experiences[{e}].ingestions[{i}]"
            if not isinstance(ingestion, dict):
                errors.append(FieldError(place, "must be an object"))
                continue
            consumer = ingestion.get("consumerName")
            if consumer is not None and not isinstance(consumer, str):
                errors.append(FieldError(f"{place}.consumerName", "must be a name or null"))
                continue
            if consumer and consumer.strip():
                someone = consumer.strip()[:80]
                out.skipped.append(f"{place}: logged for {someone} (consumerName), not imported")
                continue
            name = str(ingestion.get("substanceName") or "").strip()
            if not name:
                errors.append(FieldError(f"{place}.substanceName", "is missing"))
                continue
            when = _moment(ingestion.get("time"), f"{place}.time", errors)
            if when is None:
                continue
            dose = ingestion.get("dose")
            units = str(ingestion.get("units") or "").strip()
            # Two identical ingestions in one export differ by when they were entered (or by place).
            created = ingestion.get("creationDate") or f"{experience.get('creationDate')}:{i}"
            notes = [
                str(ingestion.get("notes") or "").strip(),
                f"Imported from PsychonautWiki Journal: {title}",
            ]
            note = "\n".join(n for n in notes if n)[:5000]
            estimate = bool(ingestion.get("isDoseAnEstimate"))
            unit_info = custom_units.get(ingestion.get("customUnitId"))
            if dose is not None and (isinstance(dose, bool) or not isinstance(dose, int | float)):
                errors.append(FieldError(f"{place}.dose", f"must be a number or null, not {dose!r}"))
                continue
            if unit_info and dose is not None:
                per_unit = unit_info.get("dose")
                if not isinstance(per_unit, int | float) or isinstance(per_unit, bool):
                    errors.append(FieldError(f"{place}.customUnitId", "custom unit has no dose per unit"))
                    continue
                units = str(unit_info.get("unit") or "g")
                dose = dose * per_unit
                estimate = estimate or bool(unit_info.get("isEstimate"))
            if name.lower() in KRATOM_NAMES:
                if dose is None:
                    out.skipped.append(f"{place}: kratom with an unknown dose was not imported")
                    continue
                unit = units.lower()
                if unit not in {"g", "mg"}:
                    errors.append(
                        FieldError(f"{place}.units", f"kratom in {units!r} cannot be converted to grams")
                    )
                    continue
                grams = dose / 1000 if unit == "mg" else float(dose)
                out.document["doses"].append(
                    {
                        "uid": _uid("dose", ingestion.get("time"), name, dose, units, created),
                        "taken_at": when.isoformat(),
                        "grams": grams,
                        "amount": float(dose),
                        "unit": Unit.MILLIGRAMS.value if unit == "mg" else Unit.GRAMS.value,
                        "is_estimate": estimate,
                        "conversion": f"PsychonautWiki Journal: {dose:g} {units}",
                        "note": note,
                    }
                )
                continue
            amount_text = "unknown dose" if dose is None else f"{dose:g} {units}".strip()
            record: dict[str, Any] = {
                "uid": _uid("substance", ingestion.get("time"), name, dose, units, created),
                "at": when.isoformat(),
                "kind": "other",
                "substance": name[:200],
                "amount_text": f"{amount_text} ({str(ingestion.get('administrationRoute') or '').lower()})"[
                    :200
                ],
                "note": note,
            }
            if name.lower() in ALCOHOL_NAMES:
                drinks = _standard_drinks(dose, units) if dose is not None else None
                if drinks:
                    record.update(kind="alcohol", standard_drinks=round(drinks, 2))
            out.document["substances"].append(record)
    return out
