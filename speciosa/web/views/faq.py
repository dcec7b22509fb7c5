"""Learn: questions people ask (/learn/faq/), every question grouped, each answer under a <details>
with its evidence grade, sources, guide links and the person's own line (speciosa.journal.faq: the same
as GET /api/v1/learn/faq and `speciosa faq`)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from speciosa.journal import faq as journal_faq
from speciosa.web.presenters.findings_display import grade_label, source_url


def faq(request: HttpRequest) -> HttpResponse:
    words = request.GET.get("q", "").strip()[:200]
    groups = journal_faq.faq_read(user=request.user, now=timezone.now(), words=words)
    for group in groups:
        for q in group["questions"]:
            q["grade_label"] = grade_label(q["grade"])
            q["source_links"] = [{"id": s, "url": source_url(s)} for s in q["sources"]]
    return render(request, "web/learn/faq.html", {"nav": "learn", "groups": groups, "q": words})
