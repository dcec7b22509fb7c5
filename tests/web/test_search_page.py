"""/learn/search/?q=: results with their kind, title, snippet with the matched words marked, and link."""

from __future__ import annotations

import pytest

from speciosa.refdata import interaction_classes

pytestmark = pytest.mark.django_db


def gabapentinoids() -> str:
    return next(c.id for c in interaction_classes() if "gabapentin" in c.members)


def test_the_search_page_lists_what_matches(alice_client):
    html = alice_client.get("/learn/search/", {"q": "gabapentin"}).content.decode()
    assert f'href="/learn/guide/interactions/#interaction-{gabapentinoids()}"' in html
    assert "<mark>gabapentin</mark>" in html.lower()
    assert "Showing results for" not in html


def test_a_typo_says_what_it_searched_for(alice_client):
    html = alice_client.get("/learn/search/", {"q": "gabapentn"}).content.decode()
    assert "Showing results for <strong>gabapentin</strong>" in html
    assert gabapentinoids() in html


def test_the_box_keeps_the_query_and_escapes_it(alice_client):
    html = alice_client.get("/learn/search/", {"q": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in html
    assert 'role="search"' in html and '<label for="learn-q">' in html


def test_no_query_shows_the_box_only(alice_client):
    response = alice_client.get("/learn/search/")
    assert response.status_code == 200
    assert "result" not in response.content.decode().split('role="search"')[1]


def test_nothing_found_says_so(alice_client):
    html = alice_client.get("/learn/search/", {"q": "qqqqzzzzxxxx"}).content.decode()
    assert "Nothing matched" in html


def test_the_learn_box_leads_here(alice_client):
    html = alice_client.get("/learn/").content.decode()
    assert 'action="/learn/search/"' in html
