"""Risk forecasts for an event's choices: rollouts from the state after each answer.

The turn has already been resolved when an event waits, so a choice's
forecast answers the event, lets the continuation policy answer any other
waiting event, ends the turn and plays on to the end. Every choice of one
event faces the same fresh luck (seeds derived from the game's seed, the turn
and the event), so the difference between two choices' forecasts is the
choice's doing and not the dice's; none of it is the game's own future luck.
"""

from __future__ import annotations

import numpy as np

from game.sim import random as rnd
from game.sim.batch import finish
from game.sim.compiled import OUTCOMES
from game.sim.engine import Engine
from game.sim.forecast import Forecast
from game.sim.policies import get_policy
from game.sim.state import State


def choice_forecast(
    engine: Engine,
    state: State,
    event_index: int,
    choice: int,
    rollouts: int = 1000,
    continuation: str = "balanced",
) -> Forecast:
    """Roll run 0 of ``state`` forward ``rollouts`` times after answering
    event ``event_index`` with ``choice``, then ``continuation`` to the end.

    ``block_chance`` is zero for everyone: this turn's resistance has already
    happened by the time an event asks for a choice."""
    policy = get_policy(continuation)
    rollouts = max(1, int(rollouts))
    # One seed per (game, turn, event): index event_index + 2 keeps clear of the action forecast's first seed.
    base = rnd.derived_seeds(state.seeds[0:1], state.turn, rnd.Purpose.FORECAST, event_index + 2)[0, -1]
    sim = state.take(np.zeros(rollouts, dtype=np.int64)).with_seeds(rnd.run_seeds(int(base), rollouts))
    engine.imagine_hidden(sim)
    if not sim.ended.all():
        engine.apply_choice(sim, event_index, int(choice))
        finish(engine, sim, policy, mid_turn=True)
    ending, outcome = engine.outcome(sim)
    score = engine.score(sim)
    p10, p50, p90 = np.quantile(score, [0.1, 0.5, 0.9])
    n_end = np.bincount(ending, minlength=len(engine.endings)) / rollouts
    n_out = np.bincount(outcome, minlength=len(OUTCOMES)) / rollouts
    return Forecast(
        outcomes={k: float(v) for k, v in zip(OUTCOMES, n_out, strict=True)},
        endings={k: float(v) for k, v in zip(engine.endings, n_end, strict=True)},
        block_chance=dict.fromkeys(engine.stakeholders, 0.0),
        score=(float(p10), float(p50), float(p90)),
        rollouts=rollouts,
    )
