"""The safety pages: Findings (current, with acknowledgement, and history), one page per rule code,
and Sources (every source the product uses, with the evidence grades explained).

The findings are kept current by the journal's write path and read here (speciosa.journal.findings).
A finding key that is not the signed-in person's answers 404, whoever owns it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from speciosa.core.errors import InvalidInput, NotFound
from speciosa.journal import findings as safety
from speciosa.journal.finding_symptoms import finding_log_symptoms as log_symptoms
from speciosa.journal.search import Citer, cited_by
from speciosa.refdata import side_effects
from speciosa.refdata.loader import Source
from speciosa.web.presenters.findings_display import (
    GRADES,
    cards,
    current_findings,
    grade_label,
    grouped,
    history_groups,
    source_entries,
    source_refs,
    without_codes,
)
from speciosa.web.shortcuts import go_next

#: How many past findings the history table shows.
HISTORY_ROWS = 200


@require_GET
def findings_page(request: HttpRequest) -> HttpResponse:
    context = {
        "nav": "findings",
        "groups": grouped(cards(current_findings(request))),
        "current_count": len(current_findings(request)),
        "unread_count": sum(1 for c in current_findings(request) if c.acknowledged_at is None),
        "scope": safety.findings_scope(user=request.user, now=timezone.now()),
        "history": history_groups(safety.findings_history(user=request.user, limit=HISTORY_ROWS)),
        "rules": safety.all_rules(),
    }
    return render(request, "web/safety/findings.html", context)


@require_POST
def finding_acknowledge(request: HttpRequest, key: str) -> HttpResponse:
    """ "I have read this": an urgent finding stops showing above every page (it stays on Findings)."""
    try:
        state = safety.finding_acknowledge(user=request.user, key=key, now=timezone.now())
    except NotFound:
        raise Http404("no such finding") from None
    messages.info(request, f"Marked as read: {state.title}. It stays on the Findings page while it applies.")
    return go_next(request, "web:findings")


@require_POST
def findings_acknowledge_all(request: HttpRequest) -> HttpResponse:
    """ "Mark all read": every current finding of the signed-in person (or, with `code`, those of one
    rule) stops asking to be read. Nothing is deleted; the findings stay listed while they apply."""
    code = request.POST.get("code") or None
    if code is not None and safety.rule_for(code) is None:
        raise Http404("no such rule")
    marked = safety.findings_acknowledge_all(user=request.user, now=timezone.now(), code=code)
    if marked:
        messages.info(
            request,
            f"Marked {marked} finding{'s' if marked != 1 else ''} as read. They stay listed while they "
            "apply, and one raised again asks to be read again.",
        )
    else:
        messages.info(request, "Every current finding was already marked as read.")
    return go_next(request, "web:findings")


@require_POST
def finding_log_symptoms(request: HttpRequest, key: str) -> HttpResponse:
    """One tap: log the symptoms a red flag read from a note describes, as coded side effects."""
    try:
        checkin = log_symptoms(user=request.user, key=key, now=timezone.now())
    except NotFound:
        raise Http404("no such finding") from None
    except InvalidInput as error:
        messages.error(request, "Nothing was logged: " + "; ".join(e.message for e in error.errors) + ".")
        return go_next(request, "web:findings")
    labels = side_effects()
    names = ", ".join(labels[e.code].label.lower() for e in checkin.side_effects.all() if e.code in labels)
    messages.success(request, f"Logged as symptoms in your check-in: {names}.")
    return go_next(request, "web:findings")


@require_GET
def finding_rule(request: HttpRequest, code: str) -> HttpResponse:
    """What one rule checks, its design choice and sources, and the person's current findings of it."""
    rule = safety.rule_for(code)
    if rule is None:
        raise Http404("no such rule")
    mine = [c for c in cards(current_findings(request)) if c.finding.code == code]
    context = {
        "nav": "findings",
        "rule": rule,
        "checks": without_codes(rule.checks),
        "design_choice": without_codes(rule.design_choice),
        "sources": source_refs(rule.sources),
        "findings": mine,
        "unread": sum(1 for c in mine if c.acknowledged_at is None),
    }
    return render(request, "web/safety/rule.html", context)


@dataclass(frozen=True)
class BibliographyEntry:
    """A source on the Sources page: its citation, grade and link, and what cites it (guide pages,
    questions, claims, legal entries, interactions, red flags and safety checks)."""

    source: Source
    anchor: str
    grade: str
    cited_by: list[Citer]


def bibliography() -> list[BibliographyEntry]:
    citing = cited_by()
    return [
        BibliographyEntry(e.source, e.anchor, e.grade, citing.get(e.source.id, [])) for e in source_entries()
    ]


@require_GET
def sources_page(request: HttpRequest) -> HttpResponse:
    context = {
        "nav": "sources",
        "grades": [(grade, grade_label(grade), text) for grade, text in GRADES.items()],
        "entries": bibliography(),
    }
    return render(request, "web/safety/sources.html", context)
