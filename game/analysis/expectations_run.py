"""Running a scenario's expectations through the simulation, and wording the results."""

from __future__ import annotations

from collections.abc import Iterator

from game.analysis.expectations import CheckResult, check_expectation
from game.analysis.report import PolicySummary
from game.scenario.schema import Scenario

DEFAULT_SEED = 0


def check_scenario(scenario: Scenario, seed: int = DEFAULT_SEED) -> list[CheckResult]:
    """Every bound of every expectation in the scenario, measured with seeded runs.

    Expectations that ask for the same policy and run count share one batch.
    """
    from game.analysis.runner import Job, tally_policies

    job = Job(scenario)
    cache: dict[tuple[str, int, int], PolicySummary] = {}

    def simulate(policy: str, runs: int, seed: int) -> PolicySummary:
        key = (policy, runs, seed)
        if key not in cache:
            cache[key] = tally_policies(job, [policy], runs, seed)[policy].summary()
        return cache[key]

    endings = [e.id for e in scenario.endings]
    results: list[CheckResult] = []
    for expectation in scenario.expectations:
        results.extend(check_expectation(expectation, simulate, endings, seed))
    return results


_MARK = {"pass": "PASS", "fail": "FAIL", "inconclusive": "UNSURE", "error": "ERROR"}


def format_results(name: str, results: list[CheckResult]) -> Iterator[str]:
    """One line per bound, grouped under the scenario's name; notes after failures."""
    yield name
    for r in results:
        head = f"  {_MARK[r.verdict]:<6} {r.policy}: {r.label}"
        if r.verdict == "error":
            yield f"{head}: {r.message}"
            continue
        yield f"{head} {r.describe_measured()}; expected {r.describe_bounds()}"
        if r.verdict == "inconclusive":
            yield (
                "         too close to the bound to tell at this confidence: move the bound "
                "away from the measured value, or ask for more runs"
            )
        if r.verdict == "fail" and r.note:
            yield f"         why it matters: {r.note}"
