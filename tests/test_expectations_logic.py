"""How expectations are judged, on plain summaries (no simulation)."""

from __future__ import annotations

import pytest

from game.analysis.expectations import MAX_RUNS, check_expectation, failed, judge
from game.analysis.report import PolicySummary, ScoreSummary
from game.analysis.stats import Interval
from game.scenario.schema import Bounds, Expectation

ENDINGS = ["reformed", "stalled", "ousted"]


class Exact:
    """A scenario whose rates are exactly known: counts are the rate times the runs."""

    def __init__(self, success: float, failure: float, mean: float, std: float) -> None:
        self.success, self.failure, self.mean, self.std = success, failure, mean, std
        self.calls: list[tuple[str, int, int]] = []

    def __call__(self, policy: str, runs: int, seed: int) -> PolicySummary:
        self.calls.append((policy, runs, seed))
        s = round(self.success * runs)
        f = round(self.failure * runs)
        return PolicySummary(
            policy=policy,
            runs=runs,
            outcome_counts={"success": s, "partial": runs - s - f, "failure": f},
            ending_counts={"reformed": s, "stalled": runs - s - f, "ousted": f},
            score=ScoreSummary(self.mean, self.std, 0.0, self.mean, 100.0),
        )


def test_judge_pass_fail_inconclusive() -> None:
    iv = Interval(0.5, 0.45, 0.55, 0.99)
    assert judge(iv, Bounds(min=0.4)) == "pass"
    assert judge(iv, Bounds(max=0.6)) == "pass"
    assert judge(iv, Bounds(min=0.4, max=0.6)) == "pass"
    assert judge(iv, Bounds(min=0.6)) == "fail"
    assert judge(iv, Bounds(max=0.4)) == "fail"
    assert judge(iv, Bounds(min=0.5)) == "unsure"
    assert judge(iv, Bounds(min=0.3, max=0.52)) == "unsure"


def test_clear_pass_and_clear_fail_use_the_stated_runs() -> None:
    sim = Exact(success=0.6, failure=0.1, mean=62.0, std=10.0)
    exp = Expectation(
        policy="balanced",
        runs=2000,
        success_rate=Bounds(min=0.5),
        failure_rate=Bounds(max=0.05),
        mean_score=Bounds(min=55.0, max=70.0),
        ending={"ousted": Bounds(max=0.2)},
    )
    results = check_expectation(exp, sim, ENDINGS, seed=4)
    verdicts = {r.quantity: r.verdict for r in results}
    assert verdicts == {
        "success_rate": "pass",
        "failure_rate": "fail",
        "mean_score": "pass",
        "ending.ousted": "pass",
    }
    assert sim.calls == [("balanced", 2000, 4)]
    assert failed(results)
    fail = results[1]
    assert fail.interval is not None and fail.interval.low > 0.05
    assert "10.0%" in fail.describe_measured() and "2,000 runs" in fail.describe_measured()
    assert fail.describe_bounds() == "at most 5.0%"


def test_a_value_on_the_bound_is_rerun_with_more_runs_then_inconclusive() -> None:
    sim = Exact(success=0.30, failure=0.2, mean=50.0, std=10.0)
    exp = Expectation(policy="force", runs=500, success_rate=Bounds(min=0.3, max=0.9),
                      failure_rate=Bounds(max=0.5))
    results = check_expectation(exp, sim, ENDINGS)
    assert [c[1] for c in sim.calls] == [500, 2000]
    by = {r.quantity: r for r in results}
    assert by["success_rate"].verdict == "unsure"
    assert by["success_rate"].runs == 2000
    # The clear one keeps its first measurement.
    assert by["failure_rate"].verdict == "pass" and by["failure_rate"].runs == 500
    assert not failed(results)


def test_more_runs_can_settle_an_inconclusive_check() -> None:
    # 0.33 against a minimum of 0.30: straddles at 500 runs, clear at 2000.
    sim = Exact(success=0.33, failure=0.2, mean=50.0, std=10.0)
    exp = Expectation(policy="force", runs=500, success_rate=Bounds(min=0.3))
    (result,) = check_expectation(exp, sim, ENDINGS)
    assert result.verdict == "pass" and result.runs == 2000


def test_escalation_is_capped() -> None:
    sim = Exact(success=0.5, failure=0.2, mean=50.0, std=10.0)
    exp = Expectation(policy="force", runs=MAX_RUNS, success_rate=Bounds(min=0.5))
    (result,) = check_expectation(exp, sim, ENDINGS)
    assert result.verdict == "unsure"
    assert [c[1] for c in sim.calls] == [MAX_RUNS]


@pytest.mark.parametrize(
    ("exp", "message"),
    [
        (Expectation(policy="cautious", success_rate=Bounds(min=0.1)), "unknown policy 'cautious'"),
        (Expectation(policy="force"), "sets no bounds"),
        (Expectation(policy="force", ending={"utopia": Bounds(max=0.1)}), "no ending 'utopia'"),
        (Expectation(policy="force", success_rate=Bounds()), "give `min`, `max` or both"),
    ],
)
def test_broken_expectations_are_errors_not_crashes(exp: Expectation, message: str) -> None:
    results = check_expectation(exp, Exact(0.5, 0.2, 50.0, 10.0), ENDINGS)
    assert all(r.verdict == "error" for r in results)
    assert message in results[0].message
    assert failed(results)
