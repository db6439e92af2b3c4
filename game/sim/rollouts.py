"""Rollout values: plans and event answers compared on common random numbers.

Each question ("how good is this plan here?", "how good is this answer?") is
answered by copying the run ``rollouts`` times, giving the copies fresh seeds
derived from (the run's seed, the turn, the audit stream) and playing them to
the end under a continuation policy. Every plan or answer of one run is played
on the **same** fresh seeds, so the comparison is between decisions, not dice.
The game's own future luck is never used, nor what is hidden from the
player (``Engine.imagine_hidden``).

A value is ``100 * success + score``: success first, the score (0-100) to
tell apart plans that succeed, or fail, equally often.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from game.sim import random as rnd
from game.sim.batch import answer_events, play_out
from game.sim.engine import Engine
from game.sim.policies import Policy
from game.sim.state import State

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]

SUCCESS_WEIGHT = 100.0


def rollout_seeds(state: State, rollouts: int, salt: int = 0) -> NDArray[np.uint64]:
    """(R, rollouts) fresh seeds per run for this turn (``salt`` keeps apart
    questions asked at the same turn that must not share luck)."""
    return rnd.derived_seeds(state.seeds, state.turn * 64 + salt, rnd.Purpose.AUDIT, rollouts)


def value_of(outcome: I64, score: F64) -> F64:
    """A rollout's value: 100 for a success, plus the score."""
    out: F64 = np.where(outcome == 0, SUCCESS_WEIGHT, 0.0) + score
    return out


def plan_values(
    engine: Engine,
    state: State,
    plans: B,
    wanted: B,
    continuation: Policy,
    rollouts: int,
    salt: int = 0,
) -> tuple[F64, F64, I64]:
    """Values of each run's candidate plans for this turn.

    ``plans`` (R, C, O) holds C plans per run; ``wanted`` (R, C) marks those
    to play. Returns the mean value (R, C), the success share (R, C) and the
    outcome class of every rollout (R, C, rollouts); unplayed pairs get -inf,
    -1 and -1.
    """
    r, c = wanted.shape
    m = rollouts
    values = np.full((r, c), -np.inf)
    success = np.full((r, c), -1.0)
    classes = np.full((r, c, m), -1, dtype=np.int64)
    pairs = np.flatnonzero(wanted)
    if pairs.size == 0:
        return values, success, classes
    run_of, plan_of = pairs // c, pairs % c
    seeds = rollout_seeds(state, m, salt)
    sim = state.take(np.repeat(run_of, m))
    sim.seeds = seeds[run_of].reshape(-1)
    engine.imagine_hidden(sim)
    engine.resolve_turn(sim, np.repeat(plans[run_of, plan_of], m, axis=0))
    answer_events(engine, sim, continuation)
    engine.end_turn(sim)
    outcome, score = play_out(engine, sim, continuation)
    v = value_of(outcome, score).reshape(-1, m)
    values[run_of, plan_of] = v.mean(axis=1)
    success[run_of, plan_of] = (outcome.reshape(-1, m) == 0).mean(axis=1)
    classes[run_of, plan_of] = outcome.reshape(-1, m)
    return values, success, classes


@dataclass(frozen=True)
class Answers:
    """The rollouts of every answer to one pending event: ``values`` (n,
    columns) mean value per run and column, ``classes`` (n, columns,
    rollouts) each rollout's outcome class. Columns are the event's choices,
    then, when a placebo was asked for, the continuation's own answer and the
    same answer with every stakeholder's trust nudged."""

    event: int
    rows: I64
    values: F64
    scores: F64
    """(n, columns) the mean final score."""
    classes: I64


def answer_values(
    engine: Engine,
    state: State,
    asks: Sequence[tuple[int, I64]],
    continuation: Policy,
    rollouts: int,
    nudge: float = 0.0,
    salt: int = 1,
) -> list[Answers]:
    """Values of every answer to each event in ``asks`` ((event index, the
    runs of ``state`` where it is pending)); ``state`` is mid-turn (resolved,
    events not yet answered).

    For each run and answer, the answer is applied, every other pending event
    is answered by ``continuation``, the turn ends and the game is played
    out; every answer of a run is played on the same fresh luck. All the
    questions are played as one batch. With ``nudge``, two more columns hold
    the continuation's own answer, without and with every stakeholder's trust
    raised by ``nudge`` (a placebo: how often a tiny change alone changes the
    outcome).
    """
    m = rollouts
    seeds = rollout_seeds(state, m, salt)  # the same luck for every answer of a run
    sims: list[State] = []
    shapes: list[tuple[int, I64, int]] = []
    for event_index, rows in asks:
        count = max(int(engine.cs.event_choice_count[event_index]), 1)
        columns = count + (2 if nudge else 0)
        base = state.take(np.repeat(rows, m))
        base.seeds = seeds[rows].reshape(-1)
        engine.imagine_hidden(base)
        own = continuation.choose(engine, base, event_index)
        for col in range(columns):
            sim = base.copy()
            if col == count + 1:
                sim.trust = np.minimum(sim.trust + nudge, 1.0 - sim.scar)
            engine.apply_choice(sim, event_index, col if col < count else own)
            sims.append(sim)
        shapes.append((event_index, rows, columns))
    if not sims:
        return []
    joined = State.concat(sims)
    answer_events(engine, joined, continuation)
    engine.end_turn(joined)
    outcome, score = play_out(engine, joined, continuation)
    value = value_of(outcome, score)
    out: list[Answers] = []
    start = 0
    for event_index, rows, columns in shapes:
        n = rows.shape[0]
        size = columns * n * m
        v = value[start : start + size].reshape(columns, n, m)
        sc = score[start : start + size].reshape(columns, n, m)
        classes = outcome[start : start + size].reshape(columns, n, m).transpose(1, 0, 2)
        out.append(Answers(event_index, rows, v.mean(axis=2).T, sc.mean(axis=2).T, classes))
        start += size
    return out
