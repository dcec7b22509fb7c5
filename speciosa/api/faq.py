"""Learn: the faq operations (issue 12)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS
from speciosa.journal import faq as journal_faq

router = Router(tags=["Learn"])


@router.get(
    "/learn/faq",
    response={200: dict[str, Any], **READ_ERRORS},
    summary="Questions people ask, answered from the sources",
    description="Every question (or those holding every word of `q`), grouped, each with its answer, "
    "evidence `grade` (the weakest cited source), `sources`, `guide` links, links to speciosa's own "
    "`pages`, the articles' `seed_questions` it answers (quoted), and `personal`: a line from the "
    "person's own journal, or an empty string. The same as /learn/faq/ and `speciosa faq`.",
)
def faq(request: HttpRequest, q: str = "") -> Any:
    groups = journal_faq.faq_read(user=owner(request), now=timezone.now(), words=q[:200])
    return {"q": q, "groups": groups}
