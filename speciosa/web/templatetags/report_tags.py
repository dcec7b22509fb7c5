"""Words for the clinician summary as a page: the same numbers, days and dates the PDF prints
(speciosa.reports.pdf), so the page behind a share link and the PDF say the same thing."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from speciosa.reports import pdf

register = template.Library()


@register.filter
def figure(value: float | None) -> str:
    """A figure as the PDF prints it: one decimal at most, "–" for none."""
    return pdf.num(value)


@register.filter
def day(value: date) -> str:
    """A day as the PDF prints it: "6 Dec 2026"."""
    return pdf.day_words(value)


@register.filter
def clock(value: datetime) -> str:
    """The time of day in the datetime's own zone (the person's), not the viewer's."""
    return f"{value:%H:%M}"


@register.simple_tag
def medication_dates(started: date | None, stopped: date | None) -> str:
    return pdf.dates_words(started, stopped)
