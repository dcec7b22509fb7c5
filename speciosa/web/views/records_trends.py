"""Trends: daily grams, doses per day and pain / PEG over the last 30, 90 or 365 days."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from speciosa.journal import selectors
from speciosa.web.presenters import charts

WINDOWS = (30, 90, 365)
DEFAULT_WINDOW = 30


def window_from(value: str | None) -> int:
    """The window asked for, or 30 days for anything else."""
    try:
        days = int(value or DEFAULT_WINDOW)
    except ValueError:
        return DEFAULT_WINDOW
    return days if days in WINDOWS else DEFAULT_WINDOW


def trends(request: HttpRequest) -> HttpResponse:
    days = window_from(request.GET.get("days"))
    trend = selectors.trends_get(user=request.user, days=days, now=timezone.now())
    dates = [row.day for row in trend]
    grams = charts.bar_chart(
        "grams",
        dates,
        [row.grams for row in trend],
        title=f"Grams of kratom per day, last {days} days",
        unit="g",
        column="Grams",
    )
    doses = charts.bar_chart(
        "doses",
        dates,
        [float(row.doses) for row in trend],
        title=f"Doses per day, last {days} days",
        unit="doses",
        column="Doses",
        counts=True,
    )
    pain = charts.line_chart(
        "pain",
        dates,
        [
            charts.Series("Pain now", [row.pain for row in trend], "pain"),
            charts.Series("PEG score", [row.peg for row in trend], "peg"),
        ],
        title=f"Pain and PEG score (0–10), daily means, last {days} days",
    )
    figures = selectors.trends_summary(trend)
    summary = {
        "total_grams": charts.number(figures.total_grams),
        "dose_days": figures.dose_days,
        "mean_grams_on_dose_days": charts.number(figures.mean_grams_on_dose_days),
        "checkin_days": figures.checkin_days,
    }
    context = {
        "nav": "trends",
        "days": days,
        "windows": WINDOWS,
        "charts": [(chart, mark_safe(chart.svg)) for chart in (grams, doses, pain)],  # noqa: S308 - built by charts.py, every text escaped
        "summary": summary,
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
    }
    return render(request, "web/records/trends.html", context)
