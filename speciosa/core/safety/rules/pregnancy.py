"""Pregnancy and breastfeeding: a standing warning while the profile says the person is pregnant or may
be, or is breastfeeding.

Babies of mothers who used kratom daily in pregnancy have had neonatal withdrawal (neonatal
abstinence syndrome) in case reports, some needing morphine and days in a neonatal unit, and five
neonatal withdrawal cases appear in US poison-centre data. Kratom is not on standard urine drug
screens, so the obstetric and neonatal teams only know if they are told.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from speciosa.core.days import local_day
from speciosa.core.safety.findings import Finding, Severity
from speciosa.core.safety.registry import rule
from speciosa.core.safety.rules._common import evidence_grade
from speciosa.core.safety.view import JournalView

CODE = "pregnancy.standing"

SOURCES = ("nas-pediatrics-2018", "nas-paediatr-child-health-2019", "post-2019")

#: The same week `JournalView.uses_kratom` reads, to say when the last dose was.
KRATOM_WEEK = timedelta(days=7)

NEWBORN_SIGNS = (
    "After birth, tell the baby's team too; signs of withdrawal in a newborn include jitteriness, poor "
    "feeding and a high-pitched cry."
)


@rule(
    CODE,
    title="Kratom in pregnancy",
    checks=(
        "Looks at the profile's pregnancy flag. While it is set, raises a standing warning: its words say "
        "whether kratom was taken in the past 7 days."
    ),
    sources=SOURCES,
    design_choice="The warning stands even without recent doses: earlier use in pregnancy still matters.",
)
def check(view: JournalView) -> Iterator[Finding]:
    if not view.pregnant:
        return
    use = _last_week(view) or (
        "You have logged no kratom in the past week. Earlier use in this pregnancy still matters, and so "
        "does any use from here on."
    )
    yield Finding(
        code=CODE,
        severity=Severity.WARNING,
        title="Kratom in pregnancy: tell your obstetric team",
        meaning=(
            f"Your profile says you are pregnant or may be. {use} Babies whose mothers used kratom every day "
            "in pregnancy have had withdrawal after birth (neonatal abstinence syndrome) in case reports; "
            "some needed morphine and days in a neonatal unit. The evidence is a handful of case reports, "
            "so how often this happens is not known. Kratom does not show up on standard urine drug "
            "screens, so your team will not know unless you tell them."
        ),
        action=(
            "Tell your obstetric team (midwife or obstetrician) that you use kratom, how much and how often, "
            "and ask them to help you plan any change in how much you take. " + NEWBORN_SIGNS
        ),
        grade=evidence_grade(SOURCES),
        sources=SOURCES,
    )


# --- breastfeeding ------------------------------------------------------------------------------------

BREASTFEEDING = "breastfeeding.standing"
BREASTFEEDING_SOURCES = (
    "fda-codeine-tramadol-breastfeeding-2017",
    "thailand-kratom-act-2022",
    "nas-pediatrics-2018",
)


@rule(
    BREASTFEEDING,
    title="Kratom while breastfeeding",
    checks=(
        "Looks at the profile's breastfeeding flag. While it is set, raises a standing warning: its words "
        "say "
        "whether kratom was taken in the past 7 days."
    ),
    sources=BREASTFEEDING_SOURCES,
    design_choice=(
        "No study of kratom in breast milk exists; the warning leans on opioid medicines acting on the same "
        "receptors (FDA 2017) and on Thailand's law. Raising it as a standing warning is our choice."
    ),
)
def breastfeeding_check(view: JournalView) -> Iterator[Finding]:
    if not view.breastfeeding:
        return
    use = _last_week(view) or "You have logged no kratom in the past week."
    yield Finding(
        code=BREASTFEEDING,
        severity=Severity.WARNING,
        title="Kratom while breastfeeding: tell your baby's doctor",
        meaning=(
            f"Your profile says you are breastfeeding. {use} Whether kratom passes into breast milk, and how "
            "much, has not been studied. Opioid medicines acting on the same receptors (codeine, tramadol) "
            "do pass into milk and have made breastfed babies dangerously sleepy, with feeding and breathing "
            "problems, so the FDA advises against them while breastfeeding. Thailand's kratom law forbids "
            "selling kratom to breastfeeding women."
        ),
        action=(
            "Tell your baby's doctor and your own that you use kratom, how much and how often. If your baby "
            "is unusually sleepy, hard to wake, feeding poorly, or breathing slowly or noisily, call "
            "emergency services now."
        ),
        grade=evidence_grade(BREASTFEEDING_SOURCES),
        sources=BREASTFEEDING_SOURCES,
    )


def _last_week(view: JournalView) -> str:
    """ "You took kratom in the past week (last on Sat 5 Dec)." or "" when no dose was logged in it."""
    recent = view.doses_in_last(KRATOM_WEEK)
    if not recent:
        return ""
    last = local_day(recent[-1].taken_at, view.tz)
    return f"You took kratom in the past week (last on {last:%a} {last.day} {last:%b})."
