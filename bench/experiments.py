"""N-of-1 experiments: the time of one experiment's analysis (60 days) against a baseline measured in
the same run (an ordinary least-squares fit of the same days with numpy), and the simulation rates:
how often the analysis claims an effect on journals with no true effect (AR(1) correlation 0.7), and
how often it finds a true 2-point effect, with the default design.

    python -m bench.experiments              # 2,000 simulated journals per rate
    python -m bench.experiments --simulations 500
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta

import numpy as np

from bench.report import INFO, Goal, Row, table
from speciosa.core.insights import experiment as ex

TIME_GOAL = Goal("measured", "<", 2000, "ms")


def _sixty_days() -> tuple[ex.Schedule, dict[date, float]]:
    """A 60-day plan (3 pairs of 10-day blocks) with a PEG score every day, AR(1) noise 0.7."""
    schedule = ex.make_schedule(date(2026, 1, 5), block_days=10, pairs=3, washout_days=3, seed=1)
    rng = np.random.default_rng(2)
    scores, e = {}, 0.0
    for offset in range(schedule.total_days):
        day = schedule.start + timedelta(days=offset)
        plan = ex.day_plan(schedule, day)
        assert plan is not None
        e = 0.7 * e + rng.normal(0, 1.5 * (1 - 0.49) ** 0.5)
        scores[day] = 6.0 + (-2.0 if plan.block.option == "B" else 0.0) + e
    return schedule, scores


def _ols(schedule: ex.Schedule, scores: dict[date, float]) -> float:
    """The baseline: the same days fitted by ordinary least squares (no correlation, no posterior)."""
    rows, ys = [], []
    for day, value in scores.items():
        plan = ex.day_plan(schedule, day)
        if plan is None or plan.washout:
            continue
        rows.append([1.0, 1.0 if plan.block.option == "B" else 0.0, (day - schedule.start).days / 7])
        ys.append(value)
    beta, *_ = np.linalg.lstsq(np.asarray(rows), np.asarray(ys), rcond=None)
    return float(beta[1])


def run(*, repeats: int = 15, simulations: int = 2000) -> list[Row]:
    schedule, scores = _sixty_days()
    ex.analyse_days(schedule, scores)  # warm up (imports, caches)
    analysis, baseline = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        ex.analyse_days(schedule, scores)
        analysis.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        _ols(schedule, scores)
        baseline.append((time.perf_counter() - started) * 1000)
    null = ex.simulate_rates(simulations, effect=0.0, seed=11)
    real = ex.simulate_rates(simulations, effect=-2.0, seed=12)
    note = f"{simulations:,} simulated journals, AR(1) 0.7, SD 1.5, 4 pairs of 7-day blocks, 3 washout days"
    return [
        Row(
            "experiment analysis, 60 days (÷ least squares)",
            "ms",
            statistics.median(analysis),
            statistics.median(baseline),
            TIME_GOAL,
        ),
        Row(
            "no effect: 95% interval excludes 0", "%", 100 * null.interval_excludes_zero, goal=None, note=note
        ),
        Row("no effect: P(≥2 points) ≥ 0.9", "%", 100 * null.important_claims, goal=None, note=INFO),
        Row("2-point effect: found (interval < 0)", "%", 100 * real.right_direction_detected, goal=None),
        Row("2-point effect: P(≥2 points) ≥ 0.9", "%", 100 * real.important_claims, goal=None),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.experiments", description=__doc__.split("\n")[0])
    parser.add_argument("--simulations", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    print(table(run(repeats=args.repeats, simulations=args.simulations), markdown=args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
