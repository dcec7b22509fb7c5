"""GET /learn/guide and /learn/guide/{topic}: the same topics, statements, grades and numbers."""

from __future__ import annotations

from speciosa.refdata import thresholds
from speciosa.refdata.search_docs import GUIDE_TOPICS
from tests.api.conftest import call


def test_the_list_and_every_topic(alice_client):
    body = call(alice_client, "get", "/learn/guide").json()
    assert [t["slug"] for t in body] == list(GUIDE_TOPICS)
    for slug in GUIDE_TOPICS:
        topic = call(alice_client, "get", f"/learn/guide/{slug}").json()
        assert topic["slug"] == slug and topic["sources"]
        for section in topic["sections"]:
            assert all(s["grade"] in "ABCD" and s["sources"] for s in section["statements"])


def test_numbers_are_the_engines_and_the_table_filters(alice_client):
    dosage = call(alice_client, "get", "/learn/guide/dosage").json()
    texts = " ".join(s["text"] for sec in dosage["sections"] for s in sec["statements"])
    assert f"from {thresholds().high_single_dose_grams.value:g} g per dose" in texts
    found = call(alice_client, "get", "/learn/guide/interactions?q=gabapentin").json()
    table = next(s["table"] for s in found["sections"] if s["table"])
    assert [row["cells"][0] for row in table["rows"]] == ["Gabapentin and pregabalin"]


def test_an_unknown_topic_is_404(alice_client):
    assert call(alice_client, "get", "/learn/guide/nope").status_code == 404
