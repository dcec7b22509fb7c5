"""pregnancy.standing: a standing warning while the profile says pregnant, with or without recent kratom."""

from __future__ import annotations

from datetime import timedelta

from speciosa.core.safety import Severity
from tests.core.safety.builders import NOW, ago, dose, journal, raised

CODE = "pregnancy.standing"


def test_not_pregnant_raises_nothing_even_with_daily_kratom():
    assert raised(CODE, journal(doses=[dose(ago(hours=h)) for h in (2, 26, 50)])) == []


def test_pregnant_with_kratom_this_week_is_a_standing_warning_about_newborn_withdrawal():
    [finding] = raised(CODE, journal(pregnant=True, doses=[dose(ago(days=1))]))

    assert finding.severity is Severity.WARNING
    assert finding.key == CODE
    assert finding.at is None
    assert "You took kratom in the past week (last on Fri 6 Mar)" in finding.meaning
    assert "neonatal abstinence syndrome" in finding.meaning
    assert "urine drug screens" in finding.meaning
    assert "obstetric team" in finding.action
    assert "high-pitched cry" in finding.action
    assert set(finding.sources) >= {"nas-pediatrics-2018", "nas-paediatr-child-health-2019"}
    assert finding.grade == "C"


def test_pregnant_without_kratom_this_week_still_warns_and_says_earlier_use_matters():
    [finding] = raised(CODE, journal(pregnant=True))

    assert finding.severity is Severity.WARNING
    assert "no kratom in the past week" in finding.meaning
    assert "Earlier use in this pregnancy still matters" in finding.meaning


def test_a_dose_exactly_seven_days_ago_counts_as_this_week():
    [finding] = raised(CODE, journal(pregnant=True, doses=[dose(NOW - timedelta(days=7))]))

    assert "You took kratom in the past week" in finding.meaning


def test_a_dose_more_than_seven_days_ago_does_not():
    [finding] = raised(CODE, journal(pregnant=True, doses=[dose(NOW - timedelta(days=7, minutes=1))]))

    assert "no kratom in the past week" in finding.meaning


def test_a_dose_logged_for_later_than_now_is_not_counted():
    [finding] = raised(CODE, journal(pregnant=True, doses=[dose(NOW + timedelta(hours=1))]))

    assert "no kratom in the past week" in finding.meaning


def test_the_breastfeeding_flag_raises_a_standing_warning_that_says_no_study_exists():
    from speciosa.core import journal_format as fmt

    document = journal(doses=[dose(ago(days=2))]).model_copy(
        update={"profile": fmt.ProfileRecord(timezone="America/New_York", breastfeeding=True)}
    )

    [finding] = raised("breastfeeding.standing", document)

    assert finding.severity is Severity.WARNING
    assert "has not been studied" in finding.meaning and "You took kratom in the past week" in finding.meaning
    assert "baby's doctor" in finding.action and "emergency" in finding.action
    assert "fda-codeine-tramadol-breastfeeding-2017" in finding.sources


def test_no_breastfeeding_flag_no_warning():
    assert raised("breastfeeding.standing", journal(doses=[dose(ago(days=2))])) == []
