"""`speciosa learn`: the topic list, a topic with grades and sources, JSON, the interactions filter."""

from __future__ import annotations

import json

from speciosa.refdata import thresholds
from speciosa.refdata.search_docs import GUIDE_TOPICS


def test_no_topic_lists_them(speciosa):
    result = speciosa("learn", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [t["slug"] for t in json.loads(result.stdout)] == list(GUIDE_TOPICS)


def test_a_topic_prints_statements_with_grades_and_sources(speciosa):
    result = speciosa("learn", "dosage")
    assert result.exit_code == 0, result.stderr
    assert f"{thresholds().high_single_dose_grams.value:g} g per dose" in result.stdout
    assert "[grade " in result.stdout and "grundmann-2017" in result.stdout


def test_json_and_the_interactions_filter(speciosa):
    result = speciosa("learn", "interactions", "--search", "gabapentin", "--format", "json")
    body = json.loads(result.stdout)
    table = next(s["table"] for s in body["sections"] if s["table"])
    assert [row["cells"][0] for row in table["rows"]] == ["Gabapentin and pregabalin"]
    assert all(s["grade"] in "ABCD" and s["sources"] for sec in body["sections"] for s in sec["statements"])


def test_an_unknown_topic_fails(speciosa):
    result = speciosa("learn", "nope")
    assert result.exit_code == 1 and "No guide topic" in result.stderr
