"""`balance()`: every requested built-in policy played many times, summarised as plain data.

The CLI (`shove balance`) and the workshop report only format what this returns.
Every policy plays the same run seeds (common random numbers), so the
differences between policies are differences of decisions, not of luck.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from game.analysis.balance_warnings import coverage, luck_ratio, warnings_for
from game.analysis.report import BalanceReport, PolicySummary
from game.scenario.language import localise
from game.scenario.schema import POLICIES, Scenario

DEFAULT_RUNS = 2000

# (what is running, games done, games in total); called after each chunk.
Progress = Callable[[str, int, int], None]


def balance(
    scenario: Scenario,
    policies: Sequence[str] = POLICIES,
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    *,
    sensitivity: bool = False,
    progress: Progress | None = None,
    chunk: int | None = None,
    workers: int | None = None,
) -> BalanceReport:
    """Play each policy `runs` times from `seed` and report outcomes, coverage and warnings.

    A policy is a built-in name or an author's strategy file, ``FILE.py:NAME``, which
    the report lists under that spec (StrategyError when it cannot be loaded or breaks the rules).

    With `sensitivity`, also rank the numbers an author edits (model parameters,
    positions, power, stubbornness, efforts, action costs and strengths, ending
    thresholds, event probabilities) by how much a ±20% change (a cost: ±1)
    moves each policy's mean score and outcome shares (see
    `game.analysis.sensitivity`).

    Big jobs run in one worker process per core (`workers` overrides: 0 keeps
    everything in this process); the results do not depend on it.
    """
    from game.analysis.runner import Job, tally_policies
    from game.sim.strategy_file import is_strategy_spec

    # An author's strategy is named by its spec, FILE.py:NAME (game.sim.strategy_file).
    unknown = [p for p in policies if p not in POLICIES and not is_strategy_spec(p)]
    if unknown:
        raise ValueError(f"unknown policy {unknown[0]!r}; choose from {', '.join(POLICIES)}")
    if runs < 1:
        raise ValueError("runs must be 1 or more")

    started = time.perf_counter()
    job = Job(scenario)

    def step(done: int, total: int) -> None:
        if progress is not None:
            progress("simulating", done, total)

    tallies = tally_policies(job, policies, runs, seed, chunk=chunk, workers=workers, progress=step)

    summaries: dict[str, PolicySummary] = {p: t.summary() for p, t in tallies.items()}
    moving: dict[str, bool] = {}
    for t in tallies.values():
        for metric, moved in t.metrics_moving().items():
            moving[metric] = moving.get(metric, False) or moved
    cov = coverage(summaries, moving)
    language = scenario.meta.language
    titles = {e.id: localise(e.title, language) for e in scenario.endings}
    warnings = warnings_for(summaries, cov, titles)

    sens = None
    if sensitivity:
        from game.analysis.sensitivity import sensitivity as run_sensitivity

        sens = run_sensitivity(scenario, policies, runs, seed, progress=progress, workers=workers)

    return BalanceReport(
        scenario=scenario.meta.id,
        seed=seed,
        runs=runs,
        elapsed_s=time.perf_counter() - started,
        policies=summaries,
        coverage=cov,
        warnings=warnings,
        sensitivity=sens,
        decisions_over_luck=luck_ratio(summaries),
    )
