"""liver.lab_above_threshold: the newest liver tests against the lab's own upper limits, judged by the
criteria of drug-induced liver injury (EASL 2019): ALT 5×, ALP 2× (kratom's usual cholestatic pattern),
ALT 3× with bilirubin over 2×; bilirubin with another sign or alone (Gilbert's); the R ratio."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from speciosa.core.journal_format import JournalDocument
from speciosa.core.safety import Severity
from speciosa.core.safety.rules.liver import SYMPTOM_LOOKBACK
from speciosa.demo import stories
from speciosa.refdata import thresholds
from tests.core.safety.builders import NOW, TODAY, ago, checkin, days_ago, journal, lab, raised

CODE = "liver.lab_above_threshold"
ALT_HIGH = 56.0
ALP_HIGH = 120.0
BILIRUBIN_HIGH = 1.2


def limit(name: str) -> float:
    return getattr(thresholds(), name).value


def only(*labs, checkins=()):
    return raised(CODE, journal(labs=labs, checkins=checkins))


def one(*labs, checkins=()):
    [finding] = only(*labs, checkins=checkins)
    return finding


def test_the_criteria_are_easls_for_drug_induced_liver_injury():
    assert limit("alt_uln_multiple") == 5
    assert limit("alp_uln_multiple") == 2
    assert limit("alt_with_bilirubin_uln_multiple") == 3
    assert limit("bilirubin_uln_multiple") == 2
    assert (limit("r_ratio_hepatocellular"), limit("r_ratio_cholestatic")) == (5, 2)
    assert "easl-dili-2019" in thresholds().alt_uln_multiple.sources


def test_alt_within_the_range_raises_nothing():
    assert only(lab("ALT", ALT_HIGH, ALT_HIGH)) == []


def test_alt_just_above_the_range_is_a_caution_to_show_your_clinician():
    finding = one(lab("ALT", ALT_HIGH + 1, ALT_HIGH))

    assert finding.severity is Severity.CAUTION
    assert finding.title == "A liver test above your lab's range"
    assert "clinician" in finding.action


def test_alt_at_four_times_the_upper_limit_is_below_the_criteria_and_stays_a_caution():
    """The old rule warned at 3×; DILI practice's criterion for ALT alone is 5×."""
    assert one(lab("ALT", 4 * ALT_HIGH, ALT_HIGH)).severity is Severity.CAUTION


def test_alt_at_five_times_the_upper_limit_is_a_warning_with_dili_sources():
    result = lab("ALT", 5 * ALT_HIGH, ALT_HIGH)

    finding = one(result)

    assert finding.severity is Severity.WARNING
    assert finding.subject == "ALT"
    assert "5 times the upper limit or more meets a criterion" in finding.meaning
    assert {"easl-dili-2019", "acg-dili-2021", "schimmel-dart-2020"} <= set(finding.sources)
    assert finding.key == f"{CODE}:{result.uid}"


def test_ast_stands_in_for_alt_when_no_alt_is_logged():
    assert one(lab("AST", 5 * 40, 40)).severity is Severity.WARNING


def test_alp_at_twice_the_upper_limit_is_a_warning_naming_kratoms_cholestatic_pattern():
    finding = one(lab("ALP", 2 * ALP_HIGH, ALP_HIGH))

    assert finding.severity is Severity.WARNING
    assert "cholestatic" in finding.meaning
    assert finding.title == "ALP at a level that meets a liver-injury criterion"


def test_alp_just_under_twice_the_upper_limit_is_a_caution():
    assert one(lab("ALP", 2 * ALP_HIGH - 1, ALP_HIGH)).severity is Severity.CAUTION


def test_the_r_ratio_of_alt_and_alp_the_same_day_names_the_pattern():
    cholestatic = one(lab("ALT", 2 * ALT_HIGH, ALT_HIGH), lab("ALP", 3 * ALP_HIGH, ALP_HIGH))
    mixed = one(lab("ALT", 6 * ALT_HIGH, ALT_HIGH), lab("ALP", 2 * ALP_HIGH, ALP_HIGH))
    hepatocellular = one(lab("ALT", 10 * ALT_HIGH, ALT_HIGH), lab("ALP", 1.5 * ALP_HIGH, ALP_HIGH))

    assert "= 0.7" in cholestatic.meaning and "cholestatic (bile flow)" in cholestatic.meaning
    assert "= 3.0" in mixed.meaning and "mixed" in mixed.meaning
    assert "hepatocellular (the liver cells themselves)" in hepatocellular.meaning


def test_alt_and_alp_on_different_days_give_no_r_ratio():
    finding = one(
        lab("ALT", 6 * ALT_HIGH, ALT_HIGH, taken_on=days_ago(5)), lab("ALP", 3 * ALP_HIGH, ALP_HIGH)
    )

    assert "R ratio" not in finding.meaning


def test_an_alp_of_zero_gives_no_r_ratio_and_alt_is_still_judged():
    finding = one(lab("ALT", 6 * ALT_HIGH, ALT_HIGH), lab("ALP", 0, ALP_HIGH))

    assert finding.severity is Severity.WARNING and "R ratio" not in finding.meaning


