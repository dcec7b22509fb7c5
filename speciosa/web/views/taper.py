"""Cutting down: plan a taper from the person's own journal (a preview of the whole schedule first),
follow it (today's target, the step, pauses, the staircase with the grams logged and the withdrawal
score under it), act on it (pause, resume, a bad day, hold, slow, end) and delete past plans.

speciosa.journal.taper checks, stores and replays; this module parses and renders. The words describe
the person's own plan ("your plan's target today"); nothing here tells anyone how much to take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods, require_POST

from speciosa.core.errors import ApplicationError, InvalidInput, NotFound
from speciosa.core.taper.schedule import Step
from speciosa.journal import taper as journal_taper
from speciosa.web.forms.taper import TaperForm, initial_from
from speciosa.web.presenters import charts
from speciosa.web.presenters.findings_display import cards, current_findings
from speciosa.web.presenters.taper_charts import sows_chart, span_days, staircase
from speciosa.web.shortcuts import add_errors, go_next


def _words() -> dict[str, str]:
    """The words beside every plan: the withdrawal time course (low certainty) and the crisis words."""
    course, certainty = journal_taper.time_course_words()
    return {"time_course": course, "certainty": certainty, "crisis": journal_taper.crisis_words()}


def amount_words(grams: float, measure: str, unit: float) -> str:
    return journal_taper.amount_in_measure(grams, measure, unit)


@dataclass(frozen=True)
class StepRow:
    """One line of the schedule table."""

    number: int
    target: str
    doses: str
    hold_days: int
    start: date
    end: date
    status: str  # done, current, ahead, not reached
    over_monthly_cap: bool
    cut_percent: float


def _doses(step: Step, measure: str, unit: float) -> str:
    if not step.doses:
        return "none"
    return " + ".join(amount_words(g, measure, unit) for g in step.doses)


def draft_rows(draft: journal_taper.Draft) -> list[StepRow]:
    unit = draft.spec.measure_grams
    return [
        StepRow(
            p.step.number,
            amount_words(p.step.grams, draft.measure, unit),
            _doses(p.step, draft.measure, unit),
            p.step.hold_days,
            p.start,
            p.end,
            "ahead",
            p.step.over_monthly_cap,
            p.step.cut_percent,
        )
        for p in draft.dated_steps
    ]


def plan_rows(view: journal_taper.TaperView) -> list[StepRow]:
    plan, ended = view.plan, view.state == "ended"
    return [
        StepRow(
            p.step.number,
            view.in_measure(p.step.grams),
            _doses(p.step, plan.measure, plan.measure_grams),
            p.step.hold_days,
            p.start,
            p.end,
            "not reached" if ended and p.status == "ahead" else p.status,
            p.step.over_monthly_cap,
            p.step.cut_percent,
        )
        for p in view.progress.steps
    ]


Drawn = tuple[charts.Chart, SafeString]


def _drawn(chart: charts.Chart) -> Drawn:
    return chart, mark_safe(chart.svg)  # noqa: S308 - built by the presenters, every text escaped


def draft_chart(draft: journal_taper.Draft) -> Drawn:
    days = span_days(draft.start_on, draft.finish_on)
    targets: dict[date, float] = {}
    for row in draft_rows(draft):
        for day in span_days(row.start, row.end):
            targets[day] = draft.steps[row.number - 1].grams
    return _drawn(
        staircase(
            "taper-preview",
            days,
            [targets.get(d) for d in days],
            title="Your plan's daily target, step by step",
            summary=(
                f"From {draft.spec.start_grams:g} g a day on {draft.start_on:%-d %b %Y} to "
                f"{draft.spec.target_grams:g} g on {draft.finish_on:%-d %b %Y}: {len(draft.steps)} steps, "
                f"{draft.total_days} days."
            ),
        )
    )


def plan_charts(view: journal_taper.TaperView, *, prefix: str = "taper") -> list[Drawn]:
    """The plan's staircase (the days so far as they went, then the steps ahead) with the grams logged,
    and the SOWS scores on the same days."""
    progress, today = view.progress, view.today
    targets = {d.day: d.grams for d in progress.days}
    active = view.state in journal_taper.ACTIVE
    if active:
        for planned in progress.steps:
            if planned.status == "done":
                continue
            for day in span_days(planned.start, planned.end):
                targets.setdefault(day, planned.step.grams)
    if not targets:
        return []
    days = span_days(view.plan.start_on, max(targets))
    logged = {d.day: d.logged for d in progress.days if d.logged is not None}
    over = progress.over_days
    summary = (
        f"{len(progress.days)} day{'s' if len(progress.days) != 1 else ''} of the plan so far, "
        f"{len(logged)} with kratom logged"
        + (f", {over} above the day's target" if over else "")
        + (f"; the projected end is {progress.finish_on:%-d %b %Y}" if active and progress.finish_on else "")
        + "."
    )
    stairs = staircase(
        f"{prefix}-stairs",
        days,
        [targets.get(d) for d in days],
        logged=logged,
        projected_from=today + timedelta(days=1) if active else None,
        today=today,
        title="Your plan's daily target and the grams logged",
        summary=summary,
    )
    scored = [s for s in view.sows if days[0] <= s[0].date() <= days[-1]]
    sows = sows_chart(
        f"{prefix}-sows",
        days,
        scored,
        title="Withdrawal score (SOWS, 0 to 64) on the same days",
        summary=(
            f"{len(scored)} withdrawal score{'s' if len(scored) != 1 else ''} in these days"
            + (f", the latest {scored[-1][1]} of 64." if scored else ". The SOWS form adds one.")
        ),
    )
    return [_drawn(stairs), _drawn(sows)]


def _dependence_findings(request: HttpRequest) -> list[Any]:
    return [c for c in cards(current_findings(request)) if c.finding.code.startswith("dependence.")]


def _plan_context(request: HttpRequest, view: journal_taper.TaperView) -> dict[str, Any]:
    progress = view.progress
    current = progress.current
    upcoming = None
    if current is not None:
        upcoming = next((p for p in progress.steps if p.step.number == current.step.number + 1), None)
    allowed = {action: view.state in states for action, (states, _) in journal_taper.ACTIONS.items()}
    plan = view.plan
    rows = plan_rows(view)
    return {
        "view": view,
        "plan": plan,
        "allowed": allowed,
        "target": view.in_measure(view.target_today) if view.target_today is not None else "",
        "logged": view.in_measure(view.logged_today),
        "step_doses": _doses(current.step, plan.measure, plan.measure_grams) if current else "",
        "next_step": upcoming,
        "next_target": view.in_measure(upcoming.step.grams) if upcoming else "",
        "rows": rows,
        "has_cap": any(r.over_monthly_cap for r in rows),
        "charts": plan_charts(view),
        "findings": _dependence_findings(request),
        **_words(),
        "step_count": len(progress.steps),
    }


@require_http_methods(["GET", "POST"])
def taper_home(request: HttpRequest) -> HttpResponse:
    """The active plan, or the form that plans one (Preview, then Start this plan); past plans under."""
    now = timezone.now()
    views = journal_taper.taper_views(user=request.user, now=now)
    active = next((v for v in views if v.state in journal_taper.ACTIVE), None)
    past = [v for v in views if v is not active]
    context: dict[str, Any] = {"nav": "taper", "past": past, **_words()}
    if active is not None and request.method != "POST":
        context |= _plan_context(request, active)
        return render(request, "web/taper/plan.html", context)
    defaults = journal_taper.taper_defaults(user=request.user, now=now)
    if request.method == "POST":
        form = TaperForm(request.POST, defaults=defaults)
        if form.is_valid():
            choices = dict(form.cleaned_data)
            try:
                if "start" in request.POST:
                    journal_taper.taper_plan(user=request.user, now=now, **choices)
                    messages.success(
                        request,
                        "Your plan is stored. Today shows its target each day; you can pause, hold or end it "
                        "at any time.",
                    )
                    return redirect("web:taper")
                draft = journal_taper.taper_preview(user=request.user, now=now, defaults=defaults, **choices)
            except ApplicationError as error:
                add_errors(form, error)
            else:
                rows = draft_rows(draft)
                context |= {
                    "draft": draft,
                    "rows": rows,
                    "has_cap": any(r.over_monthly_cap for r in rows),
                    "chart": draft_chart(draft),
                }
    else:
        form = TaperForm(initial=initial_from(defaults), defaults=defaults)
    context |= {"form": form, "defaults": defaults, "recent_days": journal_taper.RECENT_DAYS}
    if active is not None:
        context["active"] = active
    return render(request, "web/taper/new.html", context)


def _owned(request: HttpRequest, uid: UUID) -> journal_taper.TaperView:
    try:
        return journal_taper.taper_view(user=request.user, uid=uid)
    except NotFound:
        raise Http404("no such taper plan") from None


def taper_plan(request: HttpRequest, uid: UUID) -> HttpResponse:
    """One plan, past or present (the page of the active plan is Cutting down itself)."""
    view = _owned(request, uid)  # someone else's plan is not found, whatever the method
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    context: dict[str, Any] = {"nav": "taper", "past": [], **_words(), "single": True}
    context |= _plan_context(request, view)
    return render(request, "web/taper/plan.html", context)


@require_POST
def taper_act(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Pause, resume, hold, slow or mark a bad day (ending has its own confirm page)."""
    try:
        journal_taper.taper_get(user=request.user, uid=uid)  # someone else's plan is not found
    except NotFound:
        raise Http404("no such taper plan") from None
    action = request.POST.get("action", "")
    if action == "end":
        return redirect("web:taper_end", uid=uid)
    try:
        days = int(request.POST.get("days") or 0)
    except ValueError:
        days = -1
    try:
        journal_taper.taper_act(
            user=request.user, uid=uid, action=action, note=request.POST.get("note", ""), days=days
        )
    except NotFound:
        raise Http404("no such taper plan") from None
    except InvalidInput as error:
        problem = error.errors[0]
        messages.error(request, f"Nothing changed: {problem.field or 'the plan'} {problem.message}.")
    else:
        done = journal_taper.ACTIONS[action][1]
        if action == "hold":
            done = f"Holding this step {days or 7} more days."
        messages.success(request, done)
    return go_next(request, "web:taper")


