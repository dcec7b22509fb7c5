"""The helpers every rule module shares: the evidence grade and how days and moments are written."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from speciosa.core.safety.rules._common import DESIGN, day_words, evidence_grade, first_sentence, moment_words


def test_a_finding_is_graded_by_its_weakest_source():
    assert evidence_grade(["fda-sad-2024"]) == "A"
    assert evidence_grade(["fda-sad-2024", "grundmann-2017"]) == "B"


def test_our_own_design_choice_is_not_evidence_and_does_not_lower_the_grade():
    assert evidence_grade(["fda-sad-2024", DESIGN]) == "A"


def test_a_finding_resting_on_our_design_choice_alone_is_graded_d():
    assert evidence_grade([DESIGN]) == "D"


def test_a_source_missing_from_the_reference_data_fails_loudly():
    with pytest.raises(KeyError):
        evidence_grade(["no-such-source-2099"])


def test_days_and_moments_are_written_the_same_way_in_every_rule():
    assert day_words(date(2026, 3, 7)) == "Sat 7 Mar"
    assert day_words(date(2025, 3, 7), year=True) == "Fri 7 Mar 2025"
    moment = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)
    assert moment_words(moment, ZoneInfo("America/New_York")) == "Sat 7 Mar at 10:00"


def test_the_first_sentence_keeps_a_decimal_whole_and_ends_in_one_full_stop():
    assert first_sentence("Above 0.04% it is scheduled. Other text.") == "Above 0.04% it is scheduled."
    assert first_sentence("No stop at the end") == "No stop at the end."
