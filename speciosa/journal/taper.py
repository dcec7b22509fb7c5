"""Cutting down: planning a taper from the person's own journal, acting on it (pause, resume, hold,
slow, a bad day, end), and reading where it stands (speciosa.core.taper).

A plan starts from the person's recent daily amount (the median daily total of the dosed days in the
last 14 days, `RECENT_DAYS`), never above it, split into their usual number of doses, rounded to what
they measure with. Its steps and progress are replayed on every read from the plan, its events, the
doses logged and the SOWS scores, so every interface shows the same and nothing derived is stored.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import cast
from uuid import UUID
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone as dj_timezone

from speciosa.core.days import days_window, local_day
from speciosa.core.errors import FieldError, InvalidInput, NotFound
from speciosa.core.limits import MAX_DOSE_GRAMS, MAX_NAME_CHARS
from speciosa.core.taper import follow as tf
from speciosa.core.taper.schedule import PlanSpec, Step, plan_steps, units
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.selectors import entry_list, profile_get, user_zone
from speciosa.journal.selfchecks import ScoredCheck, selfcheck_latest, sows_by_day
from speciosa.refdata.red_flags import red_flags
from speciosa.refdata.taper import pace, taper_rules

#: The recent amount a plan starts from: the median daily total of the dosed days in these days.
RECENT_DAYS = 14
#: A start above the recent amount by more than this is refused (a taper never starts higher).
START_MARGIN = 0.10
ACTIVE = ("planned", "running", "paused")


# --- words every interface shows beside a plan ---------------------------------------------------


def time_course_words() -> tuple[str, str]:
    """When withdrawal may start and ease, and how certain that is (taper.yaml `time_course`)."""
    course = taper_rules().time_course
    return course.text, course.certainty


def crisis_words() -> str:
    """What to do now with thoughts of suicide: the red flag's own words (red_flags.yaml), shown beside
    every plan, as cutting down too fast can bring them (HHS 2019)."""
    flag = next(f for f in red_flags() if f.code == "suicidal_thoughts")
    return flag.what_to_do


def amount_in_measure(grams: float, measure: str, measure_grams: float) -> str:
    """An amount as the person measures it: "4.25 g" on a scale, or "1¾ tsp (4.4 g)" in quarter
    teaspoons (`measure_grams`: one quarter of their teaspoon)."""
    if measure != "tsp":
        return f"{grams:g} g"
    whole, rest = divmod(units(grams, measure_grams), 4)
    text = f"{whole or ''}{['', '¼', '½', '¾'][rest]}" or "0"
    return f"{text} tsp ({grams:.1f} g)"


# --- what a plan starts from ---------------------------------------------------------------------


@dataclass(frozen=True)
class Product:
    uid: UUID
    name: str
    mitragynine_percent: float | None


@dataclass(frozen=True)
class Defaults:
    """What the journal says a plan would start from (None where nothing is logged)."""

    recent_grams: float | None
    doses_per_day: int
    long_term: bool
    dosed_share: float  # of the past 365 days
    first_dose_on: date | None
    teaspoon_grams: float | None
    product: Product | None
    today: date

    @property
    def start_on(self) -> date:
        return self.today


def taper_defaults(*, user: User, now: datetime | None = None) -> Defaults:
    now = now or dj_timezone.now()
    zone = user_zone(user=user)
    today = local_day(now, zone)
    rules = taper_rules().long_term
    year_ago = today - timedelta(days=rules.after_days)
    since = datetime.combine(year_ago - timedelta(days=1), datetime.min.time(), tzinfo=zone)
    totals: dict[date, float] = {}
    counts: dict[date, int] = {}
    grams_by_product: dict[int, float] = {}
    rows = entry_list(user=user, kind="doses", start=since).values_list("taken_at", "grams", "product_id")
    recent_first = today - timedelta(days=RECENT_DAYS)
    for taken_at, grams, product_id in rows:
        day = local_day(taken_at, zone)
        if day < year_ago or day >= today + timedelta(days=1):
            continue
        totals[day] = totals.get(day, 0.0) + grams
        counts[day] = counts.get(day, 0) + 1
        if day >= recent_first and product_id is not None:
            grams_by_product[product_id] = grams_by_product.get(product_id, 0.0) + grams
    recent = [g for d, g in totals.items() if recent_first <= d < today]
    recent_counts = [c for d, c in counts.items() if recent_first <= d < today]
    first = m.Dose.objects.filter(user=user).order_by("taken_at").values_list("taken_at", flat=True).first()
    first_on = local_day(first, zone) if first else None
    share = len([d for d in totals if d < today]) / rules.after_days
    long_term = bool(first_on and first_on <= year_ago and share >= rules.daily_share)
    product = None
    if grams_by_product:
        row = m.Product.objects.filter(user=user, id=max(grams_by_product, key=grams_by_product.__getitem__))
        found = row.first()
        if found is not None:
            product = Product(found.uid, found.name, found.mitragynine_percent)
    return Defaults(
        recent_grams=round(statistics.median(recent), 2) if recent else None,
        doses_per_day=max(1, int(statistics.median(recent_counts) + 0.5)) if recent_counts else 1,
        long_term=long_term,
        dosed_share=round(share, 3),
        first_dose_on=first_on,
        teaspoon_grams=profile_get(user=user).teaspoon_grams,
        product=product,
        today=today,
    )


# --- planning ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A checked plan, not stored: what `taper_preview` shows and `taper_plan` stores."""

    spec: PlanSpec
    pace: str
    measure: str
    start_on: date
    product: Product | None
    defaults: Defaults
    steps: tuple[Step, ...]

    @property
    def total_days(self) -> int:
        return sum(s.hold_days for s in self.steps)

    @property
    def finish_on(self) -> date:
        return self.start_on + timedelta(days=self.total_days - 1)

    @property
    def dated_steps(self) -> tuple[tf.PlannedStep, ...]:
        """Each step with its dates if the plan starts on `start_on` and nothing pauses it."""
        dated, first = [], self.start_on
        for step in self.steps:
            end = first + timedelta(days=step.hold_days - 1)
            dated.append(tf.PlannedStep(step=step, start=first, end=end, status="ahead"))
            first = end + timedelta(days=1)
        return tuple(dated)


