"""The guide: every topic exists, every statement cites sources and shows a grade derived as the safety
engine derives one, and its numbers are the engine's numbers (read from refdata, never retyped)."""

from __future__ import annotations

import re

import pytest

from speciosa.core.safety.rules._common import evidence_grade
from speciosa.refdata import RefdataError, dose_context, interaction_classes, sources, thresholds
from speciosa.refdata.guide import (
    PLACEHOLDER,
    Statement,
    documents,
    filter_table,
    guide,
    guide_topic,
    guide_topics,
    statement_grade,
)
from speciosa.refdata.search_docs import GUIDE_TOPICS
from tests.refdata.test_provenance import FORBIDDEN


def test_every_guide_topic_exists_in_order():
    assert [t.slug for t in guide()] == list(GUIDE_TOPICS)


def test_every_statement_has_sources_and_a_grade():
    known = sources()
    for topic in guide():
        assert topic.sections
        for section in topic.sections:
            assert section.statements or section.table or section.links
            for statement in section.statements:
                assert statement.sources and set(statement.sources) <= set(known)
                assert statement.grade in "ABCD"
                assert not PLACEHOLDER.search(statement.text), statement.text


def test_derived_grades_are_the_engines():
    written = [s for t in guide_topics() for sec in t.sections for s in sec.statements]
    for raw in written:
        if raw.grade is None and not PLACEHOLDER.search(raw.text):
            assert statement_grade(raw, raw.sources, sources()) == evidence_grade(raw.sources)


def test_an_explicit_grade_better_than_every_source_fails():
    with pytest.raises(RefdataError, match="better than any cited source"):
        statement_grade(
            Statement(text="x", sources=("vendor-claims",), grade="A"), ("vendor-claims",), sources()
        )
    weaker = Statement(text="x", sources=("tanna-2022",), grade="C")
    assert statement_grade(weaker, ("tanna-2022",), sources()) == "C"


def test_the_single_dose_mark_is_the_engines():
    dosage = guide_topic("dosage")
    assert dosage is not None
    text = " ".join(s.text for sec in dosage.sections for s in sec.statements)
    high = thresholds().high_single_dose_grams
    assert f"from {high.value:g} g per dose" in text
    assert f"{thresholds().very_high_single_dose_grams.value:g} g per dose" in text
    # the threshold's own sources join the statement that reads it
    marks = next(s for sec in dosage.sections for s in sec.statements if s.text.startswith("speciosa raises"))
    assert set(high.sources) <= set(marks.sources)


def test_dose_bands_table_shows_every_source_side_by_side():
    dosage = guide_topic("dosage")
    assert dosage is not None
    table = next(sec.table for sec in dosage.sections if sec.table and sec.table.kind == "dose_bands")
    assert [row.cells[0] for row in table.rows] == [entry.title for entry in dose_context()]
    text = " ".join(s.text for sec in dosage.sections for s in sec.statements).lower()
    assert "pain" in text and "body weight" in text and "no study" in text


def test_the_interactions_table_is_every_class_and_filters():
    topic = guide_topic("interactions")
    assert topic is not None
    table = next(sec.table for sec in topic.sections if sec.table)
    assert table.searchable and len(table.rows) == len(interaction_classes())
    found = filter_table(table, "gabapentin")
    assert [row.cells[0] for row in found.rows] == ["Gabapentin and pregabalin"]
    assert filter_table(table, "").rows == table.rows
    assert filter_table(table, "no-such-medicine").rows == ()


def test_vein_claims_are_shown_as_claims():
    topic = guide_topic("veins-and-strains")
    assert topic is not None
    for section in topic.sections:
        assert section.table is not None
        assert all(any(c.startswith("Claim: ") for c in row.cells) for row in section.table.rows)


def test_tapering_links_to_cutting_down_and_legal_to_the_legal_page():
    tapering, legal = guide_topic("tapering"), guide_topic("legal-status")
    assert tapering and legal
    assert "/taper/" in {link.url for sec in tapering.sections for link in sec.links}
    assert "/learn/legal/" in {link.url for sec in legal.sections for link in sec.links}


def test_wording_rules_hold_in_every_statement():
    for topic in guide():
        for section in topic.sections:
            for text in [topic.title, topic.summary, section.heading, *(s.text for s in section.statements)]:
                for pattern in FORBIDDEN:
                    assert not re.search(pattern, text, flags=re.IGNORECASE), f"{pattern} in {text!r}"


def test_documents_one_per_topic():
    docs = documents()
    assert [d.key for d in docs] == list(GUIDE_TOPICS)
    for doc in docs:
        assert doc.kind == "guide" and doc.url == f"/learn/guide/{doc.key}/"
        assert doc.text and doc.sources
    interactions = next(d for d in docs if d.key == "interactions")
    assert "gabapentin" in interactions.text.lower() and "tanna-2023-cpt" in interactions.sources
