"""/taper: cutting down with a plan built from your own amount (speciosa.journal.taper).

`GET /taper/defaults` says what a plan would start from (your recent daily amount, usual number of
doses, whether the long-term pace applies, the paces and measures); `POST /taper/preview` answers the
schedule a set of choices gives without storing it; `POST /taper` stores the plan (one active plan at
a time). `GET /taper/{uid}` answers the plan with where it stands today: its state, today's target and
what is logged, the current step, pauses and why, each step's dates and status, days over the target,
a change of product, and the latest withdrawal score (SOWS). A sharp rise in the SOWS, or a bad day,
pauses the plan until you resume it. `POST /taper/{uid}/actions` pauses, resumes, holds the step,
slows the rest, marks a bad day or ends the plan. A plan is yours and describes your own choices: it
never says what anyone should take.
"""

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from speciosa.api.auth import owner
from speciosa.api.crud import READ_ERRORS, WRITE_ERRORS
from speciosa.api.schemas import InputSchema, Utc
from speciosa.api.wire import Day, Flag, Note, Number, Text, Whole, checked_by_journal
from speciosa.core.errors import NotFound
from speciosa.core.limits import MAX_DOSE_GRAMS
from speciosa.core.taper.follow import PlannedStep
from speciosa.journal import taper
from speciosa.refdata.taper import taper_rules

router = Router(tags=["Cutting down"])

Grams = Annotated[Number, checked_by_journal(minimum=0, maximum=MAX_DOSE_GRAMS)]
Choice = Annotated[Text, Field(max_length=20)]
Action = Literal["pause", "resume", "hold", "slow", "bad_day", "end"]


class TaperIn(InputSchema):
    start_grams: Annotated[Grams, checked_by_journal(exclusiveMinimum=0)] | None = Field(
        None,
        description="Grams a day the plan starts from; default: your recent daily amount (the median of "
        "the dosed days in the last 14 days). Never above that amount",
    )
    pace: Choice = Field("standard", description="standard (about 10% a step) or gentle (about 5%)")
    measure: Choice = Field("g", description="g (a scale) or tsp (your teaspoon, set in your profile)")
    measure_grams: Annotated[Grams, checked_by_journal(exclusiveMinimum=0)] | None = Field(
        None, description="For g: what your scale can weigh, one of GET /taper/defaults' grams_steps"
    )
    doses_per_day: Annotated[Whole, checked_by_journal(minimum=1, maximum=12)] | None = Field(
        None, description="How many doses a day; default: your usual number"
    )
    long_term: Flag | None = Field(
        None,
        description="More than a year of near-daily use: at most about 10% a month; default: your journal",
    )
    target_grams: Grams = Field(
        0.0, description="Where the plan ends, in grams a day (0: stopping), below `start_grams`"
    )
    start_on: Day | None = Field(
        None, description="The first day (today or later, at most 90 days ahead; default today)"
    )


class TaperProductOut(Schema):
    uid: UUID
    name: str
    mitragynine_percent: float | None


class TaperPaceOut(Schema):
    id: str
    label: str
    percent: float
    hold_days: int
    text: str
    sources: list[str]


class TaperDefaultsOut(Schema):
    recent_grams: float | None = Field(
        description="The median daily total of your dosed days in the last `recent_days` days (null: none)"
    )
    recent_days: int
    doses_per_day: int = Field(description="Your usual number of doses a day (1 when nothing is logged)")
    long_term: bool = Field(description="More than a year of near-daily use, by your journal")
    dosed_share: float = Field(description="The share of the past 365 days with a dose logged")
    first_dose_on: date | None
    teaspoon_grams: float | None = Field(description="Your teaspoon's weight (needed to measure in tsp)")
    product: TaperProductOut | None = Field(description="The product you logged most in the recent days")
    start_on: date
    paces: list[TaperPaceOut]
    measures: list[str]
    grams_steps: list[float] = Field(description="What a scale can weigh: the `measure_grams` choices")
    default_grams_step: float
    teaspoon_fraction: float = Field(description="With tsp, amounts are whole parts of this much teaspoon")


