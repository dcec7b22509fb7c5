"""The guide's pages: the topic list, every topic, the interactions table filtered by ?q= (no JS)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from speciosa.refdata import thresholds
from speciosa.refdata.search_docs import GUIDE_TOPICS


def test_the_topic_list_links_every_topic(alice_client) -> None:
    html = alice_client.get(reverse("web:guide")).content.decode()
    for slug in GUIDE_TOPICS:
        assert f'href="/learn/guide/{slug}/"' in html


@pytest.mark.parametrize("slug", GUIDE_TOPICS)
def test_every_topic_renders_with_grades_and_sources(alice_client, slug) -> None:
    response = alice_client.get(reverse("web:guide_topic", kwargs={"slug": slug}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Evidence grade" in html and 'href="/sources/#source-' in html


def test_the_dosage_page_shows_the_engines_single_dose_mark(alice_client) -> None:
    html = alice_client.get("/learn/guide/dosage/").content.decode()
    assert f"from {thresholds().high_single_dose_grams.value:g} g per dose" in html
    assert "<caption>Amounts of plain leaf powder per dose" in html


def test_the_interactions_table_filters_without_javascript(alice_client) -> None:
    everything = alice_client.get("/learn/guide/interactions/").content.decode()
    filtered = alice_client.get("/learn/guide/interactions/?q=gabapentin").content.decode()
    assert "Gabapentin and pregabalin" in filtered and "Gabapentin and pregabalin" in everything
    assert "Alcohol</th>" in everything and "Alcohol</th>" not in filtered
    assert 'value="gabapentin"' in filtered and 'role="region"' in filtered
    nothing = alice_client.get("/learn/guide/interactions/?q=zzzz").content.decode()
    assert "Nothing matches." in nothing


def test_an_unknown_topic_is_404_and_pages_need_sign_in(alice_client, anonymous) -> None:
    assert alice_client.get("/learn/guide/nope/").status_code == 404
    assert anonymous.get("/learn/guide/").status_code == 302
