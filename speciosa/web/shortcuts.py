"""Helpers every view uses: the one way to load a person's object, and errors onto forms."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django import forms
from django.http import Http404
from django.utils import timezone as dj_timezone

from speciosa.core.errors import ApplicationError, NotFound
from speciosa.journal import models as m
from speciosa.journal.selectors import entry_get


def owned_or_404(request: Any, kind: str, uid: UUID | str) -> m.Entry:
    """The signed-in person's entry, or 404: another person's entry looks exactly like a missing one."""
    try:
        return entry_get(user=request.user, kind=kind, uid=uid)
    except NotFound:
        raise Http404("not found") from None


def add_errors(form: forms.Form, error: ApplicationError) -> None:
    """Put an ApplicationError's field errors on the form fields they name (others on the form)."""
    for item in error.errors:
        name = item.field.split(".")[0].split("[")[0]
        target = name if name in form.fields else None
        if target == "amount" or target is None and name in {"grams"}:
            target = "amount" if "amount" in form.fields else None
        form.add_error(
            target,
            item.message if target else f"{item.field}: {item.message}" if item.field else item.message,
        )


class LocalDateTimeField(forms.DateTimeField):
    """A date and time in the person's zone. In the hour that repeats when clocks go back, the
    earlier of the two moments is meant (Django would refuse the time as ambiguous)."""

    def to_python(self, value: Any) -> datetime | None:
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            if getattr(error, "code", None) != "ambiguous_timezone":
                raise
        with dj_timezone.override(None):
            naive = forms.DateTimeField(input_formats=self.input_formats).to_python(value)
        assert naive is not None
        return naive.replace(tzinfo=dj_timezone.get_current_timezone(), fold=0)


def same_wall_time(a: datetime | None, b: datetime | None) -> bool:
    """Two moments shown as the same local minute (a form cannot tell the repeated hour apart)."""
    if a is None or b is None:
        return a is b
    local = dj_timezone.get_current_timezone()
    return a.astimezone(local).replace(tzinfo=None, second=0, microsecond=0) == b.astimezone(local).replace(
        tzinfo=None, second=0, microsecond=0
    )


def posted_version(request: Any) -> int | None:
    """The version of the entry an edit form was filled from (its hidden `version` input): the save
    is refused if the entry changed since. None (no check) for a form without one."""
    value = str(request.POST.get("version", "")).strip()
    return int(value) if value.isdigit() else None


def changed_elsewhere(singular: str) -> str:
    """Why an edit was not saved: the entry changed in another tab or on another device meanwhile."""
    return (
        f"This {singular} was changed elsewhere (in another tab or on another device) while you were "
        f"editing it, so your changes were not saved. The form now shows the {singular} as it is "
        "stored; make your change again if it is still needed."
    )
