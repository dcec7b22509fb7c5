"""The FHIR export: a Bundle (type "collection") of a person's journal over a period, as JSON.

Codes (LOINC, http://loinc.org): pain now 72514-3; the PEG-3 (91148-7) as one Observation whose
components are its items (75893-8 pain on average, 91145-3 enjoyment of life, 91146-1 general
activity) and its mean score (91147-9); liver labs ALT 1742-6, AST 1920-8, ALP 6768-6, total bilirubin
1975-2 (14631-6 in a molar unit). Kratom has no standard code: a dose is a MedicationAdministration
whose medication is named in text. The SOWS and the DSM-5 self-check have no LOINC code we could
verify: each answered questionnaire is a QuestionnaireResponse (its questionnaire named by a speciosa
canonical URL) plus an Observation of its total coded in speciosa's own code system; a taper plan is a
CarePlan with one activity per step. See docs/reports.md (FHIR R4 bundle).

Every resource is validated with fhir.resources' model as it is written, and the Bundle streams: its
opening, then one entry at a time, then its closing. Ids are uuid5s of the entry's uid (and of the
part of the entry the resource holds), so an entry keeps its id from one export to the next.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import cache
from html import escape
from importlib import import_module
from typing import Any
from uuid import UUID, uuid5

from speciosa.core import journal_format as fmt
from speciosa.core.scores import peg_score
from speciosa.core.taper import scales
from speciosa.core.vocab import LabTest, SubstanceKind
from speciosa.journal.fhir_data import FhirContext, FhirTaper, FhirTaperStep, fhir_context, fhir_timed_records
from speciosa.journal.findings import CurrentFinding
from speciosa.refdata.loader import sources
from speciosa.refdata.taper import questionnaire
from speciosa.reports.base import Exporter, Period

#: The FHIR release the resources follow, and the fhir.resources models that validate them (see below).
FHIR_VERSION = "4.0.1"
#: fhir.resources has R4 (4.0.1) models only in its pydantic-1 releases (6.4 and older); with pydantic
#: 2 its nearest models are R4B (4.3.0), which hold every element written here unchanged from R4.
MODELS = "fhir.resources.R4B"

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
#: The namespace of the ids (uuid5) of the resources that are not one entry's: the patient, the bundle.
NAMESPACE = UUID("5b0e3c52-8f0a-4f4e-9d7c-2f6f3b1c9a10")

PAIN_NOW = ("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")
PEG_PANEL = ("91148-7", "Pain intensity, Enjoyment of life, General activity scale [PEG]")
PEG_ITEMS = (
    ("peg_pain", "75893-8", "What number best describes your pain on average in the past week?"),
    (
        "peg_enjoyment",
        "91145-3",
        "What number best describes how, during the past week, pain has interfered with your enjoyment "
        "of life?",
    ),
    (
        "peg_activity",
        "91146-1",
        "What number best describes how, during the past week, pain has interfered with your general "
        "activity?",
    ),
)
PEG_SCORE = ("91147-9", "Mean score [PEG]")
LAB_CODES = {
    LabTest.ALT: ("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
    LabTest.AST: ("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma"),
    LabTest.ALP: ("6768-6", "Alkaline phosphatase [Enzymatic activity/volume] in Serum or Plasma"),
    LabTest.BILIRUBIN: ("1975-2", "Bilirubin.total [Mass/volume] in Serum or Plasma"),
}
BILIRUBIN_MOLAR = ("14631-6", "Bilirubin.total [Moles/volume] in Serum or Plasma")
#: Units as people type them, and their UCUM codes.
UCUM_UNITS = {
    "U/L": "U/L",
    "IU/L": "[IU]/L",
    "mg/dL": "mg/dL",
    "mg/L": "mg/L",
    "µmol/L": "umol/L",
    "umol/L": "umol/L",
}
KRATOM = "Kratom (Mitragyna speciosa leaf)"
#: speciosa's own names for what no standard code covers (the .invalid domain never resolves: these are
#: names, not addresses). A questionnaire's canonical URL is its base and its id ("…/sows", "…/dsm5").
QUESTIONNAIRE_BASE = "https://speciosa.invalid/fhir/Questionnaire/"
SELF_CHECK_CODES = "https://speciosa.invalid/fhir/CodeSystem/self-checks"
#: The Observation code of each questionnaire's total, in SELF_CHECK_CODES.
SELF_CHECK_TOTALS = {
    "sows": ("sows-total", "Subjective Opiate Withdrawal Scale (SOWS) total, 0-64 (no kratom cut-offs)"),
    "dsm5": (
        "dsm5-criteria-count",
        "DSM-5 substance use disorder criteria met, applied to kratom, 0-11 (a self-check, not a diagnosis)",
    ),
}
#: A taper plan's state as a CarePlan status, and a step's status as an activity's.
CAREPLAN_STATUS = {
    "planned": "active",
    "running": "active",
    "paused": "on-hold",
    "finished": "completed",
    "ended": "revoked",
}


def render(*, user: Any, period: Period, now: datetime) -> Iterator[bytes]:
    """The Bundle's JSON in pieces: the opening and the Patient, one entry at a time, the closing."""
    context = fhir_context(user=user, first=period.start, last=period.end, now=now)
    patient = uuid5(NAMESPACE, f"patient:{user.pk}")
    bundle = {
        "resourceType": "Bundle",
        "id": str(uuid5(patient, f"bundle:{period.start}:{period.end}")),
        "type": "collection",
        "timestamp": _instant(now),
    }
    yield json.dumps(bundle, ensure_ascii=False)[:-1].encode() + b', "entry": [\n'
    yield _entry({"resourceType": "Patient", "id": str(patient)})
    subject = {"reference": f"urn:uuid:{patient}"}
    for medication in context.medications:
        yield b",\n" + _entry(_medication(medication, subject, today=period.end))
    for taper in context.tapers:
        yield b",\n" + _entry(_careplan(taper, subject))
    for record in fhir_timed_records(user=user, first=period.start, last=period.end):
        for resource in _resources(record, subject, context):
            yield b",\n" + _entry(resource)
    for current in context.findings:
        yield b",\n" + _entry(_flag(current, subject))
    yield b"\n]}\n"


