"""Red flags: a symptom logged in a check-in, or described in words in a note, that the reference data
marks as needing care.

Each red flag in `speciosa.refdata.red_flags()` names the side-effect codes that trigger it, how
soon to act (emergency, same-day care, urgent care, tell your care team) and what to do now. A
check-in that records a trigger raises one finding per red flag and check-in, so each event is
acknowledged on its own and a new event shows again even after an older one was acknowledged.

Words count too (speciosa.core.safety.notes): a check-in note or a side effect's own words, a dose
note or a substance note that describes a red flag ("couldn't wake him, lips went blue") raises the
same finding, saying it was read from the note and offering to log the coded symptom with one tap.
A check-in whose coded symptoms already raise the flag raises it once; a note on a dose or substance
within `TEXT_SAME_EVENT` of a check-in that raised the same flag is the same event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from speciosa.core import journal_format as fmt
from speciosa.core.safety.findings import EntryRef, Finding, Severity
from speciosa.core.safety.notes import NoteRedFlag, note_red_flags
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules._common import checkins_since, evidence_grade, moment_words
from speciosa.core.safety.view import JournalView
from speciosa.core.vocab import SymptomSeverity
from speciosa.refdata import ACTION_LEVELS, RedFlag, poison_control_words, red_flags, side_effects

CODE = "red_flag.symptom"

#: How far back a logged red-flag symptom still raises a finding. Our choice: a week keeps a recent
#: event on every page until the person has seen and acknowledged it, without resurfacing old ones.
LOOKBACK = timedelta(days=7)

#: How soon each action level asks the person to act, as a finding severity. Everything that asks for
#: care (emergency now, same-day care, urgent care) is urgent: it shows above everything on every page
#: until acknowledged. "Tell your care team" is a warning: important, but not a call to act today.
SEVERITY_FOR_ACTION: dict[str, Severity] = {
    "emergency": Severity.URGENT,
    "same_day": Severity.URGENT,
    "urgent": Severity.URGENT,
    "tell_care_team": Severity.WARNING,
}

#: A note on a dose or substance this close to a check-in that raised the same red flag describes the
#: same event. Our choice: six hours, about the span of one dose's felt effects.
TEXT_SAME_EVENT = timedelta(hours=6)


def flags_by_trigger(flags: Iterable[RedFlag]) -> dict[str, list[RedFlag]]:
    """Side-effect code → the red flags it triggers, in reference-data order."""
    triggered: dict[str, list[RedFlag]] = {}
    for flag in flags:
        for code in flag.triggers:
            triggered.setdefault(code, []).append(flag)
    return triggered


@dataclass(frozen=True)
class Raised:
    """A red flag a check-in raises: the side-effect codes that raised it, and whether they were only
    a mild `mild_alone` trigger (then the finding is a warning with the flag's `mild_words`)."""

    flag: RedFlag
    codes: list[str]
    mild: bool = False


def raised(checkin: fmt.CheckInRecord, triggered: dict[str, list[RedFlag]]) -> list[Raised]:
    """The red flags a check-in raises, each with the side-effect codes that raised it.

    A trigger that is also a common, mild side effect (`also_common`, e.g. itching) raises its flag only
    when logged as severe or together with another trigger of the same flag. A `mild_alone` trigger
    (e.g. dark urine) logged mild with no other trigger raises the flag as a mild warning.
    """
    logged: dict[str, tuple[RedFlag, list[str]]] = {}
    for effect in checkin.side_effects:
        for flag in triggered.get(effect.code, ()):
            _, codes = logged.setdefault(flag.code, (flag, []))
            if effect.code not in codes:
                codes.append(effect.code)
    severity = {e.code: e.severity for e in checkin.side_effects}
    found: list[Raised] = []
    for flag, codes in logged.values():
        if not any(
            code not in flag.also_common or severity[code] is SymptomSeverity.SEVERE for code in codes
        ):
            continue
        mild = len(codes) == 1 and codes[0] in flag.mild_alone and severity[codes[0]] is SymptomSeverity.MILD
        found.append(Raised(flag, codes, mild))
    return found


def symptom_words(codes: Iterable[str]) -> str:
    labels = side_effects()
    return ", ".join(labels[code].label.lower() if code in labels else code for code in codes)


def flag_finding(
    flag: RedFlag,
    checkin: fmt.CheckInRecord,
    codes: Sequence[str],
    tz: ZoneInfo,
    *,
    mild: bool = False,
    country: str = "",
) -> Finding:
    level = ACTION_LEVELS[flag.action]
    if mild:
        meaning = (
            f"In your check-in on {moment_words(checkin.at, tz)} you logged {symptom_words(codes)} (mild). "
            "Stronger, or "
            f'with other signs, it is a red flag our list puts at "{level.label}".'
        )
    else:
        meaning = (
            f"In your check-in on {moment_words(checkin.at, tz)} you logged {symptom_words(codes)}. "
            f'This is a red flag; our list puts it at "{level.label}".'
        )
    return Finding(
        code=CODE,
        severity=Severity.WARNING if mild else SEVERITY_FOR_ACTION[flag.action],
        title=flag.title,
        meaning=meaning,
        action=flag_words(flag.mild_words if mild else flag.what_to_do, tz, country),
        grade=evidence_grade(flag.sources),
        sources=flag.sources,
        entries=(EntryRef("checkins", checkin.uid),),
        subject=flag.code,
        at=checkin.at,
        key=f"{CODE}:{flag.code}:{checkin.uid}",
    )


def flag_words(text: str, tz: ZoneInfo, country: str = "") -> str:
    """A flag's words with `{poison_control}` replaced by the number for the person's country (the one
    chosen in their profile, else the one of their time zone)."""
    if "{poison_control}" not in text:
        return text
    return text.replace("{poison_control}", poison_control_words(tz.key, country))


@dataclass(frozen=True)
class Written:
    """Free text of one journal entry: its kind, uid, time, the words, and how to name where it was."""

    kind: str
    uid: UUID
    at: datetime
    text: str
    where: str


def written(view: JournalView, start: datetime) -> Iterator[Written]:
    """Every entry of the window since `start` that has words in it: check-in notes (with a side
    effect's own words), dose notes and substance notes."""
    for checkin in checkins_since(view.checkins, start):
        parts = [checkin.note, *(e.text for e in checkin.side_effects)]
        text = "\n".join(p for p in parts if p and p.strip())
        if text:
            yield Written("checkins", checkin.uid, checkin.at, text, "check-in")
    for dose in view.doses_between(start, view.now):
        if dose.note.strip():
            yield Written("doses", dose.uid, dose.taken_at, dose.note, "note on a dose")
    for substance in view.substances:
        if substance.at >= start and substance.note.strip():
            yield Written(
                "substances", substance.uid, substance.at, substance.note, f"note on {substance.substance}"
            )


def text_finding(
    flag: RedFlag, entry: Written, read: NoteRedFlag, tz: ZoneInfo, country: str = ""
) -> Finding:
    level = ACTION_LEVELS[flag.action]
    quoted = read.words if len(read.words) <= 160 else read.words[:157] + "..."
    meaning = (
        f'In your {entry.where} on {moment_words(entry.at, tz)} you wrote "{quoted}". We read this as a red '
        f"flag ({flag.title.lower()})"
    )
    if read.mild:
        meaning += f'; stronger, or with other signs, our list puts it at "{level.label}".'
    else:
        meaning += f'; our list puts it at "{level.label}".'
    meaning += " If we read it wrongly, mark this finding as read."
    return Finding(
        code=CODE,
        severity=Severity.WARNING if read.mild else SEVERITY_FOR_ACTION[flag.action],
        title=flag.title,
        meaning=meaning,
        action=flag_words(flag.mild_words if read.mild else flag.what_to_do, tz, country),
        grade=evidence_grade(flag.sources),
        sources=flag.sources,
        entries=(EntryRef(entry.kind, entry.uid),),
        subject=flag.code,
        at=entry.at,
        key=f"{CODE}:{flag.code}:{entry.uid}",
        symptoms_to_log=read.symptoms,
    )


@rule(
    CODE,
    title="A logged or described symptom is a red flag",
    checks=(
        "Looks at the side effects in check-ins of the past 7 days. Fires once per red flag and check-in "
        "when a logged side effect is a trigger of a red flag in the reference data (a trigger that is also "
        "a common side effect, such as itching, only when severe or with another trigger; a trigger such as "
        "dark urine logged mild and alone as a warning): urgent when the flag asks for emergency, urgent or "
        "same-day care; a warning when it asks you to tell your care team. Words count too: check-in notes, "
        "a side effect's own words, dose and substance notes of the past 7 days that describe a red flag "
        "(phrases, negation and context cues in red_flag_phrases.yaml) raise the same finding, once per "
        "event."
    ),
    sources=("overbeek-2019", "cdph-2025", "eggleston-2019", "schimmel-dart-2020", "nas-pediatrics-2018"),
    design_choice=(
        "The 7-day look-back, the gating of common and mild-alone triggers, the phrases that read a red "
        "flag from words, and the 6 hours that make a note and a check-in one event are ours. Each "
        "check-in or note raises its own finding, so acknowledging one event does not hide the next."
    ),
)
def check(view: JournalView) -> Iterator[Finding]:
    flags = {flag.code: flag for flag in red_flags()}
    triggered = flags_by_trigger(flags.values())
    start = view.now - LOOKBACK
    country = view.document.profile.country
    coded: dict[str, list[tuple[UUID, datetime]]] = {}
    for checkin in checkins_since(view.checkins, start):
        for found in raised(checkin, triggered):
            coded.setdefault(found.flag.code, []).append((checkin.uid, checkin.at))
            yield flag_finding(found.flag, checkin, found.codes, view.tz, mild=found.mild, country=country)
    for entry in written(view, start):
        for read in note_red_flags(entry.text):
            events = coded.get(read.flag, [])
            if any(uid == entry.uid for uid, _ in events):
                continue
            if entry.kind != "checkins" and any(abs(entry.at - at) <= TEXT_SAME_EVENT for _, at in events):
                continue
            yield text_finding(flags[read.flag], entry, read, view.tz, country)
