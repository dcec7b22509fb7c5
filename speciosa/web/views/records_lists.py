"""The lists of products, medications, alcohol and substances, therapies and lab results.

The Products page shows each product's findings; the forms that add,
change and delete entries are in `records_edit`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from speciosa.core.vocab import LabTest
from speciosa.journal import entries as m
from speciosa.journal import selectors
from speciosa.web.presenters.findings_display import cards, current_findings
from speciosa.web.views.records_edit import PAGES

PAGE_SIZE = 50


def product_list(request: HttpRequest) -> HttpResponse:
    """Active products first, then (when asked) archived ones; searchable by name, vendor, strain, batch."""
    search = request.GET.get("q", "").strip()[:200]
    show_archived = request.GET.get("archived") == "1"
    products, archived_count = selectors.product_listing(
        user=request.user, search=search, include_archived=show_archived
    )
    found = cards(current_findings(request))
    context = {
        "page": PAGES["products"],
        "products": [(p, [c for c in found if c.concerns("products", p.uid)]) for p in products],
        "search": search,
        "show_archived": show_archived,
        "archived_count": archived_count,
    }
    return render(request, "web/records/products.html", context)


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
