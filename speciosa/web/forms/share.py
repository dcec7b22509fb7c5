"""The share-link form: the report's period (From and To, the last 90 days when left empty) and how
many days the link lasts (14 unless chosen, 90 at most)."""

from __future__ import annotations

from django import forms

from speciosa.journal.share_links import DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS
from speciosa.web.forms.reports import ReportPeriodForm


class ShareLinkForm(ReportPeriodForm):
    expires_in_days = forms.IntegerField(
        label="Link lasts (days)",
        min_value=1,
        max_value=MAX_EXPIRY_DAYS,
        initial=DEFAULT_EXPIRY_DAYS,
        help_text=f"From today; {MAX_EXPIRY_DAYS} days at most.",
    )
