"""The simulation engine against closed forms: quantiles, binomial sums, means, PERT and triangular moments,
reproducibility, and invariance to chunking and threads. Expected values are computed here, not by the engine."""

from __future__ import annotations

import math

import numpy as np
import pytest

from governance.weerstand import engine as sim
from governance.weerstand.engine import Register, simulate

N = 100_000


def binomial_cdf(n: int, p: float, k: int) -> float:
    return sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k + 1)) if k >= 0 else 0.0


def beta_cdf_integer(x: float, a: int, b: int) -> float:
    """Regularised incomplete beta for integer a, b: P(Binomial(a + b - 1, x) >= a)."""
    n = a + b - 1
    return sum(math.comb(n, j) * x**j * (1 - x) ** (n - j) for j in range(a, n + 1))


def test_one_risk_with_a_fixed_amount_gives_zero_or_the_amount() -> None:
    result = simulate(Register.build([0.25], [1_000.0]), iterations=N, seed=1)
    # P(S = 0) = 0.75: every level up to 75 % needs nothing, every level above needs the whole amount
    assert result.quantiles == {70.0: 0.0, 80.0: 1_000.0, 90.0: 1_000.0, 95.0: 1_000.0, 99.0: 1_000.0}
    assert abs(result.p_zero - 0.75) < 4 * math.sqrt(0.25 * 0.75 / N)
    assert result.expected == 250.0
    assert result.gross == 1_000.0
    assert result.contributions.tolist() == [1_000.0]
    low = simulate(Register.build([0.05], [1_000.0]), iterations=N, seed=1)
    assert low.quantiles[90] == 0.0 and low.quantiles[99] == 1_000.0
    assert low.contributions.tolist() == [0.0]  # nothing required at 90 %: nothing to allocate


@pytest.mark.parametrize(("n", "p"), [(30, 0.3), (20, 0.5)])
def test_identical_independent_risks_follow_the_binomial(n: int, p: float) -> None:
    amount = 25_000.0
    result = simulate(Register.build([p] * n, [amount] * n), iterations=N, seed=7)
    for level in sim.LEVELS:
        alpha = level / 100
        k = next(k for k in range(n + 1) if binomial_cdf(n, p, k) >= alpha)
        # the test can only fail by a real error: the CDF steps around the level are > 5 standard errors away
        se = math.sqrt(alpha * (1 - alpha) / N)
        assert binomial_cdf(n, p, k - 1) < alpha - 5 * se and binomial_cdf(n, p, k) > alpha + 5 * se
        assert result.quantiles[level] == k * amount, level


def _mixed_register(seed: int = 3, risks: int = 40) -> Register:
    rng = np.random.default_rng(seed)
    p = rng.choice([0.1, 0.3, 0.5, 0.7, 0.9, 1.0], risks)
    likely = rng.integers(10, 500, risks) * 1_000.0
    low = likely * rng.uniform(0.2, 1.0, risks)
    high = likely * rng.uniform(1.0, 4.0, risks)
    shape = rng.choice([sim.PERT, sim.TRIANGULAR, sim.FIXED], risks)
    fixed = shape == sim.FIXED
    return Register.build(p, np.where(fixed, likely, low), likely, np.where(fixed, likely, high), shape)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_simulated_mean_within_three_standard_errors_of_the_expectation(seed: int) -> None:
    register = _mixed_register()
    p, a, m, b = register.probability, register.low, register.mode, register.high
    by_shape = {sim.PERT: (a + 4 * m + b) / 6, sim.TRIANGULAR: (a + m + b) / 3, sim.FIXED: a}
    expected = sum(float(p[i] * by_shape[register.shape[i]][i]) for i in range(len(register)))
    result = simulate(register, iterations=N, seed=seed)
    assert result.expected == pytest.approx(expected, rel=1e-12)
    assert abs(result.mean - expected) < 3 * result.std / math.sqrt(N)


def _moments(totals: np.ndarray) -> tuple[float, float, float, float]:
    """Sample mean, variance, and the standard errors of both."""
    mean, var = float(totals.mean()), float(totals.var(ddof=1))
    m4 = float(np.mean((totals - mean) ** 4))
    return mean, var, math.sqrt(var / len(totals)), math.sqrt((m4 - var**2) / len(totals))


@pytest.mark.parametrize("position", [0.0, 0.2, 0.5, 0.8, 1.0])
def test_pert_moments(position: float) -> None:
    a, b = 100_000.0, 900_000.0
    m = a + position * (b - a)
    result = simulate(Register.build([1.0], [a], [m], [b], sim.PERT), iterations=200_000, seed=5, keep_totals=True)
    mean, var, se_mean, se_var = _moments(result.totals)
    exact_mean = (a + 4 * m + b) / 6
    exact_var = (exact_mean - a) * (b - exact_mean) / 7
    assert abs(mean - exact_mean) < 3 * se_mean
    assert abs(var - exact_var) < 3 * se_var
    assert result.totals.min() >= a and result.totals.max() <= b


