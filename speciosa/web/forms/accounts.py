"""Sign-up: a username, a password twice and the time zone the person's days start in."""

from __future__ import annotations

from typing import Any

from django import forms

from speciosa.web.forms.fields import choose, zone_choices


class SignupForm(forms.Form):
    username = forms.CharField(
        max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"})
    )
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters, not a common password.",
    )
    password_again = forms.CharField(
        label="Password again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    timezone = forms.ChoiceField(
        label="Time zone",
        initial="UTC",
        help_text="Your days start at midnight in this zone (this browser's zone is filled in).",
        widget=forms.Select(attrs={"data-browser-timezone": ""}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "timezone", zone_choices())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password") and cleaned.get("password_again") != cleaned["password"]:
            self.add_error("password_again", "does not match the password")
        return cleaned
