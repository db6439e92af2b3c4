"""Built-in policies (bots), vectorised over runs.

A policy has two methods:

* ``decide(engine, state, key=0) -> (R, O) bool``: the options each run takes
  this turn, spending up to the turn's leadership time;
* ``choose(engine, state, event_index) -> (R,) int``: a choice for an event
  pending in each run.

Policies read each action's stance (partner, push, neutral), target kind and
whether it drops a programme, never action ids, so they play any scenario. Any randomness comes from the
keyed stream in ``game.sim.random``.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from game.scenario.schema import POLICIES
from game.sim import random as rnd
from game.sim import sums
from game.sim.engine import Engine
from game.sim.state import State

F64 = NDArray[np.float64]
B = NDArray[np.bool_]
I64 = NDArray[np.int64]

PARTNER, PUSH, NEUTRAL = 0, 1, 2
_NEVER = -np.inf


class Policy(Protocol):
    name: str

    def decide(self, engine: Engine, state: State, key: int = 0) -> B: ...

    def choose(self, engine: Engine, state: State, event_index: int) -> I64: ...


# --------------------------------------------------------------------------
# Shared pieces


def fill_budget(engine: Engine, state: State, priority: F64) -> B:
    """Pick options in order of ``priority`` (R, O) until the leadership time
    runs out; options with priority -inf or unavailable are never taken."""
    r, o = priority.shape
    chosen = np.zeros((r, o), dtype=bool)
    if o == 0:
        return chosen
    pri = np.where(engine.available(state), priority, _NEVER)
    _fill(engine, chosen, pri, np.arange(r), np.arange(o))
    return chosen


def _fill(engine: Engine, chosen: B, pri: F64, runs: I64, options: I64) -> None:
    """``fill_budget`` on part of a batch: ``pri`` holds the priorities (-inf:
    never) of the options ``options`` (ascending) in the runs ``runs``; the
    picks are marked in ``chosen`` (R, O). ``pri`` is used up.

    Leaving out options that could never be taken changes nothing: the others
    keep their order, so ties still go to the first option."""
    cs = engine.cs
    if not runs.size or not options.size:
        return
    # C order, so ``pri.ravel()`` below is a view of it.
    pri = np.ascontiguousarray(pri)
    o = options.shape[0]
    costs = cs.option_cost[options]
    left = np.full(runs.shape[0], cs.budget, dtype=np.int64)
    dearest = int(costs.max())
    cost = costs[None, :]
    # ``rows`` are the runs still choosing (their indices in the batch); ``pri``
    # and ``left`` hold only those. A run that takes nothing, or has no time
    # left (every option costs at least 1), never takes anything again, so it
    # is dropped: the choices are the same as playing every run to the end.
    rows = runs
    floor = int(cs.option_cost.min())
    for step in range(cs.budget + o):
        # (At the first step every run has the whole budget, and options
        # dearer than that are unavailable already.)
        if step and int(left.min()) < dearest:
            np.copyto(pri, _NEVER, where=cost > left[:, None])
        best = np.argmax(pri, axis=1)
        flat = np.arange(0, rows.shape[0] * o, o) + best
        take = np.isfinite(pri.ravel()[flat])
        if not take.any():
            break
        best_taken = best[take]
        chosen[rows[take], options[best_taken]] = True
        left[take] -= costs[best_taken]
        pri.ravel()[flat[take]] = _NEVER
        keep = take & (left >= floor)
        if not keep.all():
            rows, pri, left = rows[keep], pri[keep], left[keep]
            if rows.shape[0] == 0:
                break


def _fill_by_stance(engine: Engine, state: State, need: F64, bonus: dict[int, F64 | float]) -> B:
    """Pick options by their value under ``need`` plus the bonus of their
    stance; stances not in ``bonus`` are never taken (and never valued), nor
    is dropping a programme: a fixed style never abandons a change."""
    cs = engine.cs
    r = state.runs
    chosen = np.zeros((r, len(cs.options)), dtype=bool)
    offset = np.full(len(cs.options), _NEVER)
    for stance, extra in bonus.items():
        np.copyto(offset, extra, where=cs.option_stance == stance)
    offset[cs.option_drops] = _NEVER
    avail = engine.available(state)
    # Only options some run may take are valued.
    options = np.flatnonzero(np.isfinite(offset) & avail.any(axis=0))
    pri: F64 = np.take(_value_table(engine, state, (need,)), _gather_index(engine)[options], axis=1)
    pri += offset[options]
    pri = np.where(avail[:, options], pri, _NEVER)
    _fill(engine, chosen, pri, np.arange(r), options)
    return chosen


def stakeholder_need(engine: Engine, state: State) -> tuple[F64, F64]:
    """Per stakeholder (R, N): how much there is to gain from engaging them
    (power times missing trust) and from tackling them (power times opposition)."""
    power = engine.cs.power[None, :]
    return power * (1.0 - state.trust), power * (1.0 - state.support)


def _gather_index(engine: Engine) -> NDArray[np.int64]:
    """Per option, the column of [stakeholder values | mean | programme values]
    that values it."""
    cs = engine.cs
    n = len(cs.stakeholders)
    index = np.where(cs.option_stakeholder >= 0, cs.option_stakeholder, n)
    out: NDArray[np.int64] = np.where(cs.option_programme >= 0, n + 1 + cs.option_programme, index)
    return out


def option_values(engine: Engine, state: State, values: F64) -> F64:
    """Value of each option (R, O) from per-stakeholder values (R, N): a
    stakeholder-targeted option gets its target's value, an untargeted one the
    mean value, a programme-targeted one the programme's remaining work (never
    a finished programme)."""
    remaining = 1.0 - state.progress
    remaining = np.where(remaining > 0, remaining, _NEVER)
    # (numpy's mean: the row's sum over the count.)
    mean = sums.row_sum(values)[:, None] / values.shape[1] if values.shape[1] else np.zeros((state.runs, 1))
    table = np.concatenate([values, mean, remaining], axis=1)
    out: F64 = np.take(table, _gather_index(engine), axis=1)
    return out


def _value_table(engine: Engine, state: State, needs: tuple[F64, ...]) -> F64:
    """For each per-stakeholder need (R, N), side by side: the need, its mean
    over stakeholders and each programme's remaining work (-inf when done),
    so column ``_gather_index(engine) + i * (N + 1 + K)`` values each option by need i."""
    remaining = 1.0 - state.progress
    remaining = np.where(remaining > 0, remaining, _NEVER)
    parts: list[F64] = []
    for values in needs:
        # (numpy's mean: the row's sum over the count.)
        mean = sums.row_sum(values)[:, None] / values.shape[1] if values.shape[1] else np.zeros((state.runs, 1))
        parts += [values, mean, remaining]
    out: F64 = np.concatenate(parts, axis=1)
    return out


def readiness(engine: Engine, state: State) -> F64:
    """(R,) how ready the system is for a push: the power-weighted mean of
    min(trust, support), relative to the coalition threshold."""
    cs = engine.cs
    base = sums.weighted_mean(np.minimum(state.trust, state.support), cs.power)
    threshold = max(cs.params.coalition_threshold, 1e-6)
    out: F64 = base / threshold
    return out


def _row_max(x: F64) -> F64:
    """Each row's largest value, (R, K) -> (R,), taken column by column (numpy
    is slow at a reduction along a short row of a column-major array). The
    same numbers as ``x.max(axis=1)`` for values without NaN or -0, as here
    (remaining work times effort)."""
    out: F64 = x[:, 0].copy()
    for j in range(1, x.shape[1]):
        np.maximum(out, x[:, j], out=out)
    return out


def first_by_stance(engine: Engine, event_index: int, order: tuple[int, ...]) -> int:
    """The event's first choice whose stance comes first in ``order`` (ties:
    file order; 0 for an event without choices)."""
    stances = [("partner", "push", "neutral").index(s) for s in engine.cs.compiled_events[event_index].choice_stances]
    if not stances:
        return 0
    rank = [order.index(s) if s in order else len(order) for s in stances]
    return int(np.argmin(rank))


def time_running_out(engine: Engine, turn: int, progress: F64) -> B:
    """(R,) whether time is running out at ``turn``: the turns left are no more
    than the turns of work left on the furthest-behind programme, plus one."""
    cs = engine.cs
    work = _row_max((1.0 - progress) * cs.effort[None, :]) if cs.programmes else np.zeros(progress.shape[0])
    out: B = cs.turns - turn + 1 <= np.ceil(work) + 1
    return out


def choose_by_stance(engine: Engine, state: State, event_index: int, order: tuple[int, ...]) -> I64:
    """For every run, the first choice whose stance comes first in ``order`` (ties: file order)."""
    return np.full(state.runs, first_by_stance(engine, event_index, order), dtype=np.int64)


# --------------------------------------------------------------------------
# The policies


class Partner:
    """Always invest in relationships: partner moves first (the least trusting,
    most powerful stakeholders first), then neutral ones; never push."""

    name = "partner"

    def decide(self, engine: Engine, state: State, key: int = 0) -> B:
        engage = engine.cs.power[None, :] * (1.0 - state.trust)  # power times missing trust
        return _fill_by_stance(engine, state, engage, {PARTNER: 10.0, NEUTRAL: 0.0})

    def choose(self, engine: Engine, state: State, event_index: int) -> I64:
        return choose_by_stance(engine, state, event_index, (PARTNER, NEUTRAL, PUSH))


class Force:
    """Always push the change: moves that push a programme first (the least
    advanced first), then other push moves (the most powerful opponents
    first), then neutral ones; never partner."""

    name = "force"

    def decide(self, engine: Engine, state: State, key: int = 0) -> B:
        tackle = engine.cs.power[None, :] * (1.0 - state.support)  # power times opposition
        drive = np.where(engine.cs.option_pushes, 5.0, 0.0)
        return _fill_by_stance(engine, state, tackle, {PUSH: 10.0 + drive, NEUTRAL: 0.0})

    def choose(self, engine: Engine, state: State, event_index: int) -> I64:
        return choose_by_stance(engine, state, event_index, (PUSH, NEUTRAL, PARTNER))


class Balanced:
    """Build trust and support first; push once a coalition is there (or time
    is running out), still patching the weakest relationships with what is left."""

    name = "balanced"

    def push_now(self, engine: Engine, state: State, rows: I64 | None = None) -> B:
        """(R,) whether each run is ready to push (or, given ``rows``, each of those runs)."""
        cs = engine.cs
        trust, support, progress = state.trust, state.support, state.progress
        if rows is not None:
            trust, support, progress = trust[rows], support[rows], progress[rows]
        late = time_running_out(engine, state.turn, progress)
        base = sums.weighted_mean(np.minimum(trust, support), cs.power)
        ready: B = (base / max(cs.params.coalition_threshold, 1e-6) >= 0.9) | late
        return ready

    def decide(self, engine: Engine, state: State, key: int = 0) -> B:
        cs = engine.cs
        engage, tackle = stakeholder_need(engine, state)
        push = cs.option_stance == PUSH
        # Push moves are valued by opposition (the second half of the table),
        # partner and neutral moves by missing trust.
        index = _gather_index(engine) + np.where(push, engage.shape[1] + 1 + state.progress.shape[1], 0)
        table = _value_table(engine, state, (engage, tackle))
        # On top of its value, a partner move gets 10 (5 once ready to push); a
        # push move 10 + drive once ready, never before; a neutral move nothing.
        drive = np.where(cs.option_pushes, 5.0, 0.0)
        partner = cs.option_stance == PARTNER
        waiting = np.where(partner, 10.0, np.where(push, _NEVER, 0.0))
        ready = np.where(partner, 5.0, np.where(push, 10.0 + drive, 0.0))
        # Nor does it ever drop a programme.
        waiting[cs.option_drops] = _NEVER
        ready[cs.option_drops] = _NEVER
        avail = engine.available(state)
        chosen = np.zeros((state.runs, len(cs.options)), dtype=bool)
        now = self.push_now(engine, state)
        # Runs not ready to push choose among the other moves only.
        for runs, offset in ((np.flatnonzero(~now), waiting), (np.flatnonzero(now), ready)):
            if not runs.size:
                continue
            seen = avail[runs]
            options = np.flatnonzero(np.isfinite(offset) & seen.any(axis=0))
            pri: F64 = np.take(table[runs], index[options], axis=1)
            pri += offset[options]
            _fill(engine, chosen, np.where(seen[:, options], pri, _NEVER), runs, options)
        return chosen

    def choose(self, engine: Engine, state: State, event_index: int) -> I64:
        partner = choose_by_stance(engine, state, event_index, (PARTNER, NEUTRAL, PUSH))
        push = choose_by_stance(engine, state, event_index, (PUSH, NEUTRAL, PARTNER))
        if partner[0] == push[0] if state.runs else True:
            return partner
        # Only the runs where the event waits need an answer.
        rows = np.flatnonzero(state.pending[:, event_index])
        out: I64 = partner.copy()
        out[rows] = np.where(self.push_now(engine, state, rows), push[rows], partner[rows])
        return out


class Random:
    """Spend the leadership time on options picked at random (keyed luck)."""

    name = "random"

    def decide(self, engine: Engine, state: State, key: int = 0) -> B:
        # The draws are uniforms(seed, turn, POLICY, 2 * key, O); only the options
        # some run may take need theirs.
        avail = engine.available(state)
        options = np.flatnonzero(avail.any(axis=0))
        chosen = np.zeros((state.runs, len(engine.options)), dtype=bool)
        draws = rnd.columns(rnd.stream_keys(state.seeds, state.turn, rnd.Purpose.POLICY, 2 * key), options)
        _fill(engine, chosen, np.where(avail[:, options], draws, _NEVER), np.arange(state.runs), options)
        return chosen

    def choose(self, engine: Engine, state: State, event_index: int) -> I64:
        count = int(engine.cs.event_choice_count[event_index])
        # Only the runs where the event waits need a die (the others get 0).
        rows = np.flatnonzero(state.pending[:, event_index])
        key = rnd.stream_keys(state.seeds[rows], state.turn, rnd.Purpose.POLICY, 2 * event_index + 1)
        draws = rnd.column(key, 0)
        out: I64 = np.zeros(state.runs, dtype=np.int64)
        out[rows] = np.minimum((draws * max(count, 1)).astype(np.int64), max(count - 1, 0))
        return out


class Greedy:
    """One-step Monte Carlo look-ahead on the score.

    Each turn the candidate plans are what the partner, force and balanced
    policies would do. Where they differ, each candidate's turn is played on
    ``rollouts`` copies of the run with fresh luck (never the game's own),
    the same luck for every candidate (common random numbers), with events
    answered by the balanced policy's rule; the plan whose resulting states
    score best on average is taken (the score is the valuation of a state).
    Events are answered by the balanced policy's rule too.
    """

    name = "greedy"

    def __init__(self, rollouts: int = 1) -> None:
        self.rollouts = rollouts
        self.candidates: tuple[Policy, ...] = (Partner(), Force(), Balanced())
        self.answer = Balanced()

    def _evaluate(self, engine: Engine, state: State, stacked: B, needed: B) -> I64:
        """Index of the best plan for each run: ``stacked`` (R, c, O) holds each
        run's candidate plans and ``needed`` (R, c) marks those to play (a plan
        the same as an earlier candidate's, or a run with nothing to decide,
        is not played; ties go to the earlier candidate)."""
        from game.sim.batch import answer_events

        r, c = needed.shape
        m = self.rollouts
        best = np.zeros(r, dtype=np.int64)
        pairs = np.flatnonzero(needed)  # (run, candidate) pairs, run-major
        if pairs.size == 0:
            return best
        run_of, plan_of = pairs // c, pairs % c
        # The same fresh luck for every candidate of a run (common random numbers).
        seeds = rnd.derived_seeds(state.seeds, state.turn, rnd.Purpose.LOOKAHEAD, m)  # (R, m)
        sim = state.take(np.repeat(run_of, m))  # order: pair, rollout
        sim.seeds = seeds[run_of].reshape(-1)
        engine.imagine_hidden(sim)
        engine.resolve_turn(sim, np.repeat(stacked[run_of, plan_of], m, axis=0))
        answer_events(engine, sim, self.answer)
        scores = np.full((r, c), _NEVER)
        scores[run_of, plan_of] = engine.score(sim).reshape(-1, m).mean(axis=1)
        best[:] = np.argmax(scores, axis=1)
        return best

    def decide(self, engine: Engine, state: State, key: int = 0) -> B:
        stacked = np.stack([p.decide(engine, state, key) for p in self.candidates], axis=1)  # (R, c, O)
        r, c = stacked.shape[:2]
        needed = np.ones((r, c), dtype=bool)
        for j in range(1, c):
            for i in range(j):
                needed[:, j] &= (stacked[:, j] != stacked[:, i]).any(axis=1)
        # Runs whose candidates all agree (or whose game is over) have nothing to decide.
        needed &= (needed[:, 1:].any(axis=1) & ~state.ended)[:, None]
        best = self._evaluate(engine, state, stacked, needed)
        out: B = stacked[np.arange(r), best]
        return out

    def choose(self, engine: Engine, state: State, event_index: int) -> I64:
        return self.answer.choose(engine, state, event_index)


def get_policy(name: str) -> Policy:
    """The built-in policy called ``name``; raises KeyError for an unknown name."""
    from game.sim.advisor import Advisor  # the advisor builds on this module's helpers

    table: dict[str, type[Policy]] = {
        "partner": Partner,
        "force": Force,
        "balanced": Balanced,
        "advisor": Advisor,
        "random": Random,
        "greedy": Greedy,
    }
    if name not in table:
        raise KeyError(f"unknown policy `{name}`; choose from {', '.join(POLICIES)}")
    return table[name]()
