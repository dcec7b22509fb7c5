"""Template filters for the safety parts of the pages: source ids as links, grades in words, and times
of the dose timeline."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django import template
from django.utils import timezone

from speciosa.web.presenters import findings_display as display

register = template.Library()


@register.filter
def source_refs(ids: Iterable[str]) -> list[display.SourceRef]:
    """Source ids → links to their entries on the Sources page (see web/safety/_sources.html)."""
    return display.source_refs(ids)


@register.filter
def grade_label(grade: str) -> str:
    return display.grade_label(grade)


@register.filter
def clock(moment: datetime | None) -> str:
    """A local time as "14:05", with the weekday when it is not today: "Fri 23:40"."""
    if moment is None:
        return "–"
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return f"{local:%H:%M}"
    return f"{local:%a %H:%M}"