EXPORTERS: tuple[Exporter, ...] = (
    Exporter(
        id="fhir",
        label="FHIR R4 bundle (JSON)",
        description=(
            "Pain and PEG-3 scores, liver labs (LOINC), medications, kratom doses, other substances, "
            "withdrawal and dependence self-checks, the taper plan and the current safety findings, for "
            "a clinic's health record system."
        ),
        media_type="application/fhir+json",
        extension="json",
        render=render,
    ),
)


# --- one entry ------------------------------------------------------------------------------------


def _entry(resource: dict[str, Any]) -> bytes:
    """One Bundle entry, its resource validated by its fhir.resources model first (which raises
    pydantic's ValidationError for anything FHIR does not allow). The validated dictionary is written
    as it is: the library's own serialiser takes three times as long and writes the same content."""
    _model(resource["resourceType"]).model_validate(_with_checked_parts(resource))
    entry = {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()


@cache
def _model(resource_type: str) -> Any:
    return getattr(import_module(f"{MODELS}.{resource_type.lower()}"), resource_type)


#: The parts that many resources share (a code, a category), each validated once when first made, by
#: the id of the one object every resource holds: they stand in for it when a resource is validated, so
#: ten years of entries do not validate the same code tens of thousands of times. Never changed once made.
_CHECKED: dict[int, Any] = {}


def _checked(element_type: str, value: dict[str, Any]) -> dict[str, Any]:
    _CHECKED[id(value)] = _model(element_type).model_validate(value)
    return value


def _with_checked_parts(value: Any) -> Any:
    checked = _CHECKED.get(id(value))
    if checked is not None:
        return checked
    if isinstance(value, dict):
        return {key: _with_checked_parts(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_with_checked_parts(item) for item in value]
    return value


def _resources(record: fmt.Record, subject: dict[str, str], context: FhirContext) -> list[dict[str, Any]]:
    if isinstance(record, fmt.CheckInRecord):
        return _checkin(record, subject)
    if isinstance(record, fmt.DoseRecord):
        return [_dose(record, subject, context)]
    if isinstance(record, fmt.SubstanceRecord):
        return [_substance(record, subject)]
    if isinstance(record, fmt.LabRecord):
        return [_lab(record, subject)]
    if isinstance(record, fmt.SelfCheckRecord):
        return _selfcheck(record, subject)
    return []


def _selfcheck(check: fmt.SelfCheckRecord, subject: dict[str, str]) -> list[dict[str, Any]]:
    """The questionnaire as answered (a QuestionnaireResponse: the SOWS's answers as integers 0-4, the
    DSM-5 self-check's as yes/no booleans) and its total as an Observation that points back to it."""
    form = questionnaire(check.instrument)
    result = scales.score(check.instrument, check.answers)
    yes_no = check.instrument == "dsm5"
    response_id = uuid5(check.uid, "questionnaire-response")
    response = {
        "resourceType": "QuestionnaireResponse",
        "id": str(response_id),
        "questionnaire": f"{QUESTIONNAIRE_BASE}{check.instrument}",
        "status": "completed",
        "subject": subject,
        "authored": _instant(check.at),
        "item": [
            {
                "linkId": f"{check.instrument}-{number}",
                "text": text,
                "answer": [{"valueBoolean": bool(answer)} if yes_no else {"valueInteger": answer}],
            }
            for number, (text, answer) in enumerate(zip(form.items, check.answers, strict=True), start=1)
        ],
    }
    code, display = SELF_CHECK_TOTALS[check.instrument]
    total = _observation(
        uuid5(check.uid, "total"),
        "survey",
        (None, display),
        subject,
        _instant(check.at),
        valueInteger=result.total,
        derivedFrom=[{"reference": f"urn:uuid:{response_id}"}],
    )
    total["code"] = _self_check_code(code, display)
    if result.band:
        total["interpretation"] = [{"text": f"{result.band} (a self-check, not a diagnosis)"}]
    return [response, total]


def _careplan(taper: FhirTaper, subject: dict[str, str]) -> dict[str, Any]:
    """A taper plan: one activity per step, with its dates and daily target ("12.25 g a day")."""
    status = CAREPLAN_STATUS[taper.state]
    period = {"start": taper.start_on.isoformat()}
    if taper.last_day is not None:
        period["end"] = taper.last_day.isoformat()
    return {
        "resourceType": "CarePlan",
        "id": str(uuid5(taper.uid, "taper")),
        "status": status,
        "intent": "plan",
        "title": "Taper plan (the person's own)",
        "description": taper.description,
        "subject": subject,
        "period": period,
        "created": _instant(taper.created_at),
        "activity": [{"detail": _step(step, taper.state)} for step in taper.steps],
    }


def _step(step: FhirTaperStep, state: str) -> dict[str, Any]:
    if step.status == "done":
        status = "completed"
    elif state in ("finished", "ended"):
        status = (
            "completed" if state == "finished" else "stopped" if step.status == "current" else "cancelled"
        )
    elif step.status == "current":
        status = "on-hold" if state == "paused" else "in-progress" if state == "running" else "scheduled"
    else:
        status = "scheduled"
    doses = f" ({step.doses} dose{'' if step.doses == 1 else 's'})" if step.doses else ""
    return {
        "status": status,
        "description": f"Step {step.number}: {step.grams:g} g a day{doses}",
        "scheduledPeriod": {"start": step.start.isoformat(), "end": step.end.isoformat()},
        "productCodeableConcept": {"text": KRATOM},
        "dailyAmount": {"value": step.grams, "unit": "g", "system": UCUM, "code": "g"},
    }


def _checkin(checkin: fmt.CheckInRecord, subject: dict[str, str]) -> list[dict[str, Any]]:
    """Pain now, and the PEG-3 with what was answered of it (its score only when all three were)."""
    found = []
    when = _instant(checkin.at)
    if checkin.pain_now is not None:
        found.append(
            _observation(
                uuid5(checkin.uid, "pain-now"),
                "survey",
                PAIN_NOW,
                subject,
                when,
                valueInteger=checkin.pain_now,
            )
        )
    components = [
        {"code": _loinc(code, display), "valueInteger": getattr(checkin, name)}
        for name, code, display in PEG_ITEMS
        if getattr(checkin, name) is not None
    ]
    if components:
        score = peg_score(checkin.peg_pain, checkin.peg_enjoyment, checkin.peg_activity)
        if score is not None:
            components.append({"code": _loinc(*PEG_SCORE), "valueQuantity": _score(round(score, 2))})
        found.append(
            _observation(
                uuid5(checkin.uid, "peg-3"), "survey", PEG_PANEL, subject, when, component=components
            )
        )
    return found


def _dose(dose: fmt.DoseRecord, subject: dict[str, str], context: FhirContext) -> dict[str, Any]:
    product = context.products.get(dose.product_uid) if dose.product_uid else None
    entered = f"{dose.amount:g} {dose.unit}"
    text = f"{entered} as entered" + (" (an estimate)" if dose.is_estimate else "")
    return {
        "resourceType": "MedicationAdministration",
        "id": str(uuid5(dose.uid, "dose")),
        "status": "completed",
        "medicationCodeableConcept": {"text": f"{KRATOM}: {product.name}" if product else KRATOM},
        "subject": subject,
        "effectiveDateTime": _instant(dose.taken_at),
        "dosage": {"text": text, "dose": {"value": dose.grams, "unit": "g", "system": UCUM, "code": "g"}},
    }


def _substance(use: fmt.SubstanceRecord, subject: dict[str, str]) -> dict[str, Any]:
    """Alcohol as standard drinks; another substance with its amount as written."""
    value: dict[str, Any] = {}
    if use.standard_drinks is not None:
        value["valueQuantity"] = {"value": use.standard_drinks, "unit": "standard drinks"}
    elif use.amount_text:
        value["valueString"] = use.amount_text
    kind = "Alcohol" if use.kind == SubstanceKind.ALCOHOL else "Substance taken"
    return _observation(
        uuid5(use.uid, "substance"),
        "social-history",
        (None, f"{kind}: {use.substance}"),
        subject,
        _instant(use.at),
        **value,
    )


def _lab(lab: fmt.LabRecord, subject: dict[str, str]) -> dict[str, Any]:
    test = LabTest(lab.test)
    code, display = LAB_CODES[test]
    if test is LabTest.BILIRUBIN and "mol" in lab.unit.lower():
        code, display = BILIRUBIN_MOLAR
    unit = _quantity(lab.value, lab.unit)
    extra: dict[str, Any] = {"valueQuantity": unit}
    if lab.reference_low is not None or lab.reference_high is not None:
        limits = {}
        if lab.reference_low is not None:
            limits["low"] = _quantity(lab.reference_low, lab.unit)
        if lab.reference_high is not None:
            limits["high"] = _quantity(lab.reference_high, lab.unit)
        extra["referenceRange"] = [limits]
        flag = _interpretation(lab)
        extra["interpretation"] = [{"coding": [{"system": INTERPRETATION, "code": flag}]}]
    resource = _observation(
        uuid5(lab.uid, "lab"), "laboratory", (code, display), subject, lab.taken_on.isoformat(), **extra
    )
    return resource | {"code": {"coding": [_coding(code, display)], "text": test.label}}


def _interpretation(lab: fmt.LabRecord) -> str:
    if lab.reference_high is not None and lab.value > lab.reference_high:
        return "H"
    if lab.reference_low is not None and lab.value < lab.reference_low:
        return "L"
    return "N"


def _medication(medication: fmt.MedicationRecord, subject: dict[str, str], *, today: date) -> dict[str, Any]:
    """A medication of the list: active, or completed once its stop day has passed."""
    stopped = medication.stopped_on is not None and medication.stopped_on <= today
    resource: dict[str, Any] = {
        "resourceType": "MedicationStatement",
        "id": str(uuid5(medication.uid, "medication")),
        "status": "completed" if stopped else "active",
        "medicationCodeableConcept": {"text": medication.name},
        "subject": subject,
    }
    period = {
        key: day.isoformat()
        for key, day in (("start", medication.started_on), ("end", medication.stopped_on))
        if day is not None
    }
    if period:
        resource["effectivePeriod"] = period
    if medication.purpose:
        resource["reasonCode"] = [{"text": medication.purpose}]
    dosage = ", ".join(text for text in (medication.dose_text, medication.schedule) if text)
    if dosage:
        resource["dosage"] = [{"text": dosage}]
    return resource


def _flag(current: CurrentFinding, subject: dict[str, str]) -> dict[str, Any]:
    """A safety finding as it stands now, with its meaning and sources in the narrative."""
    finding = current.finding
    known = sources()
    cited = [f"{known[s].citation} ({known[s].link})" if s in known else s for s in finding.sources]
    paragraphs = [
        f"{finding.severity.label}: {finding.title}",
        finding.meaning,
        f"Sources: {'; '.join(cited)}",
    ]
    div = "".join(f"<p>{escape(text)}</p>" for text in paragraphs if text)
    return {
        "resourceType": "Flag",
        "id": str(uuid5(NAMESPACE, f"finding:{subject['reference']}:{finding.key}")),
        "text": {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{div}</div>'},
        "status": "active",
        "code": {"text": f"{finding.severity.label}: {finding.title}"},
        "subject": subject,
        "period": {"start": _instant(current.first_seen_at)},
    }


# --- pieces ---------------------------------------------------------------------------------------


def _observation(
    resource_id: UUID,
    category: str,
    code: tuple[str | None, str],
    subject: dict[str, str],
    effective: str,
    **value: Any,
) -> dict[str, Any]:
    loinc, display = code
    return {
        "resourceType": "Observation",
        "id": str(resource_id),
        "status": "final",
        "category": [_category(category)],
        "code": _loinc(loinc, display) if loinc else {"text": display},
        "subject": subject,
        "effectiveDateTime": effective,
        **value,
    }


@cache
def _category(code: str) -> dict[str, Any]:
    return _checked("CodeableConcept", {"coding": [{"system": CATEGORY, "code": code}]})


@cache
def _coding(code: str, display: str) -> dict[str, Any]:
    return _checked("Coding", {"system": LOINC, "code": code, "display": display})


@cache
def _self_check_code(code: str, display: str) -> dict[str, Any]:
    return _checked(
        "CodeableConcept", {"coding": [{"system": SELF_CHECK_CODES, "code": code, "display": display}]}
    )


@cache
def _loinc(code: str, display: str) -> dict[str, Any]:
    return _checked("CodeableConcept", {"coding": [_coding(code, display)]})


def _score(value: float) -> dict[str, Any]:
    return {"value": value, "unit": "{score}", "system": UCUM, "code": "{score}"}


def _quantity(value: float, unit: str) -> dict[str, Any]:
    quantity: dict[str, Any] = {"value": value, "unit": unit}
    if unit in UCUM_UNITS:
        quantity |= {"system": UCUM, "code": UCUM_UNITS[unit]}
    return quantity


def _instant(moment: datetime) -> str:
    """UTC, ISO 8601, to the second: 2026-03-07T15:00:00Z."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
