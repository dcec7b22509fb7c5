"""Adding, changing and deleting products, medications, alcohol and substances, therapies and lab
results: one form per kind, and a delete confirmation.

The URL conf passes the kind (`kind="products"`, ...) to these views; every object URL takes only
the entry's `uid`. A delete is POST-only and every change offers Undo. Objects are loaded only
through `owned_or_404`. Every change assesses the journal again, so the findings (a new medication's
interaction, a product's lab figures, a liver test) show on the next page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from speciosa.core.errors import ApplicationError, ConfirmationRequired, FieldError, StaleEntry
from speciosa.core.vocab import SubstanceKind, TherapyKind
from speciosa.journal import entries as m
from speciosa.journal import selectors, services
from speciosa.journal.names import NAME_FIELDS, name_check
from speciosa.web.forms import RECORD_FORMS, RecordForm
from speciosa.web.forms.fields import local_minute, same_wall_time
from speciosa.web.shortcuts import (
    add_errors,
    changed_elsewhere,
    go_next,
    next_url,
    owned_or_404,
    posted_uid,
    posted_version,
    success_with_undo,
)


@dataclass(frozen=True)
class RecordPage:
    """How one kind of entry appears on the pages."""

    kind: str
    singular: str  # "product"; also the prefix of its URL names
    title: str
    new_label: str

    @property
    def form(self) -> type[RecordForm]:
        return RECORD_FORMS[self.kind]

    @property
    def list_url_name(self) -> str:
        return f"web:{self.kind}"

    def url(self, action: str, entry: m.Entry) -> str:
        return reverse(f"web:{self.singular}_{action}", kwargs={"uid": entry.uid})


PAGES: dict[str, RecordPage] = {
    page.kind: page
    for page in (
        RecordPage("products", "product", "Products", "Add a product"),
        RecordPage("medications", "medication", "Medications", "Add a medication"),
        RecordPage("substances", "substance", "Alcohol and other substances", "Log alcohol or a substance"),
        RecordPage("therapies", "therapy", "Therapies and activities", "Log a therapy or activity"),
        RecordPage("labs", "lab", "Lab results", "Add a lab result"),
    )
}


def describe(entry: m.Entry) -> str:
    """A short name for an entry, for messages and confirmations."""
    if isinstance(entry, m.Product | m.Medication):
        return f"“{entry.name}”"
    if isinstance(entry, m.SubstanceUse):
        when = timezone.localtime(entry.at).strftime("%-d %b %Y, %H:%M")
        if entry.kind == SubstanceKind.ALCOHOL:
            return f"{entry.standard_drinks:g} standard drinks ({entry.substance}) on {when}"
        return f"{entry.substance} on {when}"
    if isinstance(entry, m.Therapy):
        when = timezone.localtime(entry.at).strftime("%-d %b %Y, %H:%M")
        return f"{TherapyKind(entry.kind).label.lower()} for {entry.minutes} minutes on {when}"
    if isinstance(entry, m.LabResult):
        return f"{entry.test} {entry.value:g} {entry.unit} on {entry.taken_on:%-d %b %Y}"
    return "the entry"


def keep_seconds(values: dict[str, Any], entry: m.Entry) -> dict[str, Any]:
    """A `datetime-local` field shows minutes; an unchanged minute keeps the entry's exact time."""
    for name, value in values.items():
        current = getattr(entry, name, None)
        if isinstance(value, datetime) and isinstance(current, datetime) and same_wall_time(value, current):
            values[name] = current
    return values


def show_errors(form: RecordForm, error: ApplicationError) -> None:
    """A service's errors on the fields they name; a whole-record error goes to the field it mentions."""
    placed = []
    for item in error.errors:
        if item.field in ("", "document"):
            named = next((name for name in form.fields if name in item.message), "")
            placed.append(FieldError(named, item.message))
        else:
            placed.append(item)
    add_errors(form, ApplicationError(placed))


def posted(request: HttpRequest, kind: str) -> Any:
    """The form data, with the name a person chose from "did you mean ...?" put in its field."""
    field = NAME_FIELDS.get(kind)
    chosen = request.POST.get("use_name", "").strip()
    if not (field and chosen):
        return request.POST
    data = request.POST.copy()
    data[field] = chosen
    return data


def did_you_mean(kind: str, form: RecordForm) -> dict[str, Any] | None:
    """What the "did you mean ...?" block shows: the name as typed and the names it resembles."""
    field = NAME_FIELDS.get(kind)
    typed = str(form.cleaned_data.get(field, "") if field else "").strip()
    if not typed:
        return None
    check = name_check(typed)
    return {"field": field, "typed": typed, "suggestions": check.suggestions[:3], "read_as": check.read_as}


