"""The one place analysis meets the simulation: seeded batches folded into tallies.

A :class:`Runner` compiles a scenario once and plays a built-in policy (or an
author's strategy, named by its spec ``FILE.py:NAME``: see
``game.sim.strategy_file``; each process loads the file once) over a block
of run seeds. Run seeds are `game.sim.random.run_seeds(seed, runs)`,
exactly as `game.sim.batch.simulate` uses them, so run i is the same game
whatever the chunk size, and two policies (or two scenario variants) given
the same seed face the same luck (common random numbers).

Work is cut into :class:`Task` blocks of at most ``chunk`` runs. :func:`play`
runs them here or, for big jobs, in worker processes (one per core), always
handing results back in task order so the totals are the same bit for bit
however many workers there are. Only what a report needs comes back from a
block (ending, score, events fired, final metrics and option totals), and at
most a few blocks wait to be folded at once, so a million runs take no more
memory than a handful of chunks.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from game.analysis.tally import PolicyTally, ScenarioFacts
from game.scenario.schema import Scenario

if TYPE_CHECKING:
    from game.sim.policies import Policy

DEFAULT_CHUNK = 20_000
PARALLEL_CHUNK = 5_000
# The look-ahead policy plays 6 one-turn rollouts per game and turn: smaller
# blocks keep its memory down and let a progress bar move.
LOOKAHEAD_CHUNK = 1_000
# Below this many games in one job, starting worker processes costs more than it saves.
PARALLEL_MIN_RUNS = 20_000
# Roughly how many simple games one game of each policy costs (greedy plays rollouts).
RELATIVE_COST = {"greedy": 6}

# (games done so far, games in total) after each block.
ChunkProgress = Callable[[int, int], None]


def facts_of(scenario: Scenario, option_actions: Sequence[str]) -> ScenarioFacts:
    """The ids a report needs, in the engine's order."""
    return ScenarioFacts(
        ending_ids=tuple(e.id for e in scenario.endings),
        ending_outcomes=tuple(e.outcome for e in scenario.endings),
        event_ids=tuple(e.id for e in scenario.events),
        option_actions=tuple(option_actions),
        action_ids=tuple(a.id for a in scenario.actions),
        metric_ids=tuple(m.id for m in scenario.metrics),
        metric_initial=tuple(float(m.initial) for m in scenario.metrics),
    )


@dataclass(frozen=True)
class Chunk:
    """The end of each game in one block of runs."""

    ending: NDArray[np.int64]  # (R,) ending index
    score: NDArray[np.float64]  # (R,) 0..100
    events_fired: NDArray[np.int64]  # (R, E) times each event fired
    option_totals: NDArray[np.int64]  # (O,) times each option was chosen, over the block
    metrics: NDArray[np.float64]  # (R, M) final values


class Runner:
    """A compiled scenario and the facts a tally needs."""

    def __init__(self, scenario: Scenario) -> None:
        from game.sim.engine import Engine

        self.scenario = scenario
        self.engine = Engine(scenario)
        self.strategies: dict[str, Policy] = {}  # loaded strategy files, by spec
        self.facts = facts_of(scenario, [o.action for o in self.engine.options])
        if list(self.facts.ending_ids) != list(self.engine.endings) or list(
            self.facts.event_ids
        ) != list(self.engine.events):
            raise RuntimeError("the engine orders endings or events differently from the scenario")

    def play(self, seeds: NDArray[np.uint64], policy: str) -> Chunk:
        """Play one game per seed to its ending under a built-in policy or a strategy
        file (StrategyError when the strategy cannot be loaded or breaks the rules)."""
        from game.sim.batch import play_seeds
        from game.sim.strategy_file import is_strategy_spec, load_strategy

        player: Policy | str = policy
        if is_strategy_spec(policy):
            if policy not in self.strategies:
                self.strategies[policy] = load_strategy(policy)
            player = self.strategies[policy]
        result = play_seeds(self.engine, player, seeds)
        return Chunk(
            ending=result.ending,
            score=result.score,
            events_fired=result.events_fired,
            option_totals=result.options_chosen.sum(axis=0),
            metrics=result.metrics.copy(),
        )


# --------------------------------------------------------------------------
# Tasks, here or in worker processes


@dataclass(frozen=True)
class Task:
    """One block of seeded games of one policy on one scenario (sent to a worker as text)."""

    scenario_json: str
    key: str
    policy: str
    seeds: NDArray[np.uint64]


