"""Sensitivity: which inputs move each policy's success rate most (a tornado table).

Every model parameter and every stakeholder's initial trust and support is
moved by ±20% (see `game.analysis.variants`), and each policy is replayed on
the **same run seeds** as the unchanged scenario (common random numbers). The
effect of an input is then the paired difference in success, run by run,
which is far less noisy than comparing two independent samples: most runs
end the same way in both, and only the runs the change actually tips count.

To stay affordable the variants use fewer runs than the baseline report
(:func:`runs_per_variant`); the report states how many, and each effect
carries its paired standard error so a reader can tell signal from noise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence

import numpy as np
from numpy.typing import NDArray

from game.analysis.report import PolicyEffect, SensitivityReport, SensitivityRow
from game.analysis.variants import DEFAULT_STEP, variants
from game.scenario.schema import Scenario

Progress = Callable[[str, int, int], None]
MIN_VARIANT_RUNS = 100
MAX_VARIANT_RUNS = 300
EXPENSIVE = "greedy"


def runs_per_variant(runs: int) -> int:
    """A quarter of the baseline runs, kept between 100 and 300 (never more than asked)."""
    return min(runs, max(MIN_VARIANT_RUNS, min(MAX_VARIANT_RUNS, runs // 4)))


def paired_se(base: NDArray[np.bool_], variant: NDArray[np.bool_]) -> float:
    """Standard error of the mean paired difference in success (variant minus base)."""
    n = base.shape[0]
    if n < 2:
        return math.inf
    d = variant.astype(np.float64) - base.astype(np.float64)
    return float(d.std(ddof=1) / math.sqrt(n))


def effect(
    base: NDArray[np.bool_], low: NDArray[np.bool_], high: NDArray[np.bool_]
) -> PolicyEffect:
    """Success rates of the base and the two variants on the same seeds, with paired errors."""
    return PolicyEffect(
        base=float(base.mean()),
        low=float(low.mean()),
        high=float(high.mean()),
        low_se=paired_se(base, low),
        high_se=paired_se(base, high),
    )


def policies_for_sensitivity(policies: Sequence[str]) -> tuple[list[str], list[str]]:
    """The policies the sensitivity analysis plays, and those it leaves out.

    `greedy` plays look-ahead rollouts every turn and costs about a hundred
    times as much per game as the others, so it is left out unless it is the
    only policy asked for.
    """
    if len(policies) > 1 and EXPENSIVE in policies:
        return [p for p in policies if p != EXPENSIVE], [EXPENSIVE]
    return list(policies), []


def sensitivity(
    scenario: Scenario,
    policies: Sequence[str],
    runs: int,
    seed: int,
    *,
    step: float = DEFAULT_STEP,
    progress: Progress | None = None,
    workers: int | None = None,
) -> SensitivityReport:
    """Rank inputs by the largest change they cause in any policy's success rate."""
    from game.analysis.runner import Job, Task, choose_workers, cost, play, successes

    n = runs_per_variant(runs)
    played, left_out = policies_for_sensitivity(policies)
    items, skipped = variants(scenario, step)
    base_job = Job(scenario)
    jobs: dict[str, Job] = {base_job.key: base_job}
    order: list[tuple[str, Scenario]] = [("base", scenario)]
    for item in items:
        order.extend(((f"{item.key}:low", item.low), (f"{item.key}:high", item.high)))

    def tasks() -> Iterator[tuple[str, Task]]:
        # Every variant is compiled here (a few milliseconds each); workers recompile from text.
        for name, variant in order:
            job = base_job if name == "base" else Job(variant)
            jobs[job.key] = job
            for policy in played:
                (task,) = job.tasks(policy, n, seed, n)
                yield name, task

    total = n * len(played) * len(order)
    n_workers = choose_workers(cost(played, n * len(order)), workers)
    labelled = list(tasks())
    results: dict[tuple[str, str], NDArray[np.bool_]] = {}
    done = 0
    for (name, task), chunk in zip(
        labelled, play(lambda t: jobs[t.key], (t for _, t in labelled), n_workers), strict=True
    ):
        results[(name, task.policy)] = successes(chunk, base_job.facts)
        done += n
        if progress is not None:
            progress("sensitivity", done, total)

    rows: list[SensitivityRow] = []
    for item in items:
        effects = {
            policy: effect(
                results[("base", policy)],
                results[(f"{item.key}:low", policy)],
                results[(f"{item.key}:high", policy)],
            )
            for policy in played
        }
        rows.append(
            SensitivityRow(
                key=item.key,
                label=item.label,
                base_value=item.base_value,
                low_value=item.low_value,
                high_value=item.high_value,
                effects=effects,
            )
        )
    rows.sort(key=lambda r: (-r.swing, r.key))
    return SensitivityReport(
        step=step, runs_per_variant=n, rows=rows, skipped=skipped, policies_left_out=left_out
    )
