"""N-of-1 experiments: the list, the plan form, one experiment (its schedule, today's assignment and,
once unlocked, its result with a chart), ending one early, and deleting one (after a confirm page).
The journal layer (speciosa.journal.experiments) checks and stores; this module parses and renders."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from speciosa.core.errors import ApplicationError, NotFound
from speciosa.core.insights import experiment as ex
from speciosa.journal import experiments as journal_experiments
from speciosa.web.forms.experiments import PlanForm
from speciosa.web.presenters import charts
from speciosa.web.shortcuts import add_errors


@require_GET
def experiment_list(request: HttpRequest) -> HttpResponse:
    views = journal_experiments.experiment_views(user=request.user)
    return render(request, "web/experiments/list.html", {"nav": "experiments", "views": views})


@require_http_methods(["GET", "POST"])
def experiment_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                experiment = journal_experiments.experiment_plan(user=request.user, **form.cleaned_data)
            except ApplicationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request, "Experiment planned. Its schedule is below; Today shows each day's option."
                )
                return redirect("web:experiment", uid=experiment.uid)
    else:
        form = PlanForm(
            initial={"start_on": journal_experiments.default_start(user=request.user), "b_kind": "none"}
        )
    return render(request, "web/experiments/new.html", {"nav": "experiments", "form": form})


def _chart(view: journal_experiments.ExperimentView) -> charts.Chart:
    days = [d.day for d in view.days]
    series = [
        charts.Series(
            f"A: {view.label('A')}",
            [d.peg if d.option == "A" and not d.washout else None for d in view.days],
            "opt-a",
        ),
        charts.Series(
            f"B: {view.label('B')}",
            [d.peg if d.option == "B" and not d.washout else None for d in view.days],
            "opt-b",
        ),
        charts.Series(
            "Settling days (left out)", [d.peg if d.washout else None for d in view.days], "washout"
        ),
    ]
    scored = sum(1 for d in view.days if d.peg is not None)
    chart = charts.line_chart(
        "experiment-peg",
        days,
        series,
        title="PEG-3 score each day",
        summary=f"{scored} of {len(days)} days so far have a PEG-3 score (0 to 10, lower is better).",
        top=10.0,
    )
    rows = [[*row, _logged(d)] for row, d in zip(chart.rows, view.days, strict=True)]
    return replace(chart, columns=[*chart.columns, "Logged"], rows=rows)


KEPT_MARKS = {True: "✓", False: "✗", None: "—"}


def _logged(day: journal_experiments.ScoredDay) -> str:
    """The day's kratom grams and whether it kept to the plan: "3 g ✓", "0 g ✗", "—" (nothing to judge)."""
    if day.kept is None and not day.grams_logged:
        return KEPT_MARKS[None]
    return f"{day.grams_logged:g} g {KEPT_MARKS[day.kept]}"


def _interval(result: ex.Result) -> str:
    """A one-line SVG: the 95% credible interval and median of B minus A on −6…+6, with 0 and ±2 marked."""
    post = result.posterior
    if post is None:
        return ""
    span = 6.0

    def x(value: float) -> str:
        return f"{(max(-span, min(span, value)) + span) / (2 * span) * 100:.2f}%"

    marks = "".join(
        f'<line class="mark{" zero" if v == 0 else ""}" x1="{x(v)}" x2="{x(v)}" y1="8" y2="44"/>'
        f'<text class="tick" x="{x(v)}" y="60" text-anchor="{_anchor(v)}">{_signed(v)}</text>'
        for v in (-6, -ex.IMPORTANT_CHANGE, 0, ex.IMPORTANT_CHANGE, 6)
    )
    return (
        f'<svg xmlns="{charts.SVG_NS}" class="chart interval" width="100%" height="66" role="img" '
        'aria-labelledby="interval-title interval-words">'
        '<title id="interval-title">B minus A on the PEG-3: most likely difference and 95% credible interval'
        "</title>"
        f'<rect class="important" x="0" y="8" width="{x(-ex.IMPORTANT_CHANGE)}" height="36"/>'
        f'<rect class="important" x="{x(ex.IMPORTANT_CHANGE)}" y="8" '
        f'width="{x(-ex.IMPORTANT_CHANGE)}" height="36"/>'
        f"{marks}"
        f'<line class="ci" x1="{x(post.low)}" x2="{x(post.high)}" y1="26" y2="26"/>'
        f'<circle class="median" cx="{x(post.median)}" cy="26" r="6"/>'
        "</svg>"
    )


def _anchor(value: float) -> str:
    """Tick labels at the ends sit inside the drawing."""
    return "start" if value < -5 else "end" if value > 5 else "middle"


def _signed(value: float) -> str:
    return "0" if value == 0 else f"{value:+g}"


def _owned(request: HttpRequest, uid: UUID) -> journal_experiments.ExperimentView:
    try:
        return journal_experiments.experiment_view(user=request.user, uid=uid)
    except NotFound:
        raise Http404("no such experiment") from None


def experiment_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    view = _owned(request, uid)  # someone else's experiment is not found, whatever the method
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    blocks = [
        {
            "block": block,
            "label": view.label(block.option),
            "counted_from": block.washout_until + timedelta(days=1),
            "current": view.today_plan is not None and view.today_plan.block.index == block.index,
        }
        for block in view.schedule.blocks
    ]
    context: dict[str, Any] = {
        "nav": "experiments",
        "view": view,
        "e": view.experiment,
        "blocks": blocks,
        "label_a": view.label("A"),
        "label_b": view.label("B"),
        "threshold": f"{ex.IMPORTANT_CHANGE:g}",
        "high_probability": round(ex.HIGH_PROBABILITY * 100),
        "kept_margin": round(journal_experiments.KEPT_MARGIN * 100),
    }
    if view.days:
        chart = _chart(view)
        context["chart"] = chart
        context["chart_svg"] = mark_safe(chart.svg)  # noqa: S308 - built from escaped parts
    if view.result is not None and view.result.posterior is not None:
        context["interval_svg"] = mark_safe(_interval(view.result))  # noqa: S308 - numbers only
        context["percent"] = round(view.result.prob_important * 100)
    return render(request, "web/experiments/detail.html", context)


@require_POST
def experiment_end(request: HttpRequest, uid: UUID) -> HttpResponse:
    try:
        journal_experiments.experiment_end_early(user=request.user, uid=uid, now=timezone.now())
    except NotFound:
        raise Http404("no such experiment") from None
    except ApplicationError as error:
        messages.error(request, str(error.errors[0].message))
    else:
        messages.success(request, "Experiment ended early. Its result is below, marked as ended early.")
    return redirect("web:experiment", uid=uid)


@require_http_methods(["GET", "POST"])
def experiment_delete(request: HttpRequest, uid: UUID) -> HttpResponse:
    """GET: ask to confirm. POST: delete it (no undo; the journal's entries stay). Another person's
    experiment is a 404."""
    view = _owned(request, uid)
    if request.method == "POST":
        deleted = journal_experiments.experiment_delete(user=request.user, uid=uid)
        messages.success(
            request, f"Deleted the experiment “{deleted.question}”. Your doses and check-ins are unchanged."
        )
        return redirect("web:experiments")
    context = {"nav": "experiments", "view": view, "e": view.experiment}
    context |= {"label_a": view.label("A"), "label_b": view.label("B")}
    return render(request, "web/experiments/confirm_delete.html", context)
