"""Template context on every page: the urgent findings not yet acknowledged (shown above everything),
with the emergency and poison-control numbers of the person's country as tap-to-call links, and the
number of current findings of caution or worse (the badge on "Findings" in the nav).

Both are lazy and share one read of the findings (speciosa.journal.findings.findings_current): a page
that never shows them (an htmx partial, a signed-out page) reads nothing, and the page itself reads
them through the same `current_findings(request)`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from speciosa.journal.findings import findings_urgent_unacknowledged
from speciosa.journal.selectors import profile_get
from speciosa.web.presenters.findings_display import CallLink, card, current_findings, emergency_links


def _emergency_links(user: Any) -> list[CallLink]:
    profile = profile_get(user=user)
    return emergency_links(country=profile.country, zone=profile.timezone)


def safety(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"urgent_findings": [], "findings_count": 0, "emergency_lines": []}
    return {
        "urgent_findings": SimpleLazyObject(
            lambda: [
                card(f) for f in findings_urgent_unacknowledged(user=user, current=current_findings(request))
            ]
        ),
        "findings_count": SimpleLazyObject(lambda: sum(1 for c in current_findings(request) if c.notable)),
        "emergency_lines": SimpleLazyObject(lambda: _emergency_links(user)),
    }
