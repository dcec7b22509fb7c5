"""Liver: the newest lab result per liver test against the upper limit of normal of the person's lab.

The limits are the ones drug-induced liver injury practice acts on (FDA 2009 guidance; ACG 2021
guideline), read from `thresholds()`: ALT or AST over `alt_ast_uln_multiple` times the upper limit,
total bilirubin over `bilirubin_uln_multiple` times. The upper limit of normal is the result's own
`reference_high` (ranges differ between labs); a result without one cannot be judged. The value and
the range are compared as entered, so they must be in the same unit, as on a lab report.

Liver symptoms on their own (yellow skin or eyes, dark urine, ...) are red flags: see red_flags.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from speciosa.core import journal_format as fmt
from speciosa.core.days import day_start
from speciosa.core.safety.findings import EntryRef, Finding, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules.red_flags import evidence_grade, flags_by_trigger, raised, recent
from speciosa.core.safety.view import JournalView
from speciosa.core.vocab import LabTest
from speciosa.refdata import Threshold, red_flags, side_effects, thresholds

CODE = "liver.lab_above_threshold"

#: The red flag whose symptoms, logged near a result over the limit, make the finding urgent.
LIVER_FLAG = "liver_injury_signs"

#: How far back a logged liver symptom makes a result over the limit urgent. Our choice: two weeks, so
#: symptoms a little before or after a blood test still count together with it.
SYMPTOM_LOOKBACK = timedelta(days=14)

#: Where kratom's link to liver injury comes from (case series, DILIN, LiverTox).
KRATOM_LIVER_SOURCES = ("schimmel-dart-2020", "livertox-kratom")

AMINOTRANSFERASES = (LabTest.ALT, LabTest.AST)


def multiple_for(test: LabTest) -> Threshold | None:
    """The times-the-upper-limit a test is judged against, or None for a test without one (ALP)."""
    if test in AMINOTRANSFERASES:
        return thresholds().alt_ast_uln_multiple
    if test is LabTest.BILIRUBIN:
        return thresholds().bilirubin_uln_multiple
    return None


def newest_by_test(view: JournalView) -> dict[LabTest, fmt.LabRecord]:
    """The newest result of each test taken on or before today (the view sorts labs oldest first)."""
    newest: dict[LabTest, fmt.LabRecord] = {}
    for lab in view.labs:
        if lab.taken_on <= view.today:
            newest[lab.test] = lab
    return newest


def over_multiple(lab: fmt.LabRecord) -> bool:
    limit = multiple_for(lab.test)
    return (
        limit is not None and lab.reference_high is not None and lab.value > limit.value * lab.reference_high
    )


def liver_symptoms(view: JournalView) -> tuple[list[fmt.CheckInRecord], list[str]]:
    """Check-ins of the last 14 days that raise the liver red flag, and the symptoms logged in them."""
    triggered = flags_by_trigger(f for f in red_flags() if f.code == LIVER_FLAG)
    checkins: list[fmt.CheckInRecord] = []
    codes: list[str] = []
    for checkin in recent(view.checkins, view.now - SYMPTOM_LOOKBACK):
        for _, logged in raised(checkin, triggered):
            checkins.append(checkin)
            codes.extend(code for code in logged if code not in codes)
    return checkins, codes


def hys_law_partner(lab: fmt.LabRecord, newest: dict[LabTest, fmt.LabRecord]) -> fmt.LabRecord | None:
    """The result taken the same day that completes "Hy's law" with `lab` (ALT or AST over the limit
    with bilirubin over its limit), or None."""
    partners = (LabTest.BILIRUBIN,) if lab.test in AMINOTRANSFERASES else AMINOTRANSFERASES
    for test in partners:
        other = newest.get(test)
        if other is not None and other.taken_on == lab.taken_on and over_multiple(other):
            return other
    return None


def result_words(lab: fmt.LabRecord) -> str:
    return f"Your {lab.test.label} on {day_words(lab.taken_on)} was {lab.value:g} {lab.unit}".rstrip()


def day_words(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b} {day.year}"


def unjudged(lab: fmt.LabRecord, tz: ZoneInfo) -> Finding:
    limit = multiple_for(lab.test) or thresholds().alt_ast_uln_multiple
    cited = tuple(dict.fromkeys(limit.sources))
    return Finding(
        code=CODE,
        severity=Severity.INFO,
        title=f"{lab.test.label}: add your lab's range",
        meaning=(
            f"{result_words(lab)}, with no upper limit of normal, so the app cannot judge it. Ranges differ "
            "between labs, and liver-injury practice compares a result with its own lab's upper limit."
        ),
        action=(
            "Add the reference range printed next to the result on your lab report (the upper number), "
            "or ask your clinician what the result means."
        ),
        grade=evidence_grade(cited),
        sources=cited,
        entries=(EntryRef("labs", lab.uid),),
        subject=lab.test.value,
        at=day_start(lab.taken_on, tz),
        key=f"{CODE}:{lab.test.value}:{lab.uid}",
    )


def judged(
    lab: fmt.LabRecord,
    high: float,
    newest: dict[LabTest, fmt.LabRecord],
    symptoms: tuple[Sequence[fmt.CheckInRecord], Sequence[str]],
    tz: ZoneInfo,
) -> Finding | None:
    if lab.value <= high:
        return None
    taken = day_start(lab.taken_on, tz)
    limit = multiple_for(lab.test)
    over = over_multiple(lab)
    cited = tuple(dict.fromkeys((*(limit.sources if limit else ()), *KRATOM_LIVER_SOURCES)))
    times = f"{lab.value / high:.1f}".rstrip("0").rstrip(".")
    meaning = f"{result_words(lab)}, {times} times the upper limit of your lab's range ({high:g} {lab.unit})."
    entries = [EntryRef("labs", lab.uid)]
    if limit is None or not over:
        meaning += (
            " That is above the range"
            + (
                f" but not over the {limit.value:g} times that liver-injury practice acts on."
                if limit
                else "."
            )
            + " Kratom has been linked to liver injury in case reports, so your clinician should see it."
        )
        return Finding(
            code=CODE,
            severity=Severity.CAUTION,
            title=f"{lab.test.label} above your lab's range",
            meaning=meaning,
            action="Show this result to your clinician and tell them you use kratom, how much and how often.",
            grade=evidence_grade(cited),
            sources=cited,
            entries=tuple(entries),
            subject=lab.test.value,
            at=taken,
            key=f"{CODE}:{lab.test.value}:{lab.uid}",
        )
    meaning += (
        f" Liver-injury practice acts on a result over {limit.value:g} times the upper limit. Kratom has been"
        " linked to liver injury in case reports, usually 1-8 weeks after starting or raising the amount."
    )
    partner = hys_law_partner(lab, newest)
    checkins, codes = symptoms
    if partner is not None:
        meaning += (
            f" Your {partner.test.label} the same day was over its limit too: together this pattern"
            ' ("Hy\'s law") signals serious liver injury.'
        )
        entries.append(EntryRef("labs", partner.uid))
    if codes:
        labels = side_effects()
        named = ", ".join(labels[c].label.lower() if c in labels else c for c in codes)
        meaning += f" You also logged {named} in the past {SYMPTOM_LOOKBACK.days} days."
        entries.extend(EntryRef("checkins", c.uid) for c in checkins)
    urgent = partner is not None or bool(codes)
    return Finding(
        code=CODE,
        severity=Severity.URGENT if urgent else Severity.WARNING,
        title=f"{lab.test.label} over {limit.value:g} times your lab's upper limit",
        meaning=meaning,
        action=(
            "Get medical care today: stop taking kratom, show this result to a doctor and tell them how "
            "much kratom you took and for how long."
            if urgent
            else "Show this result to your clinician within days, tell them you use kratom, and ask "
            "whether you should stop it while they check your liver."
        ),
        grade=evidence_grade(cited),
        sources=cited,
        entries=tuple(entries),
        subject=lab.test.value,
        at=max([taken, *(c.at for c in checkins)]),
        key=f"{CODE}:{lab.test.value}:{lab.uid}",
    )


@rule(
    CODE,
    title="A liver test above your lab's range",
    checks=(
        "Looks at the newest result of each liver test. ALT or AST over "
        f"{thresholds().alt_ast_uln_multiple.value:g} times the upper limit of the lab's range, or bilirubin "
        f"over {thresholds().bilirubin_uln_multiple.value:g} times, is a warning, and urgent with liver "
        f"symptoms logged in the past {SYMPTOM_LOOKBACK.days} days or when ALT or AST and bilirubin are both "
        "over on the same day (Hy's law). A result above the range but not over those is a caution; one "
        "without a range is information."
    ),
    sources=("fda-dili-2009", "acg-dili-2021", "schimmel-dart-2020", "livertox-kratom"),
    design_choice=(
        "The multiples are DILI practice's. Making the finding urgent with liver symptoms in the past "
        f"{SYMPTOM_LOOKBACK.days} days, and a caution for any result above the range (ALP included), "
        "are ours."
    ),
)
def check(view: JournalView) -> Iterator[Finding]:
    newest = newest_by_test(view)
    if not newest:
        return
    symptoms = liver_symptoms(view)
    for test in LabTest:
        lab = newest.get(test)
        if lab is None:
            continue
        if lab.reference_high is None:
            yield unjudged(lab, view.tz)
            continue
        finding = judged(lab, lab.reference_high, newest, symptoms, view.tz)
        if finding is not None:
            yield finding
