"""Deleting a dose or a check-in: a page to confirm it, then the deletion, with Undo."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from speciosa.journal import services
from speciosa.journal.records import kind_named
from speciosa.web.shortcuts import go_next, next_url, owned_or_404, success_with_undo
from speciosa.web.templatetags.journal_tags import entry_summary


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