@pytest.mark.parametrize("position", [0.0, 0.25, 0.5, 0.75, 1.0])
def test_pert_quantile_table_inverts_the_exact_beta_cdf(position: float) -> None:
    # at these mode positions the PERT shape parameters 1 + 4r and 1 + 4(1 - r) are integers: exact CDF known
    a, b = int(1 + 4 * position), int(1 + 4 * (1 - position))
    table = sim.pert_unit_quantiles(np.array([position]))[0]
    levels = np.linspace(0, 1, len(table))
    errors = [abs(beta_cdf_integer(float(x), a, b) - v) for x, v in zip(table, levels, strict=True)]
    assert max(errors) < 1e-6
    assert np.all(np.diff(table) >= 0)


@pytest.mark.parametrize("position", [0.0, 0.3, 1.0])
def test_triangular_moments(position: float) -> None:
    a, b = 50_000.0, 250_000.0
    m = a + position * (b - a)
    register = Register.build([1.0], [a], [m], [b], sim.TRIANGULAR)
    result = simulate(register, iterations=200_000, seed=8, keep_totals=True)
    mean, var, se_mean, se_var = _moments(result.totals)
    assert abs(mean - (a + m + b) / 3) < 3 * se_mean
    assert abs(var - (a * a + b * b + m * m - a * b - a * m - b * m) / 18) < 3 * se_var


def test_same_seed_same_table_other_seed_other_table() -> None:
    register = _mixed_register()
    first = simulate(register, iterations=30_000, seed=42, keep_totals=True)
    again = simulate(register, iterations=30_000, seed=42, keep_totals=True)
    assert first.quantiles == again.quantiles
    assert np.array_equal(first.totals, again.totals)
    assert np.array_equal(first.contributions, again.contributions)
    other = simulate(register, iterations=30_000, seed=43)
    assert other.quantiles != first.quantiles


def test_chunk_size_and_threads_do_not_change_the_result() -> None:
    register = _mixed_register(risks=25)
    base = simulate(register, iterations=20_000, seed=9, chunk=20_000, workers=1, keep_totals=True)
    for chunk, workers in [(4_096, 1), (777, 3), (1, 2), (65_536, 4)]:
        if chunk == 1:
            small = simulate(register, iterations=300, seed=9, chunk=1, workers=workers, keep_totals=True)
            whole = simulate(register, iterations=300, seed=9, chunk=300, workers=1, keep_totals=True)
            assert np.array_equal(small.totals, whole.totals)
            continue
        other = simulate(register, iterations=20_000, seed=9, chunk=chunk, workers=workers, keep_totals=True)
        assert np.array_equal(other.totals, base.totals), (chunk, workers)
        assert np.array_equal(other.contributions, base.contributions)
        assert other.quantiles == base.quantiles


def test_contributions_add_up_to_the_required_capacity() -> None:
    register = _mixed_register()
    result = simulate(register, iterations=50_000, seed=4, certainty=95)
    assert result.contributions.sum() == pytest.approx(result.required, rel=1e-9)
    assert np.all(result.contributions >= 0)
    never = simulate(Register.build([0.0, 0.5], [5_000.0, 1_000.0]), iterations=10_000, seed=1)
    assert never.contributions[0] == 0.0


def test_contributions_of_a_certain_risk_and_binomial_risks() -> None:
    # one certain EUR 1 mln plus 20 risks of EUR 10k at 50 %: at 90 % every iteration in the window has exactly
    # 13 of the 20 (P(K <= 12) = 0.868, P(K <= 13) = 0.942), so the allocation is exact
    register = Register.build([1.0] + [0.5] * 20, [1_000_000.0] + [10_000.0] * 20)
    result = simulate(register, iterations=N, seed=2)
    assert result.required == 1_130_000.0
    assert result.contributions[0] == pytest.approx(1_000_000.0, rel=1e-12)
    assert result.contributions[1:] == pytest.approx(np.full(20, 6_500.0), rel=0.2)
    assert result.contributions[1:].sum() == pytest.approx(130_000.0, rel=1e-9)


