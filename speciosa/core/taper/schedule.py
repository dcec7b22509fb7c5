"""A taper's steps: from the starting daily amount down to the target (0: stopping), each step about
`percent` of the current amount lower, rounded to what the person can measure, held `hold_days` at
least, and split into their usual number of doses.

Amounts are counted in whole measuring units (0.25 g, or a quarter of their teaspoon), so a step is
always at least one unit lower and the plan always reaches its end. After more than a year of daily use
the HHS guide suggests about 10% a month or less: each step is then held long enough that no 28 days
lower the amount by more than that, up to 28 days a step, and no step cuts more than 10% (rounding
down where needed); where one unit is already more than 10% (the last small steps), the step says so
(`over_monthly_cap`), and a finer measure helps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from speciosa.refdata.taper import pace, taper_rules

MONTH_DAYS = 28


@dataclass(frozen=True)
class Step:
    number: int  # 1-based
    grams: float  # the daily target
    hold_days: int
    cut_percent: float  # how much lower than the step before (the start for step 1), in %
    doses: tuple[float, ...]  # the daily target split into doses, each a whole number of units
    over_monthly_cap: bool = False  # long-term use, and one unit is more than the monthly cap


@dataclass(frozen=True)
class PlanSpec:
    """What a plan is made from. `measure_grams` is one measuring unit in grams (0.25 g, or a quarter
    of the person's level teaspoon); `percent` and `hold_days` come from the pace."""

    start_grams: float
    percent: float
    hold_days: int
    measure_grams: float
    doses_per_day: int = 1
    long_term: bool = False
    target_grams: float = 0.0

    @classmethod
    def of_pace(cls, pace_id: str, **values: object) -> PlanSpec:
        chosen = pace(pace_id)
        return cls(percent=chosen.percent, hold_days=chosen.hold_days, **values)  # type: ignore[arg-type]


def units(grams: float, measure_grams: float) -> int:
    """`grams` in whole measuring units, to the nearest (halves round up)."""
    return math.floor(grams / measure_grams + 0.5 + 1e-9)


def split(total_units: int, doses: int) -> tuple[int, ...]:
    """A day's units in `doses` doses as even as whole units allow (the larger ones first); fewer doses
    when there are fewer units than doses."""
    doses = max(1, min(doses, total_units)) if total_units else 0
    if not doses:
        return ()
    base, extra = divmod(total_units, doses)
    return tuple(base + (1 if i < extra else 0) for i in range(doses))


def cut_units(current: int, percent: float, *, capped: bool = False, cap: float = 100.0) -> int:
    """Whole units to cut from `current` units: `percent` of it to the nearest unit, halves down (so
    "about 10%" leans gentler); after long-term use, never above `cap` percent (rounded down), so
    only a step of one unit can be more than the cap."""
    if capped:
        return math.floor(current * min(percent, cap) / 100 + 1e-9)
    return math.ceil(current * percent / 100 - 0.5 - 1e-9)


def monthly_hold(cut_fraction: float, cap_percent: float, minimum: int) -> tuple[int, bool]:
    """Days to hold a step so that 28 days lower the amount by at most `cap_percent`; at most 28 days,
    and True when even 28 days is not enough (one unit is more than the cap)."""
    needed = math.ceil(MONTH_DAYS * cut_fraction * 100 / cap_percent - 1e-9)
    return max(minimum, min(needed, MONTH_DAYS)), needed > MONTH_DAYS


def plan_steps(spec: PlanSpec, *, first_number: int = 1) -> tuple[Step, ...]:
    """Every step from `spec.start_grams` down to `spec.target_grams`."""
    unit = spec.measure_grams
    current = units(spec.start_grams, unit)
    target = units(spec.target_grams, unit)
    cap = taper_rules().long_term.percent_per_28_days
    steps: list[Step] = []
    while current > target:
        cut = max(1, cut_units(current, spec.percent, capped=spec.long_term, cap=cap))
        lower = max(target, current - cut)
        fraction = (current - lower) / current
        hold, over_cap = spec.hold_days, False
        if spec.long_term:
            hold, over_cap = monthly_hold(fraction, cap, spec.hold_days)
        steps.append(
            Step(
                number=first_number + len(steps),
                grams=round(lower * unit, 4),
                hold_days=hold,
                cut_percent=round(fraction * 100, 1),
                doses=tuple(round(u * unit, 4) for u in split(lower, spec.doses_per_day)),
                over_monthly_cap=over_cap,
            )
        )
        current = lower
    return tuple(steps)


def with_extra_days(step: Step, days: int) -> Step:
    return replace(step, hold_days=step.hold_days + days)


def total_days(steps: tuple[Step, ...]) -> int:
    return sum(step.hold_days for step in steps)
