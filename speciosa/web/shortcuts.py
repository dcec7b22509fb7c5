"""Helpers every view uses: the one way to load a person's object, errors onto forms, where to go
after a change, and the success message (with Undo when there is a change to undo)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from speciosa.core.errors import ApplicationError, NotFound
from speciosa.journal import entries as m
from speciosa.journal import selectors
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


# --- after a change ----------------------------------------------------------------------------


def next_url(request: HttpRequest, default: str = "web:today") -> str:
    """The `next` address from the form or query (History sends one), if it is on this site; else
    `default`, a URL name or an address."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default)


def go_next(request: HttpRequest, default: str = "web:today") -> HttpResponseRedirect:
    return HttpResponseRedirect(next_url(request, default))


def success_with_undo(request: HttpRequest, text: str, change_id: int | None = None) -> None:
    """A success message with an Undo button for the change just made: `change_id`, or else the
    person's latest change. Without any change to undo, the message alone."""
    if change_id is None:
        change = selectors.change_last(user=request.user)
        change_id = change.id if change else None
    if change_id is None:
        messages.success(request, text)
    else:
        messages.success(request, text, extra_tags=f"undo:{change_id}")


def posted_version(request: Any) -> int | None:
    """The version of the entry an edit form was filled from (its hidden `version` input): the save
    is refused if the entry changed since. None (no check) for a form without one."""
    value = str(request.POST.get("version", "")).strip()
    return int(value) if value.isdigit() else None


def posted_uid(request: Any) -> UUID | None:
    """The uid a new-entry form was rendered with (its hidden `uid` input, `{% new_entry_uid %}`): a
    second submit of the same form (a double tap, a resent request) finds the entry the first one
    stored instead of logging it twice. None for a form without one."""
    try:
        return UUID(str(request.POST.get("uid", "")).strip())
    except ValueError:
        return None


def changed_elsewhere(singular: str) -> str:
    """Why an edit was not saved: the entry changed in another tab or on another device meanwhile."""
    return (
        f"This {singular} was changed elsewhere (in another tab or on another device) while you were "
        f"editing it, so your changes were not saved. The form now shows the {singular} as it is "
        "stored; make your change again if it is still needed."
    )