def _draft(
    *,
    user: User,
    now: datetime,
    start_grams: float | None,
    pace_id: str,
    measure: str,
    measure_grams: float | None,
    doses_per_day: int | None,
    long_term: bool | None,
    target_grams: float,
    start_on: date | None,
    defaults: Defaults | None = None,
) -> Draft:
    defaults = defaults or taper_defaults(user=user, now=now)
    rules = taper_rules()
    errors: list[FieldError] = []
    if pace_id not in {p.id for p in rules.paces}:
        errors.append(FieldError("pace", f"must be one of {', '.join(p.id for p in rules.paces)}"))
    recent = defaults.recent_grams
    if start_grams is None:
        start_grams = recent
        if start_grams is None:
            errors.append(
                FieldError(
                    "start_grams",
                    f"is needed: no kratom is logged in the last {RECENT_DAYS} days, so give the grams a day "
                    "you take now",
                )
            )
    elif not 0 < start_grams <= MAX_DOSE_GRAMS:
        errors.append(FieldError("start_grams", f"must be more than 0 and at most {MAX_DOSE_GRAMS:g}"))
    elif recent is not None and start_grams > recent * (1 + START_MARGIN):
        errors.append(
            FieldError(
                "start_grams",
                f"is more than your recent daily amount ({recent:g} g, the median of the dosed days in "
                f"the last {RECENT_DAYS} days): a taper starts from what you take now, never above it",
            )
        )
    if measure == "g":
        unit = measure_grams if measure_grams is not None else rules.rounding.default_grams_step
        if unit not in rules.rounding.grams_steps:
            steps = ", ".join(f"{g:g}" for g in rules.rounding.grams_steps)
            errors.append(FieldError("measure_grams", f"must be one of {steps} (grams your scale can weigh)"))
    elif measure == "tsp":
        unit = (defaults.teaspoon_grams or 0) * rules.rounding.teaspoon_fraction
        if not defaults.teaspoon_grams:
            errors.append(
                FieldError(
                    "measure",
                    "needs your teaspoon's weight: set it in Settings (grams in one level teaspoon)",
                )
            )
    else:
        unit = 0
        errors.append(FieldError("measure", "must be g (a scale) or tsp (your teaspoon)"))
    doses = doses_per_day if doses_per_day is not None else defaults.doses_per_day
    if not 1 <= doses <= 12:
        errors.append(FieldError("doses_per_day", "must be from 1 to 12"))
    if start_grams is not None and not 0 <= target_grams < start_grams:
        errors.append(
            FieldError("target_grams", "must be 0 (stopping) or more, and below the starting amount")
        )
    today = defaults.today
    start_on = start_on or today
    if start_on < today:
        errors.append(FieldError("start_on", "is in the past: a plan starts today or later"))
    if start_on > today + timedelta(days=90):
        errors.append(FieldError("start_on", "is more than 90 days ahead"))
    # Only amounts and measures that passed their own checks are divided (5e-324 g would overflow).
    if not errors and unit and start_grams and units(start_grams, unit) < 1:
        errors.append(FieldError("start_grams", "is less than one measuring unit"))
    if errors or start_grams is None:
        raise InvalidInput(errors)
    chosen = pace(pace_id)
    spec = PlanSpec(
        start_grams=round(units(start_grams, unit) * unit, 4),
        percent=chosen.percent,
        hold_days=chosen.hold_days,
        measure_grams=round(unit, 4),
        doses_per_day=doses,
        long_term=defaults.long_term if long_term is None else long_term,
        target_grams=target_grams,
    )
    return Draft(spec, pace_id, measure, start_on, defaults.product, defaults, plan_steps(spec))


