"""The Engine: one scenario's turn order over a batch of runs.

A turn, in order (docs/model.md; this is the only place the order is written;
steps 1-5 are the phases in ``game.sim.turn``):

1. **Actions** (``open_turn``, ``take_actions``). Delayed effects due this
   turn apply, then each chosen option's effects (masked per run). Engagement
   and pushes gather into a signal per stakeholder and a push per programme
   (with any carried over from last turn's event choices); forcing adds a
   negative signal to those a pushed programme affects, in proportion to
   their opposition (§1).
2. **Trust** (``update_trust``). The signal moves trust asymmetrically
   (losses ~3x gains) and losses leave scars; trust spills over between
   peers; trust not maintained drifts back toward its baseline; scars heal;
   trust is capped at 1 - scar (§2).
3. **Support** (``update_support``). Friedkin–Johnsen: peers' influence,
   trusted chief-executive advocacy and the pull of each stakeholder's
   anchor; forcing against low trust moves anchors away (reactance);
   delivered programmes refreeze anchors (§3).
4. **Resistance** (``resist``). Each stakeholder exposed to a push blocks
   with a logistic probability; blocks add grievance; trusted partners
   forgive (§4).
5. **Progress** (``advance_programmes``). Pushes minus the power-weighted
   share of blockers, plus the drive of a trusting coalition above threshold,
   over each programme's effort (§5).
6. **Outcomes** (``game.sim.outcomes``). Metrics: management toward target,
   drift, disruption after forced progress, lagged benefits of delivered
   programmes, the effect of trust, noise (§6).
7. **Events** (``game.sim.events``). Eligible events fire with their
   probability; those with choices wait in ``state.pending`` for
   ``apply_choice`` (§7).
8. **End.** ``end_turn``: early endings whose condition holds end the game;
   after the last turn the first matching ending by priority is chosen; the
   turn advances (§8).

All luck is drawn from ``game.sim.random`` keyed by (run seed, turn, purpose).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from game.scenario import schema
from game.sim import legality, outcomes, turn
from game.sim import random as rnd
from game.sim.compiled import (
    OUTCOMES,
    CompiledScenario,
    Contribution,
    Ctx,
    EngineError,
    Option,
    apply_all,
    vectorisable,
)
from game.sim.decisions import Decision, IllegalMove
from game.sim.effects import EngageOp, ForceOp, carried_cells, contains
from game.sim.env import BatchEnv, holds_in
from game.sim.events import roll_events
from game.sim.state import State

F64 = NDArray[np.float64]
B = NDArray[np.bool_]
I64 = NDArray[np.int64]

__all__ = [
    "OUTCOMES",
    "Contribution",
    "Decision",
    "Engine",
    "EngineError",
    "IllegalMove",
    "Option",
    "TurnResult",
]


@dataclass
class TurnResult:
    """What a turn did, for every run.

    ``blocked`` (R, N): who blocked; ``block_chance`` (R, N): the probability
    each had of blocking (0 when not exposed to a push); ``fired`` (R, E): the
    events that fired (those with choices are now pending); ``contributions``:
    with ``explain=True``, the reasons each number of run 0 moved.
    """

    blocked: B
    block_chance: F64
    fired: B
    contributions: list[Contribution] = field(default_factory=list)


def hidden_stances(cs: CompiledScenario, seeds: NDArray[np.uint64]) -> B:
    """(R, N) who holds a red line in each game: drawn once, at the start,
    from each stakeholder's `red_line` chance (keyed luck, turn 0)."""
    if not cs.red_line_chance.any():
        return np.zeros((seeds.shape[0], len(cs.stakeholders)), dtype=bool, order="F")
    draws = rnd.uniforms(seeds, 0, rnd.Purpose.STANCE, 0, len(cs.stakeholders))
    out: B = np.asfortranarray(draws < cs.red_line_chance[None, :])
    return out


