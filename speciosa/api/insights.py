"""/insights: what the person's own journal says about relief, side effects by dose band, tolerance, the
PEG-3 trend and factors, each with its n and 95% interval (speciosa.journal.insights)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS
from speciosa.journal import insights as journal_insights

router = Router(tags=["Insights"])


@router.get(
    "/insights",
    response={200: dict[str, Any], **READ_ERRORS},
    summary="Relief after a dose, side effects by dose band, tolerance, PEG-3 trend and factors",
    description="Every figure with its sample size (n), its 95% interval and how it was made; `sentences` "
    "says the same in plain words. Factors are associations from a regression with AR(1) errors and a "
    "trend, never causes. Shares its numbers with the Insights page and `speciosa insights`.",
)
def insights(request: HttpRequest) -> Any:
    found = journal_insights.insights_read(user=owner(request), now=timezone.now())
    return {**journal_insights.insights_data(found), "sentences": journal_insights.insights_sentences(found)}