class TaperStepOut(Schema):
    number: int
    grams: float = Field(description="The step's daily target, in grams")
    amount: str = Field(description="The daily target as you measure it (grams, or teaspoons)")
    doses: list[float] = Field(description="The daily target split into your doses, in grams")
    hold_days: int
    cut_percent: float = Field(description="How much lower than the step before (the start for step 1)")
    over_monthly_cap: bool = Field(
        description="Long-term use, and one measuring unit is more than about 10% a month"
    )
    start: date
    end: date
    status: Literal["done", "current", "ahead"]


class TaperDraftOut(Schema):
    """A plan as it would be stored; nothing is stored."""

    start_on: date
    finish_on: date
    total_days: int
    start_grams: float
    pace: str
    percent: float
    hold_days: int
    measure: str
    measure_grams: float
    doses_per_day: int
    long_term: bool
    target_grams: float
    recent_grams: float | None
    product: TaperProductOut | None
    steps: list[TaperStepOut]


class TaperPauseOut(Schema):
    start: date
    end: date | None = Field(description="The last paused day; null while paused")
    reason: str


class TaperEventOut(Schema):
    day: date
    kind: str
    days: int
    note: str


class TaperDayOut(Schema):
    day: date
    step: int
    grams: float = Field(description="The day's target")
    paused: bool
    logged: float | None = Field(description="Grams logged that day (null: none)")
    over: bool = Field(description="More logged than the target, beyond the measuring margin")


class TaperPotencyOut(Schema):
    product: str
    words: str
    grams: float | None = Field(
        description="Today's target in grams of the new product, where both lab figures are known"
    )


class TaperSowsOut(Schema):
    uid: UUID
    at: Utc
    total: int
    max_total: int


class TaperOut(Schema):
    uid: UUID
    created_at: Utc
    start_on: date
    start_grams: float
    pace: str
    percent: float
    hold_days: int
    measure: str
    measure_grams: float
    measure_label: str
    doses_per_day: int
    long_term: bool
    target_grams: float
    product_uid: UUID | None
    mitragynine_percent: float | None
    today: date
    state: Literal["planned", "running", "paused", "finished", "ended"]
    state_words: str
    target_today: float | None = Field(description="Your plan's target today, in grams (null unless active)")
    target_today_amount: str = Field(description="The same as you measure it (empty unless active)")
    logged_today: float = Field(description="Grams logged today")
    over_today: bool
    current_step: int | None
    steps_total: int
    day_in_step: int
    days_left_in_step: int
    paused_since: date | None
    pause_reason: str
    auto_paused: bool = Field(description="Paused by a sharp SOWS rise or a bad day, not by you")
    ended_on: date | None
    finish_on: date | None = Field(description="The projected last day (no more pauses), or the day it ended")
    over_days: int = Field(description="Days so far with more logged than the day's target")
    over_words: str
    steps: list[TaperStepOut]
    pauses: list[TaperPauseOut]
    events: list[TaperEventOut]
    potency: TaperPotencyOut | None = Field(
        description="Words when you now log another product than the plan's"
    )
    latest_sows: TaperSowsOut | None
    time_course: str = Field(description="When withdrawal may start and ease (low certainty: see certainty)")
    certainty: str
    crisis: str = Field(description="What to do now with thoughts of suicide")
    days: list[TaperDayOut] | None = Field(None, description="Each day so far (one plan's answer only)")


class TaperActedOut(TaperOut):
    message: str


class TaperActionIn(InputSchema):
    action: Action = Field(
        description="pause, resume, hold (the current step `days` longer), slow (the rest more gently), "
        "bad_day (pauses the plan), or end"
    )
    note: Note = ""
    days: Annotated[Whole, checked_by_journal(minimum=0, maximum=28)] = Field(
        0, description="For hold: how many more days (1-28; 0 or left out: 7)"
    )


class TaperDeletedOut(Schema):
    uid: UUID
    message: str


