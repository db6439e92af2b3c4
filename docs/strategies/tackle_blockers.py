"""Tackle blockers: partner with everyone, but answer a block head on.

A strategy for `shove run`, `shove balance` and `shove workshop fill`:

    shove run tutorial --strategy docs/strategies/tackle_blockers.py:TackleBlockers

It asks a question a trainer often hears: "if someone blocks, should I face
them down at once?" Compare it with the built-in policies in `shove balance
SCENARIO --strategy docs/strategies/tackle_blockers.py:TackleBlockers`.

Every array has one row per run, so each step below works on all runs at once.
"""

from __future__ import annotations

import numpy as np

from game.sim.policies import fill_budget


class TackleBlockers:
    """Each turn: push a programme when nobody blocked last turn; when someone
    did, tackle the most powerful blocker head on; spend what is left on
    partnerships with the least trusting. Events get the partner answer, unless
    the run has seen a block this turn, then the push answer."""

    def decide(self, engine, state, key=0):
        runs, options = state.runs, len(engine.options)
        power = np.array([s.power for s in engine.scenario.stakeholders])  # (N,)
        blocked = state.blocked  # (R, N): who blocked during the last turn
        anyone = blocked.any(axis=1)  # (R,)
        priority = np.full((runs, options), -np.inf)
        for option in engine.options:
            i = option.index
            target = option.target
            if option.stance == "push" and target in engine.stakeholders:
                # Tackling a stakeholder: only one who blocked, the most powerful first.
                who = engine.stakeholders.index(target)
                priority[:, i] = np.where(blocked[:, who], 30.0 + power[who], -np.inf)
            elif option.stance == "push" and target in engine.programmes:
                # Driving a programme: only when nobody blocked, and only if not delivered yet.
                remaining = 1.0 - state.progress[:, engine.programmes.index(target)]
                priority[:, i] = np.where(~anyone & (remaining > 0), 20.0 + remaining, -np.inf)
            elif option.stance == "partner" and target in engine.stakeholders:
                who = engine.stakeholders.index(target)
                priority[:, i] = 10.0 + power[who] * (1.0 - state.trust[:, who])
        return fill_budget(engine, state, priority)

    def choose(self, engine, state, event_index):
        stances = [choice.stance for choice in engine.scenario.events[event_index].choices]
        if not stances:
            return np.zeros(state.runs, dtype=np.int64)
        partner = stances.index("partner") if "partner" in stances else 0
        push = stances.index("push") if "push" in stances else partner
        return np.where(state.blocked.any(axis=1), push, partner).astype(np.int64)
