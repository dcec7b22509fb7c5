"""/experiments: N-of-1 experiments. Plan one (the safety checks answer 400 with the field named),
list them, read one (its schedule, today's option, its state and, once unlocked, its result), end
one early, and delete one (the journal's entries stay). The result stays `null` while
`results_locked` is true (until the planned end); how closely the days kept to the plan (`days[].kept`,
`kept_summary`, from the doses logged) shows while running, since it says nothing about the effect."""

from datetime import date, timedelta
from typing import Annotated, Any
from uuid import UUID

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS, WRITE_ERRORS
from speciosa.api.schemas import InputSchema
from speciosa.api.wire import Day, Number, Text, Whole, checked_by_journal
from speciosa.core.insights import experiment as ex
from speciosa.core.limits import MAX_DOSE_GRAMS, MAX_NAME_CHARS
from speciosa.journal import experiments
from speciosa.journal.experiments import Kind

router = Router(tags=["Experiments"])


# The journal checks every rule below itself, answering all of a plan's errors at once.
Words = Annotated[Text, checked_by_journal(minLength=1, maxLength=MAX_NAME_CHARS)]
Grams = Annotated[Number, checked_by_journal(exclusiveMinimum=0, maximum=MAX_DOSE_GRAMS)]
OptionKind = Annotated[Text, checked_by_journal(enum=list(Kind.values))]
KIND = "kratom, therapy (a non-drug therapy) or none (no kratom)"
GRAMS = "Grams a day, for a kratom option only, and never above your recent usual amount"


class ExperimentIn(InputSchema):
    question: Words = Field(description="What the experiment asks, in your words")
    a_kind: OptionKind = Field(description=KIND)
    a_label: Words = Field(description="A name for option A")
    a_grams: Grams | None = Field(None, description=GRAMS)
    b_kind: OptionKind = Field(description=KIND)
    b_label: Words = Field(description="A name for option B, not the same as A's")
    b_grams: Grams | None = Field(None, description=GRAMS)
    start_on: Day = Field(description="The first day: today or later")
    block_days: Annotated[Whole, checked_by_journal(minimum=ex.MIN_BLOCK_DAYS, maximum=ex.MAX_BLOCK_DAYS)] = (
        ex.DEFAULT_BLOCK_DAYS
    )
    pairs: Annotated[Whole, checked_by_journal(minimum=ex.MIN_PAIRS, maximum=ex.MAX_PAIRS)] = ex.DEFAULT_PAIRS
    washout_days: Annotated[Whole, checked_by_journal(minimum=0, maximum=ex.MAX_BLOCK_DAYS - 2)] = Field(
        ex.DEFAULT_WASHOUT_DAYS, description="At most `block_days` − 2, so each block keeps 2 measured days"
    )


class BlockOut(Schema):
    option: str
    start: date
    end: date
    counted_from: date


class ExperimentTodayOut(Schema):
    day_number: int
    option: str
    label: str
    washout: bool


class ResultOut(Schema):
    days_a: int
    days_b: int
    days_missing: int
    difference_median: float | None
    interval_low: float | None
    interval_high: float | None
    better: str
    prob_important: float
    important_change: float
    day_to_day_correlation: float | None
    verdict: str
    partial: bool


class DayOut(Schema):
    day: date
    option: str
    washout: bool
    peg: float | None
    side_effects: int
    grams_logged: float
    kept: bool | None


class ExperimentDeletedOut(Schema):
    uid: UUID
    message: str


class ExperimentOut(Schema):
    uid: UUID
    question: str
    option_a: str
    option_b: str
    start_on: date
    end_on: date
    block_days: int
    pairs: int
    washout_days: int
    seed: int
    order: str
    state: str
    stopped_on: date | None
    stop_reason: str
    ended_on: date | None
    results_locked: bool
    today: ExperimentTodayOut | None
    blocks: list[BlockOut]
    days: list[DayOut] | None = None
    kept_summary: str | None = None
    result: ResultOut | None = None


def _out(view: experiments.ExperimentView, *, detail: bool = False) -> ExperimentOut:
    e = view.experiment
    plan = view.today_plan
    result = view.result
    post = result.posterior if result else None
    return ExperimentOut(
        uid=e.uid,
        question=e.question,
        option_a=view.label("A"),
        option_b=view.label("B"),
        start_on=e.start_on,
        end_on=view.schedule.end,
        block_days=e.block_days,
        pairs=e.pairs,
        washout_days=e.washout_days,
        seed=e.seed,
        order=e.order,
        state=view.state,
        stopped_on=view.stopped_on,
        stop_reason=view.stop_reason,
        ended_on=e.ended_on,
        results_locked=view.results_locked,
        today=ExperimentTodayOut(
            day_number=plan.day_number, option=plan.block.option, label=view.today_label, washout=plan.washout
        )
        if plan
        else None,
        blocks=[
            BlockOut(
                option=b.option, start=b.start, end=b.end, counted_from=b.washout_until + timedelta(days=1)
            )
            for b in view.schedule.blocks
        ],
        days=[DayOut(**d.__dict__) for d in view.days] if detail else None,
        kept_summary=view.kept_words if detail else None,
        result=ResultOut(
            days_a=result.days_a,
            days_b=result.days_b,
            days_missing=result.days_missing,
            difference_median=post.median if post else None,
            interval_low=post.low if post else None,
            interval_high=post.high if post else None,
            better=result.better,
            prob_important=result.prob_important,
            important_change=ex.IMPORTANT_CHANGE,
            day_to_day_correlation=post.rho_mean if post else None,
            verdict=result.verdict,
            partial=view.state in ("ended early", "stopped"),
        )
        if result
        else None,
    )


@router.get(
    "/experiments",
    response={200: list[ExperimentOut], **READ_ERRORS},
    summary="Your N-of-1 experiments, the latest first (without their days and results)",
)
def experiment_list(request: HttpRequest) -> Any:
    return [_out(view) for view in experiments.experiment_views(user=owner(request))]


@router.post(
    "/experiments",
    response={201: ExperimentOut, **WRITE_ERRORS},
    summary="Plan an experiment comparing option A with option B in randomised blocks",
)
def experiment_plan(request: HttpRequest, payload: ExperimentIn) -> Any:
    user = owner(request)
    experiment = experiments.experiment_plan(user=user, **payload.dict())
    return 201, _out(experiments.experiment_view(user=user, uid=experiment.uid), detail=True)


@router.get(
    "/experiments/{uid}",
    response={200: ExperimentOut, **READ_ERRORS},
    summary="One experiment: its schedule, today's option, its days and, once unlocked, its result",
)
def experiment_get(request: HttpRequest, uid: UUID) -> Any:
    return _out(experiments.experiment_view(user=owner(request), uid=uid), detail=True)


@router.post(
    "/experiments/{uid}/end",
    response={200: ExperimentOut, **WRITE_ERRORS},
    summary="End an experiment early: its result unlocks, marked as ended early",
)
def experiment_end(request: HttpRequest, uid: UUID) -> Any:
    user = owner(request)
    experiments.experiment_end_early(user=user, uid=uid, now=timezone.now())
    return _out(experiments.experiment_view(user=user, uid=uid), detail=True)


@router.delete(
    "/experiments/{uid}",
    response={200: ExperimentDeletedOut, **WRITE_ERRORS},
    summary="Delete an experiment, whatever its state (no undo); the journal's doses and check-ins stay",
)
def experiment_delete(request: HttpRequest, uid: UUID) -> Any:
    experiments.experiment_delete(user=owner(request), uid=uid)
    return ExperimentDeletedOut(uid=uid, message="deleted; the journal's entries are unchanged")
