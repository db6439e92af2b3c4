"""Risk forecasts: Monte Carlo rollouts of the same model from the current state.

The rollouts copy one run's state, play the planned turn and then continue
to the end with a continuation: a built-in policy, or one of the two styles of
``game.sim.continuations`` (like the advisor, like the player so far). Luck
comes from fresh seeds derived from (the game's seed, the turn, a forecast
stream): never the game's own future luck, so a forecast cannot leak what is
about to happen.

Every plan forecast in the same turn plays on the **same** seeds (common
random numbers): two identical plans get identical forecasts, and the
difference between two plans is the plans' doing, not the dice's.
:func:`forecast_plans` plays several plans as one batch, which costs little
more than one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from game.sim import random as rnd
from game.sim.batch import answer_events, play_out
from game.sim.compiled import OUTCOMES
from game.sim.continuations import Style
from game.sim.engine import Engine
from game.sim.policies import Policy, get_policy
from game.sim.simple_rules import SimpleRules
from game.sim.state import State

F64 = NDArray[np.float64]


@dataclass(frozen=True)
class Forecast:
    """What the rollouts say about a plan.

    ``outcomes``: probability of each outcome class (success, partial,
    failure); ``endings``: probability of each ending id; ``block_chance``:
    each stakeholder's chance of blocking this turn (0 when the plan pushes
    nothing they care about); ``score``: the p10, p50 and p90 of the final
    score; ``rollouts``: how many games were played; ``style``: what the
    later turns assume (None: a built-in policy, named by ``continuation``).
    """

    outcomes: dict[str, float]
    endings: dict[str, float]
    block_chance: dict[str, float]
    score: tuple[float, float, float]
    rollouts: int
    continuation: str = "balanced"
    style: Style | None = field(default=None, compare=False)

    @property
    def success(self) -> float:
        return self.outcomes["success"]


def forecast_seeds(state: State, run: int, rollouts: int) -> NDArray[np.uint64]:
    """The fresh seeds every plan of this turn is forecast on (derived from the run's seed and the turn)."""
    base = rnd.derived_seeds(state.seeds[run : run + 1], state.turn, rnd.Purpose.FORECAST, 1)[0, 0]
    return rnd.run_seeds(int(base), rollouts)


def _policy(engine: Engine, continuation: str | Policy | Style) -> tuple[Policy, str, Style | None]:
    """The policy that plays the later turns, its name, and the style it stands for."""
    if isinstance(continuation, Style):
        if continuation.book is None:  # the advisor policy; or, with no record yet, the balanced policy
            return get_policy("advisor" if continuation.kind == "advisor" else "balanced"), continuation.kind, continuation
        return SimpleRules(engine, continuation.book), continuation.kind, continuation
    if isinstance(continuation, str):
        return get_policy(continuation), continuation, None
    return continuation, str(getattr(continuation, "name", "policy")), None


def forecast_plans(
    engine: Engine,
    state: State,
    run: int,
    plans: NDArray[np.bool_],
    rollouts: int = 1000,
    continuation: str | Policy | Style = "balanced",
    seed: int | None = None,
) -> list[Forecast]:
    """Forecast each plan of ``plans`` ((P, O) bool, this turn's options) from
    run ``run`` of ``state``, all on the same ``rollouts`` fresh games, each
    continuing with ``continuation`` (a built-in policy's name, a policy, or
    a :class:`~game.sim.continuations.Style`). One batch plays them all.

    ``seed`` picks the forecast's luck; by default it is derived from the
    run's own seed and the turn, so the same question gets the same answer."""
    plans = np.atleast_2d(np.asarray(plans, dtype=bool))
    p, m = plans.shape[0], max(1, int(rollouts))
    policy, name, style = _policy(engine, continuation)
    seeds = forecast_seeds(state, run, m) if seed is None else rnd.run_seeds(int(rnd.as_seed(seed)), m)
    n = len(engine.stakeholders)
    if state.ended[run] or p == 0:
        sim = state.take(np.full(p * m, run))
        blocked = np.zeros((p, n))
        ending, classes = engine.outcome(sim)
        score = engine.score(sim)
    else:
        sim = state.take(np.full(p * m, run)).with_seeds(np.tile(seeds, p))
        engine.imagine_hidden(sim)
        result = engine.resolve_turn(sim, np.repeat(plans, m, axis=0))
        blocked = result.block_chance.reshape(p, m, n).mean(axis=1)
        answer_events(engine, sim, policy)
        engine.end_turn(sim)
        play_out(engine, sim, policy)
        ending, classes = engine.outcome(sim)
        score = engine.score(sim)
    out = []
    for k in range(p):
        rows = slice(k * m, (k + 1) * m)
        p10, p50, p90 = np.quantile(score[rows], [0.1, 0.5, 0.9])
        n_end = np.bincount(ending[rows], minlength=len(engine.endings)) / m
        n_out = np.bincount(classes[rows], minlength=len(OUTCOMES)) / m
        out.append(
            Forecast(
                outcomes={key: float(v) for key, v in zip(OUTCOMES, n_out, strict=True)},
                endings={key: float(v) for key, v in zip(engine.endings, n_end, strict=True)},
                block_chance={key: float(v) for key, v in zip(engine.stakeholders, blocked[k], strict=True)},
                score=(float(p10), float(p50), float(p90)),
                rollouts=m,
                continuation=name,
                style=style,
            )
        )
    return out


def forecast(
    engine: Engine,
    state: State,
    run: int,
    plan: NDArray[np.bool_],
    rollouts: int = 1000,
    continuation: str | Policy | Style = "balanced",
    seed: int | None = None,
) -> Forecast:
    """Roll ``run`` of ``state`` forward ``rollouts`` times under ``plan``
    ((O,) bool, this turn's options), continuing with ``continuation``; the
    same as :func:`forecast_plans` with that one plan."""
    return forecast_plans(engine, state, run, np.asarray(plan, dtype=bool)[None, :], rollouts, continuation, seed)[0]
