"""claims.yaml: every claim has a verdict, an explanation, known sources, a guide topic and phrasings
that compile; the concept groups are all known; documents() gives one search document per claim."""

from __future__ import annotations

import re

import pytest

from speciosa.refdata.base import RefdataError
from speciosa.refdata.claims import VERDICT_WORDS, claim_rules, claims, documents, parse_claims
from speciosa.refdata.loader import sources
from speciosa.refdata.search_docs import GUIDE_TOPICS


def test_every_claim_has_a_verdict_an_explanation_sources_and_a_guide_topic():
    known = set(sources())
    assert len(claims()) >= 15
    for claim in claims():
        assert claim.verdict in VERDICT_WORDS
        assert len(claim.explanation) > 80
        assert claim.sources and set(claim.sources) <= known
        assert claim.guide in GUIDE_TOPICS


def test_the_fact_base_claims_are_all_there():
    ids = {c.id for c in claims()}
    assert {
        "non-addictive", "no-withdrawal", "cannot-overdose", "safer-than-opioids", "anti-inflammatory",
        "clinically-proven", "opioid-use-disorder", "natural-or-lab-tested", "vein-colours", "strain-names",
        "dose-by-weight", "dose-by-pain", "seven-oh-natural", "fda-approved", "legal-everywhere", "drug-test",
    } <= ids  # fmt: skip


def test_every_phrasing_compiles_with_its_concepts_filled_in():
    for rule in claim_rules():
        for pattern in (*rule.patterns, *rule.unless):
            assert "{" not in pattern.replace("{0,", "").replace("{1,", "")
            re.compile(pattern)


def test_an_unknown_concept_fails_loudly():
    data = {
        "version": 1,
        "concepts": {},
        "claims": [
            {
                "id": "x", "claim": "x", "verdict": "false", "explanation": "x", "sources": ["singh-2014"],
                "guide": "dosage", "phrasings": ["{NOPE}"],
            }
        ],
    }  # fmt: skip
    with pytest.raises(RefdataError, match="unknown concept"):
        parse_claims(data, sources())


def test_documents_give_one_claim_document_per_claim():
    docs = documents()
    assert [d.key for d in docs] == [c.id for c in claims()]
    for doc, claim in zip(docs, claims(), strict=True):
        assert (
            doc.kind == "claim" and doc.url == f"/learn/claims/#{claim.id}" and doc.sources == claim.sources
        )
        assert claim.explanation in doc.text
