"""`speciosa search WORDS`, `speciosa search --rebuild` and `speciosa bibliography`."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def test_search_prints_what_matches_and_corrects_a_typo(speciosa):
    result = speciosa("search", "gabapentn", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["corrected"] and document["searched"] == "gabapentin"
    assert any("gabapentin" in r["matched"] for r in document["results"])
    table = speciosa("search", "gabapentn")
    assert "Showing results for: gabapentin" in table.output


def test_rebuild(speciosa):
    result = speciosa("search", "--rebuild")
    assert result.exit_code == 0
    assert "Search index rebuilt" in result.output


def test_no_words_is_an_error(speciosa):
    assert speciosa("search").exit_code == 1


def test_bibliography_lists_cited_by(speciosa):
    rows = json.loads(speciosa("bibliography", "--format", "json").stdout)
    assert any("Safety check" in r["cited_by"] for r in rows)
