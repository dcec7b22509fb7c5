"""`speciosa check`: the SOWS and the DSM-5 self-check answered at prompts item by item or with
--answers, the SOWS total with no label, the DSM-5 band with the words that it is not a diagnosis,
a bad answer named by its place, and the list newest first."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine


def yes(count: int) -> str:
    return ",".join(["y"] * count + ["n"] * (11 - count))


def test_the_sows_is_asked_item_by_item_and_answers_its_total_without_a_label(alice, speciosa, frozen_now):
    result = speciosa("check", "sows", input="2\n5\n1\n" + "0\n" * 14)
    assert result.exit_code == 0, result.stderr
    assert "1/16. I feel anxious" in result.stderr and "16/16. I feel like using now" in result.stderr
    assert "Please answer a number from 0 to 4." in result.stderr
    assert "Withdrawal score (SOWS): 3 of 64." in result.stdout and "no kratom cut-offs" in result.stdout


@pytest.mark.parametrize(
    ("count", "band"), [(1, "Below the threshold"), (2, "Mild"), (4, "Moderate"), (6, "Severe")]
)
def test_the_dsm5_self_check_says_its_band_and_that_it_is_not_a_diagnosis(
    alice, speciosa, frozen_now, count, band
):
    result = speciosa("check", "dsm5", "--answers", yes(count))
    assert result.exit_code == 0, result.stderr
    assert f"Dependence self-check: {count} of 11 criteria. {band}." in result.stdout
    assert "This is a self-check, not a diagnosis" in result.stdout


def test_the_dsm5_self_check_at_the_prompts_takes_yes_and_no(alice, speciosa, frozen_now):
    result = speciosa("check", "dsm5", "--format", "json", input="yes\nmaybe\ny\n" + "n\n" * 9)
    body = json.loads(result.stdout[result.stdout.index("{") :])  # the test runner echoes the input first
    assert body["total"] == 2 and body["band"] == "Mild" and "not a diagnosis" in body["notice"]
    assert "Please answer y or n." in result.stderr


def test_a_bad_answer_is_named_by_its_place(alice, speciosa, frozen_now):
    result = speciosa("check", "sows", "--answers", "1,2,3,x,5" + ",0" * 11)
    assert result.exit_code == 1
    assert "--answers[3]: must be a whole number from 0 to 4" in result.stderr
    assert "--answers[4]: must be a whole number from 0 to 4" in result.stderr
    short = speciosa("check", "dsm5", "--answers", "y,n")
    assert "--answers: must hold 11 answers" in short.stderr
    assert "No self-checks yet." in speciosa("check", "list").stdout


def test_the_list_is_newest_first_and_filters_by_questionnaire(alice, speciosa, frozen_now):
    with time_machine.travel(frozen_now - timedelta(days=1), tick=False):
        speciosa("check", "sows", "--answers", ",".join(["2"] * 16), "--note", "morning")
    speciosa("check", "sows", "--answers", ",".join(["1"] * 16))
    speciosa("check", "dsm5", "--answers", yes(3))
    listed = json.loads(speciosa("check", "list", "--format", "json").stdout)
    assert [(r["instrument"], r["total"]) for r in listed] == [("dsm5", 3), ("sows", 16), ("sows", 32)]
    sows = speciosa("check", "list", "--instrument", "sows")
    assert "32 of 64" in sows.stdout and "DSM-5" not in sows.stdout and "morning" in sows.stdout
    assert "--instrument: must be sows or dsm5" in speciosa("check", "list", "--instrument", "x").stderr
