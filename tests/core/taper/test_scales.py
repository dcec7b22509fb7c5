"""Scoring the SOWS (a total with no label) and the DSM-5 self-check (the count and its band), with
every bad answer named by its place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from speciosa.core.errors import InvalidInput
from speciosa.core.taper import scales


def test_the_sows_total_is_the_sum_of_sixteen_answers_with_no_severity_label():
    result = scales.score("sows", [2] * 16)
    assert (result.total, result.max_total, result.band) == (32, 64, "")
    assert result.label == "32 of 64"


@pytest.mark.parametrize(
    ("yes", "band"),
    [(0, "Below the threshold"), (1, "Below the threshold"), (2, "Mild"), (5, "Moderate"), (6, "Severe")],
)
def test_the_dsm5_self_check_counts_criteria_into_its_band(yes, band):
    result = scales.score("dsm5", [1] * yes + [0] * (11 - yes))
    assert result.total == yes and result.band == band and result.max_total == 11
    assert result.words


def test_each_bad_answer_is_named_by_its_place():
    errors = scales.answer_errors("sows", [0, 1, 2, 5, 0, 0, 0, 0, 0, 0, 0, True, 0, 0, "1", 0])
    assert [e.field for e in errors] == ["answers[3]", "answers[11]", "answers[14]"]
    assert scales.answer_errors("dsm5", [0] * 10)[0].field == "answers"
    assert scales.answer_errors("phq9", [0])[0].field == "instrument"
    with pytest.raises(InvalidInput):
        scales.score("dsm5", [2] * 11)


def test_withdrawal_stays_severe_only_when_the_last_three_scores_on_two_days_are_32_or_more():
    now = datetime(2026, 3, 7, 20, tzinfo=UTC)
    scores = [(now - timedelta(days=2), 35), (now - timedelta(hours=5), 33), (now, 40)]
    assert scales.stays_severe(scores, now) == (35, 33, 40)
    assert scales.stays_severe([*scores[:2], (now, 31)], now) is None
    same_day = [(now - timedelta(hours=h), 40) for h in (1, 2, 3)]
    assert scales.stays_severe(same_day, now) is None
