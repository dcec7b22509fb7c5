"""Helpers every view uses: the one way to load a person's object, and errors onto forms."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.http import Http404

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