def test_one_blood_test_with_several_results_over_raises_one_finding():
    findings = only(lab("ALT", 6 * ALT_HIGH, ALT_HIGH), lab("ALP", 3 * ALP_HIGH, ALP_HIGH))

    assert len(findings) == 1
    assert findings[0].title == "ALT and ALP at levels that meet liver-injury criteria"
    assert len(findings[0].entries) == 2


def test_bilirubin_over_twice_the_upper_limit_alone_is_a_warning_that_names_gilberts_syndrome():
    finding = one(lab("bilirubin", 2 * BILIRUBIN_HIGH + 0.1, BILIRUBIN_HIGH, unit="mg/dL"))

    assert finding.severity is Severity.WARNING
    assert "Gilbert's syndrome" in finding.meaning and "harmless" in finding.meaning
    assert "gilbert-syndrome" in finding.sources


def test_bilirubin_at_exactly_twice_the_upper_limit_is_a_caution():
    finding = one(lab("bilirubin", 2 * BILIRUBIN_HIGH, BILIRUBIN_HIGH, unit="mg/dL"))

    assert finding.severity is Severity.CAUTION


def test_bilirubin_over_twice_with_another_test_above_range_the_same_day_is_urgent():
    finding = one(lab("bilirubin", 3.0, BILIRUBIN_HIGH, unit="mg/dL"), lab("ALP", 1.5 * ALP_HIGH, ALP_HIGH))

    assert finding.severity is Severity.URGENT
    assert "today" in finding.action and "Gilbert" not in finding.meaning


def test_bilirubin_over_twice_with_a_liver_symptom_is_urgent():
    finding = one(
        lab("bilirubin", 3.0, BILIRUBIN_HIGH, unit="mg/dL"), checkins=[checkin(ago(days=2), "dark_urine")]
    )

    assert finding.severity is Severity.URGENT


def test_alt_three_times_with_bilirubin_over_twice_the_same_day_is_hys_law_and_urgent():
    finding = one(lab("ALT", 3 * ALT_HIGH, ALT_HIGH), lab("bilirubin", 3.0, BILIRUBIN_HIGH, unit="mg/dL"))

    assert finding.severity is Severity.URGENT
    assert "Hy's law" in finding.meaning
    assert "fda-dili-2009" in finding.sources


def test_alt_and_bilirubin_over_on_different_days_are_not_hys_law():
    finding = one(
        lab("ALT", 5 * ALT_HIGH, ALT_HIGH, taken_on=days_ago(20)),
        lab("bilirubin", 3.0, BILIRUBIN_HIGH, taken_on=days_ago(2), unit="mg/dL"),
    )

    assert finding.severity is Severity.WARNING
    assert "Hy's law" not in finding.meaning


def test_a_result_without_the_labs_upper_limit_cannot_be_judged_and_asks_for_the_range():
    finding = one(lab("ALT", 400, None))

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


def test_a_warning_with_dark_urine_in_the_past_two_weeks_is_urgent():
    symptom = checkin(ago(days=10), "dark_urine")

    finding = one(lab("ALT", 400, ALT_HIGH), checkins=[symptom])

    assert finding.severity is Severity.URGENT
    assert "dark urine" in finding.meaning
    assert "today" in finding.action and "stop taking kratom" in finding.action
    assert ("checkins", symptom.uid) in [(e.kind, e.uid) for e in finding.entries]


def test_a_liver_symptom_exactly_fourteen_days_ago_still_makes_it_urgent():
    assert timedelta(days=14) == SYMPTOM_LOOKBACK

    finding = one(lab("ALT", 400, ALT_HIGH), checkins=[checkin(NOW - SYMPTOM_LOOKBACK, "dark_urine")])

    assert finding.severity is Severity.URGENT


def test_a_liver_symptom_more_than_fourteen_days_ago_leaves_a_warning():
    earlier = checkin(NOW - SYMPTOM_LOOKBACK - timedelta(minutes=1), "dark_urine")

    assert one(lab("ALT", 400, ALT_HIGH), checkins=[earlier]).severity is Severity.WARNING


def test_mild_itching_near_a_warning_level_result_makes_it_urgent_because_it_is_a_liver_sign():
    finding = one(lab("ALT", 400, ALT_HIGH), checkins=[checkin(ago(days=1), ("itching", "mild"))])

    assert finding.severity is Severity.URGENT and "itching" in finding.meaning


def test_a_liver_symptom_with_a_result_only_above_the_range_stays_a_caution():
    finding = one(lab("ALT", ALT_HIGH + 5, ALT_HIGH), checkins=[checkin(ago(days=1), "dark_urine")])

    assert finding.severity is Severity.CAUTION


def test_no_lab_results_raise_nothing():
    assert only() == []


@pytest.mark.parametrize(
    ("story_day", "expected"),
    [(40, []), (130, [("ALT", Severity.CAUTION)]), (160, [])],
    ids=["baseline", "after the ALT above range", "after the recheck"],
)
def test_the_opioid_transition_journal_shows_its_one_alt_above_range_until_the_recheck(story_day, expected):
    case = stories.case_named("opioid")
    end = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
    document = JournalDocument.model_validate(case.journal(end=end))
    zone = ZoneInfo(case.timezone)
    first = end.astimezone(zone).date() - timedelta(days=case.days - 1)
    now = datetime.combine(first + timedelta(days=story_day), time(12), zone)

    findings = raised(CODE, document, now)

    assert [(f.subject, f.severity) for f in findings] == expected
