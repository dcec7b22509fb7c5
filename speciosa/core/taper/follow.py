"""Where a taper plan stands on a day: replay its days from the start, with the person's events and
the withdrawal scores, and say which step today is, whether the plan is paused and why, and what the
days ahead look like if nothing pauses it again.

- A step advances only when its days are done: a paused day does not count towards the step, and
  the target stays at the step's amount while paused (never lower).
- The plan pauses by itself when a withdrawal score (SOWS) rises sharply (taper.yaml `sharp_rise`:
  at least 12 points above the lowest score of the 7 days before, counting only scores since the plan
  last started or resumed), or when the person marks a bad day. It says why, and resumes only when
  the person resumes it.
- The person can pause, resume, hold the current step longer, slow the rest of the plan (the gentle
  pace, or 7 more days a step when it is already gentle), or end it.
- Going over a day's target is recorded plainly (`DayTarget.over`), nothing more.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Literal

from speciosa.core.taper.schedule import PlanSpec, Step, plan_steps, with_extra_days
from speciosa.refdata.taper import pace, taper_rules

EventKind = Literal["pause", "resume", "hold", "slow", "bad_day", "end"]
EVENT_KINDS: tuple[str, ...] = ("pause", "resume", "hold", "slow", "bad_day", "end")
HOLD_DAYS = 7
State = Literal["planned", "running", "paused", "finished", "ended"]


@dataclass(frozen=True)
class Event:
    day: date
    kind: EventKind
    days: int = 0  # for "hold": how many more days (default 7)
    note: str = ""


@dataclass(frozen=True)
class Score:
    day: date
    total: int


@dataclass(frozen=True)
class DayTarget:
    day: date
    step: int  # the step's number
    grams: float  # the day's target
    paused: bool
    logged: float | None = None  # grams logged that day (None: not given)
    over: bool = False  # more logged than the target, beyond the measuring margin


@dataclass(frozen=True)
class PlannedStep:
    """A step with its dates: done or under way (from the replay), or ahead (projected, no more pauses)."""

    step: Step
    start: date
    end: date  # inclusive
    status: Literal["done", "current", "ahead"]


@dataclass(frozen=True)
class Progress:
    state: State
    today: date
    steps: tuple[PlannedStep, ...]
    days: tuple[DayTarget, ...]  # start to today (or to the end)
    current: PlannedStep | None = None
    day_in_step: int = 0  # today's number within the current step's counted days (1-based)
    paused_since: date | None = None
    pause_reason: str = ""
    auto_paused: bool = False
    ended_on: date | None = None
    pauses: tuple[tuple[date, date | None, str], ...] = field(default_factory=tuple)

    @property
    def target_today(self) -> float | None:
        if self.state not in ("running", "paused") or self.current is None:
            return None
        return self.current.step.grams

    @property
    def finish_on(self) -> date | None:
        """The projected last day of the plan (no more pauses), or the day it finished."""
        return self.steps[-1].end if self.steps else None

    @property
    def over_days(self) -> int:
        return sum(1 for d in self.days if d.over)

    @property
    def days_left_in_step(self) -> int:
        if self.current is None:
            return 0
        return max(0, self.current.step.hold_days - self.day_in_step)


def is_over(logged: float | None, target: float) -> bool:
    """Whether a day's logged grams are above its target beyond the measuring margin (taper.yaml)."""
    if logged is None:
        return False
    margin = taper_rules().kept_margin.value
    return round(logged, 6) > round(target * (1 + margin), 6) + (0.0 if target else 1e-9)


def sharp_rise(scores: Iterable[Score], on: date, since: date) -> tuple[int, int] | None:
    """(baseline, score) when a score on `on` is at least `sharp_rise.points` above the lowest score of
    the `lookback_days` before it (scores from `since` on only); None otherwise."""
    rule = taper_rules().sharp_rise
    first = max(since, on - timedelta(days=rule.lookback_days))
    scored = list(scores)
    before = [s.total for s in scored if first <= s.day < on]
    today = [s.total for s in scored if s.day == on]
    if not before or not today:
        return None
    baseline, highest = min(before), max(today)
    return (baseline, highest) if highest - baseline >= rule.points else None


def _slowed(spec: PlanSpec, steps: list[Step], index: int) -> tuple[PlanSpec, list[Step]]:
    """The steps after `index`, re-planned at the gentle pace from the current amount, or, when the plan
    is already gentle (from the start or an earlier slow), each held 7 more days; with the spec the
    rest of the plan now follows."""
    gentle = pace("gentle")
    if spec.percent > gentle.percent:
        slowed = replace(spec, start_grams=steps[index].grams, percent=gentle.percent)
        return slowed, steps[: index + 1] + list(plan_steps(slowed, first_number=index + 2))
    return spec, steps[: index + 1] + [with_extra_days(s, HOLD_DAYS) for s in steps[index + 1 :]]


