"""Simple rules: a family of shallow strategies, one rule per run of a batch.

A simple rule is what a player who does not read the map could follow: two
phases (partnering, then pushing) with a fixed order of preference among the
actions in each, a fixed way of picking whom to work on, and a fixed way of
answering events. The only things it reads are the turn, the system's
readiness (the number the balanced policy switches on) and, to pick a target,
one named quantity (most powerful, least trusting, ...).

The audit (``game.analysis.audit``) searches this family for the rule that wins
most often: if a rule this simple wins, the scenario does not need reading.
Each run of a batch may follow its own rule (``RuleBook`` holds the
parameters per run), so a whole population of candidate rules is played in
one batch on common random numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import NDArray

from game.sim.engine import Engine
from game.sim.policies import NEUTRAL, PARTNER, PUSH, fill_budget, first_by_stance, readiness
from game.sim.state import State

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]

# Whom a rule works on, among the stakeholders an action can target.
SELECTORS: tuple[str, ...] = (
    "most_powerful",  # power
    "least_trusting",  # 1 - trust
    "most_to_gain",  # power x missing trust
    "most_opposed",  # power x opposition
    "likeliest_to_yield",  # power x opposition x trust: a powerful opponent who still trusts you
)
# Which programme a rule pushes (or works on).
PROGRAMME_CHOICES: tuple[str, ...] = ("least_advanced", "most_advanced")
# How a rule answers events: by the stance it prefers, or by its phase.
ANSWERS: tuple[str, ...] = ("partner", "push", "neutral", "by_phase")
NEVER_READY = np.inf


@dataclass
class RuleBook:
    """The parameters of one simple rule per run (every array has R rows).

    ``switch_turn``: the turn from which the rule is in its pushing phase
    (turns + 1: never by the clock); ``ready_at``: it also switches once the
    system's readiness reaches this (inf: never); ``weights`` (R, 2, A): each
    action's preference in the partnering (0) and pushing (1) phase, where a
    weight of 0 or less means never; ``engage_by`` / ``confront_by``: the
    selector (index into SELECTORS) for partner or neutral moves and for push
    moves aimed at a stakeholder; ``programme_by``: index into
    PROGRAMME_CHOICES; ``answer``: index into ANSWERS.
    """

    switch_turn: I64
    ready_at: F64
    weights: F64
    engage_by: I64
    confront_by: I64
    programme_by: I64
    answer: I64

    @property
    def runs(self) -> int:
        return int(self.switch_turn.shape[0])

    def take(self, index: NDArray[np.integer]) -> RuleBook:
        """The rules of the runs ``index`` (repeats allowed)."""
        return RuleBook(
            self.switch_turn[index],
            self.ready_at[index],
            self.weights[index],
            self.engage_by[index],
            self.confront_by[index],
            self.programme_by[index],
            self.answer[index],
        )

    @staticmethod
    def join(books: list[RuleBook]) -> RuleBook:
        """The rules of ``books`` one after the other."""
        return RuleBook(*(np.concatenate([getattr(b, f.name) for b in books], axis=0) for f in fields(RuleBook)))

    def repeat(self, times: int) -> RuleBook:
        """Each rule ``times`` times in a row (run i of the result follows rule i // times)."""
        return self.take(np.repeat(np.arange(self.runs), times))

    def rule(self, i: int) -> RuleBook:
        """Rule ``i`` alone (a one-run book)."""
        return self.take(np.array([i]))


class SimpleRules:
    """A policy that plays each run by its own simple rule.

    The book must have one rule per run of the states it is given, or a single
    rule that every run follows. ``decide`` and ``choose`` are the policy
    protocol of ``game.sim.policies``.
    """

    name = "simple_rule"

    def __init__(self, engine: Engine, book: RuleBook) -> None:
        self.book = book
        cs = engine.cs
        self._targets_stakeholder = cs.option_stakeholder >= 0
        self._targets_programme = cs.option_programme >= 0
        self._stakeholder = np.where(self._targets_stakeholder, cs.option_stakeholder, 0)
        self._programme = np.where(self._targets_programme, cs.option_programme, 0)
        self._push_option = cs.option_stance == PUSH
        # Each rule's weight of every option in each phase: (rules, 2, O).
        self._option_weight = book.weights[:, :, cs.option_action]
        self._single = book.runs == 1

    def take(self, rows: NDArray[np.integer]) -> SimpleRules:
        """The same policy for the runs ``rows`` only (a batch that drops
        finished games keeps each run on its own rule)."""
        if self._single:
            return self
        out = SimpleRules.__new__(SimpleRules)
        out.__dict__.update(self.__dict__)
        rows = np.asarray(rows)
        out.book = self.book.take(rows)
        out._option_weight = self._option_weight[rows]
        return out

    def _check(self, state: State) -> None:
        if not self._single and self.book.runs != state.runs:
            raise ValueError(f"a rule book of {self.book.runs} rules cannot play {state.runs} runs")

    def pushing(self, engine: Engine, state: State) -> B:
        """(R,) whether each run's rule is in its pushing phase now."""
        self._check(state)
        book = self.book
        if self._single:
            now = state.turn >= int(book.switch_turn[0])
            if not now and np.isfinite(book.ready_at[0]):
                ready: B = readiness(engine, state) >= book.ready_at[0]
                return ready
            return np.full(state.runs, now)
        clock: B = state.turn >= book.switch_turn
        if np.isfinite(book.ready_at).any():
            clock = clock | (readiness(engine, state) >= book.ready_at)
        return clock

    @staticmethod
    def _selector(engine: Engine, state: State, which: int) -> F64:
        """(R, N): every stakeholder's value under selector ``which`` (see SELECTORS)."""
        power = engine.cs.power[None, :]
        if which == 0:
            return np.broadcast_to(power, state.trust.shape)
        if which == 1:
            return 1.0 - state.trust
        if which == 2:
            return power * (1.0 - state.trust)
        if which == 3:
            return power * (1.0 - state.support)
        out: F64 = power * (1.0 - state.support) * state.trust
        return out

    def _selector_values(self, engine: Engine, state: State, which: I64) -> F64:
        """(R, N): each run's value of every stakeholder under its own selector."""
        if self._single:
            return self._selector(engine, state, int(which[0]))
        out = np.empty(state.trust.shape)
        for k in np.unique(which):
            rows = which == k
            out[rows] = self._selector(engine, state, int(k))[rows]
        return out

    def decide(self, engine: Engine, state: State, key: int = 0) -> B:
        return fill_budget(engine, state, self.priority(engine, state))

    def priority(self, engine: Engine, state: State) -> F64:
        """(R, O): each option's priority under each run's rule (-inf: never);
        the rule takes options in this order while its time lasts."""
        book = self.book
        r = state.runs
        phase = self.pushing(engine, state)
        if self._single:
            weight = np.where(phase[:, None], self._option_weight[0, 1], self._option_weight[0, 0])
        else:
            weight = self._option_weight[np.arange(r), phase.astype(np.int64)]  # (R, O)
        # Target values in [0, 1] order the options within one action.
        engage = self._selector_values(engine, state, book.engage_by)
        confront = self._selector_values(engine, state, book.confront_by)
        by_target = np.where(self._push_option[None, :], confront[:, self._stakeholder], engage[:, self._stakeholder])
        progress = state.progress[:, self._programme] if state.progress.shape[1] else np.zeros(weight.shape)
        least = book.programme_by[:, None] == 0
        by_programme = np.where(least, 1.0 - progress, progress)
        # A finished programme is never worked on.
        by_programme = np.where(progress >= 1.0, -np.inf, by_programme)
        value = np.where(
            self._targets_stakeholder[None, :],
            by_target,
            np.where(self._targets_programme[None, :], by_programme, 0.5),
        )
        out: F64 = np.where(weight > 0, 10.0 * weight + value, -np.inf)
        return out

    def choose(self, engine: Engine, state: State, event_index: int) -> I64:
        self._check(state)
        orders = ((PARTNER, NEUTRAL, PUSH), (PUSH, NEUTRAL, PARTNER), (NEUTRAL, PARTNER, PUSH))
        picks = [first_by_stance(engine, event_index, order) for order in orders]
        if self._single:
            mode = int(self.book.answer[0])
            if mode < 3:
                return np.full(state.runs, picks[mode], dtype=np.int64)
            out: I64 = np.where(self.pushing(engine, state), picks[1], picks[0]).astype(np.int64)
            return out
        by_phase = np.where(self.pushing(engine, state), picks[1], picks[0])
        table = np.array([*picks, 0], dtype=np.int64)
        chosen: I64 = np.where(self.book.answer == 3, by_phase, table[np.minimum(self.book.answer, 3)])
        return chosen


def book_of(engine: Engine, rules_list: list[dict[str, object]]) -> RuleBook:
    """A book from readable rule descriptions (used to seed the search with
    the built-in policies' shapes; every key is optional):

    ``switch_turn`` (int), ``ready_at`` (float), ``partner``/``push``/``neutral``
    (the weight of every action of that stance in both phases, or a pair
    (partnering phase, pushing phase)), ``engage_by``, ``confront_by``,
    ``programme_by``, ``answer`` (names from SELECTORS, PROGRAMME_CHOICES, ANSWERS).
    """
    cs = engine.cs
    a = len(cs.actions)
    stance_of_action = np.full(a, NEUTRAL)
    for o in engine.options:
        stance_of_action[o.action_index] = ("partner", "push", "neutral").index(o.stance)
    r = len(rules_list)
    book = RuleBook(
        switch_turn=np.full(r, cs.turns + 1, dtype=np.int64),
        ready_at=np.full(r, NEVER_READY),
        weights=np.zeros((r, 2, a)),
        engage_by=np.zeros(r, dtype=np.int64),
        confront_by=np.zeros(r, dtype=np.int64),
        programme_by=np.zeros(r, dtype=np.int64),
        answer=np.zeros(r, dtype=np.int64),
    )
    for i, spec in enumerate(rules_list):
        book.switch_turn[i] = int(spec.get("switch_turn", cs.turns + 1))  # type: ignore[call-overload]
        book.ready_at[i] = float(spec.get("ready_at", NEVER_READY))  # type: ignore[arg-type]
        for stance, code in (("partner", PARTNER), ("push", PUSH), ("neutral", NEUTRAL)):
            w = spec.get(stance, 0.0)
            pair = w if isinstance(w, tuple) else (w, w)
            for phase in (0, 1):
                book.weights[i, phase, stance_of_action == code] = float(pair[phase])
        book.engage_by[i] = SELECTORS.index(str(spec.get("engage_by", "most_to_gain")))
        book.confront_by[i] = SELECTORS.index(str(spec.get("confront_by", "most_opposed")))
        book.programme_by[i] = PROGRAMME_CHOICES.index(str(spec.get("programme_by", "least_advanced")))
        book.answer[i] = ANSWERS.index(str(spec.get("answer", "partner")))
    return book


def built_in_shapes(engine: Engine) -> list[dict[str, object]]:
    """Rules shaped like the built-in policies and the obvious fixed plans, to
    start the search from: partner only, force only, balanced's switch,
    force from the first turn with partner answers, and push-then-partner."""
    last = engine.turns + 1
    return [
        {"partner": 1.0, "neutral": 0.1, "push": -1.0, "answer": "partner"},
        {"switch_turn": 1, "push": 1.5, "neutral": 0.1, "partner": -1.0, "answer": "push",
         "confront_by": "most_opposed"},
        {"ready_at": 0.9, "partner": (1.0, 0.5), "push": (-1.0, 1.5), "neutral": 0.0, "answer": "by_phase",
         "switch_turn": max(1, last - 4)},
        {"switch_turn": 1, "push": 1.5, "partner": 1.0, "neutral": -1.0, "answer": "partner"},
        {"switch_turn": 3, "push": (-1.0, 1.5), "partner": 1.0, "neutral": -1.0, "answer": "partner"},
        {"switch_turn": 1, "push": 1.0, "partner": 1.5, "neutral": -1.0, "answer": "partner"},
    ]
