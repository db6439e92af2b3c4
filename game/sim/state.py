"""State: every quantity of a batch of games, each array with a leading run axis R.

One turn for the player (R = 1) and one turn for 100,000 Monte Carlo runs use
the same arrays and the same code. All runs of a batch share the turn clock
``turn``; a run whose game has ended is frozen (``ended``) and the engine no
longer changes it.

The engine stores some arrays column by column (Fortran order; see
``Engine.start``): index them as (run, column) and never rely on their memory
layout.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np
from numpy.typing import NDArray

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
U64 = NDArray[np.uint64]
B = NDArray[np.bool_]


@dataclass
class State:
    """The arrays of R games at the start of turn ``turn`` (1-based).

    Shapes: N stakeholders, K programmes, M metrics, F flags, A actions,
    E events, Q delayed-effect slots, L ring-buffer length.
    """

    turn: int  # the batch clock: the turn about to be played (1-based)
    seeds: U64  # (R,) each run's seed; all luck is keyed by it
    trust: F64  # (R, N) T: trust in the chief executive, in [0, 1 - scar]
    support: F64  # (R, N) S: support for the change, in [0, 1]
    anchor: F64  # (R, N) S0: the position each stakeholder anchors back to
    grievance: F64  # (R, N) G >= 0: memory of being forced or overruled
    scar: F64  # (R, N) D in [0, 1]: caps how far trust can recover
    blocked: B  # (R, N) who blocked during the last turn
    progress: F64  # (R, K) C in [0, 1]
    dropped: B  # (R, K) programmes abandoned: their progress no longer changes and no action targets them
    metrics: F64  # (R, M) Y within each metric's range
    flags: F64  # (R, F) numbers set by effects (0 is false)
    cooldown: I64  # (R, A) turns before each action may be taken again
    queue: NDArray[np.uint8]  # (R, L, Q) delayed effects due at turn % L, per slot
    signal_carry: F64  # (R, N) engagement from event choices, felt next turn
    push_carry: F64  # (R, K) pushes from event choices, felt next turn
    forced_history: F64  # (R, H) forced progress in recent turns (disruption)
    progress_history: F64  # (R, P, K) progress at the end of recent turns (benefit lag)
    fired: I64  # (R, E) how many times each event has fired
    pending: B  # (R, E) events waiting for a choice
    red_line: B  # (R, N) who holds a red line (hidden from the player until revealed)
    revealed: B  # (R, N) whose red line, or lack of one, the player has found out
    ended: B  # (R,) the game is over
    ending: I64  # (R,) index of the ending reached, -1 while playing
    turns_played: I64  # (R,) turns completed

    @property
    def runs(self) -> int:
        return int(self.seeds.shape[0])

    def copy(self) -> State:
        """A deep copy: changing it never changes this state."""
        return self.take(np.arange(self.runs))

    def take(self, index: NDArray[np.integer]) -> State:
        """The runs at ``index`` (repeats allowed), as a new independent state."""
        index = np.asarray(index)
        values: dict[str, np.ndarray] = {}
        for f in fields(self):
            if f.name != "turn":
                # Indexing with an integer array always makes a new array (in
                # the same memory order as the original).
                x = getattr(self, f.name)
                if x.ndim == 2 and x.flags.f_contiguous and not x.flags.c_contiguous:
                    values[f.name] = x.T[:, index].T
                else:
                    values[f.name] = x[index]
        return State(turn=self.turn, **values)

    @staticmethod
    def concat(states: list[State]) -> State:
        """One state holding the runs of ``states`` one after the other (all
        at the same turn), each array in the memory order of the first's."""
        first = states[0]
        values: dict[str, np.ndarray] = {}
        for f in fields(first):
            if f.name == "turn":
                continue
            parts = [getattr(s, f.name) for s in states]
            joined = np.concatenate(parts, axis=0)
            if parts[0].ndim == 2 and parts[0].flags.f_contiguous and not parts[0].flags.c_contiguous:
                joined = np.asfortranarray(joined)
            values[f.name] = joined
        return State(turn=first.turn, **values)

    def with_seeds(self, seeds: U64) -> State:
        """A copy of this state with new per-run seeds (fresh luck from here on)."""
        return replace(self.copy(), seeds=np.asarray(seeds, dtype=np.uint64).copy())
