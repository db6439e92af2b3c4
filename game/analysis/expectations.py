"""Checking a scenario's `expectations:` by simulation, with a stated confidence.

How a bound is judged
---------------------
Each measured quantity gets a 99% confidence interval (see
:mod:`game.analysis.stats`): the Wilson score interval for rates (success,
failure, an ending's share) and Student's t interval for the mean score.
Against a bound ``min..max`` the verdict is

* **pass** when the whole interval lies inside the bounds: the scenario meets
  the expectation with 99% confidence;
* **fail** when the whole interval lies outside them: the scenario misses it
  with 99% confidence;
* **inconclusive** when the interval straddles a bound: the true value is too
  close to the bound for this many runs to tell. The check is then repeated
  once with four times the runs (at most :data:`MAX_RUNS`); if it still
  straddles, it stays inconclusive.

An inconclusive check does **not** fail `shove test`: a check fails only on
evidence that the expectation is broken (a test of the expectation at the
0.5% level on each side), so a scenario whose true rate sits right on its
bound does not flip between pass and fail as the model is tuned. It is
listed, with its interval, so the author can move the bound away from the
measured value or ask for more runs.

Runs are seeded (seed 0 unless given), so a check gives the same answer
every time on the same scenario and engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from game.analysis.report import PolicySummary
from game.analysis.stats import DEFAULT_CONFIDENCE, Interval, mean_interval, wilson_interval
from game.scenario.schema import Bounds, Expectation

Verdict = Literal["pass", "fail", "inconclusive", "error"]
POLICIES = ("partner", "force", "balanced", "random", "greedy")
ESCALATION = 4
MAX_RUNS = 50_000

# (policy, runs, seed) -> the summary of that many seeded runs.
Simulator = Callable[[str, int, int], PolicySummary]


@dataclass(frozen=True)
class CheckResult:
    """One bound of one expectation, measured."""

    policy: str
    quantity: str
    """`success_rate`, `failure_rate`, `mean_score` or `ending.<id>`."""
    bounds: Bounds
    runs: int
    interval: Interval | None
    verdict: Verdict
    note: str = ""
    message: str = ""
    """For errors: what is wrong with the expectation."""

    @property
    def label(self) -> str:
        """The quantity in words: `success rate`, `share ending at reform_done`."""
        if self.quantity.startswith("ending."):
            return f"share ending at {self.quantity.removeprefix('ending.')}"
        return self.quantity.replace("_", " ")

    @property
    def is_rate(self) -> bool:
        return self.quantity != "mean_score"

    def describe_bounds(self) -> str:
        lo, hi = self.bounds.min, self.bounds.max
        fmt = _fmt_rate if self.is_rate else _fmt_score
        if lo is not None and hi is not None:
            return f"{fmt(lo)} to {fmt(hi)}"
        if lo is not None:
            return f"at least {fmt(lo)}"
        if hi is not None:
            return f"at most {fmt(hi)}"
        return "any value"

    def describe_measured(self) -> str:
        if self.interval is None:
            return ""
        fmt = _fmt_rate if self.is_rate else _fmt_score
        i = self.interval
        return (
            f"{fmt(i.estimate)} ({100 * i.confidence:.0f}% interval {fmt(i.low)}–{fmt(i.high)}, "
            f"{self.runs:,} runs)"
        )


def _fmt_rate(x: float) -> str:
    return f"{100.0 * x:.1f}%"


def _fmt_score(x: float) -> str:
    return f"{x:.1f} points"


def judge(interval: Interval, bounds: Bounds) -> Verdict:
    """Pass, fail or inconclusive for an interval against bounds (see the module docstring)."""
    lo, hi = bounds.min, bounds.max
    if (lo is not None and interval.high < lo) or (hi is not None and interval.low > hi):
        return "fail"
    if (lo is None or interval.low >= lo) and (hi is None or interval.high <= hi):
        return "pass"
    return "inconclusive"


def measure(summary: PolicySummary, quantity: str, confidence: float = DEFAULT_CONFIDENCE) -> Interval:
    """The interval for one quantity of a policy's summary."""
    n = summary.runs
    if quantity == "success_rate":
        return wilson_interval(summary.outcome_counts.get("success", 0), n, confidence)
    if quantity == "failure_rate":
        return wilson_interval(summary.outcome_counts.get("failure", 0), n, confidence)
    if quantity == "mean_score":
        return mean_interval(summary.score.mean, summary.score.std, n, confidence)
    if quantity.startswith("ending."):
        ending = quantity.removeprefix("ending.")
        return wilson_interval(summary.ending_counts[ending], n, confidence)
    raise ValueError(f"unknown quantity {quantity!r}")


def quantities(expectation: Expectation) -> list[tuple[str, Bounds]]:
    """The bounds an expectation sets, in a fixed order."""
    out: list[tuple[str, Bounds]] = []
    if expectation.success_rate is not None:
        out.append(("success_rate", expectation.success_rate))
    if expectation.failure_rate is not None:
        out.append(("failure_rate", expectation.failure_rate))
    if expectation.mean_score is not None:
        out.append(("mean_score", expectation.mean_score))
    for ending, bounds in expectation.ending.items():
        out.append((f"ending.{ending}", bounds))
    return out


def check_expectation(
    expectation: Expectation,
    simulate: Simulator,
    ending_ids: list[str],
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
) -> list[CheckResult]:
    """Measure every bound of one expectation, escalating the runs once if any is inconclusive."""
    checks = quantities(expectation)
    note = expectation.note
    if expectation.policy not in POLICIES:
        return [
            CheckResult(
                expectation.policy, q, b, expectation.runs, None, "error", note,
                f"unknown policy '{expectation.policy}'; choose from {', '.join(POLICIES)}",
            )
            for q, b in checks
        ] or [
            CheckResult(
                expectation.policy, "-", Bounds(), expectation.runs, None, "error", note,
                f"unknown policy '{expectation.policy}'; choose from {', '.join(POLICIES)}",
            )
        ]
    if not checks:
        return [
            CheckResult(
                expectation.policy, "-", Bounds(), expectation.runs, None, "error", note,
                "the expectation sets no bounds: give success_rate, failure_rate, mean_score or ending",
            )
        ]

    results: dict[str, CheckResult] = {}
    pending = []
    for q, b in checks:
        if q.startswith("ending.") and q.removeprefix("ending.") not in ending_ids:
            results[q] = CheckResult(
                expectation.policy, q, b, expectation.runs, None, "error", note,
                f"there is no ending '{q.removeprefix('ending.')}'",
            )
        elif b.min is None and b.max is None:
            results[q] = CheckResult(
                expectation.policy, q, b, expectation.runs, None, "error", note,
                "give `min`, `max` or both",
            )
        else:
            pending.append((q, b))

    runs = expectation.runs
    while pending:
        summary = simulate(expectation.policy, runs, seed)
        still: list[tuple[str, Bounds]] = []
        for q, b in pending:
            interval = measure(summary, q, confidence)
            verdict = judge(interval, b)
            results[q] = CheckResult(expectation.policy, q, b, runs, interval, verdict, note)
            if verdict == "inconclusive":
                still.append((q, b))
        more = min(MAX_RUNS, runs * ESCALATION)
        if not still or more <= runs or runs != expectation.runs:
            break
        pending, runs = still, more
    return [results[q] for q, _ in checks]


def failed(results: list[CheckResult]) -> bool:
    """Whether `shove test` should fail on these results (only failures and errors count)."""
    return any(r.verdict in ("fail", "error") for r in results)
