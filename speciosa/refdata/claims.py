"""Marketing claims the claim checker marks (issue 12): each claim's verdict, explanation and sources,
and the phrasings that find it in a vendor's text. See claims.yaml; the matching is speciosa.core.claims."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from pydantic import Field, model_validator

from speciosa.refdata.base import Model, RefdataError, SourceIds, check_citations, check_unique, parse, read
from speciosa.refdata.loader import Source, sources
from speciosa.refdata.search_docs import GUIDE_TOPICS, SearchDoc

CLAIMS_FILE = "claims.yaml"

Verdict = Literal["false", "unsupported", "misleading", "supported"]

#: How each verdict reads on a page, in the API and the CLI.
VERDICT_WORDS: dict[str, str] = {
    "false": "False",
    "unsupported": "Unsupported by evidence",
    "misleading": "Misleading",
    "supported": "Supported",
}

#: Fields that quote a vendor's claim or hold the patterns that find it: the wording test skips them.
QUOTED_FIELDS = ("claim", "phrasings", "unless")


@dataclass(frozen=True)
class ClaimRule:
    """A claim as the pure matcher (speciosa.core.claims) runs it: the phrasings with their concept
    groups filled in."""

    id: str
    patterns: tuple[str, ...]
    unless: tuple[str, ...]
    negatable: bool


class Claim(Model):
    """One marketing claim. `claim`: the claim as vendors make it (a quote, not our words); `explanation`:
    what the sources say, written for speciosa; `guide`: a guide topic slug; `phrasings` and `unless`:
    regular expressions over a normalised sentence, {NAME} naming a concept group."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    claim: str
    verdict: Verdict
    explanation: str
    sources: SourceIds
    guide: str
    negatable: bool = False
    phrasings: tuple[str, ...] = Field(min_length=1)
    unless: tuple[str, ...] = ()

    @model_validator(mode="after")
    def known_guide_topic(self) -> Claim:
        if self.guide not in GUIDE_TOPICS:
            raise ValueError(f"claim {self.id!r}: guide topic {self.guide!r} is not one of GUIDE_TOPICS")
        return self

    @property
    def verdict_words(self) -> str:
        return VERDICT_WORDS[self.verdict]

    @property
    def url(self) -> str:
        return f"/learn/claims/#{self.id}"

    @property
    def guide_url(self) -> str:
        return f"/learn/guide/{self.guide}/"


class ClaimsFile(Model):
    version: Literal[1]
    concepts: dict[str, str]
    claims: tuple[Claim, ...] = Field(min_length=1)


def _expand(pattern: str, concepts: dict[str, str], where: str) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in concepts:
            raise RefdataError(f"{CLAIMS_FILE}: {where}: unknown concept {{{name}}}")
        return concepts[name]

    expanded = re.sub(r"\{([A-Z][A-Z0-9]*)\}", one, pattern)
    try:
        re.compile(expanded)
    except re.error as error:
        raise RefdataError(f"{CLAIMS_FILE}: {where}: pattern {pattern!r} is not valid: {error}") from None
    return expanded


def parse_claims(data: Any, known: dict[str, Source]) -> tuple[list[Claim], list[ClaimRule]]:
    loaded: ClaimsFile = parse(CLAIMS_FILE, ClaimsFile, data)
    check_unique(CLAIMS_FILE, loaded.claims, lambda c: c.id, "id")
    check_citations(CLAIMS_FILE, loaded.claims, known)
    rules = [
        ClaimRule(
            id=claim.id,
            patterns=tuple(_expand(p, loaded.concepts, claim.id) for p in claim.phrasings),
            unless=tuple(_expand(p, loaded.concepts, claim.id) for p in claim.unless),
            negatable=claim.negatable,
        )
        for claim in loaded.claims
    ]
    return list(loaded.claims), rules


@cache
def _loaded() -> tuple[list[Claim], list[ClaimRule]]:
    return parse_claims(read(CLAIMS_FILE), sources())


def claims() -> list[Claim]:
    """Every claim, in file order."""
    return _loaded()[0]


def claim_rules() -> list[ClaimRule]:
    """The compiled-ready rules the pure matcher (speciosa.core.claims) runs."""
    return _loaded()[1]


def claims_by_id() -> dict[str, Claim]:
    return {claim.id: claim for claim in claims()}


def documents() -> list[SearchDoc]:
    """One search document per claim (kind "claim"), anchored on the claim checker page."""
    return [
        SearchDoc(
            kind="claim",
            key=claim.id,
            title=f"Claim: {claim.claim}",
            url=claim.url,
            text=f"{claim.claim} {claim.verdict_words}. {claim.explanation}",
            sources=claim.sources,
        )
        for claim in claims()
    ]
