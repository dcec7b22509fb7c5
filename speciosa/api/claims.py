"""Learn: the claim checker (issue 12): POST a text, get back each sentence with the known marketing
claims it makes, their verdicts, explanations and sources. Nothing is stored."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from speciosa.api.crud import READ_ERRORS
from speciosa.api.schemas import ErrorOut, InputSchema
from speciosa.journal.claim_check import MAX_TEXT_CHARS, check_claims
from speciosa.refdata.claims import Claim

router = Router(tags=["Learn"])


class ClaimCheckIn(InputSchema):
    text: str = Field(
        description=f"The text to check, at most {MAX_TEXT_CHARS:,} characters (413 if longer)",
        json_schema_extra={"maxLength": MAX_TEXT_CHARS},
    )


class ClaimOut(Schema):
    id: str
    claim: str
    verdict: str
    verdict_words: str
    explanation: str
    sources: list[str]
    guide: str
    url: str


class SentenceOut(Schema):
    text: str
    start: int
    end: int
    claims: list[str]


class ClaimCheckOut(Schema):
    sentences: int
    marked: list[SentenceOut]
    claims: list[ClaimOut]


def claim_out(claim: Claim) -> ClaimOut:
    return ClaimOut(
        id=claim.id,
        claim=claim.claim,
        verdict=claim.verdict,
        verdict_words=claim.verdict_words,
        explanation=claim.explanation,
        sources=list(claim.sources),
        guide=claim.guide_url,
        url=claim.url,
    )


@router.post(
    "/claims/check",
    response={200: ClaimCheckOut, **READ_ERRORS, 413: ErrorOut},
    summary=f"Mark the known marketing claims in a text (at most {MAX_TEXT_CHARS:,} characters)",
)
def claims_check(request: HttpRequest, payload: ClaimCheckIn) -> Any:
    result = check_claims(payload.text)
    return ClaimCheckOut(
        sentences=len(result.sentences),
        marked=[
            SentenceOut(text=s.text, start=s.start, end=s.end, claims=[c.id for c in s.claims])
            for s in result.marked
        ],
        claims=[claim_out(c) for c in result.claims_found],
    )
