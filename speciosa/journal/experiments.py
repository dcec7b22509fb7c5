"""N-of-1 experiments: planning (with the safety checks), ending early, deleting, and reading one with
its schedule, today's assignment, its state and, once unlocked, its analysis.

Safety first, checked when a plan is made:
- a kratom option never has more grams a day than the person's recent usual amount (the median daily
  total over the dosed days of the last 4 weeks); without kratom logged in those weeks there is no
  usual amount, so no kratom option can be planned;
- no kratom option while a medication on the list has an interaction warning with kratom (the safety
  engine's reading of medication names and its interaction table);
- a red flag the safety engine raises during the experiment stops it: the experiment reads as
  stopped, with the red flag named, from that day on (derived from the findings, so every interface
  shows the same).

Keeping to the plan is read from the doses logged (no new question): each day's kratom grams, and
whether they match the day's option (see `kept_to_plan`). The analysis stays by the plan as
randomised (intention to treat); the words in `ExperimentView.kept_words` say how closely the days
kept to it.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone as dj_timezone

from speciosa.core.days import local_day
from speciosa.core.errors import FieldError, InvalidInput, NotFound
from speciosa.core.insights import experiment as ex
from speciosa.core.limits import MAX_DOSE_GRAMS, MAX_NAME_CHARS
from speciosa.core.safety.rules.interactions import medicine_classes
from speciosa.journal import User
from speciosa.journal import models as m
from speciosa.journal.findings import CurrentFinding, findings_current
from speciosa.journal.selectors import entry_list, medication_active, user_zone
from speciosa.refdata.name_reading import read_name

Kind = m.Experiment.OptionKind
USUAL_WINDOW_DAYS = 28
RED_FLAG_CODE = "red_flag.symptom"
#: A kratom day keeps to the plan when the grams logged that day are within 10% of the plan's grams a
#: day. A kitchen scale that reads to 0.1 g is off by up to 3–5% on a 2–3 g day and a level teaspoon
#: varies from spoonful to spoonful (1.5–2.0 g, Erowid), so a small gap is measuring, not another
#: amount; 10% still tells apart two amounts an experiment compares (2 g is a third below 3 g). A
#: design choice of ours (docs/experiments.md, "Keeping to the plan").
KEPT_MARGIN = 0.10
#: Grams compared to this many decimals, so that 3.3 g against a 3 g plan is within 10% despite floats.
GRAMS_PLACES = 6


# --- safety reads ------------------------------------------------------------------------------


def recent_usual_grams(*, user: User, today: date) -> float | None:
    """The median daily total in grams over the days with a dose in the 4 weeks before `today`."""
    zone = user_zone(user=user)
    first = today - timedelta(days=USUAL_WINDOW_DAYS)
    totals: dict[date, float] = {}
    since = datetime.combine(first - timedelta(days=1), datetime.min.time(), tzinfo=zone)
    doses = entry_list(user=user, kind="doses", start=since).values_list("taken_at", "grams")
    for taken_at, grams in doses:
        day = local_day(taken_at, zone)
        if day < first:
            break
        if day < today:
            totals[day] = totals.get(day, 0.0) + grams
    return round(statistics.median(totals.values()), 2) if totals else None


def interaction_warnings(*, user: User, today: date) -> list[str]:
    """Names of the medications on the list today that have an interaction warning with kratom."""
    return [
        med.name for med in medication_active(user=user, on=today) if medicine_classes(read_name(med.name))
    ]


# --- writes ------------------------------------------------------------------------------------


def experiment_plan(
    *,
    user: User,
    question: str,
    a_kind: str,
    a_label: str,
    b_kind: str,
    b_label: str,
    start_on: date,
    a_grams: float | None = None,
    b_grams: float | None = None,
    block_days: int = ex.DEFAULT_BLOCK_DAYS,
    pairs: int = ex.DEFAULT_PAIRS,
    washout_days: int = ex.DEFAULT_WASHOUT_DAYS,
    seed: int | None = None,
    now: datetime | None = None,
) -> m.Experiment:
    """Plan an experiment; the order within each pair is drawn now (seeded) and stored."""
    now = now or dj_timezone.now()
    today = local_day(now, user_zone(user=user))
    errors: list[FieldError] = []
    question = question.strip()
    if not question:
        errors.append(FieldError("question", "is required: what the experiment asks, in your words"))
    elif len(question) > MAX_NAME_CHARS:
        errors.append(FieldError("question", f"is longer than {MAX_NAME_CHARS} characters"))
    options = {"a": (a_kind, a_label.strip(), a_grams), "b": (b_kind, b_label.strip(), b_grams)}
    kratom = [key for key, (kind, _, _) in options.items() if kind == Kind.KRATOM]
    usual = recent_usual_grams(user=user, today=today) if kratom else None
    for key, (kind, label, grams) in options.items():
        if kind not in Kind.values:
            errors.append(FieldError(f"{key}_kind", f"must be one of {', '.join(Kind.values)}"))
            continue
        if not label:
            errors.append(FieldError(f"{key}_label", "is required: a name for this option"))
        elif len(label) > MAX_NAME_CHARS:
            errors.append(FieldError(f"{key}_label", f"is longer than {MAX_NAME_CHARS} characters"))
        if kind != Kind.KRATOM:
            if grams is not None:
                errors.append(FieldError(f"{key}_grams", "is only for a kratom option"))
            continue
        if grams is None:
            errors.append(
                FieldError(f"{key}_grams", "is required for a kratom option: grams a day in your plan")
            )
        elif not 0 < grams <= MAX_DOSE_GRAMS:
            errors.append(FieldError(f"{key}_grams", f"must be more than 0 and at most {MAX_DOSE_GRAMS:g}"))
        elif usual is None:
            errors.append(
                FieldError(
                    f"{key}_grams",
                    "has no usual amount to compare with: no kratom is logged in the last 4 weeks, and an "
                    "experiment never plans more kratom than your recent usual amount",
                )
            )
        elif grams > usual:
            errors.append(
                FieldError(
                    f"{key}_grams",
                    f"is more than your recent usual amount ({usual:g} g a day, the median of the dosed days "
                    "in the last 4 weeks); an experiment never plans more than that",
                )
            )
    if a_kind == b_kind and a_label.strip().lower() == b_label.strip().lower() and a_grams == b_grams:
        errors.append(FieldError("b_label", "is the same as option A: an experiment compares two options"))
    if kratom:
        warned = interaction_warnings(user=user, today=today)
        if warned:
            errors.append(
                FieldError(
                    f"{kratom[0]}_kind",
                    f"{', '.join(warned)} on your medication list has an interaction warning with kratom, so "
                    "an experiment does not plan kratom alongside it (see Safety)",
                )
            )
    if start_on < today:
        errors.append(
            FieldError("start_on", "is in the past: an experiment's schedule starts today or later")
        )
    seed = seed if seed is not None else random.SystemRandom().randrange(2**31)
    schedule = None
    try:
        schedule = ex.make_schedule(
            start_on, block_days=block_days, pairs=pairs, washout_days=washout_days, seed=seed
        )
    except ValueError as error:
        where = (
            "block_days" if "block" in str(error) else "pairs" if "pairs" in str(error) else "washout_days"
        )
        errors.append(FieldError(where, str(error)))
    if schedule is not None:
        for other in experiment_list(user=user):
            view = _view(other, now=now)
            if (
                view.state in ("planned", "running")
                and start_on <= view.schedule.end
                and other.start_on <= schedule.end
            ):
                errors.append(
                    FieldError(
                        "start_on",
                        f"overlaps your experiment “{other.question}” ({other.start_on:%-d %b} to "
                        f"{view.schedule.end:%-d %b %Y}): one experiment at a time",
                    )
                )
                break
    if errors or schedule is None:
        raise InvalidInput(errors)
    with transaction.atomic():
        return m.Experiment.objects.create(
            user=user,
            question=question,
            a_kind=a_kind,
            a_label=a_label.strip(),
            a_grams=a_grams,
            b_kind=b_kind,
            b_label=b_label.strip(),
            b_grams=b_grams,
            start_on=start_on,
            block_days=block_days,
            pairs=pairs,
            washout_days=washout_days,
            seed=seed,
            order=schedule.order,
            usual_grams=usual,
        )


def experiment_end_early(*, user: User, uid: UUID | str, now: datetime | None = None) -> m.Experiment:
    """End a running experiment today; its results unlock, marked as ended early."""
    now = now or dj_timezone.now()
    with transaction.atomic():
        experiment = experiment_get(user=user, uid=uid, lock=True)
        view = _view(experiment, now=now)
        if view.state not in ("planned", "running"):
            raise InvalidInput(f"this experiment is already {view.state_words}", field="uid")
        experiment.ended = m.Experiment.Ended.EARLY
        experiment.ended_on = max(view.today, experiment.start_on)
        experiment.save(update_fields=["ended", "ended_on"])
        return experiment


def experiment_delete(*, user: User, uid: UUID | str) -> m.Experiment:
    """Delete one of the person's experiments, whatever its state; the journal's entries (doses,
    check-ins) stay as they are. It cannot be undone: the web asks to confirm first. Returns the
    deleted experiment (its fields, for the message)."""
    with transaction.atomic():
        experiment = experiment_get(user=user, uid=uid, lock=True)
        experiment.delete()
        return experiment


# --- reads -------------------------------------------------------------------------------------


def experiment_list(*, user: User) -> list[m.Experiment]:
    return list(m.Experiment.objects.filter(user=user))


def experiment_get(*, user: User, uid: UUID | str, lock: bool = False) -> m.Experiment:
    query = m.Experiment.objects.filter(user=user)
    if lock:
        query = query.select_for_update()
    try:
        experiment = query.filter(uid=uid).first()
    except (DjangoValidationError, ValueError):
        experiment = None
    if experiment is None:
        raise NotFound("no such experiment")
    return experiment


def kept_to_plan(*, kind: str, planned_grams: float | None, grams_logged: float) -> bool:
    """Whether a day's logged kratom kept to its option: for kratom, within `KEPT_MARGIN` of the plan's
    grams a day; for a therapy or no kratom, no kratom logged."""
    if kind == Kind.KRATOM and planned_grams:
        gap = round(abs(grams_logged - planned_grams), GRAMS_PLACES)
        return gap <= round(KEPT_MARGIN * planned_grams, GRAMS_PLACES)
    return grams_logged == 0


def over_plan(*, kind: str, planned_grams: float | None, grams_logged: float) -> bool:
    """Whether a kratom day's logged grams came to more than the plan's grams a day (beyond the margin)."""
    if kind != Kind.KRATOM or not planned_grams:
        return False
    return round(grams_logged, GRAMS_PLACES) > round((1 + KEPT_MARGIN) * planned_grams, GRAMS_PLACES)


@dataclass(frozen=True)
class ScoredDay:
    day: date
    option: str
    washout: bool
    peg: float | None
    side_effects: int
    grams_logged: float = 0.0  # kratom grams logged that local day (the sum of its doses)
    kept: bool | None = None  # None: nothing logged that day (no dose, no check-in), or the day is not over


@dataclass(frozen=True)
class ExperimentView:
    experiment: m.Experiment
    schedule: ex.Schedule
    today: date
    state: str  # planned, running, finished, ended early, stopped
    stopped_on: date | None
    stop_reason: str
    today_plan: ex.DayPlan | None
    results_locked: bool
    days: list[ScoredDay] = field(default_factory=list)
    result: ex.Result | None = None

    @property
    def state_words(self) -> str:
        return {"planned": "planned", "running": "running", "finished": "finished"}.get(
            self.state, self.state
        )

    def option(self, option: str) -> tuple[str, str, float | None]:
        """Option "A" or "B" as (kind, label, grams a day)."""
        e = self.experiment
        return (e.a_kind, e.a_label, e.a_grams) if option == "A" else (e.b_kind, e.b_label, e.b_grams)

    def label(self, option: str) -> str:
        kind, label, grams = self.option(option)
        return f"{label} ({grams:g} g a day)" if kind == Kind.KRATOM and grams else label

    @property
    def kept_words(self) -> str:
        """How closely the counted days that are over kept to the plan, by the doses logged, in words
        ("" before the first counted day is over). Not a result about the effect, so it shows while
        the result is locked."""
        counted = [d for d in self.days if not d.washout and d.day < self.today]
        if not counted:
            return ""
        so_far = " so far" if self.results_locked else ""
        judged = [d for d in counted if d.kept is not None]
        if not judged:
            return (
                f"Nothing is logged on the {_days(len(counted), 'counted ')}{so_far} (no dose, no check-in), "
                "so whether they kept to the plan cannot be read."
            )
        kept = sum(1 for d in judged if d.kept)
        unknown = len(counted) - len(judged)
        words = f"Kept to the plan on {kept} of {_days(len(judged), 'counted ')}{so_far}"
        if unknown:
            words += f" with something logged (by the doses logged); {unknown} more had nothing logged."
        else:
            words += " (by the doses logged)."
        over = sum(1 for d in judged if over_plan(**self._plan_of(d)))
        if over:
            words += f" On {_days(over)}, the kratom logged was more than the plan's grams a day."
        if kept < len(judged):
            words += (
                " The result compares the plan's options as randomised, so days off the plan pull the "
                "difference towards zero."
            )
        return words

    def _plan_of(self, day: ScoredDay) -> dict[str, Any]:
        kind, _, grams = self.option(day.option)
        return {"kind": kind, "planned_grams": grams, "grams_logged": day.grams_logged}

    @property
    def today_label(self) -> str:
        """Today's option in words, e.g. "A: Green Malay (3 g a day)"; "" when nothing is planned today."""
        if self.today_plan is None:
            return ""
        option = self.today_plan.block.option
        return f"{option}: {self.label(option)}"

    @property
    def last_day(self) -> date:
        """The last day the analysis covers: the planned end, or the day it ended or stopped."""
        ends = [self.schedule.end]
        if self.experiment.ended_on:
            ends.append(self.experiment.ended_on)
        if self.stopped_on:
            ends.append(self.stopped_on)
        return min(ends)

    @property
    def days_left(self) -> int:
        return max(0, (self.schedule.end - self.today).days + 1)


