"""The expert reference: a policy that reads the situation every turn.

Each turn it lists candidate plans for every run: what the continuation rule,
partner, force and balanced would do, and for each action a plan that leads
with it (on the target a player would pick for it) and spends the rest of the
time as the continuation rule would. It plays every candidate to the end on
the same fresh luck (``game.sim.rollouts``) and takes the best. Events are
answered the same way: every answer is played out and the best taken.

This is one step of policy improvement over the continuation rule, so it
does at least as well as that rule up to the rollouts' noise (a candidate
replaces the rule's plan only when it beats it by more than one rollout's
success, so that the luckiest of many candidates is not mistaken for the best); its success is
the audit's estimate of what a player who reads the map can reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from game.sim.engine import Engine
from game.sim.policies import Balanced, Force, Partner, Policy, fill_budget
from game.sim.rollouts import SUCCESS_WEIGHT, answer_values, plan_values
from game.sim.state import State

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]


class Continuation(Policy, Protocol):
    """A policy that also says in what order it takes options (``SimpleRules``, ``Advisor``)."""

    def priority(self, engine: Engine, state: State) -> F64: ...


@dataclass(frozen=True)
class Lead:
    """A candidate that leads with one action: its index and how its target
    was picked (a SELECTORS name, ``least_advanced`` / ``most_advanced`` for a
    programme, or ``""`` for an action without a target)."""

    action: int
    target_by: str
    spread: bool = False
    """The action on as many of its targets as time allows (best first), not on one."""


@dataclass
class Evaluation:
    """The last turn's candidates and their rollout values, per run: ``plans``
    (R, C, O), ``values`` (R, C), -inf where a candidate was not available;
    ``leads`` names the candidates that lead with an action (None for
    whole-policy plans)."""

    turn: int
    plans: B
    values: F64
    leads: list[Lead | None]


class Expert:
    """Rollout search over candidate plans each turn, continuing with ``base``."""

    name = "expert"

    def __init__(self, engine: Engine, base: Continuation, rollouts: int = 8) -> None:
        self.base = base
        self.rollouts = rollouts
        # "Clearly": by more than one rollout's success is worth.
        self.margin = SUCCESS_WEIGHT / rollouts
        self.others: tuple[Policy, ...] = (Partner(), Force(), Balanced())
        cs = engine.cs
        leads: list[Lead] = []
        for a in range(len(cs.actions)):
            first = next(o for o in engine.options if o.action_index == a)
            if first.target is None:
                leads.append(Lead(a, ""))
            elif cs.option_programme[first.index] >= 0:
                leads += [Lead(a, "least_advanced"), Lead(a, "most_advanced")]
            elif first.stance == "push":
                leads += [Lead(a, "most_opposed"), Lead(a, "likeliest_to_yield")]
            else:
                leads += [Lead(a, "most_to_gain"), Lead(a, "most_opposed")]
            if first.target is not None and cs.option_programme[first.index] < 0 and 2 * first.cost <= engine.budget:
                leads.append(Lead(a, leads[-2].target_by, spread=True))
        self.leads = leads
        self.last: Evaluation | None = None

    def candidates(self, engine: Engine, state: State) -> tuple[B, B, I64]:
        """(R, C, O) candidate plans, (R, C) which exist (the lead action is
        available and the game goes on) and (R, C) the first candidate of the
        run with the same plan (itself when none earlier has it): only those
        are played, and a copy takes its twin's value."""
        cs = engine.cs
        r = state.runs
        base_priority = self.base.priority(engine, state)
        plans = [self.base.decide(engine, state)] + [p.decide(engine, state) for p in self.others]
        # Each lead is followed by the rule's moves, and again by the partner policy's
        # (so that a rule's habits do not hide a better second move).
        partner_priority = np.where(plans[1], 1.0, -np.inf)
        avail = engine.available(state)
        usable = [np.ones(r, dtype=bool)] * len(plans)
        power = cs.power[None, :]
        trust, support = state.trust, state.support
        by_selector = {
            "most_to_gain": power * (1.0 - trust),
            "most_opposed": power * (1.0 - support),
            "likeliest_to_yield": power * (1.0 - support) * trust,
        }
        for lead in self.leads:
            options = np.flatnonzero(cs.option_action == lead.action)
            if lead.target_by in by_selector:
                value = by_selector[lead.target_by][:, cs.option_stakeholder[options]]
            elif lead.target_by:
                progress = state.progress[:, cs.option_programme[options]]
                value = 1.0 - progress if lead.target_by == "least_advanced" else progress
                value = np.where(progress >= 1.0, -np.inf, value)
            else:
                value = np.zeros((r, options.size))
            value = np.where(avail[:, options], value, -np.inf)
            pick = options[np.argmax(value, axis=1)]
            ok = np.isfinite(value.max(axis=1))
            rows = np.arange(r)
            for then in (base_priority, partner_priority):
                priority = then.copy()
                if lead.spread:
                    # The action on as many of its targets as time allows, best first.
                    priority[:, options] = np.where(np.isfinite(value), 1e6 + value, priority[:, options])
                else:
                    priority[rows, pick] = np.where(ok, 1e6, priority[rows, pick])
                plans.append(fill_budget(engine, state, priority))
                usable.append(ok)
        stacked = np.stack(plans, axis=1)  # (R, C, O)
        c = stacked.shape[1]
        exists = np.stack(usable, axis=1) & ~state.ended[:, None]
        twin = np.tile(np.arange(c), (r, 1))
        for j in range(1, c):
            for i in range(j - 1, -1, -1):
                same = exists[:, j] & exists[:, i] & (twin[:, i] == i) & ~(stacked[:, j] != stacked[:, i]).any(axis=1)
                twin[same, j] = i
        return stacked, exists, twin

    def decide(self, engine: Engine, state: State, key: int = 0) -> B:
        stacked, exists, twin = self.candidates(engine, state)
        rows = np.arange(state.runs)[:, None]
        played, _, _ = plan_values(engine, state, stacked, exists & (twin == np.arange(twin.shape[1])), self.base,
                                   self.rollouts)
        values = np.where(exists, played[rows, twin], -np.inf)
        leads: list[Lead | None] = [None] * (1 + len(self.others)) + [lead for lead in self.leads for _ in (0, 1)]
        self.last = Evaluation(state.turn, stacked, values, leads)
        # The base rule's plan stands unless a candidate beats it clearly: with a
        # few rollouts, the best-looking of many candidates is often just the
        # luckiest (ties, and runs with nothing worth comparing, go to it too).
        best = np.argmax(np.where(np.isfinite(values), values, -np.inf), axis=1)
        rows1 = np.arange(state.runs)
        best = np.where(values[rows1, best] > values[:, 0] + self.margin, best, 0)
        out: B = stacked[np.arange(state.runs), best]
        return out

    def answer_all(self, engine: Engine, state: State) -> dict[int, I64]:
        """Answer every pending event of every run by rollouts (all of them
        played as one batch); returns each event's answers (-1 where it was
        not pending)."""
        pending = state.pending & ~state.ended[:, None]
        asks = [
            (int(e), np.flatnonzero(pending[:, e]))
            for e in np.flatnonzero(pending.any(axis=0))
            if int(engine.cs.event_choice_count[e]) >= 2
        ]
        best = {a.event: np.argmax(a.values, axis=1) for a in answer_values(engine, state, asks, self.base, self.rollouts)}
        answers: dict[int, I64] = {}
        for found in np.flatnonzero(pending.any(axis=0)):
            e = int(found)
            choice = self.base.choose(engine, state, e)
            if e in best:
                choice[np.flatnonzero(pending[:, e])] = best[e]
            answers[e] = np.where(pending[:, e], choice, -1)
            engine.apply_choice(state, e, choice)
        return answers

    def choose(self, engine: Engine, state: State, event_index: int) -> I64:
        rows = np.flatnonzero(state.pending[:, event_index] & ~state.ended)
        out: I64 = self.base.choose(engine, state, event_index)
        if rows.size == 0 or int(engine.cs.event_choice_count[event_index]) < 2:
            return out
        (found,) = answer_values(engine, state, [(event_index, rows)], self.base, self.rollouts)
        out[rows] = np.argmax(found.values, axis=1)
        return out

