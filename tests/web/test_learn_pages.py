"""Every Learn page answers, with no id used twice (labels, anchors and aria references must be unique)."""

from __future__ import annotations

import re

import pytest

from speciosa.refdata.search_docs import GUIDE_TOPICS

PAGES = [
    "/learn/",
    "/learn/guide/",
    *[f"/learn/guide/{slug}/" for slug in GUIDE_TOPICS],
    "/learn/faq/",
    "/learn/claims/",
    "/learn/legal/",
    "/learn/legal/?place=Indiana",
    "/learn/search/?q=withdrawal",
    "/sources/",
]


@pytest.mark.parametrize("url", PAGES)
def test_the_learn_page_answers_and_uses_each_id_once(alice_client, url):
    response = alice_client.get(url)
    assert response.status_code == 200
    ids = re.findall(r'\bid="([^"]+)"', response.content.decode())
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_the_hub_links_to_every_part_of_learn(alice_client):
    html = alice_client.get("/learn/").content.decode()
    for path in (
        "/learn/guide/",
        "/learn/faq/",
        "/learn/claims/",
        "/learn/legal/",
        "/sources/",
        "/learn/search/",
    ):
        assert f'"{path}"' in html


def test_every_search_result_links_to_a_page_that_has_its_anchor(alice_client):
    from speciosa.journal.search import all_documents

    pages: dict[str, str] = {}
    missing = []
    for doc in all_documents():
        path, _, anchor = doc.url.partition("#")
        if path not in pages:
            response = alice_client.get(path)
            assert response.status_code == 200, doc.url
            pages[path] = response.content.decode()
        if anchor and f'id="{anchor}"' not in pages[path]:
            missing.append(doc.url)
    assert missing == []
