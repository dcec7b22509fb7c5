"""dependence.see_clinician: one warning that lists each reason to bring a clinician into cutting down,
each reason firing just past its line and not at it."""

from __future__ import annotations

from datetime import datetime

from speciosa.core import journal_format as fmt
from speciosa.core.safety import Finding, Severity
from speciosa.core.safety.rules.dependence import CODE
from tests.core.safety.builders import (
    days_ago,
    dose,
    drink,
    every_day,
    journal,
    local,
    medication,
    raised,
    uid,
)
from tests.core.safety.test_properties import wording_problems


def sows(at: datetime, total: int) -> fmt.SelfCheckRecord:
    """A SOWS self-check whose 16 answers add up to `total`."""
    answers = [min(4, max(0, total - 4 * i)) for i in range(16)]
    return fmt.SelfCheckRecord(uid=uid(), at=at, instrument="sows", answers=answers)


def dsm5(at: datetime, criteria: int) -> fmt.SelfCheckRecord:
    return fmt.SelfCheckRecord(
        uid=uid(), at=at, instrument="dsm5", answers=[1] * criteria + [0] * (11 - criteria)
    )


def with_selfchecks(document: fmt.JournalDocument, *checks: fmt.SelfCheckRecord) -> fmt.JournalDocument:
    return document.model_copy(update={"selfchecks": list(checks)})


def only(document: fmt.JournalDocument) -> Finding | None:
    found = raised(CODE, document)
    assert len(found) <= 1
    return found[0] if found else None


# --- daily amount ---------------------------------------------------------------------------------


def test_a_middle_daily_total_above_20_g_on_the_dosed_days_of_the_week_raises_the_warning():
    finding = only(journal(doses=every_day(6, 0, 10.25, per_day=2)))

    assert finding is not None
    assert finding.severity is Severity.WARNING
    assert "20.5 g" in finding.meaning and "more than about 20 g a day" in finding.meaning


def test_a_middle_daily_total_of_exactly_20_g_raises_nothing():
    assert only(journal(doses=every_day(6, 0, 10.0, per_day=2))) is None


def test_days_without_doses_do_not_pull_the_middle_down():
    doses = [dose(local(d, 9), 21.0) for d in (6, 3, 0)]

    assert only(journal(doses=doses)) is not None


def test_a_big_day_older_than_the_week_does_not_count():
    assert only(journal(doses=[dose(local(7, 9), 40.0), dose(local(1, 9), 5.0)])) is None


# --- opioids, benzodiazepines, alcohol --------------------------------------------------------------


def test_an_opioid_on_the_medication_list_with_kratom_this_week_raises_the_warning():
    finding = only(journal(doses=[dose(local(2))], medications=[medication("Oxycodone 5 mg")]))

    assert finding is not None
    assert "Oxycodone 5 mg" in finding.meaning and "prescriber" in finding.meaning


def test_a_benzodiazepine_read_from_a_brand_name_raises_the_warning():
    finding = only(journal(doses=[dose(local(2))], medications=[medication("Xanax")]))

    assert finding is not None and "Xanax" in finding.meaning


def test_a_stopped_opioid_or_one_without_kratom_this_week_raises_nothing():
    stopped = medication("Oxycodone", stopped_on=days_ago(1))

    assert only(journal(doses=[dose(local(2))], medications=[stopped])) is None
    assert only(journal(doses=[dose(local(8))], medications=[medication("Oxycodone")])) is None


def test_another_interacting_medicine_is_not_a_reason():
    assert only(journal(doses=[dose(local(2))], medications=[medication("Sertraline")])) is None


def test_alcohol_on_8_of_the_last_14_days_with_kratom_raises_the_warning_and_on_7_it_does_not():
    kratom = [dose(local(1))]
    eight = [drink(local(d, 7)) for d in (0, 1, 3, 5, 7, 9, 11, 13)]

    finding = only(journal(doses=kratom, substances=eight))
    assert finding is not None and "alcohol on 8 of the last 14 days" in finding.meaning
    assert only(journal(doses=kratom, substances=eight[:7])) is None


