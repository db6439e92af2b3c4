"""Sensitivity: which inputs an author edits move each policy's results most (a tornado table).

Every input of `game.analysis.variants` (model parameters, starting
positions, power and stubbornness, efforts, action costs and strengths, ending
thresholds, event probabilities) is moved down and up in turn, and each policy
is replayed on the **same run seeds** as the unchanged scenario (common random
numbers). The effect of an input is then the paired difference, run by run,
which is far less noisy than comparing two independent samples: most runs end
the same way in both, and only the runs the change actually tips count.

Three things are measured for each policy: the mean final score, and the
share of runs ending in success, partial and failure. The rows are ranked by
the largest move of any of them (score points and percentage points of a
share are both on a 0-100 scale), so an input that only turns successes into
partials ranks as high as one that moves the score by as much.

To stay affordable the variants use fewer runs than the baseline report
(:func:`runs_per_variant`), a variant that is the same scenario as another
(a cost already at 1, a probability already at 1) is played once, and the
report states how many runs each variant had; each effect carries its paired
standard error so a reader can tell signal from noise.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.analysis.report import OUTCOMES, Paired, PolicyEffect, SensitivityReport, SensitivityRow
from game.analysis.variants import DEFAULT_STEP, variants
from game.scenario.schema import Scenario

Progress = Callable[[str, int, int], None]
MIN_VARIANT_RUNS = 100
MAX_VARIANT_RUNS = 300
EXPENSIVE = "greedy"


def runs_per_variant(runs: int) -> int:
    """A quarter of the baseline runs, kept between 100 and 300 (never more than asked)."""
    return min(runs, max(MIN_VARIANT_RUNS, min(MAX_VARIANT_RUNS, runs // 4)))


def paired_se(base: NDArray[np.bool_] | NDArray[np.float64], variant: NDArray[np.bool_] | NDArray[np.float64]) -> float:
    """Standard error of the mean paired difference (variant minus base), run by run."""
    n = base.shape[0]
    if n < 2:
        return math.inf
    d = variant.astype(np.float64) - base.astype(np.float64)
    return float(d.std(ddof=1) / math.sqrt(n))


def paired(
    base: NDArray[np.bool_] | NDArray[np.float64],
    low: NDArray[np.bool_] | NDArray[np.float64],
    high: NDArray[np.bool_] | NDArray[np.float64],
) -> Paired:
    """The means of one measure on the same seeds, with the paired errors of the two differences."""
    return Paired(
        base=float(base.mean()),
        low=float(low.mean()),
        high=float(high.mean()),
        low_se=paired_se(base, low),
        high_se=paired_se(base, high),
    )


@dataclass(frozen=True)
class Ends:
    """How each run of one batch ended: its final score and its outcome class (index in OUTCOMES)."""

    score: NDArray[np.float64]
    outcome: NDArray[np.int64]

    def share(self, outcome: str) -> NDArray[np.bool_]:
        out: NDArray[np.bool_] = self.outcome == OUTCOMES.index(outcome)
        return out


def effect(base: NDArray[np.bool_], low: NDArray[np.bool_], high: NDArray[np.bool_]) -> PolicyEffect:
    """Success rates of the base and the two variants on the same seeds, with paired errors."""
    p = paired(base, low, high)
    return PolicyEffect(base=p.base, low=p.low, high=p.high, low_se=p.low_se, high_se=p.high_se)


def effect_of(base: Ends, low: Ends, high: Ends) -> PolicyEffect:
    """Every measure of the base and the two variants on the same seeds: success (the first
    fields, as before), the mean score and each outcome's share, with paired errors."""
    shares = {o: paired(base.share(o), low.share(o), high.share(o)) for o in OUTCOMES}
    s = shares["success"]
    return PolicyEffect(
        base=s.base,
        low=s.low,
        high=s.high,
        low_se=s.low_se,
        high_se=s.high_se,
        score=paired(base.score, low.score, high.score),
        outcomes=shares,
    )


def policies_for_sensitivity(policies: Sequence[str]) -> tuple[list[str], list[str]]:
    """The policies the sensitivity analysis plays, and those it leaves out.

    `greedy` plays a look-ahead rollout of each candidate plan every turn and
    costs about six times as much per game as the others (``RELATIVE_COST`` in
    `game.analysis.runner`), so it is left out unless it is the only policy
    asked for.
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
    """Rank inputs by the largest change they cause in any policy's mean score or outcome shares."""
    from game.analysis.runner import Job, Task, choose_workers, cost, play

    n = runs_per_variant(runs)
    played, left_out = policies_for_sensitivity(policies)
    items, skipped = variants(scenario, step)
    base_job = Job(scenario)
    outcome_of = np.array([OUTCOMES.index(o) for o in base_job.facts.ending_outcomes], dtype=np.int64)

    # Each distinct scenario is played once: a variant that changes nothing (a cost already at its
    # bound) is the baseline itself, and shares its results.
    jobs: dict[str, Job] = {base_job.key: base_job}
    key_of: dict[str, str] = {"base": base_job.key}
    for item in items:
        for side, variant in (("low", item.low), ("high", item.high)):
            job = Job(variant)
            jobs.setdefault(job.key, job)
            key_of[f"{item.key}:{side}"] = job.key
    distinct = list(jobs)

    def tasks() -> Iterator[Task]:
        for key in distinct:
            for policy in played:
                (task,) = jobs[key].tasks(policy, n, seed, n)
                yield task

    total = n * len(played) * len(distinct)
    n_workers = choose_workers(cost(played, n * len(distinct)), workers)
    labelled = list(tasks())
    results: dict[tuple[str, str], Ends] = {}
    done = 0
    for task, chunk in zip(labelled, play(lambda t: jobs[t.key], labelled, n_workers), strict=True):
        results[(task.key, task.policy)] = Ends(chunk.score.astype(np.float64), outcome_of[chunk.ending])
        done += n
        if progress is not None:
            progress("sensitivity", done, total)

    def ends(name: str, policy: str) -> Ends:
        return results[(key_of[name], policy)]

    rows: list[SensitivityRow] = []
    for item in items:
        effects = {
            policy: effect_of(ends("base", policy), ends(f"{item.key}:low", policy), ends(f"{item.key}:high", policy))
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
                scaled=item.scaled,
                detail=item.detail,
            )
        )
    rows.sort(key=lambda r: (-r.effect, r.key))
    return SensitivityReport(
        step=step, runs_per_variant=n, rows=rows, skipped=skipped, policies_left_out=left_out
    )
