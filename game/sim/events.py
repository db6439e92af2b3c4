"""§7 of docs/model.md: which events fire this turn."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from game.scenario.expression_compiler import holds
from game.sim import random as rnd
from game.sim.compiled import CompiledScenario
from game.sim.env import BatchEnv, RowsEnv, holds_in
from game.sim.state import State

B = NDArray[np.bool_]


def roll_events(cs: CompiledScenario, state: State, active: B) -> B:
    """§7: each open event (not waiting, not spent if `once`) whose condition
    holds fires with its probability; those with choices become pending.
    Returns (R, E): the events that fired.

    Event i's die in run r is ``uniforms(seed, turn, EVENT, 0, E)[r, i]``; only
    the dice of eligible runs are computed (each is a pure function of its key)."""
    r, e = state.runs, len(cs.events)
    fired = np.zeros((r, e), dtype=bool, order="F")  # filled one event (column) at a time
    if not e:
        return fired
    env = BatchEnv(cs, state)
    open_events = ~state.pending
    if not active.all():
        open_events &= active[:, None]
    if cs.event_once.any():
        # An event that happens once is closed in the runs where it has fired.
        np.logical_and(open_events, state.fired == 0, out=open_events, where=cs.event_once[None, :])
    key: NDArray[np.uint64] | None = None
    for i in np.flatnonzero(open_events.any(axis=0)):
        event = cs.compiled_events[i]
        open_col = open_events[:, i]
        count = int(np.count_nonzero(open_col))
        rows: NDArray[np.intp] | None  # the runs where it may fire; None: every run
        if 2 * count < r:
            # Few runs can fire it: evaluate its condition for those alone.
            open_rows = np.flatnonzero(open_col)
            rows = open_rows[holds_in(event.when, RowsEnv(cs, state, open_rows), open_rows.size)]
        else:
            held = holds(event.when, env)
            if held.size == 1:
                # The same in every run (``turn >= 4``): every open run, or none.
                if not held.reshape(-1)[0]:
                    continue
                rows = None if count == r else np.flatnonzero(open_col)
            else:
                rows = np.flatnonzero(open_col & np.broadcast_to(held, (r,)))
        if rows is not None and rows.size == r:
            rows = None
        if rows is not None and not rows.size:
            continue
        if key is None:
            key = rnd.stream_keys(state.seeds, state.turn, rnd.Purpose.EVENT, 0)
        keys = key if rows is None else key[rows]
        there = env if rows is None else RowsEnv(cs, state, rows)
        shape = keys.shape
        if event.probability.references:
            below = rnd.column(keys, int(i)) < np.broadcast_to(event.probability(there), shape)
        else:
            # The same probability in every run: compared on the draws' bits.
            value = np.asarray(event.probability(there), dtype=np.float64)
            if value.size == 1:
                below = rnd.column_below(keys, int(i), float(value.reshape(-1)[0]))
            else:
                below = rnd.column(keys, int(i)) < np.broadcast_to(value, shape)
        hits = np.flatnonzero(below) if rows is None else rows[below]
        # (Each event's column as a view: these arrays are stored column by column.)
        fired[:, i][hits] = True
        times = state.fired[:, i]
        times[hits] += 1
        if cs.event_choice_count[i] > 0:
            state.pending[:, i][hits] = True
    return fired