def _steps(planned: tuple[PlannedStep, ...], amount: Any) -> list[TaperStepOut]:
    return [
        TaperStepOut(
            number=p.step.number,
            grams=p.step.grams,
            amount=amount(p.step.grams),
            doses=list(p.step.doses),
            hold_days=p.step.hold_days,
            cut_percent=p.step.cut_percent,
            over_monthly_cap=p.step.over_monthly_cap,
            start=p.start,
            end=p.end,
            status=p.status,
        )
        for p in planned
    ]


def _out(view: taper.TaperView, *, detail: bool = False) -> dict[str, Any]:
    plan, progress = view.plan, view.progress
    current = progress.current
    target = view.target_today
    latest = view.latest_sows
    potency = view.potency
    return {
        "uid": plan.uid,
        "created_at": plan.created_at,
        "start_on": plan.start_on,
        "start_grams": plan.start_grams,
        "pace": plan.pace,
        "percent": plan.percent,
        "hold_days": plan.hold_days,
        "measure": plan.measure,
        "measure_grams": plan.measure_grams,
        "measure_label": view.measure_label,
        "doses_per_day": plan.doses_per_day,
        "long_term": plan.long_term,
        "target_grams": plan.target_grams,
        "product_uid": plan.product_uid,
        "mitragynine_percent": plan.mitragynine_percent,
        "today": view.today,
        "state": view.state,
        "state_words": view.state_words,
        "target_today": target,
        "target_today_amount": view.in_measure(target) if target is not None else "",
        "logged_today": view.logged_today,
        "over_today": view.over_today,
        "current_step": current.step.number if current else None,
        "steps_total": len(progress.steps),
        "day_in_step": progress.day_in_step,
        "days_left_in_step": progress.days_left_in_step,
        "paused_since": progress.paused_since,
        "pause_reason": progress.pause_reason,
        "auto_paused": progress.auto_paused,
        "ended_on": progress.ended_on,
        "finish_on": progress.ended_on or progress.finish_on,
        "over_days": progress.over_days,
        "over_words": view.over_words,
        "steps": _steps(progress.steps, view.in_measure),
        "pauses": [
            TaperPauseOut(start=start, end=end, reason=reason) for start, end, reason in progress.pauses
        ],
        "events": [
            TaperEventOut(day=e.day, kind=e.kind, days=e.days, note=e.note) for e in taper.events_of(plan)
        ],
        "potency": TaperPotencyOut(product=potency.product, words=potency.words, grams=potency.grams)
        if potency
        else None,
        "latest_sows": TaperSowsOut(
            uid=latest.entry.uid, at=latest.at, total=latest.result.total, max_total=latest.result.max_total
        )
        if latest
        else None,
        "days": [TaperDayOut(**d.__dict__) for d in progress.days] if detail else None,
        **dict(zip(("time_course", "certainty"), taper.time_course_words(), strict=True)),
        "crisis": taper.crisis_words(),
    }


def _draft_out(draft: taper.Draft) -> TaperDraftOut:
    spec = draft.spec

    def amount(grams: float) -> str:
        return _amount(grams, draft.measure, spec.measure_grams)

    product = draft.product
    return TaperDraftOut(
        start_on=draft.start_on,
        finish_on=draft.finish_on,
        total_days=draft.total_days,
        start_grams=spec.start_grams,
        pace=draft.pace,
        percent=spec.percent,
        hold_days=spec.hold_days,
        measure=draft.measure,
        measure_grams=spec.measure_grams,
        doses_per_day=spec.doses_per_day,
        long_term=spec.long_term,
        target_grams=spec.target_grams,
        recent_grams=draft.defaults.recent_grams,
        product=_product_out(product),
        steps=_steps(draft.dated_steps, amount),
    )


def _product_out(product: taper.Product | None) -> TaperProductOut | None:
    if product is None:
        return None
    return TaperProductOut(
        uid=product.uid, name=product.name, mitragynine_percent=product.mitragynine_percent
    )


def _amount(grams: float, measure: str, measure_grams: float) -> str:
    return taper.amount_in_measure(grams, measure, measure_grams)


def _form(payload: TaperIn) -> dict[str, Any]:
    return payload.model_dump()


