"""Journal entries as rows and one-line summaries for the command line (no logic beyond wording)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from speciosa.core.vocab import LabTest, SubstanceKind, TherapyKind
from speciosa.journal import entries as m
from speciosa.journal import selectors
from speciosa.journal.records import kind_of, to_record


def count(number: int, word: str) -> str:
    """`1 dose`, `2 doses`, `0 entries`."""
    if number == 1:
        return f"1 {word}"
    plural = word[:-1] + "ies" if word.endswith("y") and word[-2] not in "aeiou" else word + "s"
    return f"{number} {plural}"


def grams_text(grams: float) -> str:
    return f"{round(grams, 3):g} g"


def side_effects_of(checkin: m.CheckIn) -> list[m.SideEffect]:
    return list(checkin.side_effects.all())


def side_effect_codes(checkin: m.CheckIn) -> list[str]:
    """Side effects as `code:severity` (`:text` when there is one), the form `--side-effect` takes."""
    return [":".join(part for part in (s.code, s.severity, s.text) if part) for s in side_effects_of(checkin)]


def totals_lines(today: selectors.Today) -> list[str]:
    """Today's grams and doses, and the last 24 hours', in words."""
    return [
        f"Today so far: {grams_text(today.grams_today)} in {count(len(today.doses), 'dose')}.",
        f"Last 24 hours: {grams_text(today.grams_last_24h)} in {count(today.doses_last_24h, 'dose')}.",
    ]


def dose_row(dose: m.Dose, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "time": dose.taken_at.astimezone(tz),
        "grams": dose.grams,
        "amount": dose.amount,
        "unit": dose.unit,
        "product": dose.product.name if dose.product else None,
        "product_uid": dose.product.uid if dose.product else None,
        "is_estimate": dose.is_estimate,
        "conversion": dose.conversion,
        "note": dose.note,
        "uid": dose.uid,
    }


def amount_text(row: Mapping[str, Any]) -> str:
    return f"{row['amount']:g} {row['unit']}"


def checkin_row(checkin: m.CheckIn, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "time": checkin.at.astimezone(tz),
        "pain_now": checkin.pain_now,
        "peg_pain": checkin.peg_pain,
        "peg_enjoyment": checkin.peg_enjoyment,
        "peg_activity": checkin.peg_activity,
        "peg_score": checkin.peg_score,
        "sleep_quality": checkin.sleep_quality,
        "mood": checkin.mood,
        "energy": checkin.energy,
        "side_effects": side_effect_codes(checkin),
        "note": checkin.note,
        "uid": checkin.uid,
    }


def product_row(product: m.Product) -> dict[str, Any]:
    return to_record(product).model_dump(mode="python")


def dose_summary(dose: m.Dose) -> str:
    amount = f"{dose.amount:g} {dose.unit}"
    parts = [grams_text(dose.grams) if dose.unit == "g" else f"{amount} = {grams_text(dose.grams)}"]
    if dose.product:
        parts.append(dose.product.name)
    if dose.is_estimate:
        parts.append("estimate")
    return " · ".join(parts)


def checkin_summary(checkin: m.CheckIn) -> str:
    parts = []
    if checkin.pain_now is not None:
        parts.append(f"pain {checkin.pain_now}")
    if checkin.peg_score is not None:
        parts.append(f"PEG {checkin.peg_score:g}")
    for label, value in (
        ("sleep", checkin.sleep_quality),
        ("mood", checkin.mood),
        ("energy", checkin.energy),
    ):
        if value is not None:
            parts.append(f"{label} {value}")
    effects = [f"{s.code} ({s.severity})" for s in side_effects_of(checkin)]
    if effects:
        parts.append(", ".join(effects))
    return " · ".join(parts) or "check-in"


def range_text(low: float | None, high: float | None) -> str:
    """A lab's reference range as `10–56`, `–56` or `10–`; empty when there is none."""
    if low is None and high is None:
        return ""
    return ("" if low is None else f"{low:g}") + "–" + ("" if high is None else f"{high:g}")


def entry_summary(entry: m.Entry) -> str:
    """One line a person recognises the entry by."""
    if isinstance(entry, m.Dose):
        return dose_summary(entry)
    if isinstance(entry, m.CheckIn):
        return checkin_summary(entry)
    if isinstance(entry, m.SubstanceUse):
        text = f"{SubstanceKind(entry.kind).label}: {entry.substance}"
        if entry.standard_drinks is not None:
            text += f", {entry.standard_drinks:g} standard drinks"
        return text + (f", {entry.amount_text}" if entry.amount_text else "")
    if isinstance(entry, m.Therapy):
        return f"{TherapyKind(entry.kind).label}, {entry.minutes} min"
    if isinstance(entry, m.LabResult):
        text = f"{LabTest(entry.test).label} {entry.value:g} {entry.unit}"
        reference = range_text(entry.reference_low, entry.reference_high)
        return text + (f" (reference {reference})" if reference else "")
    return str(getattr(entry, "name", kind_of(entry).singular))
