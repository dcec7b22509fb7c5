"""Learn: the guide (issue 12): the list of topics and one topic's statements, each with its sources and
evidence grade; a searchable table (interactions) is filtered by ?q= on the server, so it works
without JavaScript."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from speciosa.refdata.guide import filter_table, guide, guide_topic


def guide_index(request: HttpRequest) -> HttpResponse:
    return render(request, "web/learn/guide.html", {"nav": "learn", "topics": guide()})


def guide_topic_page(request: HttpRequest, slug: str) -> HttpResponse:
    topic = guide_topic(slug)
    if topic is None:
        raise Http404("No such guide topic")
    query = request.GET.get("q", "").strip()[:100]
    sections = [
        (
            section,
            filter_table(section.table, query)
            if section.table and section.table.searchable
            else section.table,
        )
        for section in topic.sections
    ]
    context = {"nav": "learn", "topic": topic, "sections": sections, "q": query}
    return render(request, "web/learn/guide_topic.html", context)
