"""What a forecast assumes the player does after this turn: its continuation.

A forecast plays this turn's plan and then has to play the later turns
somehow. Two continuations read the game:

* **like the advisor** (:data:`ADVISOR`): the advisor policy
  (``game.sim.advisor``), which reads what the player can see: it engages
  whoever may hold a red line, breaks a red line it has found (joint posts,
  or a tackle once trust allows), and pushes once nobody it expects to hold
  one stands in the way, or when a deadline or the end comes close. It costs
  what a forecast under the balanced policy costs.
* **like the player so far** (:func:`player_rule`): a simple rule fitted to
  the player's record: the share of each action before and after their first
  push, the turn of that first push, and the stance of their event answers.
  After forcing every turn it forces; a player who has only partnered keeps
  partnering.

The player's is a :class:`~game.sim.simple_rules.SimpleRules`, so a
forecast under either costs about what one under the balanced policy costs.
Each comes with a :class:`Style`: what it assumes, for the words the front
ends show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.sim.decisions import TurnRecord
from game.sim.engine import Engine
from game.sim.policies import NEUTRAL, PARTNER, PUSH
from game.sim.simple_rules import ANSWERS, NEVER_READY, RuleBook

CONTINUATIONS: tuple[str, ...] = ("player", "advisor", "balanced")
"""The continuations a session's forecast offers; ``balanced`` is the built-in policy (the old default)."""

_STANCES = {"partner": PARTNER, "push": PUSH, "neutral": NEUTRAL}


@dataclass(frozen=True)
class Style:
    """What a continuation assumes for the turns after this one.

    ``kind``: ``player``, ``advisor`` or a built-in policy's name; ``book``:
    the simple rule it follows (None for a built-in policy); ``moves``: how
    many of the player's moves the rule was fitted to (0: no record yet, so
    the balanced policy stands in); ``push_from``: the turn the rule starts
    pushing (None: never by the clock); ``shares``: the player's share of
    partner, push and neutral moves so far (empty for the advisor)."""

    kind: str
    book: RuleBook | None
    moves: int = 0
    push_from: int | None = None
    shares: tuple[float, ...] = ()
    answer: str = "partner"


# --------------------------------------------------------------------------
# Like the player so far


def player_rule(engine: Engine, log: Sequence[TurnRecord]) -> Style:
    """A simple rule that carries on as the record ``log`` (one entry per turn played) shows.

    Before their first push the rule plays the actions the player used
    before it, most used first; from the turn of that first push on, the
    actions used since. Actions the player has not used but whose stance
    they did use in that phase come after (so an action that is no longer
    available is replaced by one of the same stance); stances never used in
    a phase are never played in it. Targets follow the usual selectors.
    Events are answered by the stance the player chose most often (partner
    before and push after the first push when that is what they did). With
    no moves yet the balanced policy stands in (``moves == 0``).
    """
    cs = engine.cs
    a = len(cs.actions)
    counts = np.zeros((2, a))
    stance_count = np.zeros((2, 3))
    first_push: int | None = None
    answers = np.zeros((2, 3))
    for i, record in enumerate(log):
        turn = i + 1
        indexes = []
        for d in record.decisions:
            try:
                indexes.append(engine.option_index(d))
            except Exception:  # a decision this scenario no longer knows: no evidence of style
                continue
        stances = [int(cs.option_stance[o]) for o in indexes]
        if first_push is None and PUSH in stances:
            first_push = turn
        phase = 0 if first_push is None or turn < first_push else 1
        for o, s in zip(indexes, stances, strict=True):
            counts[phase, int(cs.option_action[o])] += 1
            stance_count[phase, s] += 1
        for event_id, choice in record.choices.items():
            if event_id not in engine.events:
                continue
            names = cs.compiled_events[engine.events.index(event_id)].choice_stances
            if 0 <= choice < len(names) and names[choice] in _STANCES:
                answers[phase, _STANCES[names[choice]]] += 1
    moves = int(counts.sum())
    total = stance_count.sum(axis=0)
    shares = tuple(float(x) for x in (total / max(moves, 1)))
    if moves == 0:
        return Style("player", None, 0, None, (0.0, 0.0, 0.0), "by_phase")
    for phase in (0, 1):
        if not counts[phase].any():
            counts[phase] = counts[1 - phase]
            stance_count[phase] = stance_count[1 - phase]
    weights = np.zeros((2, a))
    stance_of_action = np.full(a, NEUTRAL)
    for option in engine.options:
        stance_of_action[option.action_index] = _STANCES.get(option.stance, NEUTRAL)
    for phase in (0, 1):
        share = counts[phase] / counts[phase].sum()
        used_stance = stance_count[phase][stance_of_action] > 0
        weights[phase] = np.where(counts[phase] > 0, 1.0 + share, np.where(used_stance, 0.5, 0.0))
    by_stance = answers.sum(axis=0)
    if not by_stance.any():
        answer = "partner" if first_push is None else "by_phase"
    elif answers[0, PARTNER] > answers[0, PUSH] and answers[1, PUSH] > answers[1, PARTNER]:
        answer = "by_phase"
    else:
        answer = ("partner", "push", "neutral")[int(np.argmax(by_stance))]
    book = RuleBook(
        switch_turn=np.array([first_push if first_push is not None else cs.turns + 1], dtype=np.int64),
        ready_at=np.array([NEVER_READY]),
        weights=weights[None],
        engage_by=np.array([2], dtype=np.int64),  # most_to_gain
        confront_by=np.array([3], dtype=np.int64),  # most_opposed
        programme_by=np.array([0], dtype=np.int64),  # least_advanced
        answer=np.array([ANSWERS.index(answer)], dtype=np.int64),
    )
    return Style("player", book, moves, first_push, shares, answer)


# --------------------------------------------------------------------------
# Like the advisor


ADVISOR = Style("advisor", None, answer="by_phase")
"""The advisor's continuation: the advisor policy plays the later turns (no rule book)."""
