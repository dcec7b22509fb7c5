"""Template context on every page: the urgent findings not yet acknowledged (shown above everything)
and the number of current findings of caution or worse (the badge on "Findings" in the nav).

Both are lazy: a page that never shows them (an htmx partial, a signed-out page) runs no query, and a
page that does runs one indexed query for each (`finding_user_active`: user, active, severity).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from speciosa.core.safety import Severity
from speciosa.journal import models as m
from speciosa.journal.findings import findings_urgent_unacknowledged
from speciosa.web.findings_display import NOTABLE, FindingCard, card

NOTABLE_SEVERITIES = [s.value for s in Severity if s.rank >= NOTABLE.rank]


def urgent_cards(user: Any) -> list[FindingCard]:
    return [card(finding) for finding in findings_urgent_unacknowledged(user=user)]


def notable_count(user: Any) -> int:
    """Current findings of caution or worse, acknowledged or not."""
    return m.FindingState.objects.filter(user=user, active=True, severity__in=NOTABLE_SEVERITIES).count()


def safety(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"urgent_findings": [], "findings_count": 0}
    return {
        "urgent_findings": SimpleLazyObject(lambda: urgent_cards(user)),
        "findings_count": SimpleLazyObject(lambda: notable_count(user)),
    }
