"""Interactions: kratom with a medication on the list, a logged substance or alcohol, a newly started
medication, medications and substances our interaction table does not know, and a benzodiazepine
stopped while kratom is in use.

Names are read as people type them (speciosa.refdata.name_reading: brands, combinations, street names,
misspellings); a fuzzy reading is always named in the finding ("we read 'oxycodn' as oxycodone"). One
drug raises one finding: a medicine in several classes is one finding at the worst class's severity
that names every class and source.

Why a whole week counts as "kratom in use": mitragynine's terminal half-life is about 45 hours after
one dose (Tanna 2022) and up to about 68 hours after daily doses (Huestis 2024, industry-funded), so a
week after the last dose about 8% to 18% of it is still in the blood, and with daily use it
never leaves (steady state after 7-9 days). A medication that is taken every day therefore overlaps
with kratom taken any time that week, even hours apart. `JournalView.uses_kratom` reads the same week.
A one-off substance or drink counts within `thresholds().substance_window_hours` of a dose, in either
order, for someone who takes kratom on most days, and within `substance_window_hours_occasional` for
occasional use (the reference data gives its reasons).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from speciosa.core import journal_format as fmt
from speciosa.core.days import day_start, local_day
from speciosa.core.safety.findings import EntryRef, Finding, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules._common import day_words, evidence_grade, first_sentence, moment_words
from speciosa.core.safety.view import JournalView
from speciosa.core.vocab import SubstanceKind
from speciosa.refdata import (
    InteractionClass,
    NameReading,
    interaction_classes,
    read_name,
    red_flags,
    thresholds,
)
from speciosa.refdata.tokens import words

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


# --- reading names -------------------------------------------------------------------------------


def reading_words(reading: NameReading) -> str:
    """What we made of a typed name, as a sentence: "We read 'oxycodn' as oxycodone. Tylenol No. 3
    is codeine with acetaminophen." ("" when the name was read exactly as generics)."""
    parts = []
    if reading.read_as_words:
        parts.append(reading.read_as_words[0].upper() + reading.read_as_words[1:] + ".")
    if reading.means_words:
        parts.append(reading.means_words[0].upper() + reading.means_words[1:] + ".")
    return " ".join(parts)


@dataclass(frozen=True)
class Merged:
    """One drug's classes as one finding: the worst class sets severity, title and what to do; every
    class is named, with every source (a drug in two classes raises one finding, not two)."""

    classes: tuple[InteractionClass, ...]

    @property
    def worst(self) -> InteractionClass:
        return self.classes[0]

    @property
    def severity(self) -> Severity:
        return SEVERITY_FOR_SCALE[self.worst.severity]

    @property
    def labels(self) -> str:
        return ", ".join(f'{c.label} ("{c.level.label}")' for c in self.classes)

    @property
    def mechanism(self) -> str:
        text = self.worst.mechanism
        others = self.classes[1:]
        if others:
            text += " It is also in our table as " + "; ".join(
                f'{c.label.lower()} (rated "{c.level.label}"): {first_sentence(c.mechanism)}' for c in others
            )
        return text

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for c in self.classes for s in c.sources))

    def scale_sentence(self) -> str:
        if len(self.classes) == 1:
            return scale_sentence(self.worst)
        return (
            f'Our interaction table rates it "{self.worst.level.label}" at worst (on TripSit\'s scale), '
            f"in {len(self.classes)} classes: {self.labels}."
        )


# --- a medication on the list --------------------------------------------------------------------


def medicine_classes(reading: NameReading) -> tuple[InteractionClass, ...]:
    """The classes a medicine's name reaches, leaving out a class that matters only in larger amounts
    (caffeine) unless the name is high-dose by nature: the 15 mg of caffeine in Tylenol No. 3 is not
    high-dose caffeine."""
    return tuple(
        c
        for c in reading.classes
        if c.amount_gate is None or reading.member_for(c.id) in c.amount_gate.regardless_for
    )