def _days(count: int, kind: str = "") -> str:
    """'1 day', '3 counted days'."""
    return f"{count} {kind}day{'' if count == 1 else 's'}"


def schedule_of(experiment: m.Experiment) -> ex.Schedule:
    return ex.make_schedule(
        experiment.start_on,
        block_days=experiment.block_days,
        pairs=experiment.pairs,
        washout_days=experiment.washout_days,
        seed=experiment.seed,
        order=experiment.order,
    )


def _red_flag(experiment: m.Experiment, schedule: ex.Schedule, user: User, now: datetime) -> tuple[date, str]:
    """The first red flag the safety engine raised during the experiment: its local day and title.

    Reads the stored findings, old ones included (a red flag leaves the current findings after 7
    days), and the current ones (the stored ones when they are current, else an assessment in memory,
    so that a red flag logged a moment ago counts)."""
    zone = user_zone(user=user)
    last = min(schedule.end, experiment.ended_on or date.max)
    first_found: tuple[date, str] = (date.max, "")
    stored = [
        CurrentFinding.of(state) for state in m.FindingState.objects.filter(user=user, code=RED_FLAG_CODE)
    ]
    latest = [c for c in findings_current(user=user, now=now) if c.code == RED_FLAG_CODE]
    for current in stored + latest:
        day = local_day(current.finding.at or current.first_seen_at, zone)
        if experiment.start_on <= day <= last and day < first_found[0]:
            first_found = (day, current.title)
    return first_found