def test_scaling_every_amount_scales_every_quantile() -> None:
    register = _mixed_register()
    tripled = Register.build(
        register.probability, register.low * 3, register.mode * 3, register.high * 3, register.shape
    )
    one = simulate(register, iterations=20_000, seed=6)
    three = simulate(tripled, iterations=20_000, seed=6)
    for level, amount in one.quantiles.items():
        assert three.quantiles[level] == pytest.approx(3 * amount, rel=1e-12)


def test_a_risk_added_at_the_end_leaves_the_other_risks_their_numbers() -> None:
    # the what-if relies on this: base and changed register differ only by the changed lines
    base_register = Register.build([0.3, 0.6, 0.2], [1_000.0, 20_000.0, 300_000.0])
    extra = Register.build([0.3, 0.6, 0.2, 0.4], [1_000.0, 20_000.0, 300_000.0, 7_000.0])
    base = simulate(base_register, iterations=50_000, seed=3, keep_totals=True)
    more = simulate(extra, iterations=50_000, seed=3, keep_totals=True)
    difference = more.totals - base.totals
    assert set(np.unique(difference).tolist()) == {0.0, 7_000.0}
    assert abs(np.mean(difference > 0) - 0.4) < 4 * math.sqrt(0.4 * 0.6 / 50_000)


def test_empty_register() -> None:
    result = simulate(Register.build([], []), iterations=1_000, seed=1)
    assert set(result.quantiles.values()) == {0.0}
    assert result.contributions.size == 0
    # nothing required: no ratio and no class ("geen oordeel"), never "A – uitstekend" (issue 13 point 4)
    assert sim.nar_class(sim.ratio(1_000_000, result.required)) == ("—", "geen oordeel")


@pytest.mark.parametrize(
    ("value", "letter"),
    [
        (2.5, "A"),
        (2.01, "A"),
        (2.004, "B"),  # shown as 2,00: B, as the table says A is > 2.0
        (2.0, "B"),
        (1.4, "B"),
        (1.396, "B"),  # shown as 1,40
        (1.394, "C"),
        (1.0, "C"),
        (0.999, "C"),  # shown as 1,00
        (0.994, "D"),
        (0.8, "D"),
        (0.79, "E"),
        (0.6, "E"),
        (0.59, "F"),
        (0.0, "F"),
        (None, "—"),  # nothing required: geen oordeel
    ],
)
def test_nar_class_boundaries(value: float | None, letter: str) -> None:
    assert sim.nar_class(value)[0] == letter


def test_nar_labels() -> None:
    assert [sim.nar_class(x)[1] for x in (3, 1.5, 1.2, 0.9, 0.7, 0.1)] == [
        "uitstekend",
        "ruim voldoende",
        "voldoende",
        "matig",
        "onvoldoende",
        "ruim onvoldoende",
    ]


def test_level_index_uses_exact_arithmetic() -> None:
    assert sim.level_index(90, 100_000) == 89_999
    assert sim.level_index(70, 10) == 6
    assert sim.level_index(99.9, 1_000) == 998
    assert sim.level_index(97.5, 40) == 38


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"probability": [1.5], "low": [1.0]}, "probabilities"),
        ({"probability": [0.5], "low": [5.0], "mode": [4.0], "high": [6.0]}, "low <= mode <= high"),
        ({"probability": [0.5], "low": [-1.0]}, "low <= mode <= high"),
        ({"probability": [0.5], "low": [1.0], "mode": [2.0], "high": [3.0], "shape": "fixed"}, "fixed"),
        ({"probability": [0.5], "low": [1.0], "shape": "lognormal"}, "unknown shape"),
        ({"probability": [float("nan")], "low": [1.0]}, "finite"),
        ({"probability": [0.5, 0.5], "low": [1.0]}, "same length"),
    ],
)
def test_register_refuses_bad_input(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Register.build(**kwargs)


def test_simulate_refuses_bad_settings() -> None:
    register = Register.build([0.5], [1.0])
    with pytest.raises(ValueError):
        simulate(register, iterations=0)
    with pytest.raises(ValueError):
        simulate(register, certainty=100)
    with pytest.raises(ValueError):
        simulate(register, seed=-1)


def test_exceedance_curve_and_histogram_describe_the_totals() -> None:
    register = _mixed_register()
    result = simulate(register, iterations=20_000, seed=1, keep_totals=True, thresholds=[5_000_000.0])
    assert result.histogram_counts.sum() == 20_000
    assert np.all(np.diff(result.exceedance_probability) <= 0)
    for amount, probability in zip(result.exceedance_amounts[::50], result.exceedance_probability[::50], strict=True):
        assert probability == pytest.approx(np.mean(result.totals > amount), abs=1e-12)
    assert result.probability_exceeding(5_000_000.0) == pytest.approx(np.mean(result.totals > 5_000_000.0), abs=1e-12)
