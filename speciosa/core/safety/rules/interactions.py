"""Interactions: kratom with a medication on the list, a logged substance or alcohol, a newly started
medication, and medications our interaction table does not know.

Why a whole week counts as "kratom in use": mitragynine's terminal half-life is about 45 hours after
one dose (Tanna 2022) and up to about 68 hours after daily doses (Huestis 2024, industry-funded), so a
week after the last dose about 8% to 18% of it is still in the blood, and with daily use it
never leaves (steady state after 7-9 days). A medication that is taken every day therefore overlaps
with kratom taken any time that week, even hours apart. `JournalView.uses_kratom` reads the same week.
A one-off substance or drink counts within `thresholds().substance_window_hours` of a dose, in either
order (the reference data gives its reasons).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from datetime import date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from speciosa.core import journal_format as fmt
from speciosa.core.days import day_start, local_day
from speciosa.core.safety.findings import EntryRef, Finding, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules.red_flags import evidence_grade
from speciosa.core.safety.view import JournalView
from speciosa.core.vocab import SubstanceKind
from speciosa.refdata import InteractionClass, interactions_for, thresholds

#: The week in which a kratom dose counts as "in use" (the same week `JournalView.uses_kratom` reads).
KRATOM_WEEK = timedelta(days=7)

#: How far back a logged substance still raises a finding. Our choice: the same week.
SUBSTANCE_LOOKBACK = timedelta(days=7)

#: A medication started this many days ago or fewer counts as new. Our choice: two weeks covers the
#: time in which a prescriber or pharmacist can still adjust a new prescription.
NEW_MEDICATION_DAYS = 14

#: The interaction scale (TripSit's words) as a finding severity. "Dangerous" is a warning, not urgent:
#: urgent is kept for what needs care now and shows above everything until acknowledged (red flags);
#: a combination on the list is a standing risk to plan with a prescriber. "Unknown" is a caution, not
#: information: no data is not the same as low risk.
SEVERITY_FOR_SCALE: dict[str, Severity] = {
    "dangerous": Severity.WARNING,
    "unsafe": Severity.WARNING,
    "caution": Severity.CAUTION,
    "low_risk": Severity.INFO,
    "unknown": Severity.CAUTION,
}


def day_words(day: date) -> str:
    """A local day, e.g. "Sat 7 Mar"."""
    return f"{day:%a} {day.day} {day:%b}"


def moment_words(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{day_words(local.date())} at {local:%H:%M}"


def kratom_days(view: JournalView) -> tuple[date, fmt.DoseRecord] | None:
    """The local day of the first dose of the past week and the newest dose, or None without one."""
    week = view.doses_in_last(KRATOM_WEEK)
    if not week:
        return None
    return local_day(week[0].taken_at, view.tz), week[-1]


def active_between(medication: fmt.MedicationRecord, first: date, last: date) -> bool:
    """True when the medication was on the list on any day from `first` to `last`."""
    started = medication.started_on is None or medication.started_on <= last
    running = medication.stopped_on is None or medication.stopped_on >= first
    return started and running


def listed_words(medication: fmt.MedicationRecord) -> str:
    if medication.stopped_on is not None:
        return f"was on your medication list until {day_words(medication.stopped_on)}"
    return "is on your medication list"


def scale_sentence(found: InteractionClass) -> str:
    return f'Our interaction table rates this pair "{found.level.label}" (on TripSit\'s scale).'


# --- a medication on the list --------------------------------------------------------------------


def listed_interactions(view: JournalView) -> list[tuple[fmt.MedicationRecord, InteractionClass]]:
    """(medication, class) for each medication on the list on any day since the first kratom dose of
    the past week, and each interaction class its name matches; [] without kratom that week."""
    exposure = kratom_days(view)
    if exposure is None:
        return []
    first, _ = exposure
    return [
        (medication, found)
        for medication in view.medications
        if active_between(medication, first, view.today)
        for found in interactions_for(medication.name)
    ]


@rule(
    "interaction.medication",
    title="A medication on your list interacts with kratom",
    checks=(
        "Looks at every medication on the list that was active on any day since the first kratom dose of "
        "the past 7 days. Fires once per interaction class and medication when its name matches a class "
        "in the interaction table; the severity follows the class's rating."
    ),
    sources=("tanna-2022", "huestis-2024", "tanna-2023-cpt", "fda-opioid-benzo-2016", "olsen-2019"),
    design_choice=(
        "Kratom counts as in use for 7 days after a dose, because mitragynine's half-life (about 45-68 "
        "hours) leaves about 8-18% of it in the blood a week later. Ratings map to severities as "
        "dangerous and unsafe: warning, caution and unknown: caution, low risk: info; urgent is kept for "
        "symptoms that need care now."
    ),
)
def medication_check(view: JournalView) -> Iterator[Finding]:
    exposure = kratom_days(view)
    if exposure is None:
        return
    _, last_dose = exposure
    for medication, found in listed_interactions(view):
        yield Finding(
            code="interaction.medication",
            severity=SEVERITY_FOR_SCALE[found.severity],
            title=f"{medication.name} and kratom ({found.label})",
            meaning=(
                f"{found.mechanism} {medication.name} {listed_words(medication)}, and you took kratom "
                "in the past week. Mitragynine stays in the body for days, so the two overlap even "
                f"when you take them hours apart. {scale_sentence(found)}"
            ),
            action=found.what_to_do,
            grade=found.grade,
            sources=found.sources,
            entries=(EntryRef("medications", medication.uid), EntryRef("doses", last_dose.uid)),
            subject=found.id,
            at=last_dose.taken_at,
            key=f"interaction.medication:{found.id}:{medication.uid}",
        )


# --- a logged substance or alcohol ---------------------------------------------------------------


def substance_classes(substance: fmt.SubstanceRecord) -> list[InteractionClass]:
    """The classes a logged substance belongs to; a drink logged as alcohol is alcohol whatever its name."""
    found = {c.id: c for c in interactions_for(substance.substance)}
    if substance.kind is SubstanceKind.ALCOHOL:
        for c in interactions_for("alcohol"):
            found.setdefault(c.id, c)
    return list(found.values())


def recent_substances(view: JournalView) -> Sequence[fmt.SubstanceRecord]:
    start = view.now - SUBSTANCE_LOOKBACK
    return view.substances[bisect_left(view.substances, start, key=lambda s: s.at) :]


@rule(
    "interaction.substance",
    title="A substance or alcohol close to a kratom dose",
    checks=(
        "Looks at substances and alcohol logged in the past 7 days. Fires once per interaction class and "
        "day when a kratom dose was taken within the substance window "
        f"({thresholds().substance_window_hours.value:g} hours in the reference data) before or after it; "
        "a drink logged as alcohol always counts as alcohol. A class that a medication on the list already "
        "raises (interaction.medication) is not repeated for each logged tablet."
    ),
    sources=("tanna-2022", "huestis-2024", "olsen-2019", "ahmad-2021", "fda-opioid-benzo-2016"),
    design_choice=(
        "The window is the reference data's substance_window_hours (a design choice resting on "
        "mitragynine's 43-45 hour half-life); the 7-day look-back is ours."
    ),
)
def substance_check(view: JournalView) -> Iterator[Finding]:
    window = timedelta(hours=thresholds().substance_window_hours.value)
    listed = {found.id for _, found in listed_interactions(view)}
    by_class_day: dict[tuple[str, date], tuple[InteractionClass, list[fmt.SubstanceRecord], set[UUID]]] = {}
    doses: dict[UUID, fmt.DoseRecord] = {}
    for substance in recent_substances(view):
        near = view.doses_between(substance.at - window, substance.at + window)
        if not near:
            continue
        doses.update((d.uid, d) for d in near)
        day = local_day(substance.at, view.tz)
        for found in substance_classes(substance):
            if found.id in listed:
                continue  # a medication on the list already raises this class, every day
            _, logged, dose_uids = by_class_day.setdefault((found.id, day), (found, [], set()))
            logged.append(substance)
            dose_uids.update(d.uid for d in near)
    hours = f"{thresholds().substance_window_hours.value:g}"
    for (class_id, day), (found, logged, dose_uids) in sorted(by_class_day.items(), key=lambda item: item[0]):
        near_doses = sorted((doses[uid] for uid in dose_uids), key=lambda d: (d.taken_at, str(d.uid)))
        names = ", ".join(dict.fromkeys(s.substance for s in logged))
        newest = max([s.at for s in logged] + [d.taken_at for d in near_doses])
        yield Finding(
            code="interaction.substance",
            severity=SEVERITY_FOR_SCALE[found.severity],
            title=f"{found.label} and kratom on {day_words(day)}",
            meaning=(
                f"You logged {names} on {moment_words(logged[0].at, view.tz)}, within {hours} hours of a "
                f"kratom dose. {found.mechanism} {scale_sentence(found)}"
            ),
            action=found.what_to_do,
            grade=found.grade,
            sources=found.sources,
            entries=tuple(EntryRef("substances", s.uid) for s in logged)
            + tuple(EntryRef("doses", d.uid) for d in near_doses),
            subject=class_id,
            at=newest,
            key=f"interaction.substance:{class_id}:{day.isoformat()}",
        )


# --- a new medication ----------------------------------------------------------------------------

NEW_MEDICATION_SOURCES = ("tanna-2023-cpt", "hanapi-2013")


@rule(
    "interaction.new_medication",
    title="A new medication while you use kratom",
    checks=(
        "Looks at medications started in the past 14 days. Fires once per medication when a kratom dose "
        "was taken in the 7 days before it started or since."
    ),
    sources=NEW_MEDICATION_SOURCES,
    design_choice="The 14 days that make a medication new, and the 7-day kratom week, are ours.",
)
def new_medication_check(view: JournalView) -> Iterator[Finding]:
    for medication in view.medications:
        started = medication.started_on
        if started is None or not 0 <= (view.today - started).days <= NEW_MEDICATION_DAYS:
            continue
        nearby = view.doses_between(day_start(started, view.tz) - KRATOM_WEEK, view.now)
        if not nearby:
            continue
        yield Finding(
            code="interaction.new_medication",
            severity=Severity.CAUTION,
            title=f"New medication while you use kratom: {medication.name}",
            meaning=(
                f"You started {medication.name} on {day_words(started)}, and you took kratom in the week "
                "before or since. Kratom slows liver and gut enzymes (CYP3A, CYP2D6) that clear many "
                "medicines: in people, one cup of kratom tea raised the level of a test medicine "
                "(midazolam). Whether it changes this one has not been studied for most medicines."
            ),
            action=(
                "Tell your prescriber and pharmacist that you use kratom, how much and how often, so they "
                f"can check {medication.name} against it."
            ),
            grade=evidence_grade(NEW_MEDICATION_SOURCES),
            sources=NEW_MEDICATION_SOURCES,
            entries=(EntryRef("medications", medication.uid), EntryRef("doses", nearby[-1].uid)),
            subject=str(medication.uid),
            at=nearby[-1].taken_at,
        )


# --- a medication the table does not know --------------------------------------------------------

UNKNOWN_MEDICATION_SOURCES = ("tanna-2023-cpt", "hanapi-2013")


@rule(
    "interaction.unknown_medication",
    title="A medication not in our interaction table",
    checks=(
        "Looks at medications active today while kratom is in use (a dose in the past 7 days). Fires once "
        "per medication whose name matches no class in the interaction table."
    ),
    sources=UNKNOWN_MEDICATION_SOURCES,
)
def unknown_medication_check(view: JournalView) -> Iterator[Finding]:
    if not view.uses_kratom:
        return
    for medication in view.medications:
        if not view.medication_active(medication, view.today) or interactions_for(medication.name):
            continue
        yield Finding(
            code="interaction.unknown_medication",
            severity=Severity.INFO,
            title=f"{medication.name}: not in our interaction table",
            meaning=(
                f"{medication.name} is not in our interaction table, so the app cannot tell you whether it "
                "mixes badly with kratom. That does not mean the pair is harmless: kratom slows liver and "
                "gut enzymes (CYP3A, CYP2D6) that clear many medicines."
            ),
            action=f"Ask a pharmacist whether {medication.name} interacts with kratom.",
            grade=evidence_grade(UNKNOWN_MEDICATION_SOURCES),
            sources=UNKNOWN_MEDICATION_SOURCES,
            entries=(EntryRef("medications", medication.uid),),
            subject=str(medication.uid),
        )