def taper_preview(
    *,
    user: User,
    start_grams: float | None = None,
    pace: str = "standard",
    measure: str = "g",
    measure_grams: float | None = None,
    doses_per_day: int | None = None,
    long_term: bool | None = None,
    target_grams: float = 0.0,
    start_on: date | None = None,
    now: datetime | None = None,
    defaults: Defaults | None = None,
) -> Draft:
    """The plan these choices make, checked, not stored (the form's preview, `--dry-run`).
    `defaults`: what `taper_defaults` read for the same moment, when the caller has it already."""
    return _draft(
        defaults=defaults,
        user=user,
        now=now or dj_timezone.now(),
        start_grams=start_grams,
        pace_id=pace,
        measure=measure,
        measure_grams=measure_grams,
        doses_per_day=doses_per_day,
        long_term=long_term,
        target_grams=target_grams,
        start_on=start_on,
    )


def taper_plan(
    *,
    user: User,
    start_grams: float | None = None,
    pace: str = "standard",
    measure: str = "g",
    measure_grams: float | None = None,
    doses_per_day: int | None = None,
    long_term: bool | None = None,
    target_grams: float = 0.0,
    start_on: date | None = None,
    now: datetime | None = None,
) -> m.TaperPlan:
    """Store a plan (one active plan at a time: end the current one first)."""
    now = now or dj_timezone.now()
    draft = _draft(
        user=user,
        now=now,
        start_grams=start_grams,
        pace_id=pace,
        measure=measure,
        measure_grams=measure_grams,
        doses_per_day=doses_per_day,
        long_term=long_term,
        target_grams=target_grams,
        start_on=start_on,
    )
    with transaction.atomic():
        active = taper_active(user=user, now=now)
        if active is not None:
            raise InvalidInput(
                f"you already have a taper plan ({active.state_words}, from "
                f"{active.plan.start_on:%-d %b %Y}): end it before planning another",
                field="start_on",
            )
        spec = draft.spec
        return m.TaperPlan.objects.create(
            user=user,
            start_on=draft.start_on,
            start_grams=spec.start_grams,
            pace=draft.pace,
            percent=spec.percent,
            hold_days=spec.hold_days,
            measure=draft.measure,
            measure_grams=spec.measure_grams,
            doses_per_day=spec.doses_per_day,
            long_term=spec.long_term,
            target_grams=spec.target_grams,
            product_uid=draft.product.uid if draft.product else None,
            mitragynine_percent=draft.product.mitragynine_percent if draft.product else None,
            created_at=now,
        )


# --- acting on a plan ----------------------------------------------------------------------------

#: What each action needs the plan to be, and what it does.
ACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "pause": (("running",), "Paused. The target stays at this step's amount until you resume."),
    "resume": (("paused",), "Resumed. The step goes on from the days it had done."),
    "hold": (("running", "paused"), "Holding this step longer."),
    "slow": (("running", "paused"), "Slowed: the rest of the plan goes down more gently."),
    "bad_day": (("running", "paused"), "Marked a bad day. The plan is paused until you resume it."),
    "end": (ACTIVE, "Ended the plan. Your doses and scores stay in the journal."),
}


def taper_act(
    *,
    user: User,
    uid: UUID | str,
    action: str,
    note: str = "",
    days: int = 0,
    now: datetime | None = None,
) -> TaperView:
    """Pause, resume, hold (`days` more, 7 by default), slow, mark a bad day or end, today."""
    now = now or dj_timezone.now()
    if action not in ACTIONS:
        raise InvalidInput(f"must be one of {', '.join(ACTIONS)}", field="action")
    if len(note) > MAX_NAME_CHARS:
        raise InvalidInput(f"is longer than {MAX_NAME_CHARS} characters", field="note")
    if action == "hold" and not 0 <= days <= 28:
        raise InvalidInput("must be from 1 to 28 (0: the default, 7)", field="days")
    with transaction.atomic():
        plan = taper_get(user=user, uid=uid, lock=True)
        view = _view(plan, now=now)
        allowed, _ = ACTIONS[action]
        if view.state not in allowed:
            raise InvalidInput(
                f"cannot {action.replace('_', ' ')} a plan that is {view.state_words}", field="action"
            )
        m.TaperEvent.objects.create(
            plan=plan,
            day=view.today,
            kind=action,
            days=(days or tf.HOLD_DAYS) if action == "hold" else 0,
            note=note.strip(),
            at=now,
        )
    return _view(plan, now=now)


