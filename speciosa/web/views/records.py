"""Pages for products, medications, alcohol and substances, therapies and lab results.

Each kind has a list, a form to add one, a form to edit one and a delete confirmation; a delete
is POST-only and every change offers Undo; an edit of an entry that changed elsewhere meanwhile saves
nothing and shows the entry as it is now. Objects are loaded only through `owned_or_404`. Every
change assesses the journal again, so the findings (a new medication's interaction, a product's lab
figures, a liver test) show on the next page; the Products page shows each product's findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from speciosa.core.errors import ApplicationError, ConfirmationRequired, FieldError, StaleEntry
from speciosa.core.vocab import LabTest, SubstanceKind, TherapyKind
from speciosa.journal import models as m
from speciosa.journal import selectors, services
from speciosa.journal.findings import findings_current, findings_refresh
from speciosa.journal.names import NAME_FIELDS, name_check
from speciosa.web.findings_display import cards
from speciosa.web.forms_records import RECORD_FORMS, RecordForm, local_now_minute
from speciosa.web.shortcuts import add_errors, changed_elsewhere, owned_or_404, posted_version, same_wall_time

PAGE_SIZE = 50
View = Callable[..., HttpResponse]


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


# --- the shared steps --------------------------------------------------------------------------


def safe_next(request: HttpRequest) -> str:
    """The `next` address of the request (the History page sends one) if it is on this site, else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def next_url(request: HttpRequest, default: str) -> str:
    """Where to go after a change: a local `next`, or the list."""
    return safe_next(request) or default


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


def done(request: HttpRequest, text: str, change: m.Change | None) -> None:
    """A success message, with an Undo button when the change can be undone; and the findings again."""
    findings_refresh(user=request.user, now=timezone.now())
    if change is not None and change.pk:
        messages.success(request, text, extra_tags=f"undo:{change.pk}")
    else:
        messages.success(request, text)


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


def record_new(request: HttpRequest, kind: str) -> HttpResponse:
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
                )
            except ConfirmationRequired as error:
                asking = did_you_mean(kind, form)
                show_errors(form, error)
            except ApplicationError as error:
                show_errors(form, error)
            else:
                done(request, f"Added {describe(entry)}.", selectors.change_last(user=request.user))
                return redirect(next_url(request, reverse(page.list_url_name)))
    else:
        form = page.form(initial={"at": local_now_minute(), "taken_on": timezone.localdate()})
    context = {
        "page": page,
        "form": form,
        "heading": page.new_label,
        "next": safe_next(request),
        "did_you_mean": asking,
    }
    return render(request, "web/records/form.html", context, status=400 if form.errors else 200)


def record_edit(request: HttpRequest, uid: UUID, kind: str) -> HttpResponse:
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
                done(request, f"Saved {describe(entry)}.", selectors.change_last(user=request.user))
                return redirect(next_url(request, reverse(page.list_url_name)))
    else:
        form = page.form(initial=page.form.initial_from(entry))
    context = {
        "page": page,
        "form": form,
        "entry": entry,
        "heading": f"Edit {describe(entry)}",
        "delete_url": page.url("delete", entry),
        "next": safe_next(request),
        "did_you_mean": asking,
        "version": version,
        "changed_elsewhere": conflict,
    }
    status = 409 if conflict else 400 if form.errors else 200
    return render(request, "web/records/form.html", context, status=status)


def record_delete(request: HttpRequest, uid: UUID, kind: str) -> HttpResponse:
    """GET asks to confirm; POST deletes (a product with doses is archived instead)."""
    page = PAGES[kind]
    entry = owned_or_404(request, kind, uid)
    product = entry if isinstance(entry, m.Product) else None
    dose_count = m.Dose.objects.filter(user=request.user, product=product).count() if product else 0
    if request.method == "POST":
        if product and dose_count and product.archived:
            messages.info(request, f"{describe(entry)} is already archived; a product with doses is kept.")
            return redirect(next_url(request, reverse(page.list_url_name)))
        change = services.entry_delete(user=request.user, kind=kind, uid=uid)
        if dose_count:
            done(
                request,
                f"{describe(entry)} has {dose_count} logged dose{'s' if dose_count != 1 else ''}, so it was "
                "archived instead of deleted. Its doses are kept.",
                change if change and change.action == m.Change.Action.UPDATE else None,
            )
        else:
            done(request, f"Deleted {describe(entry)}.", change)
        return redirect(next_url(request, reverse(page.list_url_name)))
    context = {
        "page": page,
        "entry": entry,
        "name": describe(entry),
        "dose_count": dose_count,
        "next": safe_next(request),
    }
    return render(request, "web/records/delete.html", context)


# --- lists --------------------------------------------------------------------------------------