@require_http_methods(["GET", "POST"])
def record_new(request: HttpRequest, *, kind: str) -> HttpResponse:
    page = PAGES[kind]
    asking = None
    if request.method == "POST":
        form = page.form(posted(request, kind))
        if form.is_valid():
            try:
                entry = services.entry_create(
                    user=request.user,
                    kind=kind,
                    values=form.values(),
                    confirmed=bool(request.POST.get("confirm_name")),
                    uid=posted_uid(request),  # a second tap of the same form finds the entry stored
                )
            except ConfirmationRequired as error:
                asking = did_you_mean(kind, form)
                show_errors(form, error)
            except ApplicationError as error:
                show_errors(form, error)
            else:
                success_with_undo(request, f"Added {describe(entry)}.")
                return go_next(request, page.list_url_name)
    else:
        form = page.form(initial={"at": local_minute(timezone.now()), "taken_on": timezone.localdate()})
    context = {
        "page": page,
        "form": form,
        "heading": page.new_label,
        "next": next_url(request, page.list_url_name),
        "did_you_mean": asking,
    }
    return render(request, "web/records/form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, uid: UUID, *, kind: str) -> HttpResponse:
    page = PAGES[kind]
    entry = owned_or_404(request, kind, uid)
    asking = None
    conflict = ""
    version = entry.version
    if request.method == "POST":
        version = posted_version(request) or version  # the entry as the form was filled from it
        form = page.form(posted(request, kind))
        if form.is_valid():
            try:
                values = keep_seconds(form.values(), entry)
                entry = services.entry_update(
                    user=request.user,
                    kind=kind,
                    uid=uid,
                    values=values,
                    confirmed=bool(request.POST.get("confirm_name")),
                    expected_version=posted_version(request),
                )
            except StaleEntry:
                entry = owned_or_404(request, kind, uid)
                form = page.form(initial=page.form.initial_from(entry))
                noun = "lab result" if kind == "labs" else page.singular
                version, conflict = entry.version, changed_elsewhere(noun)
            except ConfirmationRequired as error:
                asking = did_you_mean(kind, form)
                show_errors(form, error)
            except ApplicationError as error:
                show_errors(form, error)
            else:
                success_with_undo(request, f"Saved {describe(entry)}.")
                return go_next(request, page.list_url_name)
    else:
        form = page.form(initial=page.form.initial_from(entry))
    context = {
        "page": page,
        "form": form,
        "entry": entry,
        "heading": f"Edit {describe(entry)}",
        "delete_url": page.url("delete", entry),
        "next": next_url(request, page.list_url_name),
        "did_you_mean": asking,
        "version": version,
        "changed_elsewhere": conflict,
    }
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "web/records/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def record_delete(request: HttpRequest, uid: UUID, *, kind: str) -> HttpResponse:
    """GET asks to confirm; POST deletes (a product with doses is archived instead)."""
    page = PAGES[kind]
    entry = owned_or_404(request, kind, uid)
    product = entry if isinstance(entry, m.Product) else None
    dose_count = selectors.product_dose_count(user=request.user, product=product) if product else 0
    if request.method == "POST":
        if product and dose_count and product.archived:
            messages.info(request, f"{describe(entry)} is already archived; a product with doses is kept.")
            return go_next(request, page.list_url_name)
        change = services.entry_delete(user=request.user, kind=kind, uid=uid)
        assert change is not None  # None only for a product already archived, answered above
        if dose_count:
            text = (
                f"{describe(entry)} has {dose_count} logged dose{'s' if dose_count != 1 else ''}, so it was "
                "archived instead of deleted. Its doses are kept."
            )
        else:
            text = f"Deleted {describe(entry)}."
        success_with_undo(request, text, change.id)
        return go_next(request, page.list_url_name)
    context = {
        "page": page,
        "entry": entry,
        "name": describe(entry),
        "dose_count": dose_count,
        "next": next_url(request, page.list_url_name),
    }
    return render(request, "web/records/delete.html", context)


@require_POST
def product_archive(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Archive a product (it leaves the dose form) or bring it back."""
    product = owned_or_404(request, "products", uid)
    assert isinstance(product, m.Product)
    archived = not product.archived
    services.entry_update(user=request.user, kind="products", uid=uid, values={"archived": archived})
    verb = "Archived" if archived else "Brought back"
    success_with_undo(request, f"{verb} {describe(product)}.")
    return go_next(request, "web:products")
