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
* **unsure** when the interval straddles a bound: the true value is too
  close to the bound for this many runs to tell. The check is then repeated
  once with four times the runs (at most :data:`MAX_RUNS`); if it still
  straddles, it stays unsure.

An unsure check does **not** fail `shove test`: a check fails only on
evidence that the expectation is broken (a test of the expectation at the
0.5% level on each side), so a scenario whose true rate sits right on its
bound does not flip between pass and fail as the model is tuned. It is
listed, with its interval, so the author can move the bound away from the
measured value or ask for more runs.

Runs are seeded (seed 0 unless given), so a check gives the same answer
every time on the same scenario and engine.

Audit figures
-------------
An expectation with ``audit:`` instead of ``policy:`` bounds figures of the
dilemma audit (:mod:`game.analysis.audit`), run once per scenario for all its
audit expectations: seed 0, the audit's default settings with ``runs`` games
for the best rule (the largest ``runs`` among them), and no time budget, so
the figures are those `shove audit SCENARIO --runs N` prints when its budget
cuts nothing short. The success of the best simple rule and of the expert
are judged on their 99% Wilson intervals as above; the skill gap (expert
minus best rule) on Newcombe's hybrid interval for a difference of two
independent proportions. Counts (events with a dominant answer, exploits...)
and shares the audit gives without an interval are judged as measured: pass
inside the bounds, fail outside. An unsure audit figure is not measured
again (another audit would cost as much again); it stays unsure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from game.analysis.report import PolicySummary
from game.analysis.stats import (
    DEFAULT_CONFIDENCE,
    Interval,
    difference_interval,
    mean_interval,
    wilson_interval,
)
from game.i18n import translate, translate_count
from game.i18n.numbers import count, number, percent
from game.scenario.problems import closest
from game.scenario.schema import AUDIT_FIGURES, POLICIES, Bounds, Expectation

if TYPE_CHECKING:
    from game.analysis.audit import AuditReport

Verdict = Literal["pass", "fail", "unsure", "error"]
ESCALATION = 4
MAX_RUNS = 50_000

# (policy, runs, seed) -> the summary of that many seeded runs.
Simulator = Callable[[str, int, int], PolicySummary]
# () -> the scenario's audit (run on the first call only).
Auditor = Callable[[], "AuditReport"]

AUDIT = "audit"
"""The `policy` of a check on an audit figure (its quantity is `audit.<figure>`)."""
AUDIT_COUNTS = frozenset({
    "dominant_event_answers", "fake_choices", "events_never_firing", "events_only_in_lost_games",
    "never_best_actions", "exploits",
})


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
    note: str | dict[str, str] = ""
    """Why the expectation matters, as the scenario wrote it (one text, or one per language)."""
    message: str = ""
    """For errors: what is wrong with the expectation (in English; see `problem` for other languages)."""
    problem: tuple[str, str] = ("", "")
    """For errors: the kind of problem (a key of ``test.problem.*``) and the name it concerns."""
    value: float | None = None
    """For audit figures judged without an interval (counts, some shares): the value measured."""

    @property
    def label(self) -> str:
        """The quantity in words: `success rate`, `share ending at reform_done`."""
        return self.describe_quantity()

    @property
    def is_rate(self) -> bool:
        return self.quantity != "mean_score" and not self.is_count

    @property
    def is_count(self) -> bool:
        return self.quantity.removeprefix("audit.") in AUDIT_COUNTS

    def describe_quantity(self, lang: str | None = "en") -> str:
        """The quantity in words in ``lang``: `success rate`, `share ending at reform_done`."""
        if self.quantity.startswith("ending."):
            return translate(lang, "test.quantity.ending", ending=self.quantity.removeprefix("ending."))
        if self.quantity.startswith("audit.") and self.quantity.removeprefix("audit.") not in AUDIT_FIGURES:
            return self.quantity.removeprefix("audit.")
        worded = translate(lang, f"test.quantity.{self.quantity}")
        return self.quantity.replace("_", " ") if worded == f"test.quantity.{self.quantity}" else worded

    def _value(self, x: float, lang: str | None) -> str:
        if self.is_count:
            return number(x, lang, 0 if float(x).is_integer() else 1)
        if self.is_rate:
            return percent(x, lang, 1)
        return translate_count(lang, "test.points", number(x, lang, 1), n=number(x, lang, 1))

    def describe_bounds(self, lang: str | None = "en") -> str:
        lo, hi = self.bounds.min, self.bounds.max
        if lo is not None and hi is not None:
            return translate(lang, "test.bounds.between", low=self._value(lo, lang), high=self._value(hi, lang))
        if lo is not None:
            return translate(lang, "test.bounds.at_least", low=self._value(lo, lang))
        if hi is not None:
            return translate(lang, "test.bounds.at_most", high=self._value(hi, lang))
        return translate(lang, "test.bounds.any")

    def describe_measured(self, lang: str | None = "en") -> str:
        if self.interval is None:
            if self.policy != AUDIT or self.verdict == "error":
                return ""
            if self.value is None:
                return translate(lang, "test.measured_none")
            return translate(lang, "test.measured_plain", value=self._value(self.value, lang))
        i = self.interval
        return translate(
            lang, "test.measured", value=self._value(i.estimate, lang), confidence=percent(i.confidence, lang),
            low=self._value(i.low, lang), high=self._value(i.high, lang),
            runs=translate_count(lang, "test.runs", self.runs, n=count(self.runs, lang)),
        )

    def describe_problem(self, lang: str | None = "en") -> str:
        """What is wrong with the expectation, in ``lang``."""
        if not self.problem[0]:
            return self.message
        return _problem(lang, self.problem)


