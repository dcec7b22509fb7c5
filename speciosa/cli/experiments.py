"""`speciosa experiment`: N-of-1 experiments in a terminal (plan, list, show, end, delete), through the same
journal-layer functions as the Experiments pages."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from django.utils import timezone as dj_timezone

from speciosa.cli import inputs
from speciosa.cli.accounts import UserOption, account_chosen
from speciosa.cli.output import Format, FormatOption, command, emit, say
from speciosa.core.insights import experiment as ex
from speciosa.journal import experiments

experiment = typer.Typer(
    help="N-of-1 experiments: compare two options on your own days, in randomised blocks.",
    no_args_is_help=True,
    epilog="Example: speciosa experiment list",
)

KINDS = ", ".join(value for value, _ in experiments.OPTION_KINDS)


def _row(view: experiments.ExperimentView) -> dict[str, Any]:
    result = view.result
    post = result.posterior if result else None
    return {
        "uid": str(view.experiment.uid),
        "question": view.experiment.question,
        "option_a": view.label("A"),
        "option_b": view.label("B"),
        "start_on": view.experiment.start_on.isoformat(),
        "end_on": view.schedule.end.isoformat(),
        "order": view.experiment.order,
        "state": view.state,
        "stop_reason": view.stop_reason,
        "today": view.today_label
        + (" (settling day, not counted)" if view.today_plan and view.today_plan.washout else ""),
        "results_locked": view.results_locked,
        "difference_median": round(post.median, 2) if post else None,
        "interval_low": round(post.low, 2) if post else None,
        "interval_high": round(post.high, 2) if post else None,
        "prob_important": round(result.prob_important, 3) if result else None,
        "verdict": result.verdict if result else "",
    }


@command(
    experiment,
    "plan",
    example="speciosa experiment plan 'Walk or rest?' --a-kind therapy --a Walking --b Rest",
    fields={
        "a_label": "--a",
        "b_label": "--b",
        "a_grams": "--a-grams",
        "b_grams": "--b-grams",
        "start_on": "--start",
    },
)
def plan(
    question: Annotated[str, typer.Argument(help="What the experiment asks, in your words.")],
    a_label: Annotated[str, typer.Option("--a", help="Option A, named.")],
    b_label: Annotated[str, typer.Option("--b", help="Option B, named.")],
    a_kind: Annotated[str, typer.Option("--a-kind", help=f"Option A is one of: {KINDS}.")] = "kratom",
    b_kind: Annotated[str, typer.Option("--b-kind", help=f"Option B is one of: {KINDS}.")] = "none",
    a_grams: Annotated[
        float | None, typer.Option("--a-grams", help="Grams a day for a kratom option A.")
    ] = None,
    b_grams: Annotated[
        float | None, typer.Option("--b-grams", help="Grams a day for a kratom option B.")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", metavar="DATE", help="First day (default tomorrow).")
    ] = None,
    block_days: Annotated[
        int, typer.Option("--block-days", help="Days in each block.")
    ] = ex.DEFAULT_BLOCK_DAYS,
    pairs: Annotated[
        int, typer.Option("--pairs", help="Pairs of blocks (one A, one B each).")
    ] = ex.DEFAULT_PAIRS,
    washout_days: Annotated[
        int, typer.Option("--washout-days", help="Settling days after each switch, left out of the result.")
    ] = ex.DEFAULT_WASHOUT_DAYS,
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """Plan an experiment: the order within each pair is drawn at random now and stored."""
    owner = account_chosen(user)
    start_on = inputs.local_date(start, field="start_on") if start else experiments.default_start(user=owner)
    made = experiments.experiment_plan(
        user=owner,
        question=question,
        a_kind=a_kind,
        a_label=a_label,
        a_grams=a_grams,
        b_kind=b_kind,
        b_label=b_label,
        b_grams=b_grams,
        start_on=start_on,
        block_days=block_days,
        pairs=pairs,
        washout_days=washout_days,
    )
    _show(experiments.experiment_view(user=owner, uid=made.uid), fmt)


@command(experiment, "list", example="speciosa experiment list")
def experiment_list(user: UserOption = None, fmt: FormatOption = Format.TABLE) -> None:
    """List your experiments, the latest first, with their state."""
    owner = account_chosen(user)
    rows = [_row(view) for view in experiments.experiment_views(user=owner, now=dj_timezone.now())]
    emit(
        rows,
        fmt,
        title="Experiments",
        columns=[
            ("UID", "uid"),
            ("Question", "question"),
            ("State", "state"),
            ("From", "start_on"),
            ("To", "end_on"),
        ],
        empty="No experiments yet.",
    )


def _show(view: experiments.ExperimentView, fmt: FormatOption) -> None:
    row = _row(view)
    summary = [row["verdict"]] if row["verdict"] else []
    if view.results_locked:
        summary.append(f"The result is locked until {view.schedule.end.isoformat()}, the planned end.")
    if view.stop_reason:
        summary.append(f"Stopped on {view.stopped_on} because you logged a red flag: {view.stop_reason}.")
    if view.kept_words:
        summary.append(view.kept_words)
    blocks = [
        {
            "block": b.index + 1,
            "option": f"{b.option}: {view.label(b.option)}",
            "from": b.start.isoformat(),
            "to": b.end.isoformat(),
            "kept": _kept(view, b),
        }
        for b in view.schedule.blocks
    ]
    emit(
        blocks,
        fmt,
        title=f"{view.experiment.question} ({view.state})",
        columns=[
            ("Block", "block"),
            ("Option", "option"),
            ("From", "from"),
            ("To", "to"),
            ("Counted days kept", "kept"),
        ],
        summary=[*(["Today: " + row["today"]] if row["today"] else []), *summary],
        document={**row, "kept_summary": view.kept_words, "blocks": blocks},
    )


def _kept(view: experiments.ExperimentView, block: ex.Block) -> str:
    """How many of the block's counted days with something logged kept to the plan, e.g. "3 of 4";
    "—" with none to judge yet."""
    days = [d for d in view.days if block.start <= d.day <= block.end and not d.washout]
    judged = [d.kept for d in days if d.kept is not None]
    return f"{sum(judged)} of {len(judged)}" if judged else "—"


@command(experiment, "show", example="speciosa experiment show 0f5c…", fields={"": "uid"})
def show(
    uid: Annotated[
        str, typer.Argument(metavar="UID", help="The experiment's UID from `speciosa experiment list`.")
    ],
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """One experiment: its schedule, today's option, and its result once unlocked."""
    owner = account_chosen(user)
    _show(experiments.experiment_view(user=owner, uid=uid), fmt)


@command(experiment, "end", example="speciosa experiment end 0f5c…", fields={"": "uid"})
def end(
    uid: Annotated[str, typer.Argument(metavar="UID", help="The experiment's UID.")],
    user: UserOption = None,
    fmt: FormatOption = Format.TABLE,
) -> None:
    """End an experiment early: its result unlocks, marked as ended early."""
    owner = account_chosen(user)
    experiments.experiment_end_early(user=owner, uid=uid)
    _show(experiments.experiment_view(user=owner, uid=uid), fmt)


@command(experiment, "delete", example="speciosa experiment delete 0f5c…", fields={"": "uid"})
def delete(
    uid: Annotated[str, typer.Argument(metavar="UID", help="The experiment's UID.")],
    user: UserOption = None,
) -> None:
    """Delete an experiment, whatever its state; your doses and check-ins stay. There is no undo."""
    owner = account_chosen(user)
    deleted = experiments.experiment_delete(user=owner, uid=uid)
    say(f"Deleted the experiment “{deleted.question}”. Your doses and check-ins are unchanged.")
