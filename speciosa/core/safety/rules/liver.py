"""Liver: the newest result of each liver test against the upper limit of normal of the person's lab,
judged by the criteria drug-induced liver injury (DILI) practice uses (EASL 2019; ACG 2021):

- ALT at or above 5 times the upper limit (AST stands in when no ALT is logged);
- ALP at or above 2 times, the cholestatic criterion: kratom's usual injury is cholestatic or mixed
  (Schimmel & Dart 2020; median R ratio about 3 in the DILIN cases);
- ALT at or above 3 times with total bilirubin above 2 times ("Hy's law", FDA 2009): urgent.

Bilirubin above 2 times with another liver sign (another test above its range that day, or a liver
symptom logged in the past two weeks) is urgent (same-day care); on its own it is a warning that names
Gilbert's syndrome, a common harmless cause a clinician can tell apart. When ALT and ALP were taken the
same day, the R ratio, (ALT / its upper limit) ÷ (ALP / its upper limit), names the pattern:
hepatocellular (5 or more), cholestatic (2 or less) or mixed. Every multiple is read from `thresholds()`.

The upper limit is the result's own `reference_high` (ranges differ between labs); a result without one
cannot be judged. The value and the range are compared as entered, so they must be in the same unit. All
results of the newest day are judged together in one finding, so one blood test raises one alarm.
Liver symptoms on their own (yellow skin or eyes, dark urine, ...) are red flags: see red_flags.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from speciosa.core import journal_format as fmt
from speciosa.core.days import day_start
from speciosa.core.safety.findings import EntryRef, Finding, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules._common import checkins_since, day_words, evidence_grade
from speciosa.core.safety.view import JournalView
from speciosa.core.vocab import LabTest
from speciosa.refdata import red_flags, side_effects, thresholds

CODE = "liver.lab_above_threshold"

#: The red flag whose symptoms, logged near a result over the criteria, make the finding urgent.
LIVER_FLAG = "liver_injury_signs"

#: How far back a logged liver symptom counts together with a result. Our choice: two weeks, so
#: symptoms a little before or after a blood test still count together with it.
SYMPTOM_LOOKBACK = timedelta(days=14)

#: Where kratom's link to liver injury and its usual pattern come from.
KRATOM_LIVER_SOURCES = ("schimmel-dart-2020", "ahmad-2021", "livertox-kratom")
CRITERIA_SOURCES = ("easl-dili-2019", "acg-dili-2021", "fda-dili-2009")


def newest_by_test(view: JournalView) -> dict[LabTest, fmt.LabRecord]:
    """The newest result of each test taken on or before today (the view sorts labs oldest first)."""
    newest: dict[LabTest, fmt.LabRecord] = {}
    for lab in view.labs:
        if lab.taken_on <= view.today:
            newest[lab.test] = lab
    return newest


def liver_symptoms(view: JournalView) -> tuple[list[fmt.CheckInRecord], list[str]]:
    """Check-ins of the last 14 days that log a liver sign, and the signs logged in them (any
    severity: next to an abnormal result, a mild sign counts)."""
    flag = [f for f in red_flags() if f.code == LIVER_FLAG]
    triggers = {code for f in flag for code in f.triggers}
    checkins: list[fmt.CheckInRecord] = []
    codes: list[str] = []
    for checkin in checkins_since(view.checkins, view.now - SYMPTOM_LOOKBACK):
        logged = [e.code for e in checkin.side_effects if e.code in triggers]
        if logged:
            checkins.append(checkin)
            codes.extend(code for code in logged if code not in codes)
    return checkins, codes


def times_word(multiple: float) -> str:
    return f"{multiple:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Result:
    """One judged result: the lab and its value as a multiple of its own upper limit."""

    lab: fmt.LabRecord
    times: float

    @property
    def high(self) -> float:
        assert self.lab.reference_high is not None
        return self.lab.reference_high

    @property
    def above_range(self) -> bool:
        return self.times > 1

    def words(self) -> str:
        lab = self.lab
        return (
            f"{lab.test.label} {lab.value:g} {lab.unit}".rstrip()
            + f" on {day_words(lab.taken_on, year=True)}, {times_word(self.times)} times the upper limit of "
            f"your lab's range ({self.high:g})"
        )


def unjudged(lab: fmt.LabRecord, tz: ZoneInfo) -> Finding:
    cited = ("easl-dili-2019", "acg-dili-2021")
    return Finding(
        code=CODE,
        severity=Severity.INFO,
        title=f"{lab.test.label}: add your lab's range",
        meaning=(
            f"Your {lab.test.label} on {day_words(lab.taken_on, year=True)} was {lab.value:g} {lab.unit}, "
            "with no upper limit of normal, so the app cannot judge it. Ranges differ between labs, and "
            "liver-injury practice compares a result with its own lab's upper limit."
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


def same_day(a: Result | None, b: Result | None) -> bool:
    return a is not None and b is not None and a.lab.taken_on == b.lab.taken_on


def pattern_sentence(alt: Result, alp: Result) -> str:
    """The R ratio of ALT and ALP taken the same day, and the pattern it names."""
    limits = thresholds()
    ratio = alt.times / alp.times
    if ratio >= limits.r_ratio_hepatocellular.value:
        pattern = "hepatocellular (the liver cells themselves)"
    elif ratio <= limits.r_ratio_cholestatic.value:
        pattern = "cholestatic (bile flow), the pattern most often seen with kratom"
    else:
        pattern = "mixed, the pattern most often seen with kratom alongside cholestatic"
    return (
        f" The R ratio of these results, (ALT ÷ its upper limit) ÷ (ALP ÷ its upper limit) = "
        f"{times_word(alt.times)} ÷ {times_word(alp.times)} = {ratio:.1f}, points to a {pattern} pattern "
        f"(hepatocellular at {thresholds().r_ratio_hepatocellular.value:g} or more, cholestatic at "
        f"{thresholds().r_ratio_cholestatic.value:g} or less)."
    )


@dataclass(frozen=True)
class Verdict:
    severity: Severity
    title: str
    reasons: list[str]
    sources: tuple[str, ...]
    gilbert: bool = False


def verdict(results: dict[LabTest, Result], symptoms: Sequence[str]) -> Verdict | None:
    """How serious the newest results are together, and why (None when none is above its range)."""
    limits = thresholds()
    above = [r for r in results.values() if r.above_range]
    if not above:
        return None
    alt = results.get(LabTest.ALT) or results.get(LabTest.AST)
    alp, bili = results.get(LabTest.ALP), results.get(LabTest.BILIRUBIN)
    name = "ALT" if LabTest.ALT in results else "AST"
    reasons: list[str] = []
    severity = Severity.CAUTION
    title = "A liver test above your lab's range"
    sources: list[str] = [*KRATOM_LIVER_SOURCES]
    bili_high = bili is not None and bili.times > limits.bilirubin_uln_multiple.value
    if (
        alt is not None
        and bili_high
        and same_day(alt, bili)
        and alt.times >= limits.alt_with_bilirubin_uln_multiple.value
    ):
        reasons.append(
            f"{name} at {limits.alt_with_bilirubin_uln_multiple.value:g} times or more with bilirubin above "
            f'{limits.bilirubin_uln_multiple.value:g} times on the same day: this pattern ("Hy\'s law") '
            "signals serious liver injury."
        )
        return Verdict(
            Severity.URGENT,
            "Liver tests in the pattern of serious liver injury",
            reasons,
            (*CRITERIA_SOURCES, *sources),
        )
    if alt is not None and alt.times >= limits.alt_uln_multiple.value:
        reasons.append(
            f"{name} at {limits.alt_uln_multiple.value:g} times the upper limit or more meets a criterion "
            "for "
            "drug-induced liver injury."
        )
        severity, title = Severity.WARNING, f"{name} at a level that meets a liver-injury criterion"
    if alp is not None and alp.times >= limits.alp_uln_multiple.value:
        reasons.append(
            f"ALP at {limits.alp_uln_multiple.value:g} times the upper limit or more meets the cholestatic "
            "criterion for drug-induced liver injury; kratom's liver injury has mostly been cholestatic "
            "or mixed."
        )
        severity, title = Severity.WARNING, "ALP at a level that meets a liver-injury criterion"
        if alt is not None and alt.times >= limits.alt_uln_multiple.value:
            title = f"{name} and ALP at levels that meet liver-injury criteria"
    if bili_high:
        others = [r for r in above if r.lab.test is not LabTest.BILIRUBIN and same_day(r, bili)]
        if others or symptoms:
            reasons.append(
                f"Bilirubin above {limits.bilirubin_uln_multiple.value:g} times the upper limit together "
                "with "
                + ("another liver test above its range" if others else "liver symptoms you logged")
                + " needs to be seen today."
            )
            return Verdict(
                Severity.URGENT,
                "Raised bilirubin with another liver sign",
                reasons,
                (*CRITERIA_SOURCES, *sources),
            )
        reasons.append(
            f"Bilirubin above {limits.bilirubin_uln_multiple.value:g} times the upper limit on its own has "
            "several causes. A common, harmless one is Gilbert's syndrome, an inherited condition that "
            "raises bilirubin without liver injury; a clinician can tell it apart from liver injury with a "
            "few tests."
        )
        if severity is Severity.CAUTION:
            title = "Raised bilirubin"
        return Verdict(
            Severity.WARNING, title, reasons, (*CRITERIA_SOURCES, "gilbert-syndrome", *sources), gilbert=True
        )
    if severity is Severity.WARNING and symptoms:
        reasons.append("You also logged liver symptoms, which makes it urgent.")
        return Verdict(
            Severity.URGENT, title + ", with liver symptoms", reasons, (*CRITERIA_SOURCES, *sources)
        )
    if severity is Severity.CAUTION:
        reasons.append(
            "That is above the range but below the levels liver-injury practice acts on. Kratom has been "
            "linked to liver injury in case reports, so your clinician should see it."
        )
        return Verdict(severity, title, reasons, ("easl-dili-2019", *sources))
    return Verdict(severity, title, reasons, (*CRITERIA_SOURCES, *sources))


ACTIONS = {
    Severity.URGENT: (
        "Get medical care today: stop taking kratom, show these results to a doctor and tell them how much "
        "kratom you took and for how long. Avoid alcohol."
    ),
    Severity.WARNING: (
        "Show these results to your clinician within days, tell them you use kratom, how much and how often, "
        "and ask whether you should stop it while they check your liver. Avoid alcohol. Yellow skin or eyes, "
        "dark urine or pale stools mean stop kratom and be seen today."
    ),
    Severity.CAUTION: (
        "Show this result to your clinician and tell them you use kratom, how much and how often."
    ),
}


@rule(
    CODE,
    title="Liver tests against the liver-injury criteria",
    checks=(
        "Looks at the newest result of each liver test from the last year and judges them together, each "
        "against the upper limit of its own lab's range. A warning when ALT (or AST without ALT) is at "
        f"{thresholds().alt_uln_multiple.value:g} times the upper limit or more, or ALP at "
        f"{thresholds().alp_uln_multiple.value:g} times or more (kratom's usual cholestatic pattern). Urgent "
        f"when ALT is at {thresholds().alt_with_bilirubin_uln_multiple.value:g} times or more with bilirubin "
        f"above {thresholds().bilirubin_uln_multiple.value:g} times the same day (Hy's law), when bilirubin "
        "above that comes with another liver sign, or when a warning comes with liver symptoms logged in the "
        f"past {SYMPTOM_LOOKBACK.days} days. Bilirubin above it alone is a warning that names Gilbert's "
        "syndrome. With ALT and ALP of the same day it gives the R ratio and the pattern. A result above "
        "the range but below the criteria is a caution; one without a range is information."
    ),
    sources=(
        "easl-dili-2019",
        "acg-dili-2021",
        "fda-dili-2009",
        "schimmel-dart-2020",
        "ahmad-2021",
        "livertox-kratom",
        "gilbert-syndrome",
    ),
    design_choice=(
        "The criteria are EASL's. Making a warning urgent with liver symptoms in the past "
        f"{SYMPTOM_LOOKBACK.days} days, letting AST stand in for a missing ALT, and a caution for any result "
        "above the range are ours."
    ),
)
def check(view: JournalView) -> Iterator[Finding]:
    newest = newest_by_test(view)
    if not newest:
        return
    results: dict[LabTest, Result] = {}
    for test in LabTest:
        lab = newest.get(test)
        if lab is None:
            continue
        if lab.reference_high is None:
            yield unjudged(lab, view.tz)
            continue
        results[test] = Result(lab, lab.value / lab.reference_high)
    checkins, codes = liver_symptoms(view)
    judged = verdict(results, codes)
    if judged is None:
        return
    above = [r for r in results.values() if r.above_range]
    meaning = "Your newest liver results: " + "; ".join(r.words() for r in above) + ". "
    meaning += " ".join(judged.reasons)
    alt, alp = results.get(LabTest.ALT), results.get(LabTest.ALP)
    if (
        alt is not None
        and alp is not None
        and alp.times > 0  # the R ratio divides by ALP
        and same_day(alt, alp)
        and (alt.above_range or alp.above_range)
    ):
        meaning += pattern_sentence(alt, alp)
    if judged.severity is not Severity.CAUTION:
        meaning += " Kratom liver injury has appeared about 1-8 weeks after starting or raising the amount."
    entries = [EntryRef("labs", r.lab.uid) for r in above]
    if codes:
        labels = side_effects()
        named = ", ".join(labels[c].label.lower() if c in labels else c for c in codes)
        meaning += f" You logged {named} in the past {SYMPTOM_LOOKBACK.days} days."
        entries.extend(EntryRef("checkins", c.uid) for c in checkins)
    cited = tuple(dict.fromkeys(judged.sources))
    newest_day = max(r.lab.taken_on for r in above)
    yield Finding(
        code=CODE,
        severity=judged.severity,
        title=judged.title,
        meaning=meaning,
        action=ACTIONS[judged.severity],
        grade=evidence_grade(cited),
        sources=cited,
        entries=tuple(entries),
        subject=",".join(r.lab.test.value for r in above),
        at=max([day_start(newest_day, view.tz), *(c.at for c in checkins)]),
        key=f"{CODE}:" + ":".join(str(r.lab.uid) for r in sorted(above, key=lambda r: r.lab.test.value)),
    )
