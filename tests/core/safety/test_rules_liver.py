"""liver.lab_above_threshold: the newest liver test against the lab's own upper limit of normal."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from speciosa.core import demo
from speciosa.core.journal_format import JournalDocument
from speciosa.core.safety import Severity
from speciosa.core.safety.rules.liver import SYMPTOM_LOOKBACK
from speciosa.refdata import thresholds
from tests.core.safety.builders_a import NOW, TODAY, ago, checkin, days_ago, journal, lab, raised

CODE = "liver.lab_above_threshold"
ALT_HIGH = 56.0
BILIRUBIN_HIGH = 1.2


def alt_times() -> float:
    return thresholds().alt_ast_uln_multiple.value


def bilirubin_times() -> float:
    return thresholds().bilirubin_uln_multiple.value


def only(*labs, checkins=()):
    return raised(CODE, journal(labs=labs, checkins=checkins))


def test_the_multiples_are_those_of_liver_injury_practice():
    assert alt_times() == 3
    assert bilirubin_times() == 2


def test_alt_within_the_range_raises_nothing():
    assert only(lab("ALT", ALT_HIGH, ALT_HIGH)) == []


def test_alt_just_above_the_range_is_a_caution_to_show_your_clinician():
    [finding] = only(lab("ALT", ALT_HIGH + 1, ALT_HIGH))

    assert finding.severity is Severity.CAUTION
    assert finding.title == "ALT (alanine aminotransferase) above your lab's range"
    assert "clinician" in finding.action


def test_alt_at_exactly_three_times_the_upper_limit_is_still_a_caution():
    [finding] = only(lab("ALT", alt_times() * ALT_HIGH, ALT_HIGH))

    assert finding.severity is Severity.CAUTION


def test_alt_over_three_times_the_upper_limit_is_a_warning_with_dili_sources():
    result = lab("ALT", alt_times() * ALT_HIGH + 1, ALT_HIGH)

    [finding] = only(result)

    assert finding.severity is Severity.WARNING
    assert finding.subject == "ALT"
    assert "over 3 times" in finding.title
    assert "over 3 times the upper limit" in finding.meaning
    assert {"fda-dili-2009", "acg-dili-2021", "schimmel-dart-2020"} <= set(finding.sources)
    assert finding.key == f"{CODE}:ALT:{result.uid}"


def test_ast_is_judged_like_alt():
    [finding] = only(lab("AST", 130, 40))

    assert finding.severity is Severity.WARNING
    assert finding.subject == "AST"


def test_bilirubin_at_twice_the_upper_limit_is_a_caution_and_over_it_a_warning():
    [at_limit] = only(lab("bilirubin", bilirubin_times() * BILIRUBIN_HIGH, BILIRUBIN_HIGH, unit="mg/dL"))
    [over] = only(lab("bilirubin", bilirubin_times() * BILIRUBIN_HIGH + 0.1, BILIRUBIN_HIGH, unit="mg/dL"))

    assert at_limit.severity is Severity.CAUTION
    assert over.severity is Severity.WARNING


def test_alp_above_the_range_is_a_caution_however_high_since_no_multiple_is_set_for_it():
    [finding] = only(lab("ALP", 1000, 147))

    assert finding.severity is Severity.CAUTION
    assert finding.subject == "ALP"


def test_a_result_without_the_labs_upper_limit_cannot_be_judged_and_asks_for_the_range():
    [finding] = only(lab("ALT", 400, None))

    assert finding.severity is Severity.INFO
    assert "range" in finding.title
    assert "reference range" in finding.action


def test_only_the_newest_result_of_a_test_counts():
    old_high = lab("ALT", 400, ALT_HIGH, taken_on=days_ago(30))
    new_normal = lab("ALT", 30, ALT_HIGH, taken_on=days_ago(2))

    assert only(old_high, new_normal) == []
    assert len(only(new_normal, lab("ALT", 400, ALT_HIGH, taken_on=TODAY))) == 1


def test_a_result_dated_after_today_is_not_read_yet():
    assert only(lab("ALT", 400, ALT_HIGH, taken_on=TODAY + timedelta(days=1))) == []


def test_alt_over_the_limit_with_dark_urine_in_the_past_two_weeks_is_urgent():
    symptom = checkin(ago(days=10), "dark_urine")

    [finding] = only(lab("ALT", 400, ALT_HIGH), checkins=[symptom])

    assert finding.severity is Severity.URGENT
    assert "dark urine" in finding.meaning
    assert "today" in finding.action and "stop taking kratom" in finding.action
    assert ("checkins", symptom.uid) in [(e.kind, e.uid) for e in finding.entries]


def test_a_liver_symptom_exactly_fourteen_days_ago_still_makes_it_urgent():
    assert timedelta(days=14) == SYMPTOM_LOOKBACK

    [finding] = only(lab("ALT", 400, ALT_HIGH), checkins=[checkin(NOW - SYMPTOM_LOOKBACK, "dark_urine")])

    assert finding.severity is Severity.URGENT


def test_a_liver_symptom_more_than_fourteen_days_ago_leaves_a_warning():
    earlier = checkin(NOW - SYMPTOM_LOOKBACK - timedelta(minutes=1), "dark_urine")

    [finding] = only(lab("ALT", 400, ALT_HIGH), checkins=[earlier])

    assert finding.severity is Severity.WARNING


def test_mild_itching_alone_does_not_make_it_urgent():
    [finding] = only(lab("ALT", 400, ALT_HIGH), checkins=[checkin(ago(days=1), ("itching", "mild"))])

    assert finding.severity is Severity.WARNING


def test_a_liver_symptom_with_a_result_only_above_the_range_stays_a_caution():
    [finding] = only(lab("ALT", ALT_HIGH + 5, ALT_HIGH), checkins=[checkin(ago(days=1), "dark_urine")])

    assert finding.severity is Severity.CAUTION


def test_alt_and_bilirubin_both_over_on_the_same_day_is_hys_law_and_urgent():
    alt = lab("ALT", 400, ALT_HIGH)
    bilirubin = lab("bilirubin", 3.0, BILIRUBIN_HIGH, unit="mg/dL")

    findings = only(alt, bilirubin)

    assert {f.subject: f.severity for f in findings} == {"ALT": Severity.URGENT, "bilirubin": Severity.URGENT}
    assert all("Hy's law" in f.meaning for f in findings)


def test_alt_and_bilirubin_over_on_different_days_are_two_warnings():
    findings = only(
        lab("ALT", 400, ALT_HIGH, taken_on=days_ago(20)),
        lab("bilirubin", 3.0, BILIRUBIN_HIGH, taken_on=days_ago(2), unit="mg/dL"),
    )

    assert {f.severity for f in findings} == {Severity.WARNING}


def test_no_lab_results_raise_nothing():
    assert only() == []


@pytest.mark.parametrize(
    ("story_day", "expected"),
    [(40, []), (130, [("ALT", Severity.CAUTION)]), (160, [])],
    ids=["baseline", "after the ALT above range", "after the recheck"],
)
def test_the_opioid_transition_journal_shows_its_one_alt_above_range_until_the_recheck(story_day, expected):
    case = demo.case_named("opioid")
    end = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
    document = JournalDocument.model_validate(case.journal(end=end))
    zone = ZoneInfo(case.timezone)
    first = end.astimezone(zone).date() - timedelta(days=case.days - 1)
    now = datetime.combine(first + timedelta(days=story_day), time(12), zone)

    findings = raised(CODE, document, now)

    assert [(f.subject, f.severity) for f in findings] == expected
