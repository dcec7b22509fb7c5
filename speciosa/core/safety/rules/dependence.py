"""When to get help with cutting down: one warning, listing each reason the journal shows for bringing a
clinician or an addiction-medicine service into a change in kratom use (fact base §2.5-2.6).

The reasons, each from speciosa/refdata/data/taper.yaml or questionnaires.yaml:

- a daily amount above about 20 g (`clinician_daily_grams`: the median daily total of the dosed days
  of the past 7 local days);
- an opioid or a benzodiazepine on the medication list today, or alcohol on most days
  (`heavy_alcohol`), while kratom is in use;
- pregnancy (the profile's flag) with kratom on most days of the past week;
- withdrawal that stays severe (`severe_withdrawal`, read by speciosa.core.taper.scales.stays_severe);
- a latest DSM-5 self-check in its highest band (6 or more criteria).

Suicidal thoughts are a red flag with its own crisis words (red_flags.yaml) and are not repeated here.
It is a warning, not an alarm: none of these needs care this hour, and too many alarms are a harm.
Nothing here names a dose of anything.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import timedelta

from speciosa.core import journal_format as fmt
from speciosa.core.days import local_day
from speciosa.core.safety.findings import Finding, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules._common import (
    DESIGN,
    amount,
    day_words,
    doses_by_local_day,
    evidence_grade,
    total_grams,
    unique,
)
from speciosa.core.safety.rules.interactions import medicine_classes
from speciosa.core.safety.view import JournalView
from speciosa.core.taper.scales import score, stays_severe
from speciosa.core.vocab import SubstanceKind
from speciosa.refdata import read_name
from speciosa.refdata.taper import questionnaire, taper_rules

CODE = "dependence.see_clinician"

#: The interaction classes that count as "opioids or benzodiazepines also in use" (fact base §2.6).
CO_USE_CLASSES = ("opioids", "benzodiazepines_z_drugs")

#: Pregnancy with "daily" kratom: doses on at least this many of the last `WEEK_DAYS` local days
#: (today included). Our choice: one day of the week may be missing, so a day in progress (or one
#: unlogged day) does not hide daily use.
WEEK_DAYS = 7
DAILY_USE_DAYS = 6

SOURCES = (
    "weiss-2021",
    "buresh-2018",
    "kiyokawa-2023",
    "hhs-taper-2019",
    "handelsman-1987",
    "dsm5-sud-criteria",
    "asam-alcohol-withdrawal-2020",
    "fda-opioid-benzo-2016",
    "nas-pediatrics-2018",
    DESIGN,
)

ACTION = (
    "Talk with a clinician or an addiction-medicine service before or while you cut down, and bring this "
    "journal. Stopping suddenly brings withdrawal. Buprenorphine-based treatment has been used for kratom "
    "dependence in case reports (Weiss 2021, Buresh 2018); whether any treatment fits you is for you and "
    "a clinician to decide."
)


def _dsm5_severe_from() -> int:
    """The lowest count of the DSM-5 self-check's highest band (6: "severe")."""
    return max(band.low for band in questionnaire("dsm5").bands)


@rule(
    CODE,
    title="When to get help with cutting down",
    checks=(
        "One warning listing each reason that applies: the median daily total of the dosed days of the last "
        "7 local days above clinician_daily_grams (20 g); an opioid or benzodiazepine on the medication list "
        "today, or alcohol logged on heavy_alcohol's days (8 of the last 14), while kratom was taken in the "
        f"past 7 days; pregnancy with doses on {DAILY_USE_DAYS} or more of the last {WEEK_DAYS} days; SOWS "
        "scores that stay severe (severe_withdrawal); the latest DSM-5 self-check in its highest band (6 or "
        "more criteria)."
    ),
    sources=SOURCES,
    design_choice=(
        "The fact base lists when to bring in a clinician; the readings are ours: the median of dosed days "
        "for the daily amount, alcohol on most days for heavy drinking, "
        f"{DAILY_USE_DAYS} of {WEEK_DAYS} days for daily use, and the SOWS line of taper.yaml (the SOWS has "
        "no kratom cut-offs). A warning, not urgent: none of these needs care this hour. Suicidal "
        "thoughts are a red flag of their own and are not repeated here."
    ),
)
def check(view: JournalView) -> Iterator[Finding]:
    reasons = [
        reason
        for reason in (
            _daily_amount(view),
            *_co_use(view),
            _alcohol(view),
            _pregnancy(view),
            _severe_withdrawal(view),
            _dsm5(view),
        )
        if reason
    ]
    if not reasons:
        return
    lead = (
        "One thing in your journal makes cutting down harder, or riskier, to do alone:"
        if len(reasons) == 1
        else f"{len(reasons)} things in your journal make cutting down harder, or riskier, to do alone:"
    )
    yield Finding(
        code=CODE,
        severity=Severity.WARNING,
        title="Bring a clinician into cutting down",
        meaning=" ".join(
            [
                lead,
                *reasons,
                "There are no formal guidelines for treating kratom dependence (Kiyokawa 2023), and "
                "guidance on cutting down opioids warns against stopping suddenly (HHS 2019).",
            ]
        ),
        action=ACTION,
        grade=evidence_grade(SOURCES),
        sources=unique(SOURCES),
    )