def _view(experiment: m.Experiment, *, now: datetime, with_days: bool = False) -> ExperimentView:
    user = experiment.user
    schedule = schedule_of(experiment)
    today = local_day(now, user_zone(user=user))
    stopped_on, reason = _red_flag(experiment, schedule, user, now)
    stopped = stopped_on != date.max and stopped_on <= today
    if stopped:
        state = "stopped"
    elif experiment.ended == m.Experiment.Ended.EARLY:
        state = "ended early"
    elif today < experiment.start_on:
        state = "planned"
    elif today <= schedule.end:
        state = "running"
    else:
        state = "finished"
    view = ExperimentView(
        experiment=experiment,
        schedule=schedule,
        today=today,
        state=state,
        stopped_on=stopped_on if stopped else None,
        stop_reason=reason if stopped else "",
        today_plan=ex.day_plan(schedule, today) if state == "running" else None,
        results_locked=state in ("planned", "running"),
    )
    if not with_days:
        return view
    days = _scored_days(view)
    result = None
    if not view.results_locked:
        scores = {d.day: d.peg for d in days if d.peg is not None}
        until = view.last_day if view.last_day < schedule.end else None
        result = ex.analyse_days(schedule, scores, until=until)
    return ExperimentView(**{**view.__dict__, "days": days, "result": result})