def listed_interactions(view: JournalView) -> list[tuple[fmt.MedicationRecord, NameReading]]:
    """(medication, its reading) for each medication on the list on any day since the first kratom dose
    of the past week whose name reaches an interaction class; [] without kratom that week."""
    exposure = kratom_days(view)
    if exposure is None:
        return []
    first, _ = exposure
    found = []
    for medication in view.medications:
        if not active_between(medication, first, view.today):
            continue
        reading = read_name(medication.name)
        if medicine_classes(reading):
            found.append((medication, reading))
    return found


@rule(
    "interaction.medication",
    title="A medication on your list interacts with kratom",
    checks=(
        "Looks at every medication on the list that was active on any day since the first kratom dose of "
        "the past 7 days. Reads its name as typed (brand, combination and street names, and misspellings, "
        "which the finding names) and fires once per medication whose name reaches a class of the "
        "interaction table: a medicine in several classes raises one finding at the worst class's severity, "
        "naming every class and source."
    ),
    sources=("tanna-2022", "huestis-2024", "tanna-2023-cpt", "fda-opioid-benzo-2016", "olsen-2019"),
    design_choice=(
        "Kratom counts as in use for 7 days after a dose, because mitragynine's half-life (about 45-68 "
        "hours) leaves about 8-18% of it in the blood a week later. Ratings map to severities as "
        "dangerous and unsafe: warning, caution and unknown: caution, low risk: info; urgent is kept for "
        "symptoms that need care now. The fuzzy-reading threshold for misspelt names is ours (measured)."
    ),
)
def medication_check(view: JournalView) -> Iterator[Finding]:
    exposure = kratom_days(view)
    if exposure is None:
        return
    _, last_dose = exposure
    for medication, reading in listed_interactions(view):
        merged = Merged(medicine_classes(reading))
        read = reading_words(reading)
        yield Finding(
            code="interaction.medication",
            severity=merged.severity,
            title=f"{medication.name} and kratom ({merged.worst.label})",
            meaning=(
                (f"{read} " if read else "")
                + f"{merged.mechanism} {medication.name} {listed_words(medication)}, and you took kratom "
                "in the past week. Mitragynine stays in the body for days, so the two overlap even "
                f"when you take them hours apart. {merged.scale_sentence()}"
            ),
            action=merged.worst.what_to_do,
            grade=merged.worst.grade,
            sources=merged.sources,
            entries=(EntryRef("medications", medication.uid), EntryRef("doses", last_dose.uid)),
            subject=merged.worst.id,
            at=last_dose.taken_at,
            key=f"interaction.medication:{medication.uid}",
        )


# --- a logged substance or alcohol ---------------------------------------------------------------


def substance_classes(substance: fmt.SubstanceRecord) -> list[InteractionClass]:
    """The classes a logged substance belongs to; a drink logged as alcohol is alcohol whatever its name."""
    found = {c.id: c for c in read_name(substance.substance).classes}
    if substance.kind is SubstanceKind.ALCOHOL:
        for c in read_name("alcohol").classes:
            found.setdefault(c.id, c)
    order = {c.id: i for i, c in enumerate(interaction_classes())}
    return sorted(found.values(), key=lambda c: (c.level.order, order[c.id]))


def recent_substances(view: JournalView) -> Sequence[fmt.SubstanceRecord]:
    start = view.now - SUBSTANCE_LOOKBACK
    return view.substances[bisect_left(view.substances, start, key=lambda s: s.at) :]


def regular_use(view: JournalView) -> bool:
    """Kratom on most of the last 7 local days (thresholds' regular_use_days): mitragynine builds up and
    is present between doses, so a substance meets it at any time within the longer window."""
    first = view.today - timedelta(days=6)
    days = {local_day(d.taken_at, view.tz) for d in view.doses_in_last(KRATOM_WEEK)}
    return len({day for day in days if day >= first}) >= thresholds().regular_use_days.value


