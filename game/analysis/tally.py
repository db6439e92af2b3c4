"""Streaming totals over chunks of runs, so a million runs need no more memory than one chunk.

A :class:`PolicyTally` takes the per-run arrays of each chunk (ending index,
score, events fired, final metrics) and how often each option was chosen, and
keeps only counts, running moments (Chan's parallel update, stable for any
number of chunks) and a fine histogram of scores for the percentiles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.analysis.report import OUTCOMES, PolicySummary, ScoreSummary

# Scores live in 0..100; a 0.01-wide histogram gives percentiles to 0.01 points.
SCORE_MAX = 100.0
SCORE_BINS = 10_000


@dataclass(frozen=True)
class ScenarioFacts:
    """The ids a balance report needs, in the engine's array order."""

    ending_ids: tuple[str, ...]
    ending_outcomes: tuple[str, ...]
    event_ids: tuple[str, ...]
    option_actions: tuple[str, ...]
    """The action id of each engine option (an option is an action with one target)."""
    action_ids: tuple[str, ...]
    metric_ids: tuple[str, ...]
    metric_initial: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.ending_ids) != len(self.ending_outcomes):
            raise ValueError("every ending needs an outcome")
        unknown = [o for o in self.ending_outcomes if o not in OUTCOMES]
        if unknown:
            raise ValueError(f"unknown outcome {unknown[0]!r}")
        if len(self.metric_ids) != len(self.metric_initial):
            raise ValueError("every metric needs an initial value")


def score_quantile(histogram: NDArray[np.int64], q: float) -> float:
    """The q-quantile (0..1) of scores from their histogram.

    Follows numpy's default ("linear") convention: position q*(n-1) among the
    n sorted scores, interpolated between its two neighbours. Each sorted
    score is placed within its 0.01-wide bin, so the answer is within half a
    bin of the exact one.
    """
    total = int(histogram.sum())
    if total == 0:
        return float("nan")
    width = SCORE_MAX / SCORE_BINS
    cumulative = np.cumsum(histogram)

    def item(j: int) -> float:
        index = int(np.searchsorted(cumulative, j, side="right"))
        before = int(cumulative[index - 1]) if index > 0 else 0
        return (index + (j - before + 0.5) / int(histogram[index])) * width

    position = q * (total - 1)
    below = int(np.floor(position))
    above = min(below + 1, total - 1)
    frac = position - below
    return float(min(SCORE_MAX, item(below) * (1.0 - frac) + item(above) * frac))


class PolicyTally:
    """Running totals of one policy's runs."""

    def __init__(self, policy: str, facts: ScenarioFacts) -> None:
        self.policy = policy
        self.facts = facts
        self.runs = 0
        self._mean = 0.0
        self._m2 = 0.0
        self.histogram = np.zeros(SCORE_BINS, dtype=np.int64)
        self.ending_counts = np.zeros(len(facts.ending_ids), dtype=np.int64)
        self.event_runs = np.zeros(len(facts.event_ids), dtype=np.int64)
        self.option_choices = np.zeros(len(facts.option_actions), dtype=np.int64)
        m = len(facts.metric_ids)
        self.metric_low = np.full(m, np.inf)
        self.metric_high = np.full(m, -np.inf)

    def add(
        self,
        ending: NDArray[np.integer],
        score: NDArray[np.floating],
        events_fired: NDArray[np.integer] | None = None,
        option_totals: NDArray[np.integer] | None = None,
        final_metrics: NDArray[np.floating] | None = None,
    ) -> None:
        """Fold in one chunk: arrays with a leading run axis of the same length, except
        `option_totals` (O,): how often each option was chosen over the chunk's runs."""
        ending = np.asarray(ending)
        score = np.asarray(score, dtype=np.float64)
        r = int(ending.shape[0])
        if score.shape != (r,):
            raise ValueError(f"score has shape {score.shape}, expected ({r},)")
        if r == 0:
            return
        if ending.min() < 0 or ending.max() >= len(self.facts.ending_ids):
            raise ValueError("an ending index is out of range (did a run not finish?)")
        self.ending_counts += np.bincount(ending, minlength=len(self.facts.ending_ids))

        # Chan et al.'s pairwise update of the mean and the sum of squared deviations.
        chunk_mean = float(score.mean())
        chunk_m2 = float(((score - chunk_mean) ** 2).sum())
        total = self.runs + r
        delta = chunk_mean - self._mean
        self._mean += delta * r / total
        self._m2 += chunk_m2 + delta * delta * self.runs * r / total
        self.runs = total

        bins = np.clip((score * (SCORE_BINS / SCORE_MAX)).astype(np.int64), 0, SCORE_BINS - 1)
        self.histogram += np.bincount(bins, minlength=SCORE_BINS)

        if events_fired is not None and events_fired.size:
            self.event_runs += (np.asarray(events_fired) > 0).sum(axis=0)
        if option_totals is not None and option_totals.size:
            self.option_choices += np.asarray(option_totals).astype(np.int64)
        if final_metrics is not None and final_metrics.size:
            fm = np.asarray(final_metrics, dtype=np.float64)
            self.metric_low = np.minimum(self.metric_low, fm.min(axis=0))
            self.metric_high = np.maximum(self.metric_high, fm.max(axis=0))

    @property
    def mean(self) -> float:
        return self._mean if self.runs else float("nan")

    @property
    def std(self) -> float:
        """Sample standard deviation (n - 1 in the denominator)."""
        return float(np.sqrt(self._m2 / (self.runs - 1))) if self.runs > 1 else 0.0

    def outcome_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(OUTCOMES, 0)
        for outcome, n in zip(self.facts.ending_outcomes, self.ending_counts, strict=True):
            counts[outcome] += int(n)
        return counts

    def action_choices(self) -> dict[str, int]:
        counts = dict.fromkeys(self.facts.action_ids, 0)
        for action, n in zip(self.facts.option_actions, self.option_choices, strict=True):
            counts[action] = counts.get(action, 0) + int(n)
        return counts

    def summary(self) -> PolicySummary:
        return PolicySummary(
            policy=self.policy,
            runs=self.runs,
            outcome_counts=self.outcome_counts(),
            ending_counts={
                e: int(n) for e, n in zip(self.facts.ending_ids, self.ending_counts, strict=True)
            },
            score=ScoreSummary(
                mean=self.mean,
                std=self.std,
                p10=score_quantile(self.histogram, 0.10),
                p50=score_quantile(self.histogram, 0.50),
                p90=score_quantile(self.histogram, 0.90),
            ),
            event_runs={
                e: int(n) for e, n in zip(self.facts.event_ids, self.event_runs, strict=True)
            },
            action_choices=self.action_choices(),
            score_histogram=tuple(int(n) for n in self.histogram.reshape(int(SCORE_MAX), -1).sum(axis=1)),
        )

    def metrics_moving(self, tolerance: float = 1e-9) -> dict[str, bool]:
        """Metric id to whether any run ended with it away from its initial value."""
        out: dict[str, bool] = {}
        for i, metric in enumerate(self.facts.metric_ids):
            initial = self.facts.metric_initial[i]
            low, high = self.metric_low[i], self.metric_high[i]
            if not np.isfinite(low):
                out[metric] = False
                continue
            out[metric] = bool(abs(low - initial) > tolerance or abs(high - initial) > tolerance)
        return out
