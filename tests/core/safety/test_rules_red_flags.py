"""red_flag.symptom: a red-flag symptom in a recent check-in raises a finding at once, one per check-in."""

from __future__ import annotations

from datetime import timedelta

import pytest

from speciosa.core.safety import Severity
from speciosa.core.safety.rules.red_flags import LOOKBACK, SEVERITY_FOR_ACTION
from speciosa.refdata import red_flags, sources
from tests.core.safety.builders_a import NOW, ago, checkin, journal, raised

CODE = "red_flag.symptom"


def flag(code: str):
    return next(f for f in red_flags() if f.code == code)


def test_breathing_problems_raise_an_urgent_finding_that_says_naloxone_and_recovery_position():
    logged = checkin(ago(hours=1), "breathing_problems")

    [finding] = raised(CODE, journal(checkins=[logged]))

    assert finding.severity is Severity.URGENT
    assert finding.subject == "breathing_or_unresponsive"
    assert finding.title == flag("breathing_or_unresponsive").title
    assert "naloxone" in finding.action.lower()
    assert "recovery position" in finding.action.lower()
    assert "slow, shallow or stopped breathing" in finding.meaning
    assert finding.at == logged.at
    assert [(e.kind, e.uid) for e in finding.entries] == [("checkins", logged.uid)]


def test_each_check_in_with_a_red_flag_is_a_finding_of_its_own_so_each_is_acknowledged():
    first = checkin(ago(days=2), "seizure")
    second = checkin(ago(hours=3), "seizure")

    findings = raised(CODE, journal(checkins=[first, second]))

    assert sorted(f.key for f in findings) == sorted(
        f"{CODE}:seizure_or_confusion:{c.uid}" for c in (first, second)
    )


def test_several_symptoms_of_one_flag_in_one_check_in_make_one_finding_naming_them_all():
    logged = checkin(ago(hours=1), "yellow_skin_or_eyes", "dark_urine")

    [finding] = raised(CODE, journal(checkins=[logged]))

    assert finding.subject == "liver_injury_signs"
    assert finding.severity is Severity.URGENT
    assert "yellow skin or eyes" in finding.meaning and "dark urine" in finding.meaning
    assert "stop taking kratom" in finding.action.lower()


def test_symptoms_of_two_flags_in_one_check_in_make_two_findings():
    logged = checkin(ago(hours=1), "chest_pain", "hallucinations")

    findings = raised(CODE, journal(checkins=[logged]))

    assert {f.subject for f in findings} == {"chest_or_heart", "hallucinations_or_paranoia"}


def test_common_side_effects_raise_nothing():
    assert (
        raised(CODE, journal(checkins=[checkin(ago(hours=1), "nausea", "constipation", "drowsiness")])) == []
    )


def test_mild_itching_alone_is_a_common_side_effect_not_a_red_flag():
    assert raised(CODE, journal(checkins=[checkin(ago(hours=1), ("itching", "mild"))])) == []
    assert raised(CODE, journal(checkins=[checkin(ago(hours=1), ("itching", "moderate"))])) == []


def test_severe_itching_raises_the_liver_red_flag():
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), ("itching", "severe"))]))

    assert finding.subject == "liver_injury_signs"


def test_mild_itching_with_dark_urine_raises_the_liver_flag_naming_both():
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), ("itching", "mild"), "dark_urine")]))

    assert "itching" in finding.meaning and "dark urine" in finding.meaning


def test_newborn_withdrawal_signs_ask_you_to_tell_the_care_team_as_a_warning():
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), "newborn_withdrawal_signs")]))

    assert finding.severity is Severity.WARNING
    assert "urine drug screens" in finding.action


def test_suicidal_thoughts_point_to_a_crisis_line():
    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), "suicidal_thoughts")]))

    assert finding.severity is Severity.URGENT
    assert "crisis line" in finding.action


@pytest.mark.parametrize("red_flag", red_flags(), ids=lambda f: f.code)
def test_every_red_flag_in_the_reference_data_is_raised_by_its_triggers_with_its_sources(red_flag):
    trigger = next(t for t in red_flag.triggers if t not in red_flag.also_common)

    [finding] = raised(CODE, journal(checkins=[checkin(ago(hours=1), trigger)]))

    assert finding.subject == red_flag.code
    assert finding.severity is SEVERITY_FOR_ACTION[red_flag.action]
    assert finding.action == red_flag.what_to_do
    assert finding.sources == red_flag.sources
    assert finding.grade == max(sources()[s].grade for s in red_flag.sources if s != "speciosa-design")


def test_care_now_is_urgent_and_telling_the_care_team_is_a_warning():
    assert SEVERITY_FOR_ACTION == {
        "emergency": Severity.URGENT,
        "urgent": Severity.URGENT,
        "same_day": Severity.URGENT,
        "tell_care_team": Severity.WARNING,
    }


def test_a_red_flag_logged_exactly_seven_days_ago_still_shows():
    assert timedelta(days=7) == LOOKBACK
    assert len(raised(CODE, journal(checkins=[checkin(NOW - LOOKBACK, "seizure")]))) == 1


def test_a_red_flag_logged_more_than_seven_days_ago_no_longer_shows():
    assert raised(CODE, journal(checkins=[checkin(NOW - LOOKBACK - timedelta(minutes=1), "seizure")])) == []


def test_a_check_in_after_now_is_not_read():
    assert raised(CODE, journal(checkins=[checkin(NOW + timedelta(minutes=1), "seizure")])) == []
