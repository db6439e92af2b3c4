"""Many games at once: seeded batches under a policy, and replays of a decision log.

``simulate`` plays ``runs`` games in chunks (memory stays bounded) with the
per-run seeds ``random.run_seeds(seed, runs)``, so the results do not depend on
the chunk size, and run i equals a single game with seed ``run_seeds(seed, runs)[i]``
(run 0 has seed ``seed`` itself: the same luck as a player's game with that seed).

``iter_chunks`` streams the same games one chunk at a time (a million runs
need no more memory than a chunk); ``play_seeds`` plays one block of given
run seeds.

``play_decisions`` replays a decision log (see ``game.sim.decisions``) from a
seed and returns the trajectory turn by turn.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from game.sim import random as rnd
from game.sim.decisions import Decision, IllegalMove, TurnRecord
from game.sim.engine import Engine, TurnResult
from game.sim.policies import Policy, get_policy
from game.sim.state import State

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]


def answer_events(engine: Engine, state: State, policy: Policy) -> dict[int, I64]:
    """Let ``policy`` answer every pending event; returns the choices per event."""
    answers: dict[int, I64] = {}
    for e in np.flatnonzero(state.pending.any(axis=0)):
        choice = policy.choose(engine, state, int(e))
        answers[int(e)] = np.where(state.pending[:, e], choice, -1)
        engine.apply_choice(state, int(e), choice)
    return answers


def _answer(engine: Engine, state: State, policy: Policy) -> None:
    """``answer_events`` without gathering the answers."""
    for e in np.flatnonzero(state.pending.any(axis=0)):
        engine.apply_choice(state, int(e), policy.choose(engine, state, int(e)))


def play_turn(engine: Engine, state: State, policy: Policy, key: int = 0) -> tuple[B, TurnResult]:
    """One whole turn under ``policy``: decide, resolve, answer events, end."""
    chosen = policy.decide(engine, state, key)
    result = engine.resolve_turn(state, chosen)
    _answer(engine, state, policy)
    engine.end_turn(state)
    return chosen, result


def finish(engine: Engine, state: State, policy: Policy, mid_turn: bool = False) -> State:
    """Play every run of ``state`` to its ending under ``policy`` (in place).
    With ``mid_turn``, the current turn has been resolved already: answer what
    is pending and end it first."""
    if mid_turn:
        answer_events(engine, state, policy)
        engine.end_turn(state)
    while not state.ended.all():
        play_turn(engine, state, policy)
    return state


@dataclass
class Trajectories:
    """Per-turn values, index 0 being the start: trust/support (R, T+1, N),
    progress (R, T+1, K), metrics (R, T+1, M), score (R, T+1)."""

    trust: F64
    support: F64
    progress: F64
    metrics: F64
    score: F64


@dataclass
class BatchResult:
    """Per-run results of a batch, in run order."""

    policy: str
    seed: int
    seeds: NDArray[np.uint64]  # (R,)
    ending: I64  # (R,) ending index
    outcome: I64  # (R,) index into OUTCOMES
    score: F64  # (R,)
    turns: I64  # (R,) turns played
    events_fired: I64  # (R, E) counts
    options_chosen: I64  # (R, O) counts
    trust: F64  # (R, N) final
    support: F64  # (R, N) final
    progress: F64  # (R, K) final
    metrics: F64  # (R, M) final
    trajectories: Trajectories | None = None

    @property
    def runs(self) -> int:
        return int(self.ending.shape[0])


def _snapshot(engine: Engine, state: State) -> tuple[F64, F64, F64, F64, F64]:
    return (state.trust.copy(order="C"), state.support.copy(order="C"), state.progress.copy(order="C"),
            state.metrics.copy(order="C"), engine.score(state))


def simulate(
    engine: Engine,
    policy: Policy | str,
    runs: int,
    seed: int,
    chunk: int = 5_000,
    record: bool = False,
) -> BatchResult:
    """Play ``runs`` seeded games under ``policy`` in chunks of ``chunk`` runs
    and join the chunks into one result (see ``iter_chunks`` to stream them).

    With ``record``, also keep every turn's values (meant for small batches:
    memory grows with runs x turns)."""
    pol = get_policy(policy) if isinstance(policy, str) else policy
    parts = list(iter_chunks(engine, pol, runs, seed, chunk, record))
    if not parts:
        parts.append(play_seeds(engine, pol, rnd.run_seeds(seed, 0), seed, record))

    def cat(name: str) -> np.ndarray:
        return np.concatenate([getattr(p, name) for p in parts], axis=0)

    traj = None
    if record:
        trajs = [p.trajectories for p in parts if p.trajectories is not None]
        traj = Trajectories(
            *(np.concatenate([getattr(t, name) for t in trajs], axis=0)
              for name in ("trust", "support", "progress", "metrics", "score"))
        )
    return BatchResult(
        policy=pol.name,
        seed=seed,
        seeds=cat("seeds"),
        ending=cat("ending"),
        outcome=cat("outcome"),
        score=cat("score"),
        turns=cat("turns"),
        events_fired=cat("events_fired"),
        options_chosen=cat("options_chosen"),
        trust=cat("trust"),
        support=cat("support"),
        progress=cat("progress"),
        metrics=cat("metrics"),
        trajectories=traj,
    )


def iter_chunks(
    engine: Engine,
    policy: Policy | str,
    runs: int,
    seed: int,
    chunk: int = 5_000,
    record: bool = False,
) -> Iterator[BatchResult]:
    """Play ``runs`` seeded games under ``policy`` and yield one result per
    chunk of at most ``chunk`` runs, in run order, so only one chunk is held
    at a time. The per-run seeds are ``run_seeds(seed, runs)`` (the same as
    ``simulate``), so results do not depend on the chunk size."""
    pol = get_policy(policy) if isinstance(policy, str) else policy
    seeds = rnd.run_seeds(seed, runs)
    step = max(chunk, 1)
    for start in range(0, runs, step):
        yield play_seeds(engine, pol, seeds[start : start + step], seed, record)


def play_seeds(
    engine: Engine, policy: Policy | str, seeds: NDArray[np.uint64], seed: int = 0, record: bool = False
) -> BatchResult:
    """Play one game per run seed in ``seeds`` to its ending under ``policy``,
    all at once; ``seed`` is only recorded in the result."""
    pol = get_policy(policy) if isinstance(policy, str) else policy
    state = engine.start(seeds)
    counts = np.zeros((state.runs, len(engine.options)), dtype=np.int64)
    frames = [_snapshot(engine, state)] if record else []
    if record:
        while not state.ended.all():
            chosen, _ = play_turn(engine, state, pol)
            counts += chosen
            frames.append(_snapshot(engine, state))
    else:
        # Counted in bytes while playing (a game has at most 60 turns), in int64 after.
        small = np.zeros(counts.shape, dtype=np.uint8)
        _play_compacting(engine, state, pol, small)
        counts[:] = small
    ending, outcome = engine.outcome(state)
    traj = None
    if record:
        # Ended runs are frozen, so padding a short game with its last frame is exact.
        total = engine.turns + 1
        while len(frames) < total:
            frames.append(frames[-1])
        traj = Trajectories(*(np.stack([f[i] for f in frames], axis=1) for i in range(5)))
    return BatchResult(
        policy=pol.name,
        seed=seed,
        seeds=np.asarray(seeds, dtype=np.uint64).copy(),
        ending=ending,
        outcome=outcome,
        score=engine.score(state),
        turns=state.turns_played.copy(),
        events_fired=state.fired.copy(order="C"),
        options_chosen=counts,
        trust=np.ascontiguousarray(state.trust),
        support=np.ascontiguousarray(state.support),
        progress=np.ascontiguousarray(state.progress),
        metrics=np.ascontiguousarray(state.metrics),
        trajectories=traj,
    )


def narrowed(policy: Policy, rows: I64) -> Policy:
    """The policy for the runs ``rows`` of the batch it was playing: a policy
    that keeps something per run (a ``take(rows)`` method) is cut to those
    runs; any other is returned as it is."""
    take = getattr(policy, "take", None)
    if take is None:
        return policy
    out: Policy = take(rows)
    return out


def play_out(engine: Engine, state: State, policy: Policy) -> tuple[I64, F64]:
    """Play every run of ``state`` to its ending under ``policy`` (runs that
    end drop out of the work as they go) and return each run's outcome class
    (index into OUTCOMES) and final score. ``state`` is left holding what a
    result reads (see ``_play_compacting``)."""
    _play_compacting(engine, state, policy, np.zeros((state.runs, len(engine.options)), dtype=np.uint8))
    return engine.outcome(state)[1], engine.score(state)


def _play_compacting(engine: Engine, state: State, policy: Policy, counts: NDArray[np.uint8]) -> None:
    """Play every run of ``state`` to its ending, adding the options chosen to
    ``counts`` (R, O). Afterwards ``state`` holds every run's ending, turns
    played, events fired and final values (what a BatchResult reads; the
    other arrays are left as they were when runs began to end).

    Runs that have ended drop out of the arrays the turns work on: their final
    values are written back to ``state`` and the others play on in a smaller
    state. Each run's numbers depend on its own row alone, so this is the same,
    bit for bit, as playing the whole batch to the end."""
    live: I64 | None = None  # the rows of ``state`` that ``work`` holds; None: all of them
    work = state
    while not work.ended.all():
        chosen, _ = play_turn(engine, work, policy)
        if live is None:
            counts += chosen
        else:
            counts[live] += chosen
        ended = work.ended
        if ended.all() or not ended.any():
            continue
        going = np.flatnonzero(~ended)
        if live is not None:
            done = np.flatnonzero(ended)
            _write_back(state, live[done], work, done)
        work = work.take(going)
        policy = narrowed(policy, going)
        live = going if live is None else live[going]
    if live is not None:
        _write_back(state, live, work, slice(None))
    state.turn = work.turn


# What a BatchResult reads from a finished state.
_RESULT_FIELDS = ("ending", "turns_played", "fired", "trust", "support", "progress", "metrics")


def _write_back(state: State, rows: I64, part: State, index: I64 | slice) -> None:
    """Copy what a result needs of the runs ``index`` of ``part`` into the runs
    ``rows`` of ``state``."""
    for name in _RESULT_FIELDS:
        getattr(state, name)[rows] = getattr(part, name)[index]


# --------------------------------------------------------------------------
# Replaying a decision log


@dataclass
class TurnFrame:
    """One turn of a replayed game: what was decided and what followed."""

    turn: int
    decisions: list[Decision]
    choices: dict[str, int]
    blocked: list[str]
    fired: list[str]
    trust: F64  # (N,) after the turn
    support: F64
    progress: F64
    metrics: F64
    score: float


@dataclass
class Trajectory:
    """A whole replayed game: the start, every turn, and the ending."""

    seed: int
    start_trust: F64
    start_support: F64
    start_progress: F64
    start_metrics: F64
    start_score: float
    turns: list[TurnFrame] = field(default_factory=list)
    ending: str | None = None
    outcome: str | None = None
    score: float = 0.0
    state: State | None = None

    @property
    def log(self) -> list[TurnRecord]:
        """The decision log that replays this game."""
        return [TurnRecord(tuple(t.decisions), dict(t.choices)) for t in self.turns]


def play_decisions(
    engine: Engine,
    seed: int,
    decisions_by_turn: Sequence[Sequence[Decision]],
    choices: Sequence[Mapping[str, int]] = (),
    strict: bool = True,
    fallback: Policy | str = "balanced",
) -> Trajectory:
    """Replay a game from its seed and decision log.

    ``decisions_by_turn[t]`` lists the decisions of turn t+1 and ``choices[t]``
    maps each event answered that turn to the 0-based index of the choice.
    With ``strict`` (a save or a workshop session), an illegal decision, a
    missing choice or a log that stops before the game ends raises
    IllegalMove. Otherwise (a counterfactual), illegal decisions are dropped,
    and missing choices and missing turns are played by ``fallback``.
    """
    from game.sim.compiled import OUTCOMES

    pol = get_policy(fallback) if isinstance(fallback, str) else fallback
    state = engine.start(np.array([rnd.as_seed(seed)], dtype=np.uint64))
    t0 = _snapshot(engine, state)
    traj = Trajectory(seed, t0[0][0], t0[1][0], t0[2][0], t0[3][0], float(t0[4][0]))
    t = 0
    while not state.ended[0]:
        turn = state.turn
        if t < len(decisions_by_turn):
            wanted = list(decisions_by_turn[t])
            if strict:
                chosen = engine.check(state, wanted)
            else:
                chosen = legal_subset(engine, engine.available(state)[0], wanted)
        elif strict:
            raise IllegalMove(f"The decision log stops at turn {turn - 1}, before the game ends.")
        else:
            chosen = pol.decide(engine, state)[0]
        result = engine.resolve_turn(state, chosen[None, :])
        answered: dict[str, int] = {}
        given = choices[t] if t < len(choices) else {}
        for e in np.flatnonzero(state.pending[0]):
            event_id = engine.events[e]
            count = int(engine.cs.event_choice_count[e])
            pick = given.get(event_id)
            if pick is None or not 0 <= pick < count:
                if strict:
                    problem = "has no recorded choice" if pick is None else f"has no choice {pick}"
                    raise IllegalMove(f"Turn {turn}: event `{event_id}` {problem}.")
                pick = int(pol.choose(engine, state, int(e))[0])
            engine.apply_choice(state, int(e), np.array([pick]))
            answered[event_id] = pick
        engine.end_turn(state)
        snap = _snapshot(engine, state)
        traj.turns.append(
            TurnFrame(
                turn,
                engine.decode(chosen),
                answered,
                [engine.stakeholders[i] for i in np.flatnonzero(result.blocked[0])],
                [engine.events[i] for i in np.flatnonzero(result.fired[0])],
                snap[0][0], snap[1][0], snap[2][0], snap[3][0], float(snap[4][0]),
            )
        )
        t += 1
    ending, outcome = engine.outcome(state)
    traj.ending = engine.endings[int(ending[0])]
    traj.outcome = OUTCOMES[int(outcome[0])]
    traj.score = float(engine.score(state)[0])
    traj.state = state
    return traj


def legal_subset(engine: Engine, available: B, wanted: Sequence[Decision]) -> B:
    """(O,): the decisions in ``wanted`` that ``available`` (one run's row of
    ``engine.available``) allows, in order, within the leadership time."""
    chosen = np.zeros(len(engine.options), dtype=bool)
    left = engine.budget
    for d in wanted:
        try:
            i = engine.option_index(d)
        except IllegalMove:
            continue
        cost = engine.options[i].cost
        if available[i] and not chosen[i] and cost <= left:
            chosen[i] = True
            left -= cost
    return chosen