def taper_delete(*, user: User, uid: UUID | str) -> m.TaperPlan:
    """Delete a plan and its events (the doses and scores stay)."""
    with transaction.atomic():
        plan = taper_get(user=user, uid=uid, lock=True)
        plan.delete()
        return plan


# --- reading -------------------------------------------------------------------------------------


def taper_list(*, user: User) -> list[m.TaperPlan]:
    plans = list(m.TaperPlan.objects.filter(user=user).prefetch_related("events"))
    for plan in plans:
        plan.user = user
    return plans


def taper_get(*, user: User, uid: UUID | str, lock: bool = False) -> m.TaperPlan:
    query = m.TaperPlan.objects.filter(user=user)
    if lock:
        query = query.select_for_update()
    try:
        plan = query.filter(uid=uid).first()
    except (DjangoValidationError, ValueError):
        plan = None
    if plan is None:
        raise NotFound("no such taper plan")
    plan.user = user  # the owner is known: reading plan.user asks nothing more of the database
    return plan


def spec_of(plan: m.TaperPlan) -> PlanSpec:
    return PlanSpec(
        start_grams=plan.start_grams,
        percent=plan.percent,
        hold_days=plan.hold_days,
        measure_grams=plan.measure_grams,
        doses_per_day=plan.doses_per_day,
        long_term=plan.long_term,
        target_grams=plan.target_grams,
    )


def events_of(plan: m.TaperPlan) -> list[tf.Event]:
    return [
        tf.Event(day=e.day, kind=cast(tf.EventKind, e.kind), days=e.days, note=e.note)
        for e in plan.events.all()
    ]


@dataclass(frozen=True)
class Potency:
    """The product being logged now against the plan's: the same mitragynine in grams of the new
    product where both lab figures are known, else words that it may differ."""

    product: str
    words: str
    grams: float | None = None  # today's target in grams of the new product (None: not known)


@dataclass(frozen=True)
class TaperView:
    plan: m.TaperPlan
    progress: tf.Progress
    today: date
    logged_today: float = 0.0
    sows: list[tuple[datetime, int]] = field(default_factory=list)

    @cached_property
    def latest_sows(self) -> ScoredCheck | None:
        """The person's latest SOWS (read when asked: Today does not need it)."""
        return selfcheck_latest(user=self.plan.user, instrument="sows")

    @cached_property
    def potency(self) -> Potency | None:
        """The product change note, for a plan under way or paused (read when asked)."""
        if self.progress.state not in ("running", "paused"):
            return None
        return _potency(self.plan, self.plan.user, self.progress.target_today)

    @property
    def state(self) -> str:
        return self.progress.state

    @property
    def state_words(self) -> str:
        return {"planned": "planned", "running": "under way", "paused": "paused", "finished": "finished"}.get(
            self.state, "ended"
        )

    @property
    def target_today(self) -> float | None:
        return self.progress.target_today

    @property
    def over_today(self) -> bool:
        target = self.target_today
        return target is not None and tf.is_over(self.logged_today, target)

    @property
    def measure_label(self) -> str:
        plan = self.plan
        if plan.measure == "tsp":
            return f"quarter teaspoons ({plan.measure_grams:g} g each)"
        return f"{plan.measure_grams:g} g on a scale"

    def in_measure(self, grams: float) -> str:
        """An amount as the person measures it: "4.25 g", or "1¾ tsp (4.4 g)"."""
        return amount_in_measure(grams, self.plan.measure, self.plan.measure_grams)

    @property
    def over_words(self) -> str:
        """Days over the target so far, plainly ("" when none)."""
        over = self.progress.over_days
        if not over:
            return ""
        return (
            f"On {over} day{'s' if over != 1 else ''} the grams logged were above the day's target. "
            "That happens; you can hold this step longer if the next one feels too soon."
        )


