"""The Reports page's period: From and To (the query's `from` and `to`, the names the API and the
download links use; both optional, the last 90 days by default)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from speciosa.web.forms.fields import date_field


class ReportPeriodForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # `from` is a Python keyword, so the fields are added by name rather than declared.
        self.fields["from"] = date_field("From")
        self.fields["to"] = date_field("To")

    def days(self) -> tuple[date | None, date | None]:
        """The days asked for (call after is_valid)."""
        return self.cleaned_data.get("from"), self.cleaned_data.get("to")