def substance_window(view: JournalView) -> timedelta:
    limits = thresholds()
    hours = limits.substance_window_hours if regular_use(view) else limits.substance_window_hours_occasional
    return timedelta(hours=hours.value)


MG = re.compile(r"(\d+(?:[.,]\d+)?)\s*mg\b", re.IGNORECASE)


def milligrams(text: str) -> float:
    """The milligrams an amount text states ("200 mg", "2 x 100mg" reads 200), 0 when none."""
    total = 0.0
    for match in MG.finditer(text):
        value = float(match.group(1).replace(",", "."))
        times = re.search(r"(\d+)\s*[x×]\s*$", text[: match.start()])
        total += value * (int(times.group(1)) if times else 1)
    return total


def gated_out(cls: InteractionClass, logged: Sequence[fmt.SubstanceRecord]) -> bool:
    """True when a class that matters only in larger amounts (caffeine) is below its amount that day."""
    gate = cls.amount_gate
    if gate is None:
        return False
    for substance in logged:
        words = read_name(substance.substance)
        if any(r.name.text in gate.regardless_for for r in words.readings):
            return False
    limit: float = getattr(thresholds(), gate.threshold).value
    return sum(milligrams(f"{s.amount_text} {s.substance}") for s in logged) < limit


@rule(
    "interaction.substance",
    title="A substance or alcohol close to a kratom dose",
    checks=(
        "Looks at substances and alcohol logged in the past 7 days. Fires once per day and worst class when "
        "a kratom dose was taken within the substance window before or after it: "
        f"{thresholds().substance_window_hours.value:g} hours when kratom was taken on "
        f"{thresholds().regular_use_days.value:g} or more of the last 7 days (mitragynine builds up), "
        f"{thresholds().substance_window_hours_occasional.value:g} hours otherwise. A drink logged as "
        "alcohol "
        "always counts as alcohol; caffeine counts from "
        f"{thresholds().caffeine_daily_mg.value:g} mg in a day, or as pills, energy drinks or pre-workout. A "
        "class that a medication on the list already raises (interaction.medication) is not repeated for "
        "each "
        "logged tablet."
    ),
    sources=(
        "tanna-2022",
        "huestis-2024",
        "olsen-2019",
        "ahmad-2021",
        "fda-opioid-benzo-2016",
        "tripsit-drugs",
    ),
    design_choice=(
        "The windows (substance_window_hours, substance_window_hours_occasional), what counts as regular use "
        "(regular_use_days), the caffeine amount (caffeine_daily_mg) and the 7-day look-back are ours; each "
        "says its reasons in thresholds.yaml."
    ),
)
def substance_check(view: JournalView) -> Iterator[Finding]:
    window = substance_window(view)
    listed = {c.id for _, reading in listed_interactions(view) for c in medicine_classes(reading)}
    by_day: dict[date, list[tuple[fmt.SubstanceRecord, list[InteractionClass], list[fmt.DoseRecord]]]] = {}
    for substance in recent_substances(view):
        near = view.doses_between(substance.at - window, substance.at + window)
        if not near:
            continue
        classes = [c for c in substance_classes(substance) if c.id not in listed]
        if classes:
            by_day.setdefault(local_day(substance.at, view.tz), []).append((substance, classes, near))
    hours = f"{window.total_seconds() / 3600:g}"
    for day, items in sorted(by_day.items()):
        groups: dict[
            str, tuple[dict[str, InteractionClass], list[fmt.SubstanceRecord], dict[UUID, fmt.DoseRecord]]
        ] = {}
        logged_by_class: dict[str, list[fmt.SubstanceRecord]] = {}
        for substance, classes, _ in items:
            for cls in classes:
                logged_by_class.setdefault(cls.id, []).append(substance)
        for substance, classes, near in items:
            kept = [c for c in classes if not gated_out(c, logged_by_class[c.id])]
            if not kept:
                continue
            found, logged, doses = groups.setdefault(kept[0].id, ({}, [], {}))
            found.update((c.id, c) for c in kept)
            logged.append(substance)
            doses.update((d.uid, d) for d in near)
        for worst_id, (found, logged, doses) in groups.items():
            order = {c.id: i for i, c in enumerate(interaction_classes())}
            merged = Merged(tuple(sorted(found.values(), key=lambda c: (c.level.order, order[c.id]))))
            near_doses = sorted(doses.values(), key=lambda d: (d.taken_at, str(d.uid)))
            names = ", ".join(dict.fromkeys(s.substance for s in logged))
            read = " ".join(dict.fromkeys(w for s in logged if (w := reading_words(read_name(s.substance)))))
            newest = max([s.at for s in logged] + [d.taken_at for d in near_doses])
            yield Finding(
                code="interaction.substance",
                severity=merged.severity,
                title=f"{merged.worst.label} and kratom on {day_words(day)}",
                meaning=(
                    f"You logged {names} on {moment_words(logged[0].at, view.tz)}, within {hours} hours of a "
                    f"kratom dose. "
                    + (f"{read} " if read else "")
                    + f"{merged.mechanism} {merged.scale_sentence()}"
                ),
                action=merged.worst.what_to_do,
                grade=merged.worst.grade,
                sources=merged.sources,
                entries=tuple(EntryRef("substances", s.uid) for s in logged)
                + tuple(EntryRef("doses", d.uid) for d in near_doses),
                subject=worst_id,
                at=newest,
                key=f"interaction.substance:{worst_id}:{day.isoformat()}",
            )