def _problem(lang: str | None, problem: tuple[str, str]) -> str:
    kind, name = problem
    found = closest(name, AUDIT_FIGURES) if kind == "unknown_figure" else None
    hint = translate(lang, "test.did_you_mean", name=found) if found else ""
    return translate(lang, f"test.problem.{kind}", name=name, policies=", ".join(POLICIES), hint=hint,
                     figures=", ".join(AUDIT_FIGURES))


def _english(problem: tuple[str, str]) -> str:
    return _problem("en", problem)


def judge(interval: Interval, bounds: Bounds) -> Verdict:
    """Pass, fail or unsure for an interval against bounds (see the module docstring)."""
    lo, hi = bounds.min, bounds.max
    if (lo is not None and interval.high < lo) or (hi is not None and interval.low > hi):
        return "fail"
    if (lo is None or interval.low >= lo) and (hi is None or interval.high <= hi):
        return "pass"
    return "unsure"


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
    """Measure every bound of one expectation, escalating the runs once if any is unsure."""
    checks = quantities(expectation)
    note = expectation.note
    policy = expectation.policy or ""
    if policy not in POLICIES:
        unknown = ("unknown_policy", policy)
        return [
            CheckResult(policy, q, b, expectation.runs, None, "error", note, _english(unknown), unknown)
            for q, b in checks
        ] or [
            CheckResult(policy, "-", Bounds(), expectation.runs, None, "error", note, _english(unknown), unknown)
        ]
    if not checks:
        empty = ("no_bounds", "")
        return [
            CheckResult(policy, "-", Bounds(), expectation.runs, None, "error", note, _english(empty), empty)
        ]

    results: dict[str, CheckResult] = {}
    pending = []
    for q, b in checks:
        if q.startswith("ending.") and q.removeprefix("ending.") not in ending_ids:
            missing = ("no_ending", q.removeprefix("ending."))
            results[q] = CheckResult(policy, q, b, expectation.runs, None, "error", note, _english(missing), missing)
        elif b.min is None and b.max is None:
            open_ended = ("no_limits", "")
            results[q] = CheckResult(
                policy, q, b, expectation.runs, None, "error", note, _english(open_ended), open_ended
            )
        else:
            pending.append((q, b))

    runs = expectation.runs
    while pending:
        summary = simulate(policy, runs, seed)
        still: list[tuple[str, Bounds]] = []
        for q, b in pending:
            interval = measure(summary, q, confidence)
            verdict = judge(interval, b)
            results[q] = CheckResult(policy, q, b, runs, interval, verdict, note)
            if verdict == "unsure":
                still.append((q, b))
        more = min(MAX_RUNS, runs * ESCALATION)
        if not still or more <= runs or runs != expectation.runs:
            break
        pending, runs = still, more
    return [results[q] for q, _ in checks]


def judge_plain(value: float, bounds: Bounds) -> Verdict:
    """Pass or fail for a figure without an interval: inside the bounds or not."""
    lo, hi = bounds.min, bounds.max
    return "fail" if (lo is not None and value < lo) or (hi is not None and value > hi) else "pass"


def audit_interval(report: AuditReport, figure: str) -> tuple[Interval, int] | None:
    """The 99% interval of an audit figure that has one, with the games behind it."""
    if figure == "best_simple_success":
        return report.best_simple.success, report.best_simple.games
    if figure == "expert_success":
        return report.expert, report.expert_games
    if figure == "skill_gap":
        gap = difference_interval(report.expert, report.best_simple.success)
        return gap, min(report.expert_games, report.best_simple.games)
    return None


def check_audit_expectation(expectation: Expectation, auditor: Auditor) -> list[CheckResult]:
    """Judge every audit figure an expectation bounds; the audit runs (through
    ``auditor``) only when a figure is there to measure."""
    figures = list(expectation.audit.items())
    note, runs = expectation.note, expectation.runs
    if not figures:
        empty = ("no_figures", "")
        return [CheckResult(AUDIT, "-", Bounds(), runs, None, "error", note, _english(empty), empty)]
    results: list[CheckResult] = []
    for figure, bounds in figures:
        q = f"audit.{figure}"
        problem = (
            ("unknown_figure", figure) if figure not in AUDIT_FIGURES
            else ("no_limits", "") if bounds.min is None and bounds.max is None
            else None
        )
        if problem is not None:
            results.append(CheckResult(AUDIT, q, bounds, runs, None, "error", note, _english(problem), problem))
            continue
        report = auditor()
        measured = audit_interval(report, figure)
        if measured is not None:
            interval, games = measured
            results.append(CheckResult(AUDIT, q, bounds, games, interval, judge(interval, bounds), note))
            continue
        value = report.quantity(figure)
        verdict: Verdict = "unsure" if value is None else judge_plain(value, bounds)
        results.append(CheckResult(AUDIT, q, bounds, report.best_simple.games, None, verdict, note, value=value))
    return results


def failed(results: list[CheckResult]) -> bool:
    """Whether `shove test` should fail on these results (only failures and errors count)."""
    return any(r.verdict in ("fail", "error") for r in results)
