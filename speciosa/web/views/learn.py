"""Learn: the hub that leads to what the sources really say (issue 12): the guide, the FAQ, the claim
checker, legal status by place, search, and every source the product uses."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

#: The parts of Learn: (path, title, what it holds).
PARTS: tuple[tuple[str, str, str], ...] = (
    (
        "/learn/guide/",
        "Guide",
        "What kratom is, doses as the sources report them, forms, veins, side effects, "
        "dependence, interactions, product quality, drug tests, pregnancy: each statement with its "
        "evidence grade.",
    ),
    (
        "/learn/faq/",
        "Questions people ask",
        "The questions the popular articles ask, answered from the sources.",
    ),
    (
        "/learn/claims/",
        "Claim checker",
        "Paste a vendor's text: each known marketing claim is marked with what the evidence says.",
    ),
    (
        "/learn/legal/",
        "Where kratom is legal",
        "A US state, a US city or county, or a country: the status, since when, and how sure we are.",
    ),
    ("/sources/", "Sources and evidence", "Every source the product uses, with its grade and what cites it."),
)


def learn(request: HttpRequest) -> HttpResponse:
    return render(request, "web/learn/learn.html", {"nav": "learn", "parts": PARTS})
