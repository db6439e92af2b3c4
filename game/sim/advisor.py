"""The advisor: a policy that reads the situation as a player can see it.

It knows what the player knows, never more: the red lines it has found out
(``state.revealed``), trust, support, progress and the turns left. Each turn:

* a stakeholder known to hold a red line against an unfinished programme is
  won through by a move that surely breaks it (such as joint posts) where one
  is open to the player, else tackled head on once it trusts the chief
  executive enough for a tackle to have a good chance (``TACKLE_TRUST``, less
  once a third of the game has gone), and engaged until then;
* stakeholders who may hold a red line nobody has found out yet are engaged,
  most powerful first (engagement shows where they stand);
* a programme is forced once the stakeholders expected to hold a red line
  against it (those known to, and the unknown by their chance) carry little of
  its power (``CLEAR``, more once a third of the game has gone) and the system
  is ready for it, or when time is running out;
* what time is left goes on the relationships with most to gain.

Events get the partner answer until time runs short, then the push answer.
It plays any scenario: it reads stances and target kinds, never action ids.
The expert reference (``game.sim.expert``) continues its rollouts with it.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from game.sim.effects import RedLineOp
from game.sim.engine import Engine
from game.sim.policies import (
    NEUTRAL,
    PARTNER,
    PUSH,
    fill_budget,
    first_by_stance,
    readiness,
    time_running_out,
)
from game.sim.state import State

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]

TACKLE_TRUST = 0.6
TACKLE_TRUST_LATER = 0.45
READY = 0.75
# A programme is forced once the stakeholders expected to hold a red line against it
# carry less than this share of the power it touches.
CLEAR = 0.03
CLEAR_LATER = 0.15
# Turns ahead the advisor looks for a deadline (an early failure ending that the
# clock alone would bring): inside it, it pushes as if time were running out.
DEADLINE_AHEAD = 2


def breaks_red_lines(engine: Engine) -> B:
    """(O,) options whose own effects break their target's red line for sure
    (a `red_line` effect that is not left to chance)."""
    sure = [any(isinstance(op, RedLineOp) and not op.holds for op in ops) for ops in engine.cs.action_effects]
    out: B = np.asarray([sure[o.action_index] for o in engine.options], dtype=bool)
    return out


class Advisor:
    name = "advisor"

    def decide(self, engine: Engine, state: State, key: int = 0) -> B:
        return fill_budget(engine, state, self.priority(engine, state))

    def priority(self, engine: Engine, state: State) -> F64:
        """(R, O): the order in which the advisor takes options (-inf: never)."""
        cs = engine.cs
        p = cs.params
        r, n = state.runs, len(cs.stakeholders)
        power = cs.power[None, :]
        unfinished = state.progress < 1.0  # (R, K)
        # Who stands in the way of an unfinished programme (R, N).
        concerned = (unfinished.astype(np.float64) @ cs.affects) > 0 if cs.programmes else np.zeros((r, n), bool)
        holds = state.red_line & state.revealed & (state.support < p.red_line_support) & concerned
        unknown = ~state.revealed & (cs.red_line_chance[None, :] > 0) & concerned
        trust = state.trust
        late = time_running_out(engine, state.turn, state.progress) | engine.failure_looms(state, DEADLINE_AHEAD)
        ready = readiness(engine, state) >= READY

        stakeholder = np.where(cs.option_stakeholder >= 0, cs.option_stakeholder, 0)
        targets_someone = cs.option_stakeholder >= 0
        stance = cs.option_stance
        o = len(engine.options)
        pri = np.full((r, o), -np.inf)

        # Engagement: known blockers first (to make a tackle work), then the unknown, then the rest.
        engage = targets_someone & (stance == PARTNER)
        if engage.any():
            t = trust[:, stakeholder[engage]]
            who_holds = holds[:, stakeholder[engage]]
            who_unknown = unknown[:, stakeholder[engage]]
            pw = power[:, stakeholder[engage]]
            value = np.where(
                who_holds & (t < TACKLE_TRUST), 25.0 + pw,
                np.where(who_unknown, 20.0 + pw, 5.0 + pw * (1.0 - t)),
            )
            pri[:, engage] = value
        # A sure way through a known red line (joint posts), where it may be taken: first of all.
        sure = targets_someone & breaks_red_lines(engine)
        if sure.any():
            who_holds = holds[:, stakeholder[sure]]
            pw = power[:, stakeholder[sure]]
            pri[:, sure] = np.where(who_holds, 32.0 + pw, pri[:, sure])
        # Tackling: a known blocker who trusts enough.
        tackle = targets_someone & (stance == PUSH)
        if tackle.any():
            t = trust[:, stakeholder[tackle]]
            who_holds = holds[:, stakeholder[tackle]]
            pw = power[:, stakeholder[tackle]]
            enough = TACKLE_TRUST if state.turn <= cs.turns / 3 else TACKLE_TRUST_LATER
            pri[:, tackle] = np.where(who_holds & ((t >= enough) | late[:, None]), 30.0 + pw, -np.inf)
        # Forcing a programme: when nobody known to hold a red line stands in its way and the system is ready.
        pushes = cs.option_pushes & ~targets_someone
        if pushes.any() and cs.programmes:
            # The power-weighted share of a programme's stakeholders expected to hold a
            # red line: those known to hold one, and the unknown by their chance.
            expected = holds + unknown * cs.red_line_chance[None, :]
            # Careful early on; from a third of the game, a little risk is worth the time it saves.
            clear = CLEAR if state.turn <= cs.turns / 3 else CLEAR_LATER
            blocked_share = (expected * power) @ cs.affects.T / np.maximum((power * 1.0) @ cs.affects.T, 1e-9)  # (R, K)
            for i in np.flatnonzero(pushes):
                k = int(cs.option_programme[i]) if cs.option_programme[i] >= 0 else -1
                if k >= 0:
                    clear_k: B = blocked_share[:, k] < clear
                    gap = 1.0 - state.progress[:, k]
                    go = unfinished[:, k] & (late | (clear_k & ready))
                    pri[:, i] = np.where(go, 28.0 + gap, -np.inf)
                else:
                    clear_all = (blocked_share < clear).all(axis=1)
                    pri[:, i] = np.where(late | (clear_all & ready), 12.0, -np.inf)
        # Other moves: partner moves without a target a little, neutral ones less; retreats never.
        other_partner = ~targets_someone & (stance == PARTNER)
        pri[:, other_partner] = 4.0
        neutral = (stance == NEUTRAL) & (cs.option_programme < 0)
        pri[:, neutral] = 3.0
        return pri

    def choose(self, engine: Engine, state: State, event_index: int) -> I64:
        partner = first_by_stance(engine, event_index, (PARTNER, NEUTRAL, PUSH))
        push = first_by_stance(engine, event_index, (PUSH, NEUTRAL, PARTNER))
        out: I64 = np.where(time_running_out(engine, state.turn, state.progress), push, partner).astype(np.int64)
        return out
