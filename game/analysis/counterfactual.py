"""Counterfactuals on the same luck: what the built-in policies would have scored, and the pivotal turn.

Both answer "what if?" for one played game (a scenario, a seed and a
decision log), and both keep the game's luck: the dice are keyed by (seed,
turn, purpose), so another decision does not reshuffle later dice.

- :func:`policy_games` plays each built-in policy on the seed, recording its
  numbers turn by turn.
- :func:`flip_each_turn` replays the log once per played turn with that one
  turn's decisions replaced by the opposite-stance alternative (the
  ``partner`` policy's moves where the player pushed, the ``force`` policy's
  where they did not) and the rest as logged. All these games run as one
  batch, one run per flipped turn. Logged moves no longer allowed after the
  flip are dropped; events the player never saw are answered by ``balanced``.
- :func:`most_consequential` picks the flipped turn that moves the final
  score most.
- :func:`what_if` bundles them for a debrief.

Plain functions returning plain data: the workshop report and the desktop
debrief only format it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from game.scenario.schema import POLICIES, Scenario
from game.sim import batch
from game.sim import random as rnd
from game.sim.decisions import Decision, TurnRecord
from game.sim.engine import Engine
from game.sim.policies import get_policy
from game.sim.state import State

B = NDArray[np.bool_]


@dataclass(frozen=True)
class Turning:
    """One flipped turn: what was done, the alternative, and the final score either way."""

    turn: int
    stance: str  # "push" | "partner" | "neutral": the turn's lean
    instead: str  # "partner" | "push": the alternative's stance
    decisions: tuple[Decision, ...]
    alternative: tuple[Decision, ...]
    actual_score: float
    flipped_score: float
    flipped_outcome: str

    @property
    def delta(self) -> float:
        """How much the alternative would have changed the final score (points out of 100)."""
        return self.flipped_score - self.actual_score


@dataclass
class PolicyGame:
    """A built-in policy's game on the same luck."""

    policy: str
    score: float
    ending: str
    outcome: str
    scores: list[float] = field(default_factory=list)  # after each turn, starting with turn 0
    trust: list[float] = field(default_factory=list)  # power-weighted mean trust, per turn
    support: list[float] = field(default_factory=list)
    progress: list[float] = field(default_factory=list)  # mean programme progress
    partner: int = 0  # moves (actions and event choices) by stance
    push: int = 0
    neutral: int = 0


@dataclass(frozen=True)
class WhatIf:
    """Everything a debrief's "what if" page shows for one played game."""

    seed: int
    actual_score: float
    policies: tuple[PolicyGame, ...]
    turnings: tuple[Turning, ...]
    pivotal: Turning | None


def lean(scenario: Scenario, decisions: Sequence[Decision]) -> str:
    """Whether a turn's decisions leaned to partnership or push ("neutral" when neither)."""
    stances = {a.id: a.stance for a in scenario.actions}
    push = sum(stances.get(d.action) == "push" for d in decisions)
    partner = sum(stances.get(d.action) == "partner" for d in decisions)
    if push > partner:
        return "push"
    if partner > push:
        return "partner"
    return "neutral"


def _legal_rows(engine: Engine, state: State, wanted: Sequence[Sequence[Decision] | None], fallback: B) -> B:
    """(R, O): each run's wanted decisions that are legal now, in order, within the leadership time.

    A run whose wanted list is None takes its row of ``fallback``.
    """
    avail = engine.available(state)
    chosen = np.zeros_like(avail)
    for r, decisions in enumerate(wanted):
        chosen[r] = fallback[r] & avail[r] if decisions is None else batch.legal_subset(engine, avail[r], decisions)
    return chosen