@router.get(
    "/taper/defaults",
    response={200: TaperDefaultsOut, **READ_ERRORS},
    summary="What a taper plan would start from: your recent daily amount, usual doses, paces and measures",
)
def taper_defaults(request: HttpRequest) -> Any:
    found = taper.taper_defaults(user=owner(request))
    rules = taper_rules()
    product = found.product
    return TaperDefaultsOut(
        recent_grams=found.recent_grams,
        recent_days=taper.RECENT_DAYS,
        doses_per_day=found.doses_per_day,
        long_term=found.long_term,
        dosed_share=found.dosed_share,
        first_dose_on=found.first_dose_on,
        teaspoon_grams=found.teaspoon_grams,
        product=_product_out(product),
        start_on=found.start_on,
        paces=[
            TaperPaceOut(
                id=p.id,
                label=p.label,
                percent=p.percent,
                hold_days=p.hold_days,
                text=p.text,
                sources=list(p.sources),
            )
            for p in rules.paces
        ],
        measures=["g", "tsp"],
        grams_steps=list(rules.rounding.grams_steps),
        default_grams_step=rules.rounding.default_grams_step,
        teaspoon_fraction=rules.rounding.teaspoon_fraction,
    )


@router.post(
    "/taper/preview",
    response={200: TaperDraftOut, **WRITE_ERRORS},
    summary="The schedule these choices give, checked like a plan but not stored",
)
def taper_preview(request: HttpRequest, payload: TaperIn) -> Any:
    return _draft_out(taper.taper_preview(user=owner(request), **_form(payload)))


@router.post(
    "/taper",
    response={201: TaperOut, **WRITE_ERRORS},
    summary="Plan a taper from your own amount (one active plan at a time)",
)
def taper_plan(request: HttpRequest, payload: TaperIn) -> Any:
    user = owner(request)
    plan = taper.taper_plan(user=user, **_form(payload))
    return 201, TaperOut(**_out(taper.taper_view(user=user, uid=plan.uid), detail=True))


@router.get(
    "/taper",
    response={200: list[TaperOut], **READ_ERRORS},
    summary="Your taper plans, the latest first, with where each stands (without their days)",
)
def taper_list(request: HttpRequest) -> Any:
    return [TaperOut(**_out(view)) for view in taper.taper_views(user=owner(request))]


@router.get(
    "/taper/current",
    response={200: TaperOut, **READ_ERRORS},
    summary="The plan that is planned, under way or paused; 404 when there is none",
)
def taper_current(request: HttpRequest) -> Any:
    view = taper.taper_active(user=owner(request))
    if view is None:
        raise NotFound("no taper plan is planned, under way or paused")
    return TaperOut(**_out(view, detail=True))


@router.get(
    "/taper/{uid}",
    response={200: TaperOut, **READ_ERRORS},
    summary="One taper plan with where it stands today: target, logged, step, pauses, steps and days",
)
def taper_get(request: HttpRequest, uid: UUID) -> Any:
    return TaperOut(**_out(taper.taper_view(user=owner(request), uid=uid), detail=True))


@router.post(
    "/taper/{uid}/actions",
    response={200: TaperActedOut, **WRITE_ERRORS},
    summary="Pause, resume, hold the step longer, slow the rest, mark a bad day, or end the plan, today",
)
def taper_action(request: HttpRequest, uid: UUID, payload: TaperActionIn) -> Any:
    view = taper.taper_act(
        user=owner(request), uid=uid, action=payload.action, note=payload.note, days=payload.days
    )
    return TaperActedOut(**_out(view, detail=True), message=taper.ACTIONS[payload.action][1])


@router.delete(
    "/taper/{uid}",
    response={200: TaperDeletedOut, **WRITE_ERRORS},
    summary="Delete a taper plan and its pauses (no undo); your doses and self-checks stay",
)
def taper_delete(request: HttpRequest, uid: UUID) -> Any:
    taper.taper_delete(user=owner(request), uid=uid)
    return TaperDeletedOut(uid=uid, message="deleted; your doses and self-checks are unchanged")
