"""Calendar: the daily check-in reminder's time, the private feed address a calendar app subscribes to
(create or replace it, shown once; revoke it), a one-off .ics download, and the feed itself, opened by
its token without signing in (the token is the credential; an unknown, replaced or revoked one is a 404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from speciosa.journal import calendar_feeds, selectors
from speciosa.reports.base import period_of
from speciosa.reports.calendar import EXPORTERS
from speciosa.web.forms.calendar import ReminderForm

(CALENDAR,) = EXPORTERS


def _page(request: HttpRequest, status: int = 200, **extra: Any) -> HttpResponse:
    settings = calendar_feeds.calendar_get(user=request.user)
    context = {
        "nav": "calendar",
        "calendar": settings,
        "has_feed": settings.has_feed,
        "zone": selectors.user_zone(user=request.user).key,
        "reminder_form": extra.pop("reminder_form", None)
        or ReminderForm(initial={"reminder_time": settings.reminder_time}),
        **extra,
    }
    return render(request, "web/records/calendar.html", context, status=status)


@require_GET
def calendar_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
def reminder_save(request: HttpRequest) -> HttpResponse:
    form = ReminderForm({} if "clear" in request.POST else request.POST)
    if not form.is_valid():
        return _page(request, status=400, reminder_form=form)
    at = form.cleaned_data["reminder_time"]
    calendar_feeds.reminder_set(user=request.user, at=at)
    if at:
        messages.success(request, f"Your daily check-in reminder is at {at:%H:%M}, in your calendar.")
    else:
        messages.success(request, "Your calendar no longer has a daily check-in reminder.")
    return redirect("web:calendar")


@never_cache
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    """A new feed address, shown on this response only; an earlier one stops working at once."""
    replaced = calendar_feeds.calendar_get(user=request.user).has_feed
    raw = calendar_feeds.feed_token_create(user=request.user)
    url = request.build_absolute_uri(reverse("web:calendar_feed", kwargs={"token": raw}))
    return _page(request, new_feed_url=url, replaced=replaced)


@require_POST
def feed_revoke(request: HttpRequest) -> HttpResponse:
    if calendar_feeds.feed_revoke(user=request.user):
        messages.success(request, "Revoked your calendar address: calendar apps can no longer read it.")
    return redirect("web:calendar")


def _ics(user: Any, *, attachment: bool) -> StreamingHttpResponse:
    now = timezone.now()
    period = period_of(user=user, start=None, end=None, now=now)
    response = StreamingHttpResponse(
        CALENDAR.render(user=user, period=period, now=now),
        content_type=f"{CALENDAR.media_type}; charset=utf-8",
    )
    if attachment:
        response["Content-Disposition"] = f'attachment; filename="{CALENDAR.filename(period)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def calendar_download(request: HttpRequest) -> StreamingHttpResponse:
    """The calendar as a file, for the signed-in person."""
    return _ics(request.user, attachment=True)


@login_not_required
@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> StreamingHttpResponse:
    """The feed a calendar app subscribes to: read-only, that person's only."""
    user = calendar_feeds.feed_user(raw=token)
    if user is None:
        raise Http404("no such calendar")
    response = _ics(user, attachment=False)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
