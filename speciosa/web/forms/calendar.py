"""The Calendar page's form: the time of the daily check-in reminder."""

from __future__ import annotations

from django import forms


class ReminderForm(forms.Form):
    reminder_time = forms.TimeField(
        label="Time of the reminder",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text="Your local time. Leave empty for no reminder.",
    )
