"""Self-checks: the withdrawal score (SOWS, 16 statements, 0-4 each) and the DSM-5 dependence
self-check (11 yes/no questions about the past 12 months), each a journal entry (kind "selfchecks":
History, export, delete and undo like any entry).

The SOWS has no kratom cut-offs, so its result is the total and its trend, never a severity label; the
DSM-5 result says plainly that it is a self-check, not a diagnosis. speciosa.journal.selfchecks stores
and scores; this module parses the answers and renders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from speciosa.core.errors import ConfirmationRequired, InvalidInput
from speciosa.journal import selfchecks as journal_selfchecks
from speciosa.journal.selectors import user_zone
from speciosa.web.presenters.findings_display import source_refs
from speciosa.web.presenters.taper_charts import sows_chart, span_days
from speciosa.web.shortcuts import owned_or_404, posted_uid, success_with_undo
from speciosa.web.views.journal_delete import delete_entry

INSTRUMENTS = ("sows", "dsm5")
#: How many past answers the pages list.
HISTORY = 30


@dataclass(frozen=True)
class Item:
    number: int  # 1-based
    name: str  # the input's name: a0, a1, ...
    text: str
    chosen: int | None
    error: str


def _items(
    instrument: str, posted: dict[str, Any] | None = None, errors: dict[int, str] | None = None
) -> list[Item]:
    form = journal_selfchecks.form_of(instrument)
    items = []
    for index, text in enumerate(form.items):
        raw = (posted or {}).get(f"a{index}", "")
        chosen = int(raw) if str(raw).isdigit() else None
        items.append(Item(index + 1, f"a{index}", text, chosen, (errors or {}).get(index, "")))
    return items


def _answers(request: HttpRequest, count: int) -> tuple[list[Any], dict[int, str]]:
    answers: list[Any] = []
    missing: dict[int, str] = {}
    for index in range(count):
        raw = request.POST.get(f"a{index}", "").strip()
        if not raw:
            missing[index] = "choose an answer"
            answers.append(None)
        else:
            answers.append(int(raw) if raw.lstrip("-").isdigit() else raw)
    return answers, missing


def _place(field: str) -> int | None:
    """The item a journal error names ("answers[3]" → 3)."""
    if field.startswith("answers[") and field.endswith("]"):
        inner = field[len("answers[") : -1]
        return int(inner) if inner.isdigit() else None
    return None


def _form_page(request: HttpRequest, instrument: str) -> HttpResponse:
    form = journal_selfchecks.form_of(instrument)
    errors: dict[int, str] = {}
    other: list[str] = []
    if request.method == "POST":
        answers, errors = _answers(request, len(form.items))
        if not errors:
            uid = posted_uid(request)
            try:
                check = journal_selfchecks.selfcheck_create(
                    user=request.user,
                    instrument=instrument,
                    answers=answers,
                    note=request.POST.get("note", "").strip(),
                    uid=str(uid) if uid else None,
                )
            except (InvalidInput, ConfirmationRequired) as error:
                for problem in error.errors:
                    place = _place(problem.field)
                    if place is None:
                        other.append(
                            f"{problem.field}: {problem.message}" if problem.field else problem.message
                        )
                    else:
                        errors[place] = problem.message
            else:
                success_with_undo(request, f"Saved: {form.short}, {check.result.label}.")
                return redirect("web:selfcheck", uid=check.entry.uid)
    posted = dict(request.POST.items()) if request.method == "POST" else None
    context = {
        "nav": "selfchecks",
        "instrument": instrument,
        "form": form,
        "items": _items(instrument, posted, errors),
        "problems": [(i + 1, form.items[i], message) for i, message in sorted(errors.items())],
        "other_problems": other,
        "note": (posted or {}).get("note", ""),
        "sources": source_refs(form.sources),
    }
    return render(request, "web/selfchecks/form.html", context)


@require_http_methods(["GET", "POST"])
def selfcheck_sows(request: HttpRequest) -> HttpResponse:
    return _form_page(request, "sows")


@require_http_methods(["GET", "POST"])
def selfcheck_dsm5(request: HttpRequest) -> HttpResponse:
    return _form_page(request, "dsm5")


def sows_trend(request: HttpRequest, checks: list[journal_selfchecks.ScoredCheck], *, today: date) -> Any:
    """The SOWS totals as a line from the first listed to today (or None with no scores)."""
    if not checks:
        return None
    zone = user_zone(user=request.user)
    scores = [(c.at.astimezone(zone), c.result.total) for c in reversed(checks)]
    days = span_days(scores[0][0].date(), max(today, scores[-1][0].date()))
    chart = sows_chart(
        "sows-trend",
        days,
        scores,
        title="Your withdrawal scores (SOWS, 0 to 64)",
        summary=(
            f"{len(scores)} score{'s' if len(scores) != 1 else ''} since {days[0]:%-d %b %Y}; "
            f"the latest {scores[-1][1]} of 64."
        ),
    )
    return chart, mark_safe(chart.svg)  # noqa: S308 - built by the presenters, every text escaped


@require_GET
def selfchecks(request: HttpRequest) -> HttpResponse:
    """Both questionnaires: the latest answer of each, links to answer again, and the history."""
    sows = journal_selfchecks.selfcheck_list(user=request.user, instrument="sows", limit=HISTORY)
    dsm5 = journal_selfchecks.selfcheck_list(user=request.user, instrument="dsm5", limit=HISTORY)
    today = timezone.localtime(timezone.now(), user_zone(user=request.user)).date()
    context = {
        "nav": "selfchecks",
        "sows": sows,
        "dsm5": dsm5,
        "sows_form": journal_selfchecks.form_of("sows"),
        "dsm5_form": journal_selfchecks.form_of("dsm5"),
        "trend": sows_trend(request, sows, today=today),
    }
    return render(request, "web/selfchecks/list.html", context)


def selfcheck(request: HttpRequest, uid: UUID) -> HttpResponse:
    """One self-check's result: the SOWS total with the trend, or the DSM-5 count with its band."""
    entry = owned_or_404(request, "selfchecks", uid)  # someone else's is not found, whatever the method
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    check = journal_selfchecks.scored(entry)  # type: ignore[arg-type]
    instrument = check.entry.instrument
    form = journal_selfchecks.form_of(instrument)
    history = journal_selfchecks.selfcheck_list(user=request.user, instrument=instrument, limit=HISTORY)
    today = timezone.localtime(timezone.now(), user_zone(user=request.user)).date()
    yes = [text for text, answer in zip(form.items, check.entry.answers, strict=False) if answer]
    context = {
        "nav": "selfchecks",
        "check": check,
        "form": form,
        "history": history,
        "yes": yes,
        "sources": source_refs(form.sources),
        "trend": sows_trend(request, history, today=today) if instrument == "sows" else None,
    }
    return render(request, "web/selfchecks/result.html", context)


@require_http_methods(["GET", "POST"])
def selfcheck_delete(request: HttpRequest, uid: UUID) -> HttpResponse:
    """GET: ask to confirm. POST: delete it (Undo brings it back)."""
    return delete_entry(request, kind="selfchecks", uid=uid, default_next="web:selfchecks")
