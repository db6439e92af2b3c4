"""Risk forecasts: Monte Carlo rollouts of the same model from the current state.

The rollouts copy one run's state, play the planned turn and then continue
with a built-in policy to the end, drawing luck from fresh seeds derived from
(the game's seed, the turn, a forecast stream): never the game's own future
luck, so a forecast cannot leak what is about to happen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.sim import random as rnd
from game.sim.batch import answer_events, finish
from game.sim.compiled import OUTCOMES
from game.sim.engine import Engine
from game.sim.policies import Policy, get_policy
from game.sim.state import State

F64 = NDArray[np.float64]


@dataclass(frozen=True)
class Forecast:
    """What the rollouts say about a plan.

    ``outcomes``: probability of each outcome class (success, partial,
    failure); ``endings``: probability of each ending id; ``block_chance``:
    each stakeholder's chance of blocking this turn (0 when the plan pushes
    nothing they care about); ``score``: the p10, p50 and p90 of the final
    score; ``rollouts``: how many games were played.
    """

    outcomes: dict[str, float]
    endings: dict[str, float]
    block_chance: dict[str, float]
    score: tuple[float, float, float]
    rollouts: int

    @property
    def success(self) -> float:
        return self.outcomes["success"]


def forecast(
    engine: Engine,
    state: State,
    run: int,
    plan: NDArray[np.bool_],
    rollouts: int = 1000,
    continuation: str | Policy = "balanced",
    seed: int | None = None,
) -> Forecast:
    """Roll ``run`` of ``state`` forward ``rollouts`` times under ``plan``
    ((O,) bool, this turn's options), continuing with ``continuation``.

    ``seed`` picks the forecast's luck; by default it is derived from the
    run's own seed and the turn, so the same question gets the same answer."""
    policy = get_policy(continuation) if isinstance(continuation, str) else continuation
    if seed is None:
        base = rnd.derived_seeds(state.seeds[run : run + 1], state.turn, rnd.Purpose.FORECAST, 1)[0, 0]
    else:
        base = rnd.as_seed(seed)
    seeds = rnd.run_seeds(int(base), rollouts)
    sim = state.take(np.full(rollouts, run)).with_seeds(seeds)
    chosen = np.broadcast_to(np.asarray(plan, dtype=bool), (rollouts, len(engine.options)))
    if not sim.ended.all():
        result = engine.resolve_turn(sim, chosen)
        blocked = result.block_chance.mean(axis=0)
        answer_events(engine, sim, policy)
        engine.end_turn(sim)
        finish(engine, sim, policy)
    else:
        blocked = np.zeros(len(engine.stakeholders))
    ending, outcome = engine.outcome(sim)
    score = engine.score(sim)
    p10, p50, p90 = np.quantile(score, [0.1, 0.5, 0.9])
    n_end = np.bincount(ending, minlength=len(engine.endings)) / max(rollouts, 1)
    n_out = np.bincount(outcome, minlength=len(OUTCOMES)) / max(rollouts, 1)
    return Forecast(
        outcomes={k: float(v) for k, v in zip(OUTCOMES, n_out, strict=True)},
        endings={k: float(v) for k, v in zip(engine.endings, n_end, strict=True)},
        block_chance={k: float(v) for k, v in zip(engine.stakeholders, blocked, strict=True)},
        score=(float(p10), float(p50), float(p90)),
        rollouts=rollouts,
    )