@require_http_methods(["GET", "POST"])
def taper_end(request: HttpRequest, uid: UUID) -> HttpResponse:
    """GET: ask to confirm. POST: end the plan today (its days, doses and scores stay)."""
    view = _owned(request, uid)
    if request.method == "POST":
        try:
            journal_taper.taper_act(user=request.user, uid=uid, action="end")
        except InvalidInput as error:
            messages.error(request, f"Nothing changed: {error.errors[0].message}.")
        else:
            messages.success(request, journal_taper.ACTIONS["end"][1])
        return redirect("web:taper")
    return render(request, "web/taper/confirm.html", {"nav": "taper", "view": view, "what": "end"})


@require_http_methods(["GET", "POST"])
def taper_delete(request: HttpRequest, uid: UUID) -> HttpResponse:
    """GET: ask to confirm. POST: delete the plan and its events (no undo; doses and scores stay)."""
    view = _owned(request, uid)
    if request.method == "POST":
        journal_taper.taper_delete(user=request.user, uid=uid)
        messages.success(
            request,
            f"Deleted the plan from {view.plan.start_on:%-d %b %Y}. "
            "Your doses and self-checks are unchanged.",
        )
        return redirect("web:taper")
    return render(request, "web/taper/confirm.html", {"nav": "taper", "view": view, "what": "delete"})
