"""What a forecast assumes the player does after this turn: its continuation.

A forecast plays this turn's plan and then has to play the later turns
somehow. Two continuations read the game:

* **like the advisor** (:func:`advisor_rule`): the best of a small family of
  simple rules *from this state* — partner now and push from a later turn
  (now, one, two, three or four turns on, or never), push only, the
  balanced policy's readiness switch — each played to the end from here on
  the same fresh luck, the best (success first, then score) kept for every
  plan of this turn. A full state-reading search (``game.sim.expert``) costs
  about 100 times as much, too slow for a card that must be ready within a
  second of the turn opening.
* **like the player so far** (:func:`player_rule`): a simple rule fitted to
  the player's record: the share of each action before and after their first
  push, the turn of that first push, and the stance of their event answers.
  After forcing every turn it forces; a player who has only partnered keeps
  partnering.

Both are :class:`~game.sim.simple_rules.SimpleRules`, so a forecast under
either costs what a forecast under the balanced policy costs, and each comes
with a :class:`Style`: what it assumes, for the words the front ends show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.sim import random as rnd
from game.sim.batch import answer_events, play_out
from game.sim.decisions import TurnRecord
from game.sim.engine import Engine
from game.sim.policies import NEUTRAL, PARTNER, PUSH
from game.sim.rollouts import value_of
from game.sim.simple_rules import ANSWERS, NEVER_READY, RuleBook, SimpleRules, book_of
from game.sim.state import State

CONTINUATIONS: tuple[str, ...] = ("player", "advisor", "balanced")
"""The continuations a session's forecast offers; ``balanced`` is the built-in policy (the old default)."""

ADVISOR_ROLLOUTS = 48
"""Games per candidate rule when the advisor picks its rule for a turn (about 0.2 s on the flagship)."""

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


def advisor_candidates(engine: Engine, turn: int) -> list[dict[str, object]]:
    """The rules the advisor chooses among at ``turn``: partner, then push
    from now or 1–4 turns on (events answered the partner way, or by phase),
    never pushing, and the balanced policy's readiness switch."""
    last = engine.turns + 1
    out: list[dict[str, object]] = []
    for wait in (0, 1, 2, 3, 4):
        switch = turn + wait
        if switch > engine.turns:
            break
        for answer in ("partner", "by_phase"):
            out.append({"switch_turn": switch, "partner": (1.5, 1.0), "push": (-1.0, 1.5), "neutral": (0.1, -1.0),
                        "answer": answer})
    out.append({"switch_turn": turn, "push": 1.5, "neutral": 0.1, "partner": -1.0, "answer": "push"})
    out.append({"partner": 1.0, "neutral": 0.1, "push": -1.0, "answer": "partner", "switch_turn": last})
    out.append({"ready_at": 0.9, "partner": (1.0, 0.5), "push": (-1.0, 1.5), "neutral": 0.0, "answer": "by_phase",
                "switch_turn": max(turn, last - 4)})
    return out


def advisor_seed(state: State, run: int) -> int:
    """The luck the advisor picks its rule on: its own stream, apart from the forecast's (so the pick's luck
    does not flatter the forecasts that follow it)."""
    return int(rnd.stream_keys(state.seeds[run : run + 1], state.turn, rnd.Purpose.FORECAST, 1)[0])


def advisor_rule(engine: Engine, state: State, run: int, rollouts: int = ADVISOR_ROLLOUTS) -> Style:
    """The candidate rule (:func:`advisor_candidates`) that does best from run ``run`` of ``state``.

    Every candidate plays this turn and the rest of the game its own way on
    the same ``rollouts`` fresh games; the best mean value (100 × success +
    score) wins, ties to the first."""
    specs = advisor_candidates(engine, state.turn)
    book = book_of(engine, specs)
    c, m = len(specs), max(1, int(rollouts))
    if state.ended[run]:
        return Style("advisor", book.rule(0), answer=ANSWERS[int(book.answer[0])])
    seeds = rnd.run_seeds(advisor_seed(state, run), m)
    sim = state.take(np.full(c * m, run)).with_seeds(np.tile(seeds, c))
    engine.imagine_hidden(sim)
    policy = SimpleRules(engine, book.repeat(m))
    engine.resolve_turn(sim, policy.decide(engine, sim))
    answer_events(engine, sim, policy)
    engine.end_turn(sim)
    outcome, score = play_out(engine, sim, policy)
    values = value_of(outcome, score).reshape(c, m).mean(axis=1)
    best = int(np.argmax(values))
    chosen = book.rule(best)
    switch = int(chosen.switch_turn[0])
    return Style("advisor", chosen, 0, switch if switch <= engine.turns else None, (),
                 ANSWERS[int(chosen.answer[0])])
