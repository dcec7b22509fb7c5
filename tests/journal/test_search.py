"""Learn search (speciosa.journal.search): the database's own full-text search (FTS5 on SQLite,
PostgreSQL full-text search through Django), typo tolerance, title matches first, and "cited by"."""

from __future__ import annotations

import pytest
from django.db import connection

from speciosa.journal import models as m
from speciosa.journal import search
from speciosa.refdata import interaction_classes, sources
from speciosa.refdata.search_docs import SearchDoc

pytestmark = pytest.mark.django_db


def keys(results: search.SearchResults) -> list[tuple[str, str]]:
    return [(hit.kind, hit.key) for hit in results.hits]


def gabapentinoid_class() -> str:
    return next(c.id for c in interaction_classes() if "gabapentin" in c.members)


def test_finds_a_document_by_a_word_in_its_text():
    found = search.search("gabapentin")
    assert ("interaction", gabapentinoid_class()) in keys(found)
    assert not found.corrected
    hit = next(h for h in found.hits if h.key == gabapentinoid_class())
    assert "gabapentin" in hit.matched
    assert hit.url.startswith("/learn/guide/interactions/")


def test_a_typo_still_finds_the_word():
    found = search.search("gabapentn")
    assert found.corrected
    assert "gabapentin" in found.searched
    assert ("interaction", gabapentinoid_class()) in keys(found)


def test_a_title_match_comes_first(monkeypatch):
    docs = [
        SearchDoc("guide", "body", "Something else", "/a/", "zebrafish " * 20 + "words"),
        SearchDoc("guide", "head", "Zebrafish", "/b/", "a page about other things"),
    ]
    monkeypatch.setattr(search, "PROVIDERS", [lambda: docs])
    search.current_digest.cache_clear()
    try:
        found = search.search("zebrafish")
    finally:
        search.current_digest.cache_clear()
    assert keys(found) == [("guide", "head"), ("guide", "body")]
    assert found.hits[0].title_match and not found.hits[1].title_match


def test_every_word_must_match_else_any_word(monkeypatch):
    docs = [
        SearchDoc("faq", "one", "Alpha", "/1/", "alpha beta"),
        SearchDoc("faq", "two", "Gamma", "/2/", "alpha gamma"),
    ]
    monkeypatch.setattr(search, "PROVIDERS", [lambda: docs])
    search.current_digest.cache_clear()
    try:
        assert keys(search.search("alpha beta")) == [("faq", "one")]
        assert set(keys(search.search("beta gamma"))) == {("faq", "one"), ("faq", "two")}
    finally:
        search.current_digest.cache_clear()


def test_the_index_is_rebuilt_when_the_documents_change(monkeypatch):
    search.ensure_index()
    assert search.index_is_current()
    assert not search.ensure_index()
    monkeypatch.setattr(search, "PROVIDERS", [lambda: [SearchDoc("faq", "x", "Xylophone", "/x/", "x")]])
    search.current_digest.cache_clear()
    try:
        assert not search.index_is_current()
        assert keys(search.search("xylophone")) == [("faq", "x")]
        assert m.SearchDocument.objects.count() == 1
    finally:
        search.current_digest.cache_clear()


def test_an_empty_query_finds_nothing():
    found = search.search("  ?! ")
    assert found.hits == [] and found.searched == ""


def test_the_database_does_the_search():
    search.ensure_index()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM journal_search_fts")
            assert cursor.fetchone()[0] == m.SearchDocument.objects.count()


def test_every_kind_that_exists_now_is_indexed():
    kinds = {doc.kind for doc in search.all_documents()}
    assert {"interaction", "rule", "red_flag", "source"} <= kinds


def test_a_learn_part_not_written_yet_is_skipped(monkeypatch):
    monkeypatch.setattr(search, "LEARN_PARTS", ("no_such_part_yet",))
    assert search.learn_documents() == []


def test_cited_by_names_the_rules_and_entries_that_cite_a_source():
    citing = search.cited_by()
    cls = next(c for c in interaction_classes() if "gabapentin" in c.members)
    for source_id in cls.sources:
        assert any(c.kind == "interaction" and c.url.endswith(cls.id) for c in citing[source_id])
    assert set(citing) <= set(sources())
    assert any(c.kind == "rule" for cs in citing.values() for c in cs)
