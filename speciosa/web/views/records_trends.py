"""Trends: grams per day with a 7-day mean, grams per dose, doses per day, pain / PEG, lanes of
medications, substances and symptoms, and liver tests, over any span of up to a year; and, when there is
a taper plan, its staircase against the grams logged with the withdrawal scores under it (its own days).

Everything shown is read once by speciosa.journal.trends; this view parses the span, and
speciosa.web.presenters.charts draws."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from speciosa.core.errors import InvalidInput
from speciosa.journal import trends as journal_trends
from speciosa.journal.selectors import MAX_HISTORY_DAYS
from speciosa.journal.taper import taper_latest
from speciosa.web.presenters import charts
from speciosa.web.views.taper import plan_charts

WINDOWS = journal_trends.WINDOWS
DEFAULT_WINDOW = journal_trends.DEFAULT_WINDOW
#: The names of the form's fields, as the page shows them, for error messages.
FIELD_LABELS = {"first": "From", "last": "To"}


def window_from(value: str | None) -> int:
    """The window asked for, or 30 days for anything else."""
    try:
        days = int(value or DEFAULT_WINDOW)
    except ValueError:
        return DEFAULT_WINDOW
    return days if days in WINDOWS else DEFAULT_WINDOW


def _day(value: str, field: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput("is not a date (use the form YYYY-MM-DD)", field=field) from None


def _span(request: HttpRequest) -> tuple[journal_trends.TrendRange, dict[str, str] | None, dict[str, str]]:
    """The span asked for, an error naming the field at fault (then the last 30 days), and the
    custom dates as typed (so the form keeps them)."""
    now = timezone.now()
    typed = {"from": request.GET.get("from", ""), "to": request.GET.get("to", "")}
    try:
        if typed["from"].strip() or typed["to"].strip():
            first, last = _day(typed["from"], "first"), _day(typed["to"], "last")
            return (
                journal_trends.trends_range(user=request.user, now=now, first=first, last=last),
                None,
                typed,
            )
        since_first = request.GET.get("range") == journal_trends.RangeKind.SINCE_FIRST.value
        days = window_from(request.GET.get("days"))
        return (
            journal_trends.trends_range(user=request.user, now=now, days=days, since_first=since_first),
            None,
            typed,
        )
    except InvalidInput as error:
        problem = error.errors[0]
        span = journal_trends.trends_range(user=request.user, now=now, days=DEFAULT_WINDOW)
        return (
            span,
            {
                "field": problem.field,
                "label": FIELD_LABELS.get(problem.field, "Dates"),
                "message": problem.message,
            },
            typed,
        )


def _span_words(span: journal_trends.TrendRange) -> str:
    if span.kind == journal_trends.RangeKind.WINDOW:
        return f"last {span.days} days"
    return (
        f"{charts.short_day(span.first)} {span.first.year} to {charts.short_day(span.last)} {span.last.year}"
    )


def trends(request: HttpRequest) -> HttpResponse:
    span, error, typed = _span(request)
    found = journal_trends.trends_read(user=request.user, span=span)
    days = [row.day for row in found.days]
    words = _span_words(span)
    grams = charts.bar_chart(
        "grams",
        days,
        [row.grams for row in found.days],
        title="Grams of kratom per day",
        span=words,
        summary=found.summaries.grams,
        unit="g",
        column="Grams",
        mean=[row.rolling_grams for row in found.days],
        mean_name="7-day mean",
    )
    lanes = charts.lanes_chart(
        "lanes",
        days,
        found.lanes,
        title="Kratom beside medications, other substances and symptoms",
        span=words,
        summary=found.summaries.lanes,
    )
    per_dose = charts.line_chart(
        "perdose",
        days,
        [charts.Series("Grams per dose", [row.grams_per_dose for row in found.days], "perdose")],
        title="Grams per dose",
        span=words,
        summary=found.summaries.grams_per_dose,
        unit="g",
    )
    doses = charts.bar_chart(
        "doses",
        days,
        [float(row.doses) for row in found.days],
        title="Doses per day",
        span=words,
        summary=found.summaries.doses,
        unit="doses",
        column="Doses",
        counts=True,
    )
    pain = charts.line_chart(
        "pain",
        days,
        [
            charts.Series("Pain now", [row.pain for row in found.days], "pain"),
            charts.Series("PEG score", [row.peg for row in found.days], "peg"),
        ],
        title="Pain and PEG score (0–10), daily means",
        span=words,
        summary=found.summaries.pain,
        top=10.0,
    )
    labs = (
        [
            charts.lab_chart(
                "labs",
                days,
                found.labs,
                title="Liver tests against their upper limits",
                span=words,
                summary=found.summaries.labs,
            )
        ]
        if found.labs
        else []
    )
    drawn = [grams, lanes, per_dose, doses, pain, *labs]
    context = {
        "nav": "trends",
        "span": span,
        "windows": [
            (window, span.kind == journal_trends.RangeKind.WINDOW and span.days == window)
            for window in WINDOWS
        ],
        "since_first": span.kind == journal_trends.RangeKind.SINCE_FIRST,
        "custom": span.kind == journal_trends.RangeKind.CUSTOM,
        "typed": typed,
        "error": error,
        "max_days": MAX_HISTORY_DAYS,
        "charts": [(chart, mark_safe(chart.svg)) for chart in drawn],  # noqa: S308 - built by charts.py, every text escaped
        "lab_count": len(labs),
        "found": found,
        "summary": {
            "total_grams": charts.number(found.total_grams),
            "dose_days": found.dose_days,
            "mean_grams_on_dose_days": charts.number(found.mean_grams_on_dose_days),
            "checkin_days": found.checkin_days,
        },
    }
    plan = taper_latest(user=request.user)
    if plan is not None:
        context["taper"] = plan
        context["taper_charts"] = plan_charts(plan, prefix="trends-taper")
    return render(request, "web/records/trends.html", context)
