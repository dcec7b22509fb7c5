"""Show times in the signed-in person's own time zone."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from speciosa.journal.selectors import user_zone


class UserTimezoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            timezone.activate(user_zone(user=request.user))
        else:
            timezone.deactivate()
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer the app renders (pages, API, exports), so health data
    never sits in a browser's or a proxy's cache. Static files are served before this (WhiteNoise)
    and keep their long caching; a view that already said no-store keeps its own header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", ""):
            response["Cache-Control"] = "no-store"
        return response
