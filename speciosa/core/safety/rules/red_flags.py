"""Red flags: a symptom logged in a check-in that the reference data marks as needing care.

Each red flag in `speciosa.refdata.red_flags()` names the side-effect codes that trigger it, how
soon to act (emergency, same-day care, urgent care, tell your care team) and what to do now. A
check-in that records a trigger raises one finding per red flag and check-in, so each event is
acknowledged on its own and a new event shows again even after an older one was acknowledged.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from speciosa.core import journal_format as fmt
from speciosa.core.safety.findings import EntryRef, Finding, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.view import JournalView
from speciosa.core.vocab import Severity as SymptomSeverity
from speciosa.refdata import ACTION_LEVELS, RedFlag, red_flags, side_effects, sources

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

#: A source id that marks our own design choices: it says who chose, not how strong the evidence is.
DESIGN_SOURCE = "speciosa-design"


def evidence_grade(source_ids: Iterable[str]) -> str:
    """The weakest evidence grade (A strongest, D weakest) among the sources a finding leans on.

    Our own design note is left out when there is other evidence: it marks a choice, not a study.
    """
    ids = list(source_ids)
    evidence = [i for i in ids if i != DESIGN_SOURCE] or ids
    return max(sources()[i].grade for i in evidence)


def recent(entries: Sequence[fmt.CheckInRecord], start: datetime) -> Sequence[fmt.CheckInRecord]:
    """The check-ins (sorted by time) at or after `start`."""
    return entries[bisect_left(entries, start, key=lambda checkin: checkin.at) :]


def flags_by_trigger(flags: Iterable[RedFlag]) -> dict[str, list[RedFlag]]:
    """Side-effect code → the red flags it triggers, in reference-data order."""
    triggered: dict[str, list[RedFlag]] = {}
    for flag in flags:
        for code in flag.triggers:
            triggered.setdefault(code, []).append(flag)
    return triggered


def raised(
    checkin: fmt.CheckInRecord, triggered: dict[str, list[RedFlag]]
) -> list[tuple[RedFlag, list[str]]]:
    """The red flags a check-in raises, each with the side-effect codes that raised it.

    A trigger that is also a common, mild side effect (`also_common`, e.g. itching) raises its flag only
    when logged as severe or together with another trigger of the same flag.
    """
    logged: dict[str, tuple[RedFlag, list[str]]] = {}
    for effect in checkin.side_effects:
        for flag in triggered.get(effect.code, ()):
            _, codes = logged.setdefault(flag.code, (flag, []))
            if effect.code not in codes:
                codes.append(effect.code)
    severe = {e.code for e in checkin.side_effects if e.severity is SymptomSeverity.SEVERE}
    return [
        (flag, codes)
        for flag, codes in logged.values()
        if any(code not in flag.also_common or code in severe for code in codes)
    ]


def when(moment: datetime, tz: ZoneInfo) -> str:
    """A moment in the person's own time, e.g. "Sat 7 Mar at 10:00"."""
    local = moment.astimezone(tz)
    return f"{local:%a} {local.day} {local:%b} at {local:%H:%M}"


def symptom_words(codes: Iterable[str]) -> str:
    labels = side_effects()
    return ", ".join(labels[code].label.lower() if code in labels else code for code in codes)


def flag_finding(flag: RedFlag, checkin: fmt.CheckInRecord, codes: Sequence[str], tz: ZoneInfo) -> Finding:
    level = ACTION_LEVELS[flag.action]
    return Finding(
        code=CODE,
        severity=SEVERITY_FOR_ACTION[flag.action],
        title=flag.title,
        meaning=(
            f"In your check-in on {when(checkin.at, tz)} you logged {symptom_words(codes)}. "
            f'This is a red flag; our list puts it at "{level.label}".'
        ),
        action=flag.what_to_do,
        grade=evidence_grade(flag.sources),
        sources=flag.sources,
        entries=(EntryRef("checkins", checkin.uid),),
        subject=flag.code,
        at=checkin.at,
        key=f"{CODE}:{flag.code}:{checkin.uid}",
    )


@rule(
    CODE,
    title="A logged symptom is a red flag",
    checks=(
        "Looks at the side effects in check-ins of the past 7 days. Fires once per red flag and check-in "
        "when a logged side effect is a trigger of a red flag in the reference data (a trigger that is also "
        "a common side effect, such as itching, only when severe or with another trigger): urgent when the "
        "flag asks for emergency, urgent or same-day care; a warning when it asks you to tell your care team."
    ),
    sources=("overbeek-2019", "cdph-2025", "eggleston-2019", "schimmel-dart-2020", "nas-pediatrics-2018"),
    design_choice=(
        "The 7-day look-back is ours. Each check-in raises its own finding, so acknowledging one event "
        "does not hide the next."
    ),
)
def check(view: JournalView) -> Iterator[Finding]:
    triggered = flags_by_trigger(red_flags())
    for checkin in recent(view.checkins, view.now - LOOKBACK):
        for flag, codes in raised(checkin, triggered):
            yield flag_finding(flag, checkin, codes, view.tz)
