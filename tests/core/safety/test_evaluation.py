"""The names people type and the notes they write are read well enough to meet issue 6's goals, on every
labelled set (tests/fixtures/safety/, each written blind to the reader), and the scoring itself counts
right and wrong as it says."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from speciosa.core.safety.evaluation import score_names, score_notes

LABELLED = Path(__file__).resolve().parents[2] / "fixtures" / "safety"
NAME_SETS = ["typed_names.yaml", "heldout_names.yaml", "final_names.yaml"]
NOTE_SETS = [
    "notes.yaml",
    "heldout_notes.yaml",
    "final_notes.yaml",
    "final2_notes.yaml",
    "final3_notes.yaml",
    "final4_notes.yaml",
]


def rows(name: str):
    return yaml.safe_load((LABELLED / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", NAME_SETS)
def test_at_least_98_percent_of_typed_names_reach_the_right_class_and_none_falsely_a_dangerous_one(name):
    score = score_names(rows(name))

    assert score.names >= 100
    assert score.accuracy >= 0.98, score.wrong
    assert score.false_dangerous == 0


def test_the_name_sets_hold_at_least_150_names_with_misspellings_brands_combinations_slang_and_decoys():
    kinds = [row["kind"] for name in NAME_SETS for row in rows(name)]

    assert len(kinds) >= 150
    for kind in ("misspelling", "brand_us", "brand_uk", "brand_ca", "brand_au", "combination", "street"):
        assert kinds.count(kind) >= 10, kind
    assert kinds.count("must_not_match") >= 100


@pytest.mark.parametrize("name", NOTE_SETS)
def test_red_flags_written_in_notes_are_read_at_recall_95_and_precision_90(name):
    score = score_notes(rows(name))

    assert score.notes >= 70
    assert score.recall >= 0.95, score.wrong
    assert score.precision >= 0.90, score.wrong


def test_the_note_sets_hold_notes_with_and_without_red_flags_and_negations():
    every = [row for name in NOTE_SETS for row in rows(name)]

    assert sum(bool(row["expect"]) for row in every) >= 80
    assert sum(not row["expect"] for row in every) >= 80
    assert any(row["text"].startswith("no seizure") for row in every)


def test_a_reader_that_reads_nothing_scores_zero_recall_and_a_name_in_no_class_is_wrong_when_a_class_is_expected():
    score = score_notes(
        [{"text": "had a seizure", "expect": ["seizure_or_confusion"]}, {"text": "fine", "expect": []}]
    )
    names = score_names([{"typed": "zzqv", "expect": ["opioids"]}, {"typed": "oxygen", "expect": []}])

    assert (score.found, score.missed, score.extra) == (1, 0, 0)
    assert names.right == 1 and names.wrong == ("zzqv",)
