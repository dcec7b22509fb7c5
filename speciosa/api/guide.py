"""Learn: the guide operations (issue 12): the topics, and one topic's statements with their grades,
sources and tables (a searchable table filtered by ?q=)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from speciosa.api.schemas import ErrorOut
from speciosa.core.errors import NotFound
from speciosa.refdata.guide import guide, guide_topic, topic_document

router = Router(tags=["Learn"])


class GuideTopicSummary(Schema):
    slug: str
    title: str
    summary: str
    url: str


class GuideLink(Schema):
    title: str
    url: str


class GuideStatementOut(Schema):
    text: str
    grade: str
    sources: list[str]


class GuideRowOut(Schema):
    cells: list[str]
    grade: str
    sources: list[str]


class GuideTableOut(Schema):
    kind: str
    caption: str
    columns: list[str]
    searchable: bool
    rows: list[GuideRowOut]


class GuideSectionOut(Schema):
    heading: str
    statements: list[GuideStatementOut]
    table: GuideTableOut | None
    links: list[GuideLink]


class GuideTopicOut(GuideTopicSummary):
    sections: list[GuideSectionOut]
    sources: list[str]


@router.get("/learn/guide", response=list[GuideTopicSummary], summary="The guide's topics")
def guide_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [{"slug": t.slug, "title": t.title, "summary": t.summary, "url": t.url} for t in guide()]


@router.get(
    "/learn/guide/{topic}",
    response={200: GuideTopicOut, 404: ErrorOut},
    summary="One guide topic; q filters a searchable table (interactions)",
)
def guide_read(request: HttpRequest, topic: str, q: str = "") -> dict[str, Any]:
    found = guide_topic(topic)
    if found is None:
        raise NotFound(f"no guide topic {topic!r}")
    return topic_document(found, q)