def flip_each_turn(engine: Engine, seed: int, log: Sequence[TurnRecord], actual_score: float) -> list[Turning]:
    """Every turn of ``log`` flipped in turn (see the module's docstring); one Turning per turn."""
    from game.sim.compiled import OUTCOMES

    runs = len(log)
    if runs == 0:
        return []
    scenario = engine.scenario
    partner, force, fallback = get_policy("partner"), get_policy("force"), get_policy("balanced")
    leans = [lean(scenario, t.decisions) for t in log]
    state = engine.start(np.full(runs, rnd.as_seed(seed), dtype=np.uint64))
    alternatives: list[tuple[Decision, ...]] = [() for _ in range(runs)]
    while not state.ended.all():
        t = state.turn - 1
        if t < runs:
            instead = partner if leans[t] == "push" else force
            alt_row = instead.decide(engine, state)[t]
            alternatives[t] = tuple(engine.decode(alt_row & engine.available(state)[t]))
        default = fallback.decide(engine, state)
        wanted: list[Sequence[Decision] | None] = []
        for r in range(runs):
            if r == t:
                wanted.append(alternatives[t])
            elif t < runs:
                wanted.append(log[t].decisions)
            else:
                wanted.append(None)
        chosen = _legal_rows(engine, state, wanted, default)
        engine.resolve_turn(state, chosen)
        logged = log[t].choices if t < runs else {}
        for e in np.flatnonzero(state.pending.any(axis=0)):
            event_id = engine.events[int(e)]
            count = int(engine.cs.event_choice_count[int(e)])
            picks = np.asarray(fallback.choose(engine, state, int(e)), dtype=np.int64).copy()
            given = logged.get(event_id)
            if given is not None and 0 <= given < count:
                picks[:] = given
            engine.apply_choice(state, int(e), picks)
        engine.end_turn(state)
    scores = engine.score(state)
    _, outcome = engine.outcome(state)
    return [
        Turning(
            turn=t + 1,
            stance=leans[t],
            instead="partner" if leans[t] == "push" else "push",
            decisions=tuple(log[t].decisions),
            alternative=alternatives[t],
            actual_score=actual_score,
            flipped_score=float(min(100.0, max(0.0, scores[t]))),
            flipped_outcome=OUTCOMES[int(outcome[t])],
        )
        for t in range(runs)
    ]


def most_consequential(turnings: Sequence[Turning]) -> Turning | None:
    """The flipped turn that would have changed the final score most (ties: the earliest)."""
    if not turnings:
        return None
    return max(turnings, key=lambda t: (abs(t.delta), -t.turn))


def policy_games(engine: Engine, seed: int, policies: Sequence[str] = POLICIES) -> list[PolicyGame]:
    """Each built-in policy's game on the same seed, with its numbers turn by turn."""
    from game.sim.compiled import OUTCOMES
    from game.sim.sums import weighted_mean

    power = engine.cs.power
    stances = {a.id: a.stance for a in engine.scenario.actions}
    out = []
    for name in policies:
        policy = get_policy(name)
        state = engine.start(np.array([rnd.as_seed(seed)], dtype=np.uint64))
        game = PolicyGame(name, 0.0, "", "")

        def record(s: State, g: PolicyGame = game) -> None:
            g.scores.append(float(engine.score(s)[0]))
            g.trust.append(float(weighted_mean(s.trust, power)[0]))
            g.support.append(float(weighted_mean(s.support, power)[0]))
            g.progress.append(float(s.progress[0].mean()) if s.progress.shape[1] else 0.0)

        record(state)
        while not state.ended[0]:
            chosen = policy.decide(engine, state)
            engine.resolve_turn(state, chosen)
            answers = batch.answer_events(engine, state, policy)
            engine.end_turn(state)
            kinds = [stances.get(d.action, "neutral") for d in engine.decode(chosen[0])]
            for e, picks in answers.items():
                pick = int(picks[0])
                choices = engine.scenario.events[e].choices
                if 0 <= pick < len(choices):
                    kinds.append(choices[pick].stance)
            game.partner += kinds.count("partner")
            game.push += kinds.count("push")
            game.neutral += kinds.count("neutral")
            record(state)
        ending, outcome = engine.outcome(state)
        game.score = min(100.0, max(0.0, game.scores[-1]))
        game.ending = engine.endings[int(ending[0])]
        game.outcome = OUTCOMES[int(outcome[0])]
        out.append(game)
    return out


def what_if(
    scenario: Scenario,
    seed: int,
    log: Sequence[TurnRecord],
    actual_score: float,
    policies: Sequence[str] = POLICIES,
    engine: Engine | None = None,
) -> WhatIf:
    """The built-in policies' games and every flipped turn, on the seed of a played game."""
    engine = engine or Engine(scenario)
    turnings = flip_each_turn(engine, seed, log, actual_score)
    return WhatIf(
        seed=int(seed),
        actual_score=float(actual_score),
        policies=tuple(policy_games(engine, seed, policies)),
        turnings=tuple(turnings),
        pivotal=most_consequential(turnings),
    )
