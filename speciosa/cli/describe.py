"""Journal entries as rows and one-line summaries for the command line (no logic beyond wording)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from speciosa.core.vocab import LabTest, SubstanceKind, TherapyKind
from speciosa.journal import entries as m
from speciosa.journal import selectors
from speciosa.journal.doses import DosePreview, DoseTimeline
from speciosa.journal.records import kind_of, to_record
from speciosa.refdata import sources


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


# --- a dose before it is logged, and the dose timeline (speciosa.journal.doses) --------------------

PREVIEW_COLUMNS: list[tuple[str, Any]] = [
    ("Source", "title"),
    ("What it reports (g of plain leaf)", "bands_text"),
    ("Where the dose sits", "words"),
]


def preview_rows(preview: DosePreview) -> list[dict[str, Any]]:
    """One row per source, the band(s) holding the dose marked with an arrow."""
    return [
        {
            "title": f"{row.title} (grade {sources()[row.source].grade})"
            if row.source in sources()
            else row.title,
            "bands_text": "; ".join(f"{'→ ' if b.holds else ''}{b.label}: {b.range}" for b in row.bands),
            "words": row.words,
            "source": row.source,
        }
        for row in preview.sources
    ]


def preview_lines(preview: DosePreview) -> list[str]:
    lines = [f"How it was converted: {preview.conversion}"] if preview.conversion else []
    lines.append(preview.context.note)
    lines.append(f"Against your own usual amount: {preview.context.versus_usual}")
    if preview.alkaloids:
        amounts = [
            f"{mg:.3g} mg {name}"
            for name, mg in (
                ("mitragynine", preview.alkaloids.mitragynine_mg),
                ("7-OH", preview.alkaloids.seven_oh_mg),
            )
            if mg is not None
        ]
        lines.append(
            f"From this product's lab figures: about {' and '.join(amounts)} ({preview.alkaloids.assumption})"
        )
    if preview.findings:
        lines.append("What logging it would raise:")
        lines += [f"  {f.severity.value.upper()}: {f.title}. {f.action}" for f in preview.findings]
    else:
        lines.append("No new finding. That is not a judgement that the amount is free of risk.")
    lines.append("Nothing was stored (--dry-run).")
    return lines


def preview_document(preview: DosePreview) -> dict[str, Any]:
    """The preview as JSON: the same fields as the API's POST /api/v1/doses/preview."""
    context = preview.context
    return {
        "grams": round(preview.grams, 4),
        "explanation": preview.conversion,
        "assumed": preview.assumed,
        "versus_usual": context.versus_usual,
        "usual_grams": context.usual_grams,
        "bands_apply": context.bands_apply,
        "note": context.note,
        "sources": [
            {
                "title": row.title,
                "kind": row.kind,
                "source": row.source,
                "bands": [{"label": b.label, "range": b.range, "holds": b.holds} for b in row.bands],
                "words": row.words,
                "text": row.text,
            }
            for row in preview.sources
        ],
        "findings": [
            {"code": f.code, "severity": f.severity.value, "title": f.title, "action": f.action, "key": f.key}
            for f in preview.findings
        ],
        "alkaloids": asdict(preview.alkaloids) if preview.alkaloids else None,
        "cited": list(context.sources),
    }


def timeline_lines(timeline: DoseTimeline | None, tz: ZoneInfo) -> list[str]:
    """The dose timeline of the last 24 hours in words: what the sources report, not a forecast."""
    if timeline is None:
        return ["Dose timeline: no doses in the last 24 hours."]

    def clock(moment: datetime) -> str:
        return moment.astimezone(tz).strftime("%H:%M")

    lines = ["Dose timeline, the last 24 hours (what the sources report for each dose, not a forecast):"]
    for entry in timeline.entries:
        course = entry.course
        now = " (effects expected now)" if course.active_now else ""
        lines.append(
            f"  {clock(course.dose.taken_at)} {dose_summary(entry.dose)}{now}: felt effects start "
            f"{clock(course.onset.start)}–{clock(course.onset.end)}, blood levels peak about "
            f"{clock(course.expected_peak_at)}, felt effects fade by {clock(course.ends.start)}–"
            f"{clock(course.ends.end)}"
        )
    lines.append(timeline.stays_in_blood)
    return lines