# --- a new medication ----------------------------------------------------------------------------

NEW_MEDICATION_SOURCES = ("tanna-2023-cpt", "kong-2011")


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


# --- a medication or substance the table does not know ---------------------------------------------

UNKNOWN_MEDICATION_SOURCES = ("tanna-2023-cpt", "kong-2011")


def not_known_words(name: str, reading: NameReading) -> str:
    """Why a name gives no class: known but in no class, not recognised (with "did you mean ...?")."""
    if reading.known:
        return (
            f"{name} is not in our interaction table, so the app cannot tell you whether it mixes badly with "
            "kratom."
        )
    text = f"We do not recognise {name!r}, so the app cannot tell you whether it mixes badly with kratom."
    if reading.suggestions:
        text += " Did you mean " + " or ".join(reading.suggestions[:3]) + "? If so, correct the name."
    return text


@rule(
    "interaction.unknown_medication",
    title="A medication not in our interaction table",
    checks=(
        "Looks at medications active today while kratom is in use (a dose in the past 7 days). Fires once "
        "per medication whose name reaches no class of the interaction table, saying whether the name was "
        "recognised at all and offering the closest known names."
    ),
    sources=UNKNOWN_MEDICATION_SOURCES,
)
def unknown_medication_check(view: JournalView) -> Iterator[Finding]:
    if not view.uses_kratom:
        return
    for medication in view.medications:
        if not view.medication_active(medication, view.today):
            continue
        reading = read_name(medication.name)
        if medicine_classes(reading):
            continue
        yield Finding(
            code="interaction.unknown_medication",
            severity=Severity.INFO,
            title=f"{medication.name}: not in our interaction table",
            meaning=(
                not_known_words(medication.name, reading)
                + " That does not mean the pair is harmless: kratom slows liver and gut enzymes (CYP3A, "
                "CYP2D6) that clear many medicines."
            ),
            action=f"Ask a pharmacist whether {medication.name} interacts with kratom.",
            grade=evidence_grade(UNKNOWN_MEDICATION_SOURCES),
            sources=UNKNOWN_MEDICATION_SOURCES,
            entries=(EntryRef("medications", medication.uid),),
            subject=str(medication.uid),
        )


