"""Patient, then push: build a coalition first, then drive the change through.

A strategy for `shove run`, `shove balance` and `shove workshop fill`:

    shove run system_reform --strategy docs/strategies/patient_then_push.py:PatientThenPush

Every array has one row per run (R runs are played at once), so the rule is
written once for all of them with numpy, never with a loop over runs. See
"Writing your own strategy" in docs/authoring.md for what `engine` and `state`
offer.
"""

from __future__ import annotations

import numpy as np

from game.sim.policies import fill_budget

# Push once the stakeholders' support, weighted by their power, reaches this share...
READY_SUPPORT = 0.55
# ...or once only this many turns are left (a change never started earns nothing).
LAST_TURNS = 3


class PatientThenPush:
    """Invest in the least trusting, most powerful stakeholders until a coalition
    supports the change (or time runs short), then push the least advanced
    programme every turn, answering events in the same spirit."""

    def ready(self, engine, state):
        """(R,) True in the runs where it is time to push."""
        power = np.array([s.power for s in engine.scenario.stakeholders])  # (N,), in engine.stakeholders order
        backing = (state.support * power).sum(axis=1) / power.sum()  # (R,) power-weighted support
        turns_left = engine.turns - state.turn + 1
        return (backing >= READY_SUPPORT) | (turns_left <= LAST_TURNS)

    def decide(self, engine, state, key=0):
        runs, options = state.runs, len(engine.options)
        power = np.array([s.power for s in engine.scenario.stakeholders])
        # How much each stakeholder would gain from attention: power times missing trust (R, N).
        need = power[None, :] * (1.0 - state.trust)
        priority = np.full((runs, options), -np.inf)  # -inf: never take this option
        ready = self.ready(engine, state)  # (R,)
        for option in engine.options:
            i = option.index
            if option.stance == "partner":
                if option.target in engine.stakeholders:
                    value = need[:, engine.stakeholders.index(option.target)]
                else:
                    value = need.mean(axis=1)
                # Partner moves come first while waiting, and after the push once ready.
                priority[:, i] = np.where(ready, 1.0 + value, 10.0 + value)
            elif option.stance == "push" and option.target in engine.programmes:
                remaining = 1.0 - state.progress[:, engine.programmes.index(option.target)]
                # Only once ready, and only a programme not yet delivered: the least advanced first.
                priority[:, i] = np.where(ready & (remaining > 0), 20.0 + remaining, -np.inf)
        # fill_budget takes the best available options until the leadership time runs out.
        return fill_budget(engine, state, priority)

    def choose(self, engine, state, event_index):
        event = engine.scenario.events[event_index]
        stances = [choice.stance for choice in event.choices]
        answer = np.zeros(state.runs, dtype=np.int64)
        if not stances:
            return answer
        # The first partner choice while building the coalition, the first push choice once ready.
        partner = stances.index("partner") if "partner" in stances else 0
        push = stances.index("push") if "push" in stances else partner
        answer[:] = np.where(self.ready(engine, state), push, partner)
        return answer