class Engine:
    """A compiled scenario and the rules that play it, batched over runs."""

    def __init__(self, scenario: schema.Scenario) -> None:
        self.scenario = scenario
        self.cs = CompiledScenario(scenario)
        self.options: list[Option] = self.cs.options
        self._option_lookup = {(o.action, o.target): o.index for o in self.options}
        self._vectorisable = [
            expr is not None and vectorisable(expr.text) for expr in self.cs.action_available
        ]
        # Per event: whether any choice engages or pushes (only then is there a carry to add).
        self._event_carries = [
            (any(contains(ops, EngageOp) for ops in e.choices), any(contains(ops, ForceOp) for ops in e.choices))
            for e in self.cs.compiled_events
        ]
        # Per event: whether each choice adds to every carry cell at most once.
        # Then adding its engagement and pushes straight to the carries gives
        # the same sums as gathering them first (x + (0 + a) == x + a).
        self._event_direct = []
        for e in self.cs.compiled_events:
            found = [carried_cells(ops) for ops in e.choices]
            self._event_direct.append(all(c is not None and len(set(c)) == len(c) for c in found))

    # ------------------------------------------------------------- metadata

    @property
    def stakeholders(self) -> list[str]:
        return self.cs.stakeholders

    @property
    def programmes(self) -> list[str]:
        return self.cs.programmes

    @property
    def metrics(self) -> list[str]:
        return self.cs.metrics

    @property
    def events(self) -> list[str]:
        return self.cs.events

    @property
    def endings(self) -> list[str]:
        return self.cs.endings

    @property
    def turns(self) -> int:
        return self.cs.turns

    @property
    def budget(self) -> int:
        """Leadership time per turn."""
        return self.cs.budget

    def option_index(self, decision: Decision) -> int:
        """The option a decision names; raises IllegalMove when there is none."""
        found = self._option_lookup.get((decision.action, decision.target))
        if found is not None:
            return found
        if decision.action not in self.cs.actions:
            raise IllegalMove(f"There is no action `{decision.action}` in this scenario.")
        kind = self.cs.action_target_kind[self.cs.actions.index(decision.action)]
        if kind == "none":
            raise IllegalMove(f"`{decision.action}` takes no target.")
        raise IllegalMove(f"`{decision.action}` needs a {kind} as its target, not `{decision.target}`.")

    # ------------------------------------------------------------- start

    def start(self, seeds: NDArray[np.uint64] | Sequence[int]) -> State:
        """A fresh game for each seed (shape (R,)), at the start of turn 1."""
        seeds = np.asarray(seeds, dtype=np.uint64).reshape(-1)
        r = seeds.shape[0]
        cs = self.cs
        n, k, m = len(cs.stakeholders), len(cs.programmes), len(cs.metrics)

        # Per-stakeholder, per-programme, per-metric and per-event arrays are
        # stored column by column (Fortran order): a turn's arithmetic mixes
        # them with per-column constants, which then run along whole columns,
        # and events are handled one column at a time. Values and
        # indexing are the same in either order (sums across a row are taken
        # in row order; see ``sums.row_sum``).
        def tile(v: F64) -> F64:
            return np.asfortranarray(np.tile(v, (r, 1)).astype(np.float64))

        return State(
            turn=1,
            seeds=seeds.copy(),
            trust=tile(cs.trust0),
            support=tile(cs.support0),
            anchor=tile(cs.support0),
            grievance=np.zeros((r, n), order="F"),
            scar=np.zeros((r, n), order="F"),
            blocked=np.zeros((r, n), dtype=bool, order="F"),
            progress=np.zeros((r, k), order="F"),
            dropped=np.zeros((r, k), dtype=bool),
            metrics=tile(cs.metric_initial) if m else np.zeros((r, 0)),
            flags=np.zeros((r, len(cs.flag_index))),
            cooldown=np.zeros((r, len(cs.actions)), dtype=np.int64),
            queue=np.zeros((r, cs.queue_length, len(cs.slots)), dtype=np.uint8),
            signal_carry=np.zeros((r, n), order="F"),
            push_carry=np.zeros((r, k), order="F"),
            forced_history=np.zeros((r, cs.disruption_window)),
            progress_history=np.zeros((r, cs.benefit_window + 1, k)),
            fired=np.zeros((r, len(cs.events)), dtype=np.int64, order="F"),
            pending=np.zeros((r, len(cs.events)), dtype=bool, order="F"),
            red_line=hidden_stances(cs, seeds),
            revealed=np.zeros((r, n), dtype=bool, order="F"),
            ended=np.zeros(r, dtype=bool),
            ending=np.full(r, -1, dtype=np.int64),
            turns_played=np.zeros(r, dtype=np.int64),
        )

    def imagine_hidden(self, state: State) -> None:
        """Redraw, from each run's seed, what the player cannot know yet: the
        red lines of stakeholders not yet revealed. Rollouts that forecast or
        look ahead call it on their copies, so they play a world the player's
        knowledge allows, never the game's own hidden truth."""
        cs = self.cs
        if not cs.red_line_chance.any():
            return
        draws = rnd.uniforms(state.seeds, 0, rnd.Purpose.STANCE, 1, len(cs.stakeholders)) < cs.red_line_chance[None, :]
        state.red_line = np.asfortranarray(np.where(state.revealed, state.red_line, draws))

    # ------------------------------------------------------------- decisions

    def available(self, state: State) -> B:
        """(R, O): options each run may choose now (availability condition,
        cooldown, cost within the turn's leadership time, game not over)."""
        return legality.available(self.cs, state, self._vectorisable)

    def encode(self, decisions: Sequence[Decision]) -> B:
        """(O,) bool: the options a list of decisions names."""
        chosen = np.zeros(len(self.options), dtype=bool)
        for d in decisions:
            chosen[self.option_index(d)] = True
        return chosen

    def decode(self, chosen: B) -> list[Decision]:
        """The decisions an (O,) bool row names, in option order."""
        return [Decision(self.options[i].action, self.options[i].target) for i in np.flatnonzero(chosen)]

    def check(self, state: State, decisions: Sequence[Decision], run: int = 0) -> B:
        """Validate one run's decisions and return them encoded (O,).

        Raises IllegalMove with a message for the player: an unknown action or
        target, the same option twice, an unavailable option (and why), or more
        leadership time than the turn has.
        """
        indexes = [self.option_index(d) for d in decisions]
        avail = self.available(state.take(np.array([run])))[0]
        return legality.check(self.cs, state, run, indexes, avail)

    # ------------------------------------------------------------- the turn

    def resolve_turn(self, state: State, chosen: B, explain: bool = False) -> TurnResult:
        """Play one turn's steps 1-7 for every run not yet ended; ``chosen`` is
        (R, O) bool (or (O,) for every run). Changes ``state`` in place.

        ``chosen`` is trusted as it is: validate a player's decisions with
        ``check`` (policies only pick from ``available``)."""
        cs = self.cs
        chosen = np.broadcast_to(np.asarray(chosen, dtype=bool), (state.runs, len(self.options)))
        active = ~state.ended
        everyone = bool(active.all())
        notes: list[Contribution] | None = [] if explain else None
        ctx = turn.open_turn(cs, state, active, everyone, notes)
        signal, push, exposure, pushed = turn.take_actions(cs, self.options, state, ctx, chosen, active, everyone)
        turn.update_trust(cs, state, ctx, signal, active, everyone, notes)
        turn.update_support(cs, state, exposure, pushed, active, everyone, notes)
        blocked, chance = turn.resist(cs, state, exposure, pushed, active, everyone, notes)
        turn.reveal(cs, state, signal, blocked, active)
        forced_gain = turn.advance_programmes(cs, state, ctx, push, blocked, pushed, active, everyone, notes)
        keep = active[:, None]
        if cs.metrics:
            outcomes.step_metrics(cs, state, keep, forced_gain, notes if active[0] else None)
        elif cs.disruption_window:
            outcomes.remember(cs, state, keep, forced_gain)
        fired = roll_events(cs, state, active)
        # (``blocked`` is also the state's when every run plays: the result gets its own.)
        return TurnResult(blocked.copy() if everyone else blocked & keep, chance, fired, notes or [])

    # ------------------------------------------------------------- events

    def pending(self, state: State) -> B:
        """(R, E): events waiting for a choice."""
        return state.pending.copy()

    def apply_choice(
        self, state: State, event_index: int, choice: NDArray[np.integer] | int, explain: bool = False
    ) -> list[Contribution]:
        """Answer event ``event_index`` with ``choice`` (per run, or one for all)
        in the runs where it is pending. Effects apply at once (delayed ones
        queue; engagement and pushes are felt with next turn's actions)."""
        cs = self.cs
        r = state.runs
        event = cs.compiled_events[event_index]
        rows = np.flatnonzero(state.pending[:, event_index] & ~state.ended)
        if not rows.size:
            return []
        choices = np.broadcast_to(np.asarray(choice, dtype=np.int64), (r,))
        picked = choices[rows]
        count = len(event.choices)
        if ((picked < 0) | (picked >= max(count, 1))).any():
            raise ValueError(f"event `{event.id}` has {count} choices; a choice is 0 to {max(count - 1, 0)}")
        notes: list[Contribution] | None = [] if explain else None
        engages, pushes = self._event_carries[event_index]
        direct = self._event_direct[event_index]
        if direct:
            signal, push = state.signal_carry, state.push_carry
        else:
            # Without an engage or force effect nothing writes the carries: skip the zero arrays.
            signal = np.zeros((r, len(cs.stakeholders))) if engages else np.zeros((0, 0))
            push = np.zeros((r, len(cs.programmes))) if pushes else np.zeros((0, 0))
        ctx = Ctx(cs, state, signal, push, source=event.id, explain=notes)
        same = count > 0 and bool((picked == picked[0]).all())
        for c, ops in enumerate(event.choices):
            if not ops or (same and c != picked[0]):
                continue
            these = rows if same else rows[picked == c]
            if these.size:
                mask = np.zeros(r, dtype=bool)
                mask[these] = True
                apply_all(ops, ctx, mask, these)
        # Only the answering runs can have engagement or pushes to carry.
        if engages and not direct:
            state.signal_carry[rows] += ctx.signal[rows]
        if pushes and not direct:
            state.push_carry[rows] += ctx.push[rows]
        state.pending[rows, event_index] = False
        return notes or []

    # ------------------------------------------------------------- end

    def end_turn(self, state: State) -> B:
        """Step 8: end games whose early ending holds, or all at the last turn
        (first matching ending by priority), then advance the turn. Unanswered
        events lapse. Returns (R,) bool: the runs that ended now."""
        cs = self.cs
        r = state.runs
        active = ~state.ended
        if active.all():
            state.pending[:] = False
            np.subtract(state.cooldown, 1, out=state.cooldown)
            np.maximum(state.cooldown, 0, out=state.cooldown)
        else:
            state.pending[active] = False
            state.cooldown[active] = np.maximum(state.cooldown[active] - 1, 0)
        last = state.turn >= cs.turns
        env = BatchEnv(cs, state)
        chosen = np.full(r, -1, dtype=np.int64)
        undecided = active.copy()
        for ending in cs.ending_order:
            if not (last or ending.early):
                continue
            if not undecided.any():
                break
            if ending.when is None:
                hit = undecided.copy()
            else:
                hit = undecided & holds_in(ending.when, env, r)
            chosen[hit] = ending.index
            undecided &= ~hit
        if last:
            # A scenario without a fallback ending still ends: the last one listed.
            chosen[undecided] = len(cs.endings) - 1
        now = chosen >= 0
        state.ending[now] = chosen[now]
        state.ended |= now
        state.turns_played[active] += 1
        state.turn += 1
        return now

    def failure_looms(self, state: State, ahead: int) -> B:
        """(R,) games that an early failure ending would end within ``ahead``
        turns if nothing changed but the clock: the deadline a player reads in
        the briefing (the centre's patience, say), seen coming."""
        cs = self.cs
        looming = np.zeros(state.runs, dtype=bool)
        failure = OUTCOMES.index("failure")
        deadlines = [e for e in cs.ending_order if e.early and e.when is not None and cs.ending_outcome[e.index] == failure]
        if not deadlines:
            return looming
        later = state.copy()
        for step in range(1, ahead + 1):
            later.turn = state.turn + step
            env = BatchEnv(cs, later)
            for ending in deadlines:
                assert ending.when is not None
                looming |= holds_in(ending.when, env, state.runs)
        return looming & ~state.ended

    # ------------------------------------------------------------- results

    def score(self, state: State) -> F64:
        """(R,) final score in 0..100 by the scenario's scoring weights."""
        return outcomes.score(self.cs, state)

    def outcome(self, state: State) -> tuple[I64, I64]:
        """Per run: the ending index (-1 while playing) and the outcome class
        index into OUTCOMES (success, partial, failure; -1 while playing)."""
        ending = state.ending.copy()
        outcome = np.where(ending >= 0, self.cs.ending_outcome[np.maximum(ending, 0)], -1)
        return ending, outcome.astype(np.int64)
