"""Questions people ask (issue 12): the questions of the popular kratom-for-pain articles, each answered
in speciosa's words from the fact base with its sources, its evidence grade, links into the guide and
to speciosa's own tools (faq.yaml).

`seed_questions` quotes the articles' questions exactly (by seed file); it is a mapping of plain strings,
not our words, so the wording test of refdata (which reads our own texts) does not read it, just as it
leaves vendor claims alone. The grade is derived from the cited sources, never written by hand.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.refdata.base import Grade, Model, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import Source, sources, weakest_grade
from speciosa.refdata.search_docs import GUIDE_TOPICS, SearchDoc

FAQ_FILE = "faq.yaml"
#: Our own design note: left out of the grade when other evidence is cited (as the safety rules do).
#: The page that shows every question; each has an anchor of its id.
FAQ_URL = "/learn/faq/"

#: The lines the person's own journal can add to an answer (speciosa.journal.faq).
Personal = Literal["side_effects_above_high_dose"]


class Group(Model):
    id: str = Field(pattern=r"^[a-z][a-z-]*$")
    title: str


class Page(Model):
    """A link to one of speciosa's own pages (a self-check, the taper planner, the Sources page)."""

    url: str = Field(pattern=r"^/[a-z0-9/_-]*$")
    label: str


class Question(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    group: str
    question: str = Field(min_length=5)
    #: Seed file name → the questions it asks that this entry answers, quoted exactly.
    seed_questions: dict[str, tuple[str, ...]]
    answer: str = Field(min_length=20)
    sources: SourceIds
    guide: tuple[str, ...] = ()
    pages: tuple[Page, ...] = ()
    personal: Personal | None = None

    @model_validator(mode="after")
    def guide_slugs_exist(self) -> Question:
        unknown = [slug for slug in self.guide if slug not in GUIDE_TOPICS]
        if unknown:
            raise ValueError(f"question {self.id!r} links to unknown guide topics {unknown}")
        return self

    @property
    def grade(self) -> Grade:
        """The grade of the weakest cited source (A strongest, D weakest)."""
        return evidence_grade(self.sources)

    @property
    def url(self) -> str:
        return f"{FAQ_URL}#{self.id}"

    @property
    def guide_urls(self) -> tuple[tuple[str, str], ...]:
        """(slug, URL) of each guide topic the answer links to."""
        return tuple((slug, f"/learn/guide/{slug}/") for slug in self.guide)

    @property
    def seed_question_list(self) -> tuple[tuple[str, str], ...]:
        """(seed file, question) for every quoted seed question."""
        return tuple((seed, q) for seed, questions in self.seed_questions.items() for q in questions)


class FaqFile(Model):
    version: Literal[1]
    groups: tuple[Group, ...] = Field(min_length=1)
    questions: tuple[Question, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def groups_exist(self) -> FaqFile:
        known = {g.id for g in self.groups}
        for q in self.questions:
            if q.group not in known:
                raise ValueError(f"question {q.id!r} is in unknown group {q.group!r}")
        return self


def evidence_grade(source_ids: tuple[str, ...]) -> Grade:
    """As the safety engine grades a finding (speciosa.refdata.loader.weakest_grade)."""
    return weakest_grade(source_ids)


def parse_faq(data: Any, known: dict[str, Source]) -> FaqFile:
    loaded: FaqFile = parse(FAQ_FILE, FaqFile, data)
    check_unique(FAQ_FILE, loaded.groups, lambda g: g.id, "group id")
    check_unique(FAQ_FILE, loaded.questions, lambda q: q.id, "question id")
    check_citations(FAQ_FILE, loaded.questions, known)
    return loaded


@cache
def faq() -> FaqFile:
    """Every group and question, in file order."""
    return parse_faq(read(FAQ_FILE), sources())


def questions() -> tuple[Question, ...]:
    return faq().questions


def question(id: str) -> Question | None:
    return next((q for q in questions() if q.id == id), None)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def matching(words: str) -> tuple[Question, ...]:
    """The questions whose own question, answer, guide slugs or quoted seed questions hold every word
    (case-insensitive, a word matching the start of a word: "withdraw" finds "withdrawal"); all of
    them when `words` is blank."""
    wanted = _words(words)
    if not wanted:
        return questions()
    found = []
    for q in questions():
        text = " ".join([q.question, q.answer, *q.guide, *(s for _, s in q.seed_question_list)])
        have = _words(text)
        if all(any(h.startswith(w) for h in have) for w in wanted):
            found.append(q)
    return tuple(found)


def documents() -> list[SearchDoc]:
    """One SearchDoc per question, for the Learn search and the bibliography."""
    return [
        SearchDoc(
            kind="faq",
            key=q.id,
            title=q.question,
            url=q.url,
            text=f"{q.question} {q.answer}",
            sources=q.sources,
        )
        for q in questions()
    ]