@rule(
    "interaction.unknown_substance",
    title="A substance not in our interaction table",
    checks=(
        "Looks at substances (not alcohol) logged in the past 7 days while kratom is in use. Fires once per "
        "substance name that reaches no class of the interaction table, so an unknown substance is never "
        "passed over in silence."
    ),
    sources=UNKNOWN_MEDICATION_SOURCES,
)
def unknown_substance_check(view: JournalView) -> Iterator[Finding]:
    if not view.uses_kratom:
        return
    seen: dict[str, list[fmt.SubstanceRecord]] = {}
    for substance in recent_substances(view):
        if substance.kind is SubstanceKind.ALCOHOL or read_name(substance.substance).classes:
            continue
        seen.setdefault(" ".join(words(substance.substance)), []).append(substance)
    for name_key, logged in sorted(seen.items()):
        name = logged[-1].substance
        yield Finding(
            code="interaction.unknown_substance",
            severity=Severity.INFO,
            title=f"{name}: not in our interaction table",
            meaning=(
                not_known_words(name, read_name(name))
                + " Unknown is not the same as harmless, especially for anything that sedates or that is "
                "sold as a supplement without a lab report."
            ),
            action=f"Ask a pharmacist about {name} with kratom, and watch for drowsiness or slow breathing.",
            grade=evidence_grade(UNKNOWN_MEDICATION_SOURCES),
            sources=UNKNOWN_MEDICATION_SOURCES,
            entries=tuple(EntryRef("substances", s.uid) for s in logged),
            subject=name_key,
            at=logged[-1].at,
            key=f"interaction.unknown_substance:{name_key}",
        )


# --- stopping a benzodiazepine while kratom is in use ---------------------------------------------------

#: A benzodiazepine stopped this many days ago or fewer counts as just stopped. Our choice: two weeks,
#: the time over which benzodiazepine withdrawal reactions, seizures included, typically begin.
STOPPED_DAYS = 14
STOPPING_CLASSES = ("benzodiazepines_z_drugs",)
STOPPING_FLAG = "stopping_alcohol_or_benzos"


@rule(
    "interaction.depressant_stopped",
    title="A benzodiazepine stopped while you use kratom",
    checks=(
        f"Looks at medications stopped in the past {STOPPED_DAYS} days whose name reaches the benzodiazepine "
        "class, while kratom is in use (a dose in the past 14 days). Fires a warning per medication with the "
        "words of the red flag for stopping alcohol or benzodiazepines (withdrawal seizures); notes that say "
        "so raise the red flag itself."
    ),
    sources=("fda-benzo-boxed-2020", "asam-alcohol-withdrawal-2020"),
    design_choice=f"The {STOPPED_DAYS}-day span is ours.",
)
def depressant_stopped_check(view: JournalView) -> Iterator[Finding]:
    recent = view.doses_in_last(timedelta(days=STOPPED_DAYS))
    if not recent:
        return
    flag = next(f for f in red_flags() if f.code == STOPPING_FLAG)
    for medication in view.medications:
        stopped = medication.stopped_on
        if stopped is None or not 0 <= (view.today - stopped).days <= STOPPED_DAYS:
            continue
        reading = read_name(medication.name)
        if not any(c.id in STOPPING_CLASSES for c in reading.classes):
            continue
        yield Finding(
            code="interaction.depressant_stopped",
            severity=Severity.WARNING,
            title=f"You stopped {medication.name} while using kratom",
            meaning=(
                f"Your medication list says you stopped {medication.name} on {day_words(stopped)}, and you "
                "took kratom in the past two weeks. " + flag.what_to_do.split(". Talk to")[0] + "."
            ),
            action=(
                f"If you stopped {medication.name} suddenly, talk to your prescriber today about how to come "
                "off "
                "it. Shaking, sweating, confusion, seeing things or a seizure need emergency help now."
            ),
            grade=evidence_grade(flag.sources),
            sources=flag.sources,
            entries=(EntryRef("medications", medication.uid), EntryRef("doses", recent[-1].uid)),
            subject=str(medication.uid),
            at=recent[-1].taken_at,
        )