# --- the reasons: each a sentence, or "" --------------------------------------------------------------


def _daily_amount(view: JournalView) -> str:
    line = taper_rules().clinician_daily_grams
    days = doses_by_local_day(view, view.today - timedelta(days=line.days - 1), view.today)
    totals = [total_grams(doses) for doses in days.values() if doses]
    if not totals:
        return ""
    middle = statistics.median(totals)
    if middle <= line.value:
        return ""
    return (
        f"On the days you took kratom in the last {line.days} days, the middle daily total was "
        f"{amount(middle)}, more than about {amount(line.value)} a day; in a case series, people above "
        "that amount needed different treatment from those below it (Weiss 2021)."
    )


def _co_use(view: JournalView) -> list[str]:
    if not view.uses_kratom:
        return []
    found = []
    for medication in view.medications:
        if not view.medication_active(medication, view.today):
            continue
        classes = [c for c in medicine_classes(read_name(medication.name)) if c.id in CO_USE_CLASSES]
        if classes:
            labels = " and ".join(c.label.lower() for c in classes)
            found.append(
                f"{medication.name} ({labels}) is on your medication list: a change in kratom alongside it "
                "is one to plan with its prescriber."
            )
    return found


def _alcohol(view: JournalView) -> str:
    if not view.uses_kratom:
        return ""
    line = taper_rules().heavy_alcohol
    first = view.today - timedelta(days=line.of_days - 1)
    drinking_days = {
        local_day(s.at, view.tz)
        for s in view.substances
        if s.kind is SubstanceKind.ALCOHOL and local_day(s.at, view.tz) >= first
    }
    if len(drinking_days) < line.days:
        return ""
    return (
        f"You logged alcohol on {len(drinking_days)} of the last {line.of_days} days. Drinking on most days "
        "can mean alcohol dependence, whose own withdrawal can be dangerous (ASAM 2020)."
    )


def _pregnancy(view: JournalView) -> str:
    if not view.pregnant:
        return ""
    days = doses_by_local_day(view, view.today - timedelta(days=WEEK_DAYS - 1), view.today)
    dosed = sum(1 for doses in days.values() if doses)
    if dosed < DAILY_USE_DAYS:
        return ""
    return (
        f"Your profile says you are pregnant or may be, and you took kratom on {dosed} of the last "
        f"{WEEK_DAYS} days: babies of mothers who used kratom daily have had withdrawal after birth, so any "
        "change is one to plan with your obstetric team."
    )


def _sows(checks: list[fmt.SelfCheckRecord]) -> list[tuple[fmt.SelfCheckRecord, int]]:
    return [(c, score("sows", c.answers).total) for c in checks if c.instrument == "sows"]


def _severe_withdrawal(view: JournalView) -> str:
    scored = _sows(view.selfchecks)
    local = [(c.at.astimezone(view.tz), total) for c, total in scored]
    severe = stays_severe(local, view.now.astimezone(view.tz))
    if severe is None:
        return ""
    line = taper_rules().severe_withdrawal
    totals = ", ".join(str(t) for t in severe[:-1]) + f" and {severe[-1]}"
    return (
        f"Your last {len(severe)} withdrawal scores (SOWS) of the past {line.days} days were {totals} of "
        f"64, all {line.points} or more: withdrawal has stayed hard (this line is the app's choice; the "
        "SOWS has no kratom cut-offs)."
    )


def _dsm5(view: JournalView) -> str:
    latest = next((c for c in reversed(view.selfchecks) if c.instrument == "dsm5"), None)
    if latest is None:
        return ""
    result = score("dsm5", latest.answers)
    if result.total < _dsm5_severe_from():
        return ""
    day = day_words(local_day(latest.at, view.tz))
    return (
        f"Your latest dependence self-check ({day}) counted {result.total} of {result.max_total} criteria, "
        f"in the band clinicians call {result.band.lower()}. It is a self-check, not a diagnosis."
    )
