"""The AR(1) regression: the treatment effect it recovers, its uncertainty, and how it treats gaps."""

import numpy as np
import pytest

from speciosa.core.insights import ar1


def _series(
    effect: float, rho: float, n: int = 56, seed: int = 3
) -> tuple[list[float], list[int], list[int]]:
    rng = np.random.default_rng(seed)
    e = np.empty(n)
    e[0] = rng.normal(0, 1)
    for t in range(1, n):
        e[t] = rho * e[t - 1] + rng.normal(0, np.sqrt(1 - rho**2))
    treatment = [(t // 7) % 2 for t in range(n)]
    y = 5 + effect * np.asarray(treatment) + e
    return [float(v) for v in y], list(range(n)), treatment


def test_a_large_true_effect_is_recovered_inside_the_credible_interval() -> None:
    scores, days, treatment = _series(effect=-3.0, rho=0.5)
    post = ar1.analyse(scores, days, treatment, threshold=2.0)
    assert post.low < -3.0 < post.high
    assert post.high < 0
    assert post.prob_at_most > 0.5 > post.prob_at_least


def test_the_day_to_day_correlation_is_estimated_from_the_days() -> None:
    independent = ar1.analyse(*_series(effect=0.0, rho=0.0, n=112), threshold=2.0)
    correlated = ar1.analyse(*_series(effect=0.0, rho=0.8, n=112), threshold=2.0)
    assert abs(independent.rho_mean) < 0.3
    assert correlated.rho_mean > 0.55


def test_days_left_out_are_handled_as_gaps_not_as_neighbours() -> None:
    scores, days, treatment = _series(effect=-2.0, rho=0.7)
    keep = [i for i, d in enumerate(days) if d % 7 >= 3]
    post = ar1.analyse([scores[i] for i in keep], [days[i] for i in keep], [treatment[i] for i in keep], 2.0)
    assert post.n == len(keep)
    assert post.low < -2.0 < post.high


def test_the_same_days_always_give_the_same_answer() -> None:
    series = _series(effect=-1.0, rho=0.4)
    assert ar1.analyse(*series, threshold=2.0) == ar1.analyse(*series, threshold=2.0)


def test_too_few_days_or_days_out_of_order_are_refused() -> None:
    with pytest.raises(ValueError, match="at least"):
        ar1.analyse([1.0, 2.0, 3.0], [0, 1, 2], [0, 1, 0], 2.0)
    with pytest.raises(ValueError, match="increase"):
        ar1.analyse([1.0] * 8, [0, 1, 2, 3, 5, 4, 6, 7], [0, 0, 0, 0, 1, 1, 1, 1], 2.0)
