"""History (every entry by local day, with a month calendar and search) and Undo."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from speciosa.core.days import days_window, local_day, totals_by_day
from speciosa.core.errors import ApplicationError, InvalidInput, NotFound
from speciosa.journal import entries as m
from speciosa.journal import selectors, services
from speciosa.journal.records import kind_named
from speciosa.web.forms import HistoryFilter
from speciosa.web.shortcuts import go_next, next_url
from speciosa.web.templatetags.journal_tags import entry_summary

#: URL-name stem of each kind's edit and delete pages (`web:<stem>_edit`, `web:<stem>_delete`).
URL_STEMS = {
    "doses": "dose",
    "checkins": "checkin",
    "substances": "substance",
    "therapies": "therapy",
    "labs": "lab",
    "products": "product",
    "medications": "medication",
}
KIND_LABELS = {
    "doses": "Dose",
    "checkins": "Check-in",
    "substances": "Substance",
    "therapies": "Therapy or activity",
    "labs": "Lab result",
}


def entry_url(kind: str, action: str, uid: object, back: str) -> str | None:
    """The edit or delete page for an entry, or None while that page does not exist yet."""
    try:
        url = reverse(f"web:{URL_STEMS[kind]}_{action}", kwargs={"uid": uid})
    except (NoReverseMatch, KeyError):
        return None
    return f"{url}?{urlencode({'next': back})}"


@dataclass(frozen=True)
class Row:
    kind: str
    label: str
    moment: datetime | None
    summary: str
    note: str
    edit_url: str | None
    delete_url: str | None


@dataclass(frozen=True)
class CalendarDay:
    day: date | None
    doses: int
    grams: float
    url: str


def month_calendar(*, user: Any, month: date, today: date) -> list[list[CalendarDay]]:
    """Weeks (Monday first) of one month; each day with its dose count and a link to its list."""
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    tz = selectors.user_zone(user=user)
    start, end = days_window(first, last, tz)
    doses = selectors.entry_list(user=user, kind="doses", start=start, end=end).values_list(
        "taken_at", "grams"
    )
    totals = totals_by_day(doses, first, last, tz)
    history = reverse("web:history")
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        row = []
        for day in week:
            if day.month != first.month:
                row.append(CalendarDay(None, 0, 0.0, ""))
                continue
            count, grams = totals[day]
            url = f"{history}?{urlencode({'start': day, 'end': day})}" if day <= today else ""
            row.append(CalendarDay(day, count, round(grams, 3), url))
        weeks.append(row)
    return weeks


def window_url(start: date, end: date, search: str) -> str:
    query = {"start": start, "end": end} | ({"q": search} if search else {})
    return f"{reverse('web:history')}?{urlencode(query)}"


@require_GET
def history(request: HttpRequest) -> HttpResponse:
    today = local_day(timezone.now(), selectors.user_zone(user=request.user))
    form = HistoryFilter(request.GET or None)
    start, end = form.window(today)
    search = form.cleaned_data.get("q", "") if form.is_valid() else ""
    try:
        found = selectors.history_days(user=request.user, first=start, last=end, search=search)
    except InvalidInput:  # a span the form has already named as wrong: show the last 30 days meanwhile
        start = end - timedelta(days=29)
        found = selectors.history_days(user=request.user, first=start, last=end, search=search)
    back = request.get_full_path()
    days = []
    for group in found:
        rows = [
            Row(
                kind=kind,
                label=KIND_LABELS[kind],
                moment=None if kind == "labs" else moment,
                summary=entry_summary(kind, entry),
                note=entry.note,
                edit_url=entry_url(kind, "edit", entry.uid, back),
                delete_url=entry_url(kind, "delete", entry.uid, back),
            )
            for kind, moment, entry in reversed(group.entries)
        ]
        doses = sum(1 for row in rows if row.kind == "doses")
        days.append({"day": group.day, "grams": group.grams, "doses": doses, "rows": rows})
    span = (end - start).days + 1
    month = end.replace(day=1)
    previous_month = (month - timedelta(days=1)).replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    context = {
        "nav": "history",
        "form": form,
        "start": start,
        "end": end,
        "search": search,
        "days": days,
        "earlier_url": window_url(start - timedelta(days=span), start - timedelta(days=1), search),
        "later_url": window_url(end + timedelta(days=1), min(end + timedelta(days=span), today), search)
        if end < today
        else "",
        "month": month,
        "weeks": month_calendar(user=request.user, month=month, today=today),
        "weekdays": [calendar.day_abbr[i] for i in range(7)],
        "previous_month_url": window_url(previous_month, month - timedelta(days=1), search),
        "next_month_url": window_url(next_month, _month_end(next_month, today), search)
        if next_month <= today
        else "",
    }
    return render(request, "web/journal/history.html", context)


def _month_end(month: date, today: date) -> date:
    return min(month.replace(day=calendar.monthrange(month.year, month.month)[1]), today)


# --- undo -------------------------------------------------------------------------------------

VERBS = {
    m.Change.Action.CREATE: "adding",
    m.Change.Action.UPDATE: "editing",
    m.Change.Action.DELETE: "deleting",
}
DONE = {
    m.Change.Action.CREATE: "removed the {singular} you added",
    m.Change.Action.UPDATE: "put the {singular} back as it was",
    m.Change.Action.DELETE: "brought back the {singular} you deleted",
}


def describe_change(*, user: Any, change: m.Change) -> str:
    """ "adding a dose: 4 g · Maeng Da", from the entry as it is now, or as it was if deleted."""
    spec = kind_named(change.kind)
    article = "an" if spec.singular[0] in "aeiou" else "a"
    text = f"{VERBS[m.Change.Action(change.action)]} {article} {spec.singular}"
    try:
        if change.action == m.Change.Action.DELETE and change.before:
            entry: Any = spec.record.model_validate(change.before)
        else:
            entry = selectors.entry_get(user=user, kind=change.kind, uid=change.uid)
    except (NotFound, ValueError):
        return text
    return f"{text}: {entry_summary(change.kind, entry)}"


def undo(request: HttpRequest) -> HttpResponse:
    """GET: what would be undone. POST: undo it (a named change, else the latest)."""
    if request.method != "POST":
        change = selectors.change_last(user=request.user)
        description = describe_change(user=request.user, change=change) if change else ""
        context = {"change": change, "description": description, "next": next_url(request)}
        return render(request, "web/journal/undo.html", context)
    raw = request.POST.get("change", "").strip()
    try:
        change = services.change_undo(user=request.user, change_id=int(raw) if raw else None)
    except (NotFound, ValueError):
        messages.error(request, "There is nothing to undo, or that change was already undone.")
        return go_next(request)
    except ApplicationError as error:
        messages.error(request, "Could not undo: " + "; ".join(e.message for e in error.errors) + ".")
        return go_next(request)
    singular = kind_named(change.kind).singular
    messages.success(
        request, "Undone: " + DONE[m.Change.Action(change.action)].format(singular=singular) + "."
    )
    return go_next(request)  # an undone check-in may bring a red flag back, or take one away