def test_drinks_older_than_14_days_do_not_count():
    drinks = [drink(local(d, 20)) for d in range(14, 22)]

    assert only(journal(doses=[dose(local(1))], substances=drinks)) is None


# --- pregnancy --------------------------------------------------------------------------------------


def test_pregnancy_with_kratom_on_6_of_the_last_7_days_raises_the_warning_and_5_does_not():
    six = every_day(5, 0, 3.0)

    finding = only(journal(doses=six, pregnant=True))
    assert finding is not None and "obstetric team" in finding.meaning
    assert only(journal(doses=six[:5], pregnant=True)) is None
    assert only(journal(doses=six, pregnant=False)) is None


# --- withdrawal that stays severe ------------------------------------------------------------------


def test_three_sows_scores_of_32_or_more_on_two_days_raise_the_warning():
    document = with_selfchecks(
        journal(), sows(local(1, 9), 34), sows(local(1, 20), 32), sows(local(0, 8), 40)
    )

    finding = only(document)
    assert finding is not None
    assert "34, 32 and 40 of 64" in finding.meaning and "no kratom cut-offs" in finding.meaning


def test_two_severe_sows_scores_are_not_enough():
    assert only(with_selfchecks(journal(), sows(local(1, 9), 40), sows(local(0, 8), 40))) is None


def test_three_severe_scores_on_one_day_or_one_under_32_are_not_enough():
    one_day = [sows(local(0, h), 40) for h in (6, 7, 8)]
    one_lower = [sows(local(2, 9), 40), sows(local(1, 9), 31), sows(local(0, 8), 40)]

    assert only(with_selfchecks(journal(), *one_day)) is None
    assert only(with_selfchecks(journal(), *one_lower)) is None


# --- the DSM-5 self-check ----------------------------------------------------------------------------


def test_a_latest_dsm5_self_check_of_6_criteria_raises_the_warning_and_5_does_not():
    finding = only(with_selfchecks(journal(), dsm5(local(3), 6)))

    assert finding is not None
    assert "6 of 11 criteria" in finding.meaning and "not a diagnosis" in finding.meaning
    assert only(with_selfchecks(journal(), dsm5(local(3), 5))) is None


def test_only_the_latest_dsm5_self_check_counts():
    assert only(with_selfchecks(journal(), dsm5(local(10), 9), dsm5(local(3), 2))) is None


# --- the finding as a whole ------------------------------------------------------------------------


def everything() -> fmt.JournalDocument:
    document = journal(
        doses=every_day(6, 0, 11.0, per_day=2),
        medications=[medication("Oxycodone"), medication("Valium")],
        substances=[drink(local(d, 20)) for d in range(10)],
        pregnant=True,
    )
    return with_selfchecks(
        document, sows(local(2), 36), sows(local(1), 38), sows(local(0, 8), 33), dsm5(local(1), 8)
    )


def test_every_reason_is_listed_in_one_warning():
    finding = only(everything())

    assert finding is not None
    assert finding.meaning.startswith("7 things in your journal")
    assert finding.severity is Severity.WARNING


def test_the_action_points_to_a_clinician_and_names_buprenorphine_treatment_without_a_dose():
    finding = only(everything())

    assert finding is not None
    assert "clinician or an addiction-medicine service" in finding.action
    assert "Stopping suddenly brings withdrawal" in finding.action
    assert "buprenorphine-based treatment has been used for kratom dependence in case reports" in (
        finding.action.lower()
    )
    assert " mg" not in finding.action and " mg" not in finding.meaning
    assert {"weiss-2021", "buresh-2018", "kiyokawa-2023", "hhs-taper-2019"} <= set(finding.sources)


def test_its_words_call_nothing_safe_or_recommended_and_give_no_dose_advice():
    finding = only(everything())

    assert finding is not None
    assert wording_problems(finding) == []


def test_nothing_in_the_journal_raises_nothing():
    assert only(journal(doses=every_day(6, 0, 3.0))) is None