def _scored_days(view: ExperimentView) -> list[ScoredDay]:
    """Each planned day up to today (and up to the end), with the day's PEG-3 (the mean of its check-ins
    with all three answers), the number of side effects and the kratom grams logged that day, and
    whether the day kept to the plan (unknown while the day is under way or when nothing is logged)."""
    user = view.experiment.user
    zone = user_zone(user=user)
    last = min(view.last_day, view.today)
    pegs: dict[date, list[float]] = {}
    effects: dict[date, int] = {}
    grams: dict[date, float] = {}
    logged: set[date] = set()
    since = datetime.combine(view.schedule.start - timedelta(days=1), datetime.min.time(), tzinfo=zone)
    checkins = entry_list(user=user, kind="checkins", start=since)
    for checkin in checkins:
        day = local_day(checkin.at, zone)
        if day < view.schedule.start:
            break
        if day > last:
            continue
        logged.add(day)
        if checkin.peg_score is not None:
            pegs.setdefault(day, []).append(checkin.peg_score)
        effects[day] = effects.get(day, 0) + len(checkin.side_effects.all())
    for taken_at, dose_grams in entry_list(user=user, kind="doses", start=since).values_list(
        "taken_at", "grams"
    ):
        day = local_day(taken_at, zone)
        if day < view.schedule.start:
            break
        if day <= last:
            logged.add(day)
            grams[day] = grams.get(day, 0.0) + dose_grams
    out = []
    day = view.schedule.start
    while day <= last:
        plan = ex.day_plan(view.schedule, day)
        if plan is not None:
            values = pegs.get(day)
            kind, _, planned = view.option(plan.block.option)
            logged_grams = round(grams.get(day, 0.0), 2)
            out.append(
                ScoredDay(
                    day=day,
                    option=plan.block.option,
                    washout=plan.washout,
                    peg=round(sum(values) / len(values), 2) if values else None,
                    side_effects=effects.get(day, 0),
                    grams_logged=logged_grams,
                    kept=kept_to_plan(kind=kind, planned_grams=planned, grams_logged=logged_grams)
                    if day in logged and day < view.today
                    else None,
                )
            )
        day += timedelta(days=1)
    return out


