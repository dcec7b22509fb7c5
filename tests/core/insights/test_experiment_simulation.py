"""The analysis does not find effects in noise, and finds a real 2-point effect most of the time.

Simulated journals follow the default design (4 pairs of 7-day blocks, 3 washout days, order drawn
within each pair) with AR(1) day-to-day correlation 0.7 and a stationary SD of 1.5 points. "Claims
an effect" means the 95% credible interval excludes zero; "claims a clinically important effect
with high probability" means P(the better option improves by ≥ 2 points) ≥ 0.9. A larger run is in
bench/experiments.py; both measured rates are in docs/experiments.md.
"""

from speciosa.core.insights.experiment import simulate_rates

SIMULATIONS = 200


def test_with_no_true_effect_it_rarely_claims_an_effect() -> None:
    rates = simulate_rates(SIMULATIONS, effect=0.0, seed=20261206)
    assert rates.important_claims <= 0.05
    assert rates.interval_excludes_zero <= 0.10


def test_with_a_true_two_point_effect_it_finds_it_most_of_the_time() -> None:
    rates = simulate_rates(SIMULATIONS, effect=-2.0, seed=20261207)
    assert rates.right_direction_detected >= 0.6
    assert rates.wrong_direction_detected <= 0.01
