"""Learn: the search operations (issue 12): GET /search?q= and GET /bibliography."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from speciosa.api.crud import READ_ERRORS
from speciosa.journal.search import cited_by, search
from speciosa.refdata import sources

router = Router(tags=["Learn"])


class SearchIn(Schema):
    q: str = Field(
        "", max_length=200, description="The words to look for; a word that matches nothing is corrected"
    )
    limit: int = Field(30, ge=1, le=30)


class SearchHitOut(Schema):
    kind: str = Field(description="guide, faq, claim, legal, interaction, rule, red_flag or source")
    key: str
    title: str
    url: str = Field(description="The page that shows it (web path)")
    snippet: str = Field(description="Words around the match")
    matched: list[str] = Field(description="The words of the snippet that matched")
    title_match: bool


class SearchOut(Schema):
    query: str
    searched: str = Field(description="The words searched for, after typo correction")
    corrected: bool = Field(description='True when a word was corrected ("Showing results for …")')
    results: list[SearchHitOut]


class CiterOut(Schema):
    kind: str
    title: str
    url: str


class BibliographyEntryOut(Schema):
    id: str
    citation: str
    link: str
    grade: str = Field(description="Evidence grade A (strongest) to D")
    cited_by: list[CiterOut] = Field(description="The pages, safety checks and entries that cite it")


@router.get(
    "/search",
    response={200: SearchOut, **READ_ERRORS},
    summary="Search Learn: the guide, questions, claims, legal status, interactions, rules and sources",
)
def learn_search(request: HttpRequest, filters: Query[SearchIn]) -> Any:
    found = search(filters.q, limit=filters.limit)
    return SearchOut(
        query=found.query,
        searched=found.searched,
        corrected=found.corrected,
        results=[
            SearchHitOut(
                kind=h.kind,
                key=h.key,
                title=h.title,
                url=h.url,
                snippet=h.snippet,
                matched=h.matched,
                title_match=h.title_match,
            )
            for h in found.hits
        ],
    )


@router.get(
    "/bibliography",
    response={200: list[BibliographyEntryOut], **READ_ERRORS},
    summary="Every source with its grade, link and what cites it",
)
def bibliography(request: HttpRequest) -> Any:
    citing = cited_by()
    return [
        BibliographyEntryOut(
            id=s.id,
            citation=s.citation,
            link=s.link,
            grade=s.grade_label,
            cited_by=[CiterOut(kind=c.kind, title=c.title, url=c.url) for c in citing.get(s.id, [])],
        )
        for s in sources().values()
    ]
