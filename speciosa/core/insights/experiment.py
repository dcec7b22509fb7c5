"""N-of-1 experiments: the randomised block schedule and the analysis of the daily scores (pure).

A plan compares two options, A and B, in `pairs` pairs of blocks of `block_days` days. Within each
pair the order (AB or BA) is drawn from a seeded generator, so the same seed gives the same
schedule and the schedule can be stored and checked. The first `washout_days` of every block are
left out of the analysis: the default of 3 days comes from mitragynine's long half-life (about
1–2 days after one dose, longer after daily use; see docs/experiments.md), so the days just after a
switch still carry the previous option.

The analysis (`analyse_days`) fits the daily score with the treatment, a time trend and AR(1)
errors (`ar1`) and says, in plain words, what the person's own days show.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from speciosa.core.insights import ar1

DEFAULT_BLOCK_DAYS = 7
DEFAULT_PAIRS = 4
DEFAULT_WASHOUT_DAYS = 3
MIN_BLOCK_DAYS = 4
MAX_BLOCK_DAYS = 28
MIN_PAIRS = 2
MAX_PAIRS = 8
# A change of about 2 points (or 30%) on a 0–10 pain scale matched "much improved" (Farrar 2001);
# the PEG (Krebs 2009) has no agreed threshold of its own, so 2 points is provisional for it.
IMPORTANT_CHANGE = 2.0
# "With high probability" in the plain-words result: the posterior probability of a clinically
# important improvement must reach this before the words say the better option likely helps.
HIGH_PROBABILITY = 0.9


@dataclass(frozen=True)
class Block:
    index: int  # 0-based
    option: str  # "A" or "B"
    start: date
    end: date  # inclusive
    washout_until: date  # the last washout day (inclusive); before `start` when there is no washout


@dataclass(frozen=True)
class Schedule:
    start: date
    block_days: int
    pairs: int
    washout_days: int
    seed: int
    blocks: tuple[Block, ...]

    @property
    def end(self) -> date:
        return self.blocks[-1].end

    @property
    def total_days(self) -> int:
        return self.block_days * 2 * self.pairs

    @property
    def order(self) -> str:
        return "".join(block.option for block in self.blocks)


@dataclass(frozen=True)
class DayPlan:
    day: date
    day_number: int  # 1-based
    block: Block
    washout: bool


def make_schedule(
    start: date,
    *,
    block_days: int = DEFAULT_BLOCK_DAYS,
    pairs: int = DEFAULT_PAIRS,
    washout_days: int = DEFAULT_WASHOUT_DAYS,
    seed: int,
    order: str = "",
) -> Schedule:
    """The randomised block schedule; `order` (e.g. "ABBA…") replays a stored one instead of drawing."""
    if not MIN_BLOCK_DAYS <= block_days <= MAX_BLOCK_DAYS:
        raise ValueError(f"block length must be {MIN_BLOCK_DAYS}–{MAX_BLOCK_DAYS} days")
    if not MIN_PAIRS <= pairs <= MAX_PAIRS:
        raise ValueError(f"the number of pairs must be {MIN_PAIRS}–{MAX_PAIRS}")
    if not 0 <= washout_days <= block_days - 2:
        raise ValueError("washout must leave at least 2 measured days in each block")
    if not order:
        rng = random.Random(seed)
        order = "".join(rng.choice(("AB", "BA")) for _ in range(pairs))
    if len(order) != 2 * pairs or any(order[i : i + 2] not in ("AB", "BA") for i in range(0, len(order), 2)):
        raise ValueError("order must hold one AB or BA per pair")
    blocks = []
    for index, option in enumerate(order):
        first = start + timedelta(days=index * block_days)
        blocks.append(
            Block(
                index=index,
                option=option,
                start=first,
                end=first + timedelta(days=block_days - 1),
                washout_until=first + timedelta(days=washout_days - 1),
            )
        )
    return Schedule(start, block_days, pairs, washout_days, seed, tuple(blocks))


def day_plan(schedule: Schedule, day: date) -> DayPlan | None:
    """Which option the plan has for `day`, and whether it is a washout day; None outside the plan."""
    offset = (day - schedule.start).days
    if offset < 0 or offset >= schedule.total_days:
        return None
    block = schedule.blocks[offset // schedule.block_days]
    return DayPlan(day=day, day_number=offset + 1, block=block, washout=day <= block.washout_until)


@dataclass(frozen=True)
class Result:
    """What the days show. `difference` is B minus A on the score (lower is better for PEG)."""

    days_a: int
    days_b: int
    days_missing: int
    posterior: ar1.Posterior | None
    better: str  # "A", "B" or "" when too few days
    prob_important: float  # P(the better option improves the score by ≥ IMPORTANT_CHANGE)
    verdict: str  # plain words
    means: dict[str, float]


def analyse_days(schedule: Schedule, scores: dict[date, float], *, until: date | None = None) -> Result:
    """Analyse the scored days of the plan (washout days left out), up to `until` when ended early."""
    last = min(schedule.end, until) if until else schedule.end
    days: list[int] = []
    values: list[float] = []
    treatment: list[int] = []
    planned = 0
    for offset in range(schedule.total_days):
        day = schedule.start + timedelta(days=offset)
        if day > last:
            break
        plan = day_plan(schedule, day)
        if plan is None or plan.washout:
            continue
        planned += 1
        if day in scores:
            days.append(offset)
            values.append(float(scores[day]))
            treatment.append(1 if plan.block.option == "B" else 0)
    days_b = sum(treatment)
    days_a = len(treatment) - days_b
    means = {
        option: sum(v for v, t in zip(values, treatment, strict=True) if t == flag) / count
        for option, flag, count in (("A", 0, days_a), ("B", 1, days_b))
        if count
    }
    if days_a < 3 or days_b < 3 or len(values) < ar1.PARAMETERS + 3:
        return Result(
            days_a,
            days_b,
            planned - len(values),
            None,
            "",
            0.0,
            f"Not enough scored days yet: {days_a} on A and {days_b} on B (at least 3 of each are needed).",
            means,
        )
    post = ar1.analyse(values, days, treatment, IMPORTANT_CHANGE)
    # Lower scores are better: B better when B − A is negative.
    better = "B" if post.median < 0 else "A"
    prob = post.prob_at_most if better == "B" else post.prob_at_least
    return Result(
        days_a, days_b, planned - len(values), post, better, prob, _verdict(post, better, prob), means
    )


def _verdict(post: ar1.Posterior, better: str, prob: float) -> str:
    other = "A" if better == "B" else "B"
    size = abs(post.median)
    interval = f"between {post.low:+.1f} and {post.high:+.1f} points (B minus A)"
    chance = f"{round(prob * 100)}%"
    if prob >= HIGH_PROBABILITY:
        lead = (
            f"On your days, {better} likely lowered the score by a clinically important amount "
            f"compared with {other}."
        )
    elif post.high < 0 or post.low > 0:
        lead = (
            f"On your days, scores were lower on {better} than on {other}, "
            "but perhaps not by a clinically important amount."
        )
    else:
        lead = "Your days do not tell A and B apart: the difference could be either way."
    return (
        f"{lead} Most likely difference {size:.1f} points in favour of {better}; "
        f"95% credible interval {interval}. "
        f"Chance that {better} improves the score by {IMPORTANT_CHANGE:g} points or more: {chance}."
    )


@dataclass(frozen=True)
class SimulationRates:
    simulations: int
    effect: float
    interval_excludes_zero: float  # the 95% credible interval excludes 0 (either direction)
    right_direction_detected: float  # … and lies on the side of the true effect (the true better option)
    wrong_direction_detected: float
    important_claims: float  # P(the better option improves by ≥ IMPORTANT_CHANGE) ≥ HIGH_PROBABILITY


def simulate_rates(
    simulations: int,
    *,
    effect: float,
    seed: int,
    rho: float = 0.7,
    sd: float = 1.5,
    block_days: int = DEFAULT_BLOCK_DAYS,
    pairs: int = DEFAULT_PAIRS,
    washout_days: int = DEFAULT_WASHOUT_DAYS,
) -> SimulationRates:
    """How often the analysis claims an effect on simulated journals (B minus A is `effect`).

    Each journal has AR(1) errors with correlation `rho` and stationary SD `sd`, a fresh random
    order within each pair, and the washout days left out, all analysed at once (vectorised).
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    n = block_days * 2 * pairs
    innovation = sd * np.sqrt(1 - rho**2)
    errors = np.empty((simulations, n))
    errors[:, 0] = rng.normal(0, sd, simulations)
    for t in range(1, n):
        errors[:, t] = rho * errors[:, t - 1] + rng.normal(0, innovation, simulations)
    treatment = np.zeros((simulations, n))
    for pair in range(pairs):
        first = rng.integers(0, 2, simulations).astype(np.float64)
        for k, option in ((0, first), (1, 1 - first)):
            s = (2 * pair + k) * block_days
            treatment[:, s : s + block_days] = option[:, None]
    keep = np.arange(n) % block_days >= washout_days
    scores = 5.0 + effect * treatment + errors
    days = np.broadcast_to(np.arange(n, dtype=np.float64)[keep], (simulations, int(keep.sum())))
    posts = ar1.analyse_many(scores[:, keep], days, treatment[:, keep], IMPORTANT_CHANGE)
    excludes = [p.high < 0 or p.low > 0 for p in posts]
    right = [(p.high < 0) if effect <= 0 else (p.low > 0) for p in posts]
    wrong = [(p.low > 0) if effect < 0 else (p.high < 0) if effect > 0 else False for p in posts]
    important = [max(p.prob_at_least, p.prob_at_most) >= HIGH_PROBABILITY for p in posts]
    return SimulationRates(
        simulations=simulations,
        effect=effect,
        interval_excludes_zero=sum(excludes) / simulations,
        right_direction_detected=sum(right) / simulations,
        wrong_direction_detected=sum(wrong) / simulations,
        important_claims=sum(important) / simulations,
    )
