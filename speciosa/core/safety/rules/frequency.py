"""Frequency and dose-creep rules: many doses a day on most recent days, many doses a week, and a
mean daily amount rising against the month before (stronger when pain is not improving: the
tolerance signal).

Every window here counts local days in the person's time zone (DST-aware), and reads only the doses
of that window, so the cost does not grow with the length of the journal.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from speciosa.core import journal_format as fmt
from speciosa.core.days import day_start, local_day
from speciosa.core.safety.findings import Finding, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules._common import (
    DESIGN,
    amount,
    dose_refs,
    doses_by_local_day,
    evidence_grade,
    newest,
    total_grams,
)
from speciosa.core.safety.view import JournalView
from speciosa.core.scores import peg_score
from speciosa.refdata import thresholds

#: The frequency rules look at the last 7 local days, today included.
WEEK_DAYS = 7
#: Pain counts as improving when its mean fell by at least this many points (0-10 scales) from the
#: previous window to the last one. Design choice: one point on a 0-10 scale is about the smallest
#: change people notice, and smaller moves are within the day-to-day wobble of the scores.
PAIN_IMPROVEMENT_POINTS = 1.0
#: A window's pain mean needs at least this many check-ins with a score. Design choice: one a week.
PAIN_MIN_CHECKINS = 4


def week_days(view: JournalView) -> dict[date, list[fmt.DoseRecord]]:
    """The doses of each of the last `WEEK_DAYS` local days, today included."""
    return doses_by_local_day(view, view.today - timedelta(days=WEEK_DAYS - 1), view.today)


# --- frequency.doses_per_day ------------------------------------------------------------------------

DOSES_PER_DAY_SOURCES = ("singh-2014", "singh-2018", "rogers-2024", "hhs-taper-2019", DESIGN)


@rule(
    "frequency.doses_per_day",
    title="Many doses a day on most days",
    checks=(
        f"Counts the doses of each of the last {WEEK_DAYS} local days (today included): a caution when "
        f"most of those days ({WEEK_DAYS // 2 + 1} or more) had at least the dependence-signal number of "
        "doses (doses_per_day_dependence)."
    ),
    sources=DOSES_PER_DAY_SOURCES,
    design_choice=(
        "Singh's studies counted servings of kratom drink; counting each logged dose as one serving, and "
        f"asking for most of the last {WEEK_DAYS} days, are our choices."
    ),
)
def doses_per_day(view: JournalView) -> Iterator[Finding]:
    per_day = round(thresholds().doses_per_day_dependence.value)
    days = week_days(view)
    heavy = {day: doses for day, doses in days.items() if len(doses) >= per_day}
    most = len(days) // 2 + 1
    if len(heavy) < most:
        return
    doses = [d for day in sorted(heavy) for d in heavy[day]]
    yield Finding(
        code="frequency.doses_per_day",
        severity=Severity.CAUTION,
        title=f"{per_day} or more doses a day on {len(heavy)} of the last {len(days)} days",
        meaning=(
            f"On {len(heavy)} of the last {len(days)} days you took {per_day} or more doses. In Malaysian "
            f"studies of regular users, {per_day} or more servings a day went with higher odds of severe "
            "dependence, withdrawal and craving, and in a US study how often people dosed predicted "
            "withdrawal more strongly than how much they took."
        ),
        action=(
            "If you want to cut down, talk to your care team about a plan. Guidance on cutting down opioids "
            "(HHS 2019) finds slow steps easier than stopping at once."
        ),
        grade=evidence_grade(DOSES_PER_DAY_SOURCES),
        sources=DOSES_PER_DAY_SOURCES,
        entries=dose_refs(doses),
        at=newest(doses),
    )


# --- frequency.doses_per_week -----------------------------------------------------------------------

DOSES_PER_WEEK_SOURCES = ("grundmann-2017", DESIGN)


@rule(
    "frequency.doses_per_week",
    title="Many doses a week",
    checks=(
        f"Counts every dose of the last {WEEK_DAYS} local days (today included): a caution at or above "
        "the doses-a-week mark (doses_per_week_high)."
    ),
    sources=DOSES_PER_WEEK_SOURCES,
    design_choice="The number is Grundmann's; raising a note from it is our choice.",
)
def doses_per_week(view: JournalView) -> Iterator[Finding]:
    limit = round(thresholds().doses_per_week_high.value)
    days = week_days(view)
    doses = [d for day in sorted(days) for d in days[day]]
    if len(doses) < limit:
        return
    yield Finding(
        code="frequency.doses_per_week",
        severity=Severity.CAUTION,
        title=f"{len(doses)} doses in the last {len(days)} days",
        meaning=(
            f"You took {len(doses)} doses in the last {len(days)} days. In a large US survey, negative "
            f"effects (mostly nausea and constipation) were reported mainly by people taking {limit} or "
            "more doses a week. The survey was recruited through an advocacy group, so the figure is "
            "rough."
        ),
        action=(
            "Watch for side effects such as constipation, poor sleep or loss of appetite, and talk to your "
            "care team if you want to change how often you take kratom."
        ),
        grade=evidence_grade(DOSES_PER_WEEK_SOURCES),
        sources=DOSES_PER_WEEK_SOURCES,
        entries=dose_refs(doses),
        at=newest(doses),
    )


# --- frequency.dose_creep ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PainChange:
    """How pain moved between two windows, on one measure ("PEG" or "pain now")."""

    measure: str
    previous: float
    recent: float

    @property
    def improving(self) -> bool:
        return self.previous - self.recent >= PAIN_IMPROVEMENT_POINTS


def checkins_between(view: JournalView, first: date, last: date) -> Sequence[fmt.CheckInRecord]:
    """The check-ins of the local days `first` to `last` (found by bisection: no full scan)."""
    start = day_start(first, view.tz)
    end = day_start(last + timedelta(days=1), view.tz)
    checkins = view.checkins
    return checkins[bisect_left(checkins, start, key=at) : bisect_left(checkins, end, key=at)]


def at(checkin: fmt.CheckInRecord) -> datetime:
    return checkin.at


def pain_change(
    view: JournalView, recent: tuple[date, date], previous: tuple[date, date]
) -> PainChange | None:
    """Mean pain in each window: PEG-3 where both windows have enough PEG check-ins, else "pain now";
    None when neither measure has `PAIN_MIN_CHECKINS` check-ins in both windows."""
    in_window: dict[str, tuple[list[float], list[float]]] = {"PEG": ([], []), "pain now": ([], [])}
    for checkin in checkins_between(view, previous[0], recent[1]):
        day = local_day(checkin.at, view.tz)
        side = 0 if recent[0] <= day <= recent[1] else 1 if previous[0] <= day <= previous[1] else None
        if side is None:
            continue
        peg = peg_score(checkin.peg_pain, checkin.peg_enjoyment, checkin.peg_activity)
        if peg is not None:
            in_window["PEG"][side].append(peg)
        if checkin.pain_now is not None:
            in_window["pain now"][side].append(float(checkin.pain_now))
    for measure, (last, before) in in_window.items():
        if len(last) >= PAIN_MIN_CHECKINS and len(before) >= PAIN_MIN_CHECKINS:
            return PainChange(measure, statistics.fmean(before), statistics.fmean(last))
    return None


CREEP_SOURCES = ("hill-2024-kud", "rogers-2024", "huestis-2024", "hhs-taper-2019", DESIGN)


@rule(
    "frequency.dose_creep",
    title="Your daily amount is creeping up",
    checks=(
        "Compares the mean daily amount of the last creep window (complete local days) with the window "
        "before (days without doses count as 0), when each window has doses on at least half its days: a "
        "caution when it rose by the creep fraction or more, a warning when pain (PEG-3, or pain now) "
        f"did not also fall by at least {PAIN_IMPROVEMENT_POINTS:g} point, the tolerance signal."
    ),
    sources=CREEP_SOURCES,
    design_choice=(
        "The window length and the rise (creep_window_days, creep_rise_fraction in thresholds.yaml) are "
        "ours. Also ours: today is left out (a day in progress would pull the mean down), each window "
        "needs doses on at least half its days, and pain counts as improving when its mean fell by "
        f"{PAIN_IMPROVEMENT_POINTS:g} point or more (at least {PAIN_MIN_CHECKINS} scored check-ins in each "
        "window)."
    ),
)
def dose_creep(view: JournalView) -> Iterator[Finding]:
    limits = thresholds()
    window = round(limits.creep_window_days.value)
    rise_needed = limits.creep_rise_fraction.value
    last_day = view.today - timedelta(days=1)
    recent = (last_day - timedelta(days=window - 1), last_day)
    previous = (recent[0] - timedelta(days=window), recent[0] - timedelta(days=1))
    days = doses_by_local_day(view, previous[0], recent[1])
    recent_days = [doses for day, doses in days.items() if day >= recent[0]]
    previous_days = [doses for day, doses in days.items() if day < recent[0]]
    enough = window - window // 2
    if sum(1 for d in recent_days if d) < enough or sum(1 for d in previous_days if d) < enough:
        return
    recent_mean = sum(total_grams(d) for d in recent_days) / window
    previous_mean = sum(total_grams(d) for d in previous_days) / window
    if previous_mean <= 0 or recent_mean < previous_mean * (1 + rise_needed):
        return
    rise = recent_mean / previous_mean - 1
    pain = pain_change(view, recent, previous)
    not_improving = pain is not None and not pain.improving
    meaning = (
        f"Over the last {window} days you took {amount(recent_mean)} a day on average, {rise:.0%} more "
        f"than in the {window} days before ({amount(previous_mean)} a day). Needing more for the same "
        "effect is tolerance, the commonest criterion of kratom use disorder in a US survey: 81% of the "
        "people there who had kratom use disorder reported it."
    )
    if pain is None:
        meaning += " There were too few pain scores in both periods to tell whether your pain eased."
    elif pain.improving:
        meaning += (
            f" Your pain did ease ({pain.measure} {pain.previous:.1f}, now {pain.recent:.1f}), which may be "
            "part of the reason; the rise is still worth watching."
        )
    else:
        meaning += (
            f" Your pain has not eased ({pain.measure} {pain.previous:.1f} before, {pain.recent:.1f} now). "
            "More kratom without less pain is the pattern tolerance makes: the extra amount is buying "
            "little."
        )
    recent_doses = [d for doses in recent_days for d in doses]
    yield Finding(
        code="frequency.dose_creep",
        severity=Severity.WARNING if not_improving else Severity.CAUTION,
        title=(
            "Your daily amount is rising without less pain"
            if not_improving
            else "Your daily amount is creeping up"
        ),
        meaning=meaning,
        action=(
            "Talk to your care team about it. Guidance on cutting down opioids (HHS 2019) finds small steps "
            "easier than stopping at once, and mitragynine takes about a week to settle at a new level "
            "(Huestis 2024)."
        ),
        grade=evidence_grade(CREEP_SOURCES),
        sources=CREEP_SOURCES,
        entries=(),
        at=newest(recent_doses),
    )