def _potency(plan: m.TaperPlan, user: User, target: float | None) -> Potency | None:
    if plan.product_uid is None:
        return None
    last = (
        m.Dose.objects.filter(user=user)
        .order_by("-taken_at", "-id")
        .values_list("product__uid", "product__name", "product__mitragynine_percent")
        .first()
    )
    if last is None or last[0] is None or last[0] == plan.product_uid:
        return None
    new = Product(*last)
    old = m.Product.objects.filter(user=user, uid=plan.product_uid).values_list("name", flat=True).first()
    old_name = old or "the product the plan started with"
    if plan.mitragynine_percent and new.mitragynine_percent and target is not None:
        mg = target * plan.mitragynine_percent * 10
        grams = units(mg / (new.mitragynine_percent * 10), plan.measure_grams) * plan.measure_grams
        return Potency(
            product=new.name,
            grams=round(grams, 4),
            words=(
                f"You are now logging {new.name} ({new.mitragynine_percent:g}% mitragynine on its lab "
                f"report); the plan started with {old_name} ({plan.mitragynine_percent:g}%). Today's "
                f"target, {target:g} g of {old_name}, is about {mg:.0f} mg of mitragynine: about "
                f"{grams:g} g of {new.name}. Lab figures vary from batch to batch, so watch how you feel "
                "on the change."
            ),
        )
    return Potency(
        product=new.name,
        words=(
            f"You are now logging {new.name}, not {old_name}, the product the plan started with. "
            "Products can differ a lot in strength, so the same grams may not be the same amount of "
            "mitragynine. With the mitragynine figure from both lab reports (Products), the plan can "
            "keep the same amount."
        ),
    )


def _logged(user: User, first: date, last: date, zone: ZoneInfo) -> dict[date, float]:
    """Grams logged on each local day from `first` to `last` (two columns, in no order: only sums)."""
    start, end = days_window(first, last, zone)
    rows = m.Dose.objects.filter(user=user, taken_at__gte=start, taken_at__lt=end).order_by()
    totals: dict[date, float] = {}
    for taken_at, grams in rows.values_list("taken_at", "grams"):
        day = local_day(taken_at, zone)
        totals[day] = totals.get(day, 0.0) + grams
    return {d: round(g, 3) for d, g in totals.items()}


def _view(plan: m.TaperPlan, *, now: datetime, today_only: bool = False) -> TaperView:
    """The plan replayed to today. `today_only`: the grams of today alone (Today's card), so days over
    the target before today are not counted."""
    user = plan.user
    zone = user_zone(user=user)
    today = local_day(now, zone)
    first = today if today_only else plan.start_on
    logged = _logged(user, first, today, zone) if today >= plan.start_on else {}
    since = datetime.combine(plan.start_on - timedelta(days=8), datetime.min.time(), tzinfo=zone)
    sows = sows_by_day(user=user, since=since, zone=zone)
    progress = tf.follow(
        spec_of(plan),
        start_on=plan.start_on,
        today=today,
        events=events_of(plan),
        scores=[tf.Score(day=at.date(), total=total) for at, total in sows],
        logged=logged,
    )
    return TaperView(
        plan=plan, progress=progress, today=today, logged_today=logged.get(today, 0.0), sows=sows
    )


def taper_view(*, user: User, uid: UUID | str, now: datetime | None = None) -> TaperView:
    return _view(taper_get(user=user, uid=uid), now=now or dj_timezone.now())


def taper_views(*, user: User, now: datetime | None = None) -> list[TaperView]:
    now = now or dj_timezone.now()
    return [_view(plan, now=now) for plan in taper_list(user=user)]


def _active_or_latest(
    *, user: User, now: datetime, today_only: bool = False
) -> tuple[TaperView | None, TaperView | None]:
    """(the active plan, the most recent plan), each replayed once, from the 5 most recent plans."""
    latest = None
    for plan in m.TaperPlan.objects.filter(user=user).prefetch_related("events")[:5]:
        plan.user = user
        view = _view(plan, now=now, today_only=today_only)
        latest = latest or view
        if view.state in ACTIVE:
            return view, latest
    return None, latest


def taper_active(*, user: User, now: datetime | None = None, today_only: bool = False) -> TaperView | None:
    """The plan that is planned, under way or paused (at most one), else None. `today_only` as in
    `_view`: what Today's card needs, cheaper."""
    return _active_or_latest(user=user, now=now or dj_timezone.now(), today_only=today_only)[0]


def taper_latest(*, user: User, now: datetime | None = None) -> TaperView | None:
    """The active plan, else the most recent one (for Today, Trends and the reports)."""
    active, latest = _active_or_latest(user=user, now=now or dj_timezone.now())
    return active or latest
