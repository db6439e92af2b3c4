"""Interval estimates used by balance reports and scenario expectations.

Plain functions on plain numbers; no scipy. The choices, and why:

* **Rates** (success, failure, an ending's share) use the Wilson score
  interval. Unlike the textbook normal ("Wald") interval it stays inside
  0..1 and keeps close to its stated coverage when a rate is near 0 or 1
  or the run count is small, which is exactly where authors set bounds
  ("nobody should reach this ending more than 5% of the time").
* **Mean score** uses Student's t interval, mean ± t·s/√n. Scores are
  bounded (0..100), so with the 50+ runs an expectation needs the central
  limit theorem makes this accurate; the t quantile (rather than the normal
  one) widens it a little for the smaller run counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

DEFAULT_CONFIDENCE = 0.99


@dataclass(frozen=True)
class Interval:
    """A point estimate with a two-sided confidence interval."""

    estimate: float
    low: float
    high: float
    confidence: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def normal_quantile(p: float) -> float:
    """The standard normal quantile: the z with P(Z <= z) = p."""
    if not 0.0 < p < 1.0:
        raise ValueError(f"a probability strictly between 0 and 1 is needed, not {p}")
    return NormalDist().inv_cdf(p)


def t_quantile(p: float, dof: float) -> float:
    """Student's t quantile by the Cornish–Fisher expansion around the normal.

    Accurate to about 1e-4 for dof >= 10 and to about 1% at dof = 3, which is
    ample for the run counts used here (never fewer than a few dozen).
    """
    if dof <= 0:
        raise ValueError("degrees of freedom must be positive")
    z = normal_quantile(p)
    if math.isinf(dof):
        return z
    z2 = z * z
    g1 = (z2 + 1.0) * z / 4.0
    g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0
    g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0
    g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0
    return z + g1 / dof + g2 / dof**2 + g3 / dof**3 + g4 / dof**4


def difference_interval(a: Interval, b: Interval) -> Interval:
    """Newcombe's hybrid score interval for ``a - b``, the difference of two
    independent proportions, from each one's Wilson interval (method 10 of
    Newcombe, Statistics in Medicine 1998): it keeps the Wilson interval's
    good coverage near 0 and 1, where the Wald interval of a difference fails."""
    d = a.estimate - b.estimate
    low = d - math.sqrt((a.estimate - a.low) ** 2 + (b.high - b.estimate) ** 2)
    high = d + math.sqrt((a.high - a.estimate) ** 2 + (b.estimate - b.low) ** 2)
    return Interval(d, max(-1.0, low), min(1.0, high), min(a.confidence, b.confidence))


def wilson_interval(successes: int, trials: int, confidence: float = DEFAULT_CONFIDENCE) -> Interval:
    """Wilson score interval for a proportion (successes out of trials)."""
    if trials <= 0:
        raise ValueError("a rate needs at least one trial")
    if not 0 <= successes <= trials:
        raise ValueError(f"successes ({successes}) must lie between 0 and trials ({trials})")
    z = normal_quantile(0.5 + confidence / 2.0)
    n = float(trials)
    phat = successes / n
    z2n = z * z / n
    centre = (phat + z2n / 2.0) / (1.0 + z2n)
    half = z / (1.0 + z2n) * math.sqrt(phat * (1.0 - phat) / n + z2n / (4.0 * n))
    # The exact ends are 0 and 1 when nothing (or everything) happened.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == trials else min(1.0, centre + half)
    return Interval(phat, low, high, confidence)


def mean_interval(
    mean: float, std: float, count: int, confidence: float = DEFAULT_CONFIDENCE
) -> Interval:
    """Student's t interval for a mean, from the sample mean, sample std and count."""
    if count <= 0:
        raise ValueError("a mean needs at least one value")
    if count == 1:
        return Interval(mean, -math.inf, math.inf, confidence)
    t = t_quantile(0.5 + confidence / 2.0, count - 1)
    half = t * std / math.sqrt(count)
    return Interval(mean, mean - half, mean + half, confidence)


def paired_difference(
    mean_difference: float, std_difference: float, count: int, confidence: float = 0.95
) -> Interval:
    """Interval for a mean paired difference (common random numbers: same seeds, two variants)."""
    return mean_interval(mean_difference, std_difference, count, confidence)
