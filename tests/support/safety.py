"""Rules and a journal for tests of the findings surfaces (API, CLI): while `test_rules` is in use
only these rules are registered, so the expected findings are fixed whatever the real rules say."""

from datetime import timedelta

import pytest

from speciosa.core.safety import EntryRef, Finding, Severity, registry
from speciosa.journal import services


def big_doses(view):
    for dose in view.doses:
        if dose.grams >= 10:
            yield Finding(
                code="test.big_dose",
                severity=Severity.WARNING,
                title="A big dose",
                meaning="You logged 10 g or more at once.",
                action="Look at the sources.",
                grade="B",
                sources=("grundmann-2017", "fda-sad-2024"),
                entries=(EntryRef("doses", dose.uid),),
                subject=str(dose.uid),
                at=dose.taken_at,
            )


def worst_pain(view):
    for checkin in view.checkins:
        if checkin.pain_now == 10:
            yield Finding(
                code="test.worst_pain",
                severity=Severity.URGENT,
                title="The worst pain",
                meaning="You logged pain 10.",
                action="Get help now.",
                grade="C",
                sources=("cdph-2025",),
                entries=(EntryRef("checkins", checkin.uid),),
                at=checkin.at,
                key=f"test.worst_pain:{checkin.uid}",
            )


def pregnancy(view):
    if view.pregnant:
        yield Finding(
            code="test.pregnant",
            severity=Severity.WARNING,
            title="Pregnant",
            meaning="Your profile says you are pregnant or may be.",
            action="Tell your obstetric team.",
            grade="C",
            sources=("nas-pediatrics-2018",),
        )


@pytest.fixture
def test_rules(monkeypatch):
    """Only these three rules are registered while a test runs."""
    monkeypatch.setattr(registry, "_RULES", {})
    for code, check in (
        ("test.big_dose", big_doses),
        ("test.worst_pain", worst_pain),
        ("test.pregnant", pregnancy),
    ):
        registry.rule(code, title=code, checks=f"{code} fires in tests", sources=("grundmann-2017",))(check)


@pytest.fixture
def alices_findings(alice, test_rules, frozen_now):
    """A 12 g dose (a warning) an hour ago and a check-in with pain 10 (urgent) two hours ago."""
    dose = services.dose_create(user=alice, amount=12, taken_at=frozen_now - timedelta(hours=1))
    checkin = services.entry_create(
        user=alice, kind="checkins", values={"at": frozen_now - timedelta(hours=2), "pain_now": 10}
    )
    return dose, checkin
