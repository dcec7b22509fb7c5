"""The Sources page as a bibliography: each source says which pages, checks and entries cite it."""

from __future__ import annotations

import pytest

from speciosa.journal import findings
from speciosa.refdata import interaction_classes, sources

pytestmark = pytest.mark.django_db


def entry_html(html: str, source_id: str) -> str:
    return html.split(f'id="source-{source_id}"')[1].split("</article>")[0]


def test_each_source_lists_what_cites_it(alice_client):
    html = alice_client.get("/sources/").content.decode()
    cls = next(c for c in interaction_classes() if "gabapentin" in c.members)
    for source_id in cls.sources:
        part = entry_html(html, source_id)
        assert "Cited by" in part
        assert f'href="/learn/guide/interactions/#interaction-{cls.id}"' in part
        assert f"Grade {sources()[source_id].grade}" in html


def test_a_rule_is_among_what_cites_its_sources(alice_client):
    html = alice_client.get("/sources/").content.decode()
    rule = findings.all_rules()[0]
    part = entry_html(html, rule.sources[0])
    assert f'href="/findings/rules/{rule.code}/"' in part
    assert "Safety check" in part
