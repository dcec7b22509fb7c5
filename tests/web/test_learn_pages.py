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
