"""Learn search (issue 12): /learn/search/?q= — the guide, questions, claims, legal status,
interactions, safety checks, red flags and sources, best first (speciosa.journal.search)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from speciosa.journal.search import search

#: Longest query read (the rest is ignored).
MAX_QUERY = 200


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    results = search(query) if query else None
    return render(request, "web/learn/search.html", {"nav": "learn", "q": query, "results": results})
