"""What the journal views share: where to go next, success messages with Undo, and deleting."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from speciosa.journal import selectors, services
from speciosa.journal.records import kind_named
from speciosa.web.shortcuts import owned_or_404
from speciosa.web.templatetags.journal_tags import entry_summary


def next_url(request: HttpRequest, default: str = "web:today") -> str:
    """The `next` address from the form or query, if it is on this site; else `default` (a URL name)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default)


def go_next(request: HttpRequest, default: str = "web:today") -> HttpResponseRedirect:
    return HttpResponseRedirect(next_url(request, default))


def success_with_undo(request: HttpRequest, text: str, change_id: int | None = None) -> None:
    """A success message carrying an Undo button for the change just made (the person's latest)."""
    if change_id is None:
        change = selectors.change_last(user=request.user)
        change_id = change.id if change else None
    if change_id is None:
        messages.success(request, text)
    else:
        messages.success(request, text, extra_tags=f"undo:{change_id}")


def delete_entry(
    request: HttpRequest, *, kind: str, uid: UUID | str, default_next: str = "web:today"
) -> HttpResponse:
    """GET: ask to confirm. POST: delete (undo brings it back). Another person's entry is a 404."""
    entry = owned_or_404(request, kind, uid)
    spec = kind_named(kind)
    if request.method == "POST":
        change = services.entry_delete(user=request.user, kind=kind, uid=entry.uid)
        assert change is not None  # only products are ever kept instead of deleted
        success_with_undo(request, f"Deleted the {spec.singular}: {entry_summary(kind, entry)}.", change.id)
        return go_next(request, default_next)
    context: dict[str, Any] = {
        "entry": entry,
        "kind": kind,
        "singular": spec.singular,
        "summary": entry_summary(kind, entry),
        "next": next_url(request, default_next),
    }
    return render(request, "web/journal/confirm_delete.html", context)
