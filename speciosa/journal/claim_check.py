"""The claim checker as the page, the API and the CLI call it (issue 12): a pasted text in, each
sentence with the marketing claims it makes out. Nothing is stored and nothing is sent anywhere."""

from __future__ import annotations

from dataclasses import dataclass

from speciosa.core.claims import check
from speciosa.core.errors import InvalidInput, TooLarge
from speciosa.refdata.claims import Claim, claim_rules, claims_by_id

#: The most characters one check reads (about 30,000 words).
MAX_TEXT_CHARS = 200_000


@dataclass(frozen=True)
class CheckedSentence:
    text: str
    start: int
    end: int
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class ClaimCheck:
    sentences: tuple[CheckedSentence, ...]

    @property
    def marked(self) -> tuple[CheckedSentence, ...]:
        return tuple(s for s in self.sentences if s.claims)

    @property
    def claims_found(self) -> tuple[Claim, ...]:
        """Each claim found at least once, in the order claims.yaml lists them."""
        ids = {claim.id for s in self.sentences for claim in s.claims}
        return tuple(claim for claim in claims_by_id().values() if claim.id in ids)


def check_claims(text: str) -> ClaimCheck:
    """Every sentence of `text` with the known claims it makes. Raises InvalidInput (field "text") when
    the text is empty, TooLarge when it is longer than MAX_TEXT_CHARS."""
    if not text.strip():
        raise InvalidInput("paste some text to check", field="text")
    if len(text) > MAX_TEXT_CHARS:
        raise TooLarge(
            f"the text is {len(text):,} characters; the claim checker reads at most {MAX_TEXT_CHARS:,}",
            field="text",
        )
    by_id = claims_by_id()
    sentences = tuple(
        CheckedSentence(s.text, s.start, s.end, tuple(by_id[i] for i in s.claims))
        for s in check(text, claim_rules())
    )
    return ClaimCheck(sentences)