class Job:
    """A scenario prepared for tasks: its compiled runner and its text for workers."""

    def __init__(self, scenario: Scenario) -> None:
        self.runner = Runner(scenario)
        self.json = scenario.model_dump_json(by_alias=True)
        self.key = hashlib.sha256(self.json.encode("utf-8")).hexdigest()

    @property
    def facts(self) -> ScenarioFacts:
        return self.runner.facts

    def tasks(self, policy: str, runs: int, seed: int, chunk: int) -> list[Task]:
        from game.sim.random import run_seeds

        seeds = run_seeds(seed, runs)
        return [
            Task(self.json, self.key, policy, seeds[start : start + chunk])
            for start in range(0, runs, max(1, chunk))
        ]


# In a worker process: the scenarios compiled lately, newest last.
_worker_runners: dict[str, Runner] = {}
_WORKER_CACHE = 8


def _run_task(task: Task) -> Chunk:
    """In a worker: compile each scenario once (a few are kept), then play the block."""
    runner = _worker_runners.pop(task.key, None)
    if runner is None:
        runner = Runner(Scenario.model_validate_json(task.scenario_json))
        while len(_worker_runners) >= _WORKER_CACHE:
            del _worker_runners[next(iter(_worker_runners))]
    _worker_runners[task.key] = runner
    return runner.play(task.seeds, task.policy)


def cores() -> int:
    """CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


def cost(policies: Iterable[str], runs: int) -> int:
    """A job's size in simple games (a greedy game counts as many)."""
    return sum(runs * RELATIVE_COST.get(p, 1) for p in policies)


def choose_workers(job_cost: int, workers: int | None) -> int:
    """Worker processes for a job of `job_cost` simple games: none for small jobs or
    one core, else one per core."""
    if workers is not None:
        return max(0, workers)
    if job_cost < PARALLEL_MIN_RUNS:
        return 0
    n = cores()
    return n if n > 1 else 0


def start_method() -> str:
    """How to start workers: "fork" (instant, inherits the compiled code) where the platform
    has it and this process runs no other thread (forking beside threads can deadlock);
    otherwise "spawn", which needs the main script to guard its entry point."""
    if "fork" in get_all_start_methods() and sys.platform.startswith("linux"):
        if threading.active_count() == 1:
            return "fork"
    return "spawn"


def play(
    job_of: Callable[[Task], Job],
    tasks: Iterable[Task],
    workers: int = 0,
) -> Iterator[Chunk]:
    """Each task's result, in task order; in `workers` processes when above zero."""
    if workers <= 0:
        for task in tasks:
            yield job_of(task).runner.play(task.seeds, task.policy)
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context(start_method())) as pool:
        window: deque[Future[Chunk]] = deque()
        it = iter(tasks)
        for task in it:
            window.append(pool.submit(_run_task, task))
            if len(window) >= 2 * workers:
                break
        while window:
            result = window.popleft().result()
            nxt = next(it, None)
            if nxt is not None:
                window.append(pool.submit(_run_task, nxt))
            yield result


def tally_policies(
    scenario: Scenario | Job,
    policies: Sequence[str],
    runs: int,
    seed: int,
    *,
    chunk: int | None = None,
    workers: int | None = None,
    progress: ChunkProgress | None = None,
) -> dict[str, PolicyTally]:
    """`runs` seeded games of each policy, folded block by block in a fixed order."""
    job = scenario if isinstance(scenario, Job) else Job(scenario)
    total = runs * len(policies)
    n_workers = choose_workers(cost(policies, runs), workers)

    def size(policy: str) -> int:
        if chunk:
            return chunk
        if policy == "greedy":
            return LOOKAHEAD_CHUNK
        return PARALLEL_CHUNK if n_workers else DEFAULT_CHUNK

    tasks = [t for p in policies for t in job.tasks(p, runs, seed, size(p))]
    tallies = {p: PolicyTally(p, job.facts) for p in policies}
    done = 0
    for task, c in zip(tasks, play(lambda _t: job, tasks, n_workers), strict=True):
        tallies[task.policy].add(c.ending, c.score, c.events_fired, c.option_totals, c.metrics)
        done += int(c.ending.shape[0])
        if progress is not None:
            progress(done, total)
    return tallies


def successes(chunk: Chunk, facts: ScenarioFacts) -> NDArray[np.bool_]:
    """Per run of a block, whether it reached a success ending."""
    success = np.array([o == "success" for o in facts.ending_outcomes], dtype=bool)
    out: NDArray[np.bool_] = success[chunk.ending]
    return out
