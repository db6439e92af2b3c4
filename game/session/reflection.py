"""Which of a scenario's debrief questions fit the game just played, in the order they are asked.

A question written ``{ask: ..., when: ...}`` is asked only when its condition
holds at the end of the game: the final turn's values, read as an ending's
condition reads them, plus the player's record over the whole game (see
:data:`game.scenario.expressions.RECORD_NAMESPACES`):

* ``taken.ACTION``: how many times the player took the action;
* ``moves.partner``, ``moves.push``, ``moves.neutral``: the player's moves of
  each stance, actions and event choices together (as the debrief counts them);
* ``chose.EVENT``: the number of the choice made in the event, 1 for the first
  (the latest, if it came more than once), 0 if it never came or lapsed;
* ``ending.ENDING``: 1 for the ending reached, 0 for every other.

Questions whose condition holds come first, then the ones always asked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np

from game.scenario.expression_compiler import compile_expression
from game.scenario.expressions import RECORD_NAMESPACES, ExpressionError
from game.scenario.player_record import question_names
from game.scenario.schema import Question, Scenario
from game.sim.decisions import TurnRecord
from game.sim.engine import Engine
from game.sim.env import F64, StateEnv
from game.sim.state import State


def record(scenario: Scenario, log: Sequence[TurnRecord], ending: str | None) -> dict[tuple[str, str], float]:
    """The player's record as expression values: ``(namespace, id) -> number`` (absent means 0)."""
    out: dict[tuple[str, str], float] = {}
    stances = {a.id: a.stance for a in scenario.actions}
    events = {e.id: e for e in scenario.events}

    def add(key: tuple[str, str]) -> None:
        out[key] = out.get(key, 0.0) + 1.0

    for turn in log:
        for d in turn.decisions:
            add(("taken", d.action))
            add(("moves", stances.get(d.action, "neutral")))
        for event_id, index in turn.choices.items():
            event = events.get(event_id)
            if event is None or not 0 <= index < len(event.choices):
                continue
            out[("chose", event_id)] = float(index + 1)
            add(("moves", event.choices[index].stance))
    if ending is not None:
        out[("ending", ending)] = 1.0
    return out


class _RecordEnv(StateEnv):
    """A state's values, and the player's record for the record namespaces."""

    def __init__(self, engine: Engine, state: State, counts: Mapping[tuple[str, str], float]) -> None:
        super().__init__(engine.cs, state)
        self.counts = counts

    def column(self, namespace: str, key: str) -> F64:
        if namespace in RECORD_NAMESPACES:
            return np.full(self.state.runs, self.counts.get((namespace, key), 0.0))
        return super().column(namespace, key)


def asked(engine: Engine, state: State, log: Sequence[TurnRecord], over: bool) -> list[int]:
    """Indices into ``debrief.questions`` of the questions for this game, in the order to ask them.

    ``state`` is the game's state (one run) after its last turn; ``over`` says
    the game has ended (the turn clock has then moved past the last turn
    played). A condition that cannot be evaluated (a scenario that skipped
    the checks) leaves its question out rather than stopping the debrief.
    """
    scenario = engine.scenario
    questions = scenario.debrief.questions
    conditional = [i for i, q in enumerate(questions) if isinstance(q, Question) and q.when is not None]
    always = [i for i in range(len(questions)) if i not in conditional]
    if not conditional:
        return always
    ended = int(state.ending[0])
    ending = scenario.endings[ended].id if over and 0 <= ended < len(scenario.endings) else None
    final = dataclasses.replace(state, turn=int(state.turn) - 1 if over else int(state.turn))
    env = _RecordEnv(engine, final, record(scenario, log, ending))
    names = question_names(scenario)
    fits: list[int] = []
    for i in conditional:
        question = questions[i]
        assert isinstance(question, Question) and question.when is not None
        try:
            value = compile_expression(question.when, names)(env)
        except (ExpressionError, KeyError, IndexError, ValueError):
            continue
        if bool(np.asarray(value).reshape(-1)[0] != 0):
            fits.append(i)
    return fits + always


def question_text(question: Question | str | dict[str, str]) -> str | dict[str, str]:
    """The text of a question in either form, as written (for a :class:`~game.session.wording.Namer`)."""
    return question.ask if isinstance(question, Question) else question
