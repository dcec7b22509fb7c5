"""Learn: legal status by place (issue 12): a lookup form and every entry grouped by status, the
person's own place first when their profile names one. Nothing is sent anywhere."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from speciosa.core.legal import NO_ENTRY, TRAVEL, grouped, lookup, own_place
from speciosa.journal import selectors
from speciosa.refdata import Source, sources
from speciosa.refdata.legal import STATUSES, VERIFY_LOCALLY, LegalPlace


@require_GET
def legal_page(request: HttpRequest) -> HttpResponse:
    profile = selectors.profile_get(user=request.user)
    mine = own_place(country=profile.country, region=profile.region, zone=profile.timezone)
    place = request.GET.get("place", "").strip()[:100]
    known = sources()

    def cards(entries: object) -> list[tuple[LegalPlace, list[Source]]]:
        return [(e, [known[i] for i in e.sources]) for e in entries]  # type: ignore[attr-defined]

    answers = lookup(place) if place else []
    context = {
        "nav": "learn",
        "place": place,
        "answers": [cards(a.entries) for a in answers],
        "mine": cards(mine.entries) if mine else [],
        "region_set": bool(profile.region),
        "groups": [(label, meaning, cards(members)) for label, meaning, members in grouped()],
        "statuses": STATUSES,
        "no_entry": NO_ENTRY,
        "travel": TRAVEL,
        "verify_locally": VERIFY_LOCALLY,
    }
    return render(request, "web/learn/legal.html", context)