def follow(
    spec: PlanSpec,
    *,
    start_on: date,
    today: date,
    events: Iterable[Event] = (),
    scores: Iterable[Score] = (),
    logged: Mapping[date, float] | None = None,
) -> Progress:
    """Replay the plan from `start_on` to `today` (see the module's words)."""
    steps = list(plan_steps(spec))
    by_day: dict[date, list[Event]] = {}
    for event in events:
        by_day.setdefault(event.day, []).append(event)
    score_list = sorted(scores, key=lambda s: s.day)
    score_days = {s.day for s in score_list}  # a rise is looked for only on a day with a score
    logged = logged or {}
    index, counted = 0, 0
    paused_since: date | None = None
    reason, auto = "", False
    since = start_on
    started: list[date] = []  # each step's first day
    targets: list[DayTarget] = []
    pauses: list[tuple[date, date | None, str]] = []
    ended_on: date | None = None
    finished_on: date | None = None
    day = start_on
    while day <= today:
        if counted >= steps[index].hold_days:  # the day before finished its step: the next one starts
            index, counted = index + 1, 0
            if index >= len(steps):
                finished_on = day - timedelta(days=1)
                break
        if len(started) <= index:
            started.append(day)
        for event in by_day.get(day, []):
            if event.kind == "end":
                ended_on = day
            elif event.kind == "pause" and paused_since is None:
                paused_since, reason, auto = day, "You paused the plan" + _note(event), False
            elif event.kind == "bad_day" and paused_since is None:
                paused_since, reason, auto = day, f"You marked {day:%-d %b} a bad day" + _note(event), True
            elif event.kind == "resume":  # also a resume of the pause a score rise makes later today
                if paused_since is not None:
                    pauses.append((paused_since, day - timedelta(days=1), reason))
                paused_since, reason, auto, since = None, "", False, day
            elif event.kind == "hold":
                steps[index] = with_extra_days(steps[index], event.days or HOLD_DAYS)
            elif event.kind == "slow":
                spec, steps = _slowed(spec, steps, index)
        if ended_on is not None:
            break
        rise = sharp_rise(score_list, day, since) if paused_since is None and day in score_days else None
        if rise is not None:
            paused_since, auto = day, True
            reason = (
                f"Your withdrawal score rose from {rise[0]} to {rise[1]} (SOWS) on {day:%-d %b}, so the plan "
                "paused at its current step"
            )
        step = steps[index]
        got = logged.get(day)
        targets.append(
            DayTarget(
                day=day,
                step=step.number,
                grams=step.grams,
                paused=paused_since is not None,
                logged=got,
                over=day < today and is_over(got, step.grams),
            )
        )
        if paused_since is None:
            counted += 1
        day += timedelta(days=1)
    if paused_since is not None:
        pauses.append((paused_since, None, reason))
    planned = _dated(
        steps, started, index, counted, max(today, start_on - timedelta(days=1)), ended_on, finished_on
    )
    if today < start_on:
        # a plan ended before it started (an "end" on a day before start_on) is ended, not planned
        early = [
            e.day for events_on in by_day.values() for e in events_on if e.kind == "end" and e.day <= today
        ]
        if early:
            return Progress(state="ended", today=today, steps=planned, days=(), ended_on=min(early))
        return Progress(state="planned", today=today, steps=planned, days=())
    if ended_on is not None:
        state: State = "ended"
    elif index >= len(steps):
        state = "finished"
    else:
        state = "paused" if paused_since is not None else "running"
    current = planned[index] if index < len(planned) and state in ("running", "paused") else None
    return Progress(
        state=state,
        today=today,
        steps=planned,
        days=tuple(targets),
        current=current,
        day_in_step=counted,
        paused_since=paused_since,
        pause_reason=reason,
        auto_paused=auto and paused_since is not None,
        ended_on=ended_on,
        pauses=tuple(pauses),
    )


def _note(event: Event) -> str:
    return f": {event.note}" if event.note else ""


def _dated(
    steps: list[Step],
    started: list[date],
    index: int,
    counted: int,
    today: date,
    ended_on: date | None,
    finished_on: date | None,
) -> tuple[PlannedStep, ...]:
    """Each step with its dates: the replayed ones as they went, the current one and those ahead
    projected from today with no more pauses (`today` is the day before the start for a plan that has
    not started; `counted` counts today when it was not paused)."""
    out: list[PlannedStep] = []
    for i, step in enumerate(steps):
        if i < index:
            end = started[i + 1] - timedelta(days=1) if i + 1 < len(started) else finished_on or today
            out.append(PlannedStep(step=step, start=started[i], end=end, status="done"))
        elif i == index and i < len(started) and ended_on is None:
            end = today + timedelta(days=step.hold_days - counted)
            out.append(PlannedStep(step=step, start=started[i], end=end, status="current"))
        else:
            first = out[-1].end + timedelta(days=1) if out else today + timedelta(days=1)
            end = first + timedelta(days=step.hold_days - 1)
            out.append(PlannedStep(step=step, start=first, end=end, status="ahead"))
    return tuple(out)