def product_list(request: HttpRequest) -> HttpResponse:
    """Active products first, then (when asked) archived ones; searchable by name, vendor, strain, batch."""
    search = request.GET.get("q", "").strip()[:200]
    show_archived = request.GET.get("archived") == "1"
    rows = selectors.entry_list(user=request.user, kind="products", search=search)
    if not show_archived:
        rows = rows.filter(archived=False)
    products = list(rows.annotate(dose_count=Count("doses")).order_by("archived", "name", "id"))
    if request.headers.get("HX-Request") != "true":  # a search keystroke reuses the page load's findings
        findings_refresh(user=request.user, now=timezone.now())
    found = cards(findings_current(user=request.user))
    for product in products:
        setattr(product, "findings", [c for c in found if c.concerns("products", product.uid)])  # noqa: B010
    archived_count = m.Product.objects.filter(user=request.user, archived=True).count()
    context = {
        "page": PAGES["products"],
        "products": products,
        "search": search,
        "show_archived": show_archived,
        "archived_count": archived_count,
    }
    return render(request, "web/records/products.html", context)


@require_POST
def product_archive(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Archive a product (it leaves the dose form) or bring it back."""
    product = owned_or_404(request, "products", uid)
    assert isinstance(product, m.Product)
    archived = not product.archived
    services.entry_update(user=request.user, kind="products", uid=uid, values={"archived": archived})
    verb = "Archived" if archived else "Brought back"
    done(request, f"{verb} {describe(product)}.", selectors.change_last(user=request.user))
    return redirect(next_url(request, reverse("web:products")))


def medication_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()  # the person's own day: middleware activates their zone
    rows = list(selectors.entry_list(user=request.user, kind="medications").order_by("name", "id"))
    current = [row for row in rows if row.stopped_on is None or row.stopped_on >= today]
    stopped = sorted(
        (row for row in rows if row.stopped_on is not None and row.stopped_on < today),
        key=lambda row: row.stopped_on,
        reverse=True,
    )
    context = {"page": PAGES["medications"], "current": current, "stopped": stopped, "today": today}
    return render(request, "web/records/medications.html", context)


def _paged(request: HttpRequest, kind: str) -> Any:
    rows = selectors.entry_list(user=request.user, kind=kind)
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def substance_list(request: HttpRequest) -> HttpResponse:
    context = {"page": PAGES["substances"], "entries": _paged(request, "substances")}
    return render(request, "web/records/substances.html", context)


def therapy_list(request: HttpRequest) -> HttpResponse:
    context = {"page": PAGES["therapies"], "entries": _paged(request, "therapies")}
    return render(request, "web/records/therapies.html", context)


@dataclass(frozen=True)
class LabRow:
    """A lab result placed against the reference range the person entered (no judgement beyond that)."""

    entry: m.LabResult

    @property
    def position(self) -> str:
        low, high, value = self.entry.reference_low, self.entry.reference_high, self.entry.value
        if low is None and high is None:
            return ""
        if low is not None and value < low:
            return "below"
        if high is not None and value > high:
            return "above"
        return "within"

    @property
    def range_text(self) -> str:
        low, high = self.entry.reference_low, self.entry.reference_high
        if low is None and high is None:
            return "—"
        if low is None:
            return f"up to {high:g}"
        if high is None:
            return f"from {low:g}"
        return f"{low:g}–{high:g}"


def lab_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.entry_list(user=request.user, kind="labs")
    groups: dict[str, list[LabRow]] = {test.value: [] for test in LabTest}
    for row in rows:
        groups.setdefault(row.test, []).append(LabRow(row))
    tests = [(LabTest(test).label, items) for test, items in groups.items() if items]
    context = {"page": PAGES["labs"], "tests": tests, "count": sum(len(items) for _, items in tests)}
    return render(request, "web/records/labs.html", context)


# --- one view per URL, so every object URL takes only `uid` ------------------------------------


def _bind(kind: str, action: str) -> View:
    singular = PAGES[kind].singular
    if action == "new":

        def new(request: HttpRequest) -> HttpResponse:
            return record_new(request, kind)

        view: View = new
    elif action == "edit":

        def edit(request: HttpRequest, uid: UUID) -> HttpResponse:
            return record_edit(request, uid, kind)

        view = edit
    else:

        def delete(request: HttpRequest, uid: UUID) -> HttpResponse:
            return record_delete(request, uid, kind)

        view = delete
    view.__name__ = view.__qualname__ = f"{singular}_{action}"
    view.__doc__ = f"{action.capitalize()} a {singular}."
    return require_http_methods(["GET", "POST"])(view)


product_new, product_edit, product_delete = (_bind("products", a) for a in ("new", "edit", "delete"))
medication_new, medication_edit, medication_delete = (
    _bind("medications", a) for a in ("new", "edit", "delete")
)
substance_new, substance_edit, substance_delete = (_bind("substances", a) for a in ("new", "edit", "delete"))
therapy_new, therapy_edit, therapy_delete = (_bind("therapies", a) for a in ("new", "edit", "delete"))
lab_new, lab_edit, lab_delete = (_bind("labs", a) for a in ("new", "edit", "delete"))
