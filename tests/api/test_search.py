"""GET /api/v1/search?q= and GET /api/v1/bibliography."""

from __future__ import annotations

import pytest

from speciosa.refdata import interaction_classes, sources
from tests.api.conftest import call

pytestmark = pytest.mark.django_db


def test_search_finds_gabapentin_and_corrects_a_typo(alice_client):
    cls = next(c.id for c in interaction_classes() if "gabapentin" in c.members)
    exact = call(alice_client, "get", "/search?q=gabapentin").json()
    assert not exact["corrected"]
    assert any(r["key"] == cls and "gabapentin" in r["matched"] for r in exact["results"])
    typo = call(alice_client, "get", "/search?q=gabapentn").json()
    assert typo["corrected"] and typo["searched"] == "gabapentin"
    assert any(r["key"] == cls for r in typo["results"])
    first = typo["results"][0]
    assert {"kind", "title", "url", "snippet", "title_match"} <= set(first)


def test_bibliography_gives_grade_link_and_cited_by(alice_client):
    rows = call(alice_client, "get", "/bibliography").json()
    assert [r["id"] for r in rows] == list(sources())
    assert any(c["kind"] == "rule" for r in rows for c in r["cited_by"])
    assert all(r["grade"] and r["link"] for r in rows)
