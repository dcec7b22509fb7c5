"""Today: the day's doses with times and totals, the last check-in, and dose logging in two taps;
the safety findings (kept current by the journal's write path, urgent first) and the dose timeline of the last
24 hours (each dose's expected onset, peak and end from the sources, and whether it may be active).

Tap one opens a product (a `<details>`), tap two posts one of the person's own recent amounts
with it to `dose_new`. "Repeat last dose" is a single tap. Nothing here suggests an amount: the
buttons only repeat what this person logged before.

The page reads top-down for a phone in one hand: the log actions, the findings, "Pain now" (one tap
on 0–10 posts a check-in with only that answer to `checkin_new`, the same form and write path as
the full check-in), then the day. A new journal opens with the set-up steps not yet done
(`selectors.setup_checklist`); an empty one says in a line what will show here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_POST

from speciosa.core.errors import ConfirmationRequired, InvalidInput
from speciosa.core.insights import relief
from speciosa.core.units import Unit
from speciosa.journal import entries as m
from speciosa.journal import selectors, services
from speciosa.journal.doses import usual_amounts
from speciosa.journal.experiments import experiment_today
from speciosa.journal.findings import findings_scope
from speciosa.journal.taper import taper_active
from speciosa.web.presenters.findings_display import cards, current_findings, notable_and_notes
from speciosa.web.presenters.timeline_display import today_timeline
from speciosa.web.shortcuts import go_next, posted_uid, success_with_undo
from speciosa.web.templatetags.journal_tags import entry_summary, number, short_amount


@dataclass(frozen=True)
class QuickAmount:
    amount: float
    unit: str
    label: str


def quick_amounts(*, user: object, products: list[m.Product]) -> dict[UUID, list[QuickAmount]]:
    """Per product, buttons for the amounts this person logged most often lately (their habit, not advice)."""
    return {
        uid: [QuickAmount(a.amount, a.unit, short_amount(a.amount, a.unit)) for a in amounts]
        for uid, amounts in usual_amounts(user=user, products=products).items()
    }


def repeat_label(last: m.Dose | None) -> str:
    """ "4 g · Maeng Da": what "Repeat last dose" will log (tea repeats as its grams)."""
    if last is None:
        return ""
    label = (
        f"{number(last.grams)} g" if last.unit == Unit.MILLILITRES else short_amount(last.amount, last.unit)
    )
    if last.product and not last.product.archived:
        label += f" · {last.product.name}"
    return label


#: Where each set-up step is taken (selectors.setup_checklist names the steps): a page, and its section.
SETUP_PAGES = {
    "product": ("web:product_new", ""),
    "teaspoon": ("web:settings", "#teaspoon-heading"),
    "medications": ("web:medication_new", ""),
    "country": ("web:settings", "#zone-heading"),
}


@dataclass(frozen=True)
class SetupLink:
    title: str
    why: str
    url: str


def setup_links(*, user: Any) -> list[SetupLink]:
    """The set-up steps not yet done, each with the page that does it (an empty list once all are)."""
    links = []
    for step in selectors.setup_checklist(user=user):
        if not step.done:
            name, section = SETUP_PAGES.get(step.code, ("web:settings", ""))
            links.append(SetupLink(step.title, step.why, reverse(name) + section))
    return links


#: The quick check-in's answers: pain now, 0 to 10.
PAIN_SCALE = range(11)


def dose_awaiting_after_rating(day: selectors.Today, now: datetime) -> m.Dose | None:
    """The last dose when it was 1–3 hours ago and no check-in has followed it: a pain rating now is the
    "after" that Insights compares with the rating before (speciosa.core.insights.relief)."""
    dose, checkin = day.last_dose, day.last_checkin
    if dose is None or not relief.AFTER_FROM <= now - dose.taken_at <= relief.AFTER_TO:
        return None
    if checkin is not None and checkin.at >= dose.taken_at:
        return None
    return dose


@require_GET
def today(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    day = selectors.today_get(user=request.user, now=now)
    products = list(selectors.product_list(user=request.user))
    amounts = quick_amounts(user=request.user, products=products)
    running = 0.0
    doses = []
    for dose in sorted(day.doses, key=lambda d: (d.taken_at, d.id)):
        running += dose.grams
        doses.append((dose, round(running, 3)))
    notable, notes = notable_and_notes(cards(current_findings(request)))
    context = {
        "nav": "today",
        "now": now,
        "findings": notable,
        "finding_notes": notes,
        "scope": findings_scope(user=request.user, now=now),
        "timeline": today_timeline(user=request.user, now=now),
        "day": day,
        "doses": doses,
        "products": [(product, amounts.get(product.uid, [])) for product in products],
        "repeat_label": repeat_label(day.last_dose),
        "repeat": services.repeat_values(day.last_dose) if day.last_dose else None,
        "last_checkin": day.last_checkin,
        "setup": setup_links(user=request.user),
        "empty_journal": selectors.journal_is_empty(user=request.user),
        "pain_scale": PAIN_SCALE,
        "after_dose": dose_awaiting_after_rating(day, now),
        "experiment": experiment_today(user=request.user, now=now),
    }
    taper = taper_active(user=request.user, now=now, today_only=True)
    if taper is not None:
        target = taper.target_today
        context |= {
            "taper": taper,
            "taper_target": taper.in_measure(target) if target is not None else "",
            "taper_logged": taper.in_measure(taper.logged_today),
        }
    return render(request, "web/journal/today.html", context)


@require_POST
def dose_repeat(request: HttpRequest) -> HttpResponse:
    """One tap: the same amount, unit and product as the last dose, now."""
    last = selectors.dose_last(user=request.user)
    try:
        dose = services.dose_repeat_last(user=request.user, uid=posted_uid(request))
    except ConfirmationRequired as error:
        messages.error(request, f"{error.errors[0].message}: check it on this form.")
        assert last is not None
        query = {"amount": f"{last.amount:g}", "unit": last.unit}
        if last.product and not last.product.archived:
            query["product"] = str(last.product.uid)
        return redirect(f"{reverse('web:dose_new')}?{urlencode(query)}")
    except InvalidInput as error:
        messages.error(request, "Nothing was logged: " + "; ".join(e.message for e in error.errors) + ".")
        return go_next(request)
    logged_at = date_format(timezone.localtime(dose.taken_at), "H:i")
    success_with_undo(request, f"Logged {entry_summary('doses', dose)} at {logged_at}.")
    return go_next(request)
