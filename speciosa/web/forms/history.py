"""The History filter: which days to show, and what to search for."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms

from speciosa.journal.selectors import MAX_HISTORY_DAYS
from speciosa.web.forms.fields import date_field


class HistoryFilter(forms.Form):
    """Which days History shows: a date range (default: the last 30 days) and a search."""

    start = date_field("From")
    end = date_field("To")
    q = forms.CharField(label="Search notes, products and side effects", required=False, max_length=200)

    def window(self, today: date) -> tuple[date, date]:
        """The chosen days, or the last 30 days when nothing valid was chosen."""
        data = self.cleaned_data if self.is_valid() else {}
        end = data.get("end") or today
        start = data.get("start") or end - timedelta(days=29)
        return start, end

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("start", "must be on or before the last day")
        elif start and end and (end - start).days >= MAX_HISTORY_DAYS:
            self.add_error("start", f"choose at most {MAX_HISTORY_DAYS} days at a time")
        return cleaned
