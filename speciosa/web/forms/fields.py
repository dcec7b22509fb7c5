"""The fields and widgets every form shares: the person's own time to the minute, dates, time zones,
names, numbers and the note.

A `datetime-local` control shows and reads the person's own time (the middleware activates their
zone) to the minute; `same_wall_time` tells whether a changed value is really a change.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from django import forms
from django.utils import timezone

from speciosa.core.days import portable_zones
from speciosa.core.limits import MAX_NAME_CHARS, MAX_NOTE_CHARS

#: What a `datetime-local` control holds: the local date and time, to the minute.
LOCAL_MINUTE = "%Y-%m-%dT%H:%M"


@cache
def _current_zones() -> tuple[str, ...]:
    """Every current IANA zone a person might live in: no legacy aliases (US/…, Etc/…, GB, EST5EDT)."""
    legacy = ("Etc/", "SystemV/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/")
    names = (name for name in portable_zones() if "/" in name and name[0].isupper())
    return tuple(sorted(name for name in names if not name.startswith(legacy)))


def zone_choices(current: str = "") -> list[tuple[str, str]]:
    """UTC first, then every current zone by name; the person's `current` zone is always among them,
    even a legacy alias (set from the CLI or the API), so it stays selected and can be saved again."""
    names = list(_current_zones())
    if current and current != "UTC" and current not in names and current in portable_zones():
        names = sorted([*names, current])
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def choose(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    """Set the choices of a form's ChoiceField (known only once the form is made)."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


# --- times and dates --------------------------------------------------------------------------


class LocalDateTimeField(forms.DateTimeField):
    """A date and time in the person's zone. In the hour that repeats when clocks go back, the
    earlier of the two moments is meant (Django would refuse the time as ambiguous)."""

    def to_python(self, value: Any) -> datetime | None:
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if getattr(error, "code", None) != "ambiguous_timezone":
                raise
        with timezone.override(None):
            naive = forms.DateTimeField(input_formats=self.input_formats).to_python(value)
        assert naive is not None
        return naive.replace(tzinfo=timezone.get_current_timezone(), fold=0)


class LocalMinuteInput(forms.DateTimeInput):
    """A `datetime-local` control showing the person's own time, to the minute."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format=LOCAL_MINUTE)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def local_minute(moment: datetime) -> datetime:
    """A moment as the person's local time to the minute (what a `datetime-local` control shows)."""
    return timezone.localtime(moment).replace(second=0, microsecond=0)


def same_wall_time(a: datetime | None, b: datetime | None) -> bool:
    """Two moments shown as the same local minute (a form cannot tell the repeated hour apart)."""
    if a is None or b is None:
        return a is b
    local = timezone.get_current_timezone()
    return a.astimezone(local).replace(tzinfo=None, second=0, microsecond=0) == b.astimezone(local).replace(
        tzinfo=None, second=0, microsecond=0
    )


def when_field(label: str = "When", *, required: bool = True, help_text: str = "") -> LocalDateTimeField:
    return LocalDateTimeField(
        label=label,
        required=required,
        help_text=help_text or "In your own time zone. It cannot be more than a few minutes in the future.",
        widget=LocalMinuteInput(),
    )


def date_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=DateInput())


# --- words and numbers ------------------------------------------------------------------------


def text(label: str, *, required: bool = False, help_text: str = "", **attrs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_NAME_CHARS,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


def number(label: str, *, required: bool = False, help_text: str = "", **attrs: Any) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal", **attrs}),
    )


def note_field() -> forms.CharField:
    return forms.CharField(
        label="Note",
        required=False,
        max_length=MAX_NOTE_CHARS,
        help_text=f"Anything you want to remember (up to {MAX_NOTE_CHARS} characters).",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
