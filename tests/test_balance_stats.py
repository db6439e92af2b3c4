"""Interval estimates behind balance reports and expectations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.analysis.stats import mean_interval, t_quantile, wilson_interval


@pytest.mark.parametrize(
    ("p", "dof", "expected"),
    [
        (0.975, 10, 2.228139),
        (0.975, 30, 2.042272),
        (0.995, 49, 2.679952),
        (0.995, 1999, 2.578236),
        (0.95, 20, 1.724718),
    ],
)
def test_t_quantile_matches_tables(p: float, dof: int, expected: float) -> None:
    assert t_quantile(p, dof) == pytest.approx(expected, abs=2e-4)


@pytest.mark.parametrize(("k", "n"), [(1, 10), (30, 100), (81, 263), (1990, 2000)])
def test_wilson_ends_solve_the_score_equation(k: int, n: int) -> None:
    # The Wilson interval is the set of p with |phat - p| <= z*sqrt(p(1-p)/n):
    # each end must make that an equality.
    z = 1.959963984540054
    iv = wilson_interval(k, n, 0.95)
    phat = k / n
    for p in (iv.low, iv.high):
        assert (phat - p) ** 2 == pytest.approx(z * z * p * (1 - p) / n, rel=1e-9)
    assert iv.low < phat < iv.high


def test_wilson_at_the_edges_reaches_zero_and_one() -> None:
    none = wilson_interval(0, 50)
    assert none.low == 0.0 and 0.0 < none.high < 0.15
    every = wilson_interval(50, 50)
    assert every.high == 1.0 and 0.85 < every.low < 1.0


def test_wilson_99_covers_the_true_rate_about_99_percent_of_the_time() -> None:
    rng = np.random.default_rng(7)
    p, n, trials = 0.3, 200, 4000
    hits = sum(wilson_interval(int(k), n).contains(p) for k in rng.binomial(n, p, size=trials))
    assert 0.98 <= hits / trials <= 0.997


def test_mean_interval_covers_about_99_percent() -> None:
    rng = np.random.default_rng(11)
    n, trials = 60, 3000
    samples = rng.uniform(0, 100, size=(trials, n))
    hits = 0
    for row in samples:
        iv = mean_interval(float(row.mean()), float(row.std(ddof=1)), n)
        hits += iv.contains(50.0)
    assert 0.98 <= hits / trials <= 0.997


def test_mean_interval_of_one_value_is_unbounded() -> None:
    iv = mean_interval(5.0, 0.0, 1)
    assert math.isinf(iv.low) and math.isinf(iv.high)


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        wilson_interval(3, 2)
    with pytest.raises(ValueError):
        wilson_interval(0, 0)
    with pytest.raises(ValueError):
        t_quantile(0.5, 0)


@given(st.integers(1, 10**6).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       st.sampled_from([0.8, 0.95, 0.99, 0.999]))
def test_wilson_is_a_sane_interval_for_any_counts(kn: tuple[int, int], confidence: float) -> None:
    k, n = kn
    iv = wilson_interval(k, n, confidence)
    assert 0.0 <= iv.low <= iv.estimate <= iv.high <= 1.0
    assert iv.low < iv.high
    # More confidence never gives a narrower interval.
    wider = wilson_interval(k, n, min(0.9999, confidence + 0.0005))
    assert wider.low <= iv.low + 1e-12 and wider.high >= iv.high - 1e-12