def experiment_view(*, user: User, uid: UUID | str, now: datetime | None = None) -> ExperimentView:
    """One experiment with its days and, unless locked, its analysis."""
    return _view(experiment_get(user=user, uid=uid), now=now or dj_timezone.now(), with_days=True)


def experiment_views(*, user: User, now: datetime | None = None) -> list[ExperimentView]:
    now = now or dj_timezone.now()
    return [_view(experiment, now=now) for experiment in experiment_list(user=user)]


def experiment_today(*, user: User, now: datetime | None = None) -> ExperimentView | None:
    """The experiment to show on Today: the running one, or one stopped by a red flag in the last week."""
    now = now or dj_timezone.now()
    for view in experiment_views(user=user, now=now):
        if view.state == "running":
            return view
        if view.state == "stopped" and view.stopped_on and (view.today - view.stopped_on).days <= 7:
            return view
    return None


#: The kinds of option, for forms: (value, words).
OPTION_KINDS: list[tuple[str, str]] = [(str(value), str(label)) for value, label in Kind.choices]


def default_start(*, user: User, now: datetime | None = None) -> date:
    """Tomorrow in the person's time zone: the suggested first day of a plan."""
    return local_day(now or dj_timezone.now(), user_zone(user=user)) + timedelta(days=1)
