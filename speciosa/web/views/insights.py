"""The Insights page: what the person's own journal says, from speciosa.journal.insights (the same
numbers as GET /api/v1/insights and `speciosa insights`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from speciosa.journal import insights as journal_insights

#: Weeks of the PEG-3 table (the most recent).
PEG_WEEKS = 12


def insights(request: HttpRequest) -> HttpResponse:
    found = journal_insights.insights_read(user=request.user, now=timezone.now())
    context = {
        "nav": "insights",
        "found": found,
        "relief_groups": [g for g in found.relief.groups if g.eased.n],
        "peg_weeks": list(reversed(found.peg.weeks[-PEG_WEEKS:])),
        "months": list(reversed(found.tolerance.months)),
    }
    return render(request, "web/insights/insights.html", context)
