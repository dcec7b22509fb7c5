"""Legal reference data: every entry dated and sourced, codes unique, one search document per entry."""

from __future__ import annotations

from speciosa.refdata import sources
from speciosa.refdata.legal import US_STATES, documents, legal_places


def test_every_entry_has_an_as_of_date_a_confidence_and_known_sources():
    known = set(sources())
    for place in legal_places():
        assert place.as_of, place.code
        assert place.confidence in {"high", "medium", "low"}
        assert place.sources and set(place.sources) <= known, place.code


def test_the_fact_base_places_are_there():
    codes = {(p.kind, p.code) for p in legal_places()}
    for state in ("AL", "AR", "IN", "WI", "VT", "LA", "DC", "FL", "OH", "CA", "RI", "CO", "OK"):
        assert ("us_state", state) in codes
    for country in ("US", "TH", "MY", "AU", "GB", "IE", "JP", "CA"):
        assert ("country", country) in codes
    assert ("us_locality", "us-ca-san-diego") in codes
    assert all(p.state in US_STATES for p in legal_places() if p.kind == "us_locality")


def test_unverified_places_are_not_shipped():
    names = {p.name for p in legal_places()}
    assert "South Korea" not in names and "Switzerland" not in names


def test_verify_locally_below_high_confidence():
    for place in legal_places():
        assert place.verify_locally == (place.confidence != "high")


def test_one_search_document_per_entry():
    docs = documents()
    assert len(docs) == len(legal_places())
    assert {d.kind for d in docs} == {"legal"}
    assert len({d.key for d in docs}) == len(docs)
    assert all(d.url.startswith("/learn/legal/#") and d.sources for d in docs)
