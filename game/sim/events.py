"""§7 of docs/model.md: which events fire this turn."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from game.sim import random as rnd
from game.sim.compiled import CompiledScenario
from game.sim.env import StateEnv, truth
from game.sim.state import State

B = NDArray[np.bool_]


def roll_events(cs: CompiledScenario, state: State, active: B) -> B:
    """§7: each open event (not waiting, not spent if `once`) whose condition
    holds fires with its probability; those with choices become pending.
    Returns (R, E): the events that fired."""
    r, e = state.runs, len(cs.events)
    fired = np.zeros((r, e), dtype=bool)
    if not e:
        return fired
    draws = rnd.uniforms(state.seeds, state.turn, rnd.Purpose.EVENT, 0, e)
    env = StateEnv(cs, state)
    open_events = active[:, None] & ~state.pending & ~(cs.event_once[None, :] & (state.fired > 0))
    for i in np.flatnonzero(open_events.any(axis=0)):
        event = cs.compiled_events[i]
        eligible = open_events[:, i] & truth(event.when(env), r)
        if not eligible.any():
            continue
        chance = np.broadcast_to(event.probability(env), (r,))
        fired[:, i] = eligible & (draws[:, i] < chance)
    state.fired += fired
    state.pending |= fired & (cs.event_choice_count > 0)[None, :]
    return fired
